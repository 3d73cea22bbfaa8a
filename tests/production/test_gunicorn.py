"""make serve's gunicorn: two worker processes with threads, sharing one Redis, serve one
session's racing requests without losing an update; and it refuses to start unsafely."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.production import races
from tests.production.support import HttpBrowser, free_port, wait_until

ROOT = Path(__file__).resolve().parents[2]
# The access log names the worker process (%(p)s) that served each request.
ACCESS_LOG_FORMAT = "%(p)s %(m)s %(U)s %(s)s"


def gunicorn(env, *args, output=subprocess.PIPE):
    """gunicorn as make serve runs it: from the project folder, with gunicorn.conf.py."""
    environ = {k: v for k, v in os.environ.items()
               if k not in ("SECRET_KEY", "ACCOUNT_STORE_URL", "WORKERS", "THREADS")}
    environ.update(env)
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", *args],
        cwd=ROOT, env=environ, stdout=output, stderr=subprocess.STDOUT, text=True)


@pytest.fixture
def served(redis_url, tmp_path):
    """Two workers of four threads each on a free port; yields (port, access log path)."""
    port, log, output = free_port(), tmp_path / "access.log", tmp_path / "gunicorn.log"
    with output.open("w") as sink:
        server = gunicorn({"SECRET_KEY": "served-by-two-workers",
                           "ACCOUNT_STORE_URL": redis_url, "HOST": "127.0.0.1",
                           "PORT": str(port), "WORKERS": "2", "THREADS": "4"},
                          "--access-logfile", str(log), "--access-logformat", ACCESS_LOG_FORMAT,
                          output=sink)

    def up():
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited: {output.read_text()}")
        try:
            return HttpBrowser(port) is not None
        except OSError:
            return False

    try:
        wait_until(up, "gunicorn answering")
        yield port, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def workers_that_served(log):
    return {line.split()[0] for line in log.read_text().splitlines() if line.strip()}


def test_two_workers_sharing_redis_lose_no_update_of_one_session(served):
    port, log = served
    browser = HttpBrowser(port)
    races.double_clicked_repay(browser, clicks=8)
    races.two_tabs_toggling_auto_repay(browser, rounds=8)
    races.clock_moves_racing_a_repayment(browser, movers=4, days_each=5, clicks=3)
    assert len(workers_that_served(log)) == 2, "one worker served everything: nothing shared"


@pytest.mark.parametrize("env, message", [
    ({}, "SECRET_KEY is not set"),
    ({"SECRET_KEY": "k", "WORKERS": "2"}, "needs a shared account store"),
])
def test_make_serve_refuses_to_start_unsafely_with_a_message(env, message):
    server = gunicorn(env)
    output, _ = server.communicate(timeout=30)
    assert server.returncode != 0
    assert message in output
