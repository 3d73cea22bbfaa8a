"""gunicorn for the benchmark: the workers and threads of ``make serve`` with the in-memory
store (one worker of four threads), the same for every server of a run, and no access log
(a line per request would be measured too). BENCH_PORT and BENCH_ERROR_LOG come from the
harness, the app's settings (SECRET_KEY, ACCOUNT_STORE_URL) from the environment."""

import os

wsgi_app = "bench.wsgi:make_app()"
bind = f"127.0.0.1:{os.environ['BENCH_PORT']}"
workers = int(os.environ.get("BENCH_WORKERS", "1"))
threads = int(os.environ.get("BENCH_THREADS", "4"))
worker_class = "gthread"
accesslog = None
errorlog = os.environ.get("BENCH_ERROR_LOG", "-")
loglevel = "warning"
control_socket_disable = True
