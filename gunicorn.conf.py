"""gunicorn's settings for ``make serve``: worker processes, each with several threads.

gunicorn reads this file from the working directory. HOST, PORT, WORKERS and THREADS come
from the environment (``make serve PORT=8000 WORKERS=4``). Several workers only share
accounts through a shared store, so without ACCOUNT_STORE_URL there is one worker, and
asking for more is refused; every worker must sign cookies alike, so SECRET_KEY is required.
"""

import os
import sys

if not os.environ.get("SECRET_KEY"):
    sys.exit(
        "make serve: SECRET_KEY is not set. Every worker (and machine) must sign session "
        "cookies with the same key; set a long random one, for example:\n"
        "  export SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')\n"
        "(make run works without one, for a single process.)"
    )

_shared_store = os.environ.get("ACCOUNT_STORE_URL", "") not in ("", "memory://")
workers = int(os.environ.get("WORKERS") or (2 if _shared_store else 1))
if workers > 1 and not _shared_store:
    sys.exit(
        f"make serve: WORKERS={workers} needs a shared account store: set "
        "ACCOUNT_STORE_URL=redis://host:6379/0, or use WORKERS=1 (the in-memory store "
        "belongs to one process)."
    )
threads = int(os.environ.get("THREADS") or 4)
worker_class = "gthread"
bind = f"{os.environ.get('HOST') or '127.0.0.1'}:{os.environ.get('PORT') or '5000'}"
wsgi_app = "webapp:create_app()"
accesslog = "-"
# gunicorn 27's control socket is one path per user, which two servers would fight over.
control_socket_disable = True
