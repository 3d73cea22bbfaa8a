"""make serve's gunicorn: two worker processes with threads, sharing one Redis, serve one
session's racing requests without losing an update; and it refuses to start unsafely."""

import pytest

from tests.production import races
from tests.production.support import (ACCESS_LOG_FORMAT, HttpBrowser, free_port, gunicorn,
                                      wait_until, workers_that_served)


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
