"""The app served from a background thread on a free loopback port.

Used by ``e2e/conftest.py`` (the session's ``live_server``) and ``scripts/screenshots.py``.
"""

import logging
import threading

from werkzeug.serving import WSGIRequestHandler, make_server

from webapp import create_app

# The configuration the browser tests run with: a fixed key (no "SECRET_KEY is not set"
# warning, which the test suite turns into an error), CSRF on as in production.
E2E_CONFIG = {
    "SECRET_KEY": "e2e-tests-only-not-a-secret",
}

log = logging.getLogger("e2e.live_server")


class _RequestHandler(WSGIRequestHandler):
    """Werkzeug's handler, logging to a named logger instead of straight to stderr."""

    def log(self, type, message, *args):  # noqa: A002 - werkzeug's signature
        level = logging.ERROR if type == "error" else logging.DEBUG
        log.log(level, "%s %s", self.address_string(), message % args)


class LiveServer:
    """``with LiveServer() as server: ... server.url ...``"""

    def __init__(self, app=None, config=None, host="127.0.0.1"):
        self.app = app or create_app({**E2E_CONFIG, **(config or {})})
        self._server = make_server(host, 0, self.app, threaded=True, request_handler=_RequestHandler)
        self.url = f"http://{host}:{self._server.server_port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="e2e-live-server", daemon=True
        )

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join()
        self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
