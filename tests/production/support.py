"""What the production tests share: a redis-server of their own, a browser session that
many threads use at once (through the Flask test client or over HTTP), and the account's
invariants."""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlencode

import pytest
import redis

from webapp import create_app
from webapp.domain.account import STATUSES
from webapp.store import VersionConflict

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server")
CONFIG = {"SECRET_KEY": "test", "TESTING": True}
PASSWORD = "123456"


def require_redis_server():
    if REDIS_SERVER is not None:
        return
    if os.environ.get("CI"):
        pytest.fail("redis-server is not installed: .ci/run must apt-get install redis-server")
    pytest.skip("redis-server is not installed (apt-get install redis-server); "
                "the Redis store's tests start one of their own")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(ready, what, seconds=20):
    """Poll ``ready()`` until it is true; a process that never gets there fails the test."""
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {seconds} s")
        time.sleep(0.02)


class RedisServer:
    """A redis-server of the test's own, on a free port, which the test may kill, pause and
    start again. ``durable`` keeps every write on disk (as a managed Redis does), so what
    was saved before a kill is there after the restart."""

    def __init__(self, directory, durable=False):
        self.port = free_port()
        self.directory = directory
        self.durable = durable
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        return redis.Redis(port=self.port, socket_timeout=2, decode_responses=True)

    def start(self):
        persistence = (["--appendonly", "yes", "--appendfsync", "always"] if self.durable
                       else ["--appendonly", "no"])
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--dir", str(self.directory), "--loglevel", "warning", *persistence],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = self.client()

        def answers():
            if self.process.poll() is not None:
                pytest.fail(f"redis-server exited with {self.process.returncode}")
            try:
                return client.ping()
            except redis.ConnectionError:
                return False

        wait_until(answers, f"redis-server answering on port {self.port}")
        client.close()

    def kill(self):
        """Gone at once, as a crash: no shutdown, no goodbye to its clients."""
        self.process.kill()
        self.process.wait()

    def pause(self):
        """Still listening but answering nothing, as a hung server."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.resume()
            self.process.terminate()
            self.process.wait(timeout=10)


def make_app(**config):
    return create_app({**CONFIG, **config})


def count_conflicts(app):
    """A list that gets one item per save the app's store refuses as stale: proof that a
    test's requests really raced."""
    store = app.extensions["account_store"]
    save_raw, conflicts = store.save_raw, []

    def counting_save_raw(*args):
        try:
            return save_raw(*args)
        except VersionConflict:
            conflicts.append(1)
            raise

    store.save_raw = counting_save_raw
    return conflicts


def slow_reads(app, seconds=0.02):
    """Make every read of the app's store take a little longer, as a store across a network
    does, so that requests released together all read before any of them saves."""
    store = app.extensions["account_store"]
    get_raw = store.get_raw

    def slow_get_raw(key):
        found = get_raw(key)
        time.sleep(seconds)
        return found

    store.get_raw = slow_get_raw


# -- one browser session, from many threads --------------------------------------------------

CSRF_FIELD = re.compile(r'<input[^>]*name="csrf_token"[^>]*>')
ONCE_FIELD = re.compile(r'<input[^>]*name="once"[^>]*>')
VALUE = re.compile(r'value="([^"]*)"')


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def location(self):
        return self.headers.get("Location")

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


class Browser:
    """One browser session: its cookie and CSRF token, sent with every request, from any
    number of threads at once (as a double click or a second tab does). Requests go
    through ``_send``: the Flask test client here, HTTP in ``HttpBrowser``."""

    cookie_name = "session"

    def __init__(self):
        first = self._send("GET", "/stage")  # a page with forms: the CSRF token
        assert first.status == 200, first.status
        self.cookie = self._session_cookie(first)
        self.token = VALUE.search(CSRF_FIELD.search(first.text).group()).group(1)

    def _session_cookie(self, response):
        for header in response.headers.getlist("Set-Cookie"):
            name, _, rest = header.partition("=")
            if name == self.cookie_name:
                return rest.split(";", 1)[0]
        raise AssertionError("no session cookie was set")

    def request(self, method, path, form=None, json_body=None):
        """A form (with the session's CSRF token) or a JSON body, or neither."""
        if form is not None:
            return self.send(method, path, urlencode({"csrf_token": self.token, **form}),
                             "application/x-www-form-urlencoded")
        if json_body is not None:
            return self.send(method, path, json.dumps(json_body), "application/json")
        return self.send(method, path)

    def send(self, method, path, body=None, content_type=None, query=""):
        """Exactly this body, content type and query string, with the session's cookie and
        nothing else."""
        headers = {"Cookie": f"{self.cookie_name}={self.cookie}"}
        if content_type is not None:
            headers["Content-Type"] = content_type
        return self._send(method, path, headers, body, query)

    def form_token(self):
        """A one-time token of a form drawn now (any page with a form will do: it names the
        account, not the form)."""
        page = self.send("GET", "/scenarios/fresh")
        assert page.status == 200, page.status
        return VALUE.search(ONCE_FIELD.search(page.text).group()).group(1)

    def post_form(self, path, **form):
        """A form as a browser sends it: with a newly drawn form's one-time token unless
        ``once`` says which (the same one, sent again, is a resend or a double click)."""
        if "once" not in form:
            form["once"] = self.form_token()
        return self.request("POST", path, form=form)

    def api(self, path, **body):
        response = self.request("POST", f"/api/{path}", json_body=body)
        assert response.status == 200, (response.status, response.text)
        return response.json()

    def account(self):
        response = self.request("GET", "/api/account")
        assert response.status == 200, (response.status, response.text)
        return response.json()


class FlaskBrowser(Browser):
    def __init__(self, app):
        self.app = app
        super().__init__()

    def _send(self, method, path, headers=None, body=None, query=""):
        client = self.app.test_client(use_cookies=False)
        path, _, in_path = path.partition("?")
        # The path as a server hands it on (percent escapes decoded to bytes), so that any
        # path can be sent, "//host/x" too, which the test client would read as a host.
        raw_path = unquote_to_bytes(path).decode("latin-1")
        query = query or in_path
        with client.open("/", method=method, headers=headers or {}, data=body,
                         query_string=query or None,
                         environ_overrides={"PATH_INFO": raw_path}) as response:
            return Response(response.status_code, response.headers, response.get_data())


class _Headers:
    def __init__(self, message):
        self.message = message

    def getlist(self, name):
        return self.message.get_all(name) or []

    def get(self, name, default=None):
        return self.message.get(name, default)


class HttpBrowser(Browser):
    def __init__(self, port):
        self.port = port
        super().__init__()

    def _send(self, method, path, headers=None, body=None, query=""):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        if query:
            path += "?" + query
        try:
            connection.request(method, path, body=body.encode() if body else None,
                               headers=headers or {})
            response = connection.getresponse()
            return Response(response.status, _Headers(response.msg), response.read())
        finally:
            connection.close()


def in_threads(count, work):
    """Run ``work(i)`` in ``count`` threads released at the same moment; their results."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def run(i):
        barrier.wait()
        try:
            results[i] = work(i)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return results


# -- what must always hold ---------------------------------------------------------------------

def assert_invariants(account):
    """The account's invariants, read from GET /api/account."""
    assert account["status"] in STATUSES
    outstanding_principal = sum(item["principal"] for loan in account["loans"]
                                for item in loan["installments"] if not item["paid"])
    if account["status"] == "active":
        assert account["available"] == account["credit_limit"] - outstanding_principal
        assert account["available"] >= 0
    else:
        assert account["available"] == 0
    assert all(card["balance"] >= 0 for card in account["cards"])
    assert 0 <= account["password_tries_left"] <= 3
    date.fromisoformat(account["sim_date"])


def new_events(before, after, *kinds):
    """The events ``after`` has that ``before`` had not, of these kinds."""
    seen = max((event["id"] for event in before["events"]), default=0)
    return [event for event in after["events"] if event["id"] > seen and event["kind"] in kinds]


def balance(account, card="cmb"):
    return next(c["balance"] for c in account["cards"] if c["id"] == card)


def days_between(before, after):
    return (date.fromisoformat(after["sim_date"]) - date.fromisoformat(before["sim_date"])).days


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


def workers_that_served(log):
    return {line.split()[0] for line in log.read_text().splitlines() if line.strip()}
