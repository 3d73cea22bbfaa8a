"""The two ways to serve the app without gunicorn, as the README gives them:
``python -m webapp --host H --port P`` and ``flask --app webapp run --port P``.

Each is started as a process of its own on a free port, must answer the WeChat home within a
bounded time, must not run Flask's debugger (which would run code sent by any visitor), and
is always stopped. And without a SECRET_KEY the app warns that its random key suits one
process only."""

import http.client
import os
import signal
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from tests.production.support import free_port, wait_until
from webapp import create_app

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 20
SECRET_KEY_WARNING = "SECRET_KEY is not set"
# What the environment could bring in that changes how the app starts.
INHERITED = ("SECRET_KEY", "ACCOUNT_STORE_URL", "HOST", "PORT", "FLASK_DEBUG", "FLASK_APP",
             "FLASK_RUN_HOST", "FLASK_RUN_PORT", "FLASK_ENV")


def environment(**extra):
    environ = {name: value for name, value in os.environ.items()
               if name not in INHERITED and not name.startswith("WEILIDAI_")}
    return {**environ, "PYTHONUNBUFFERED": "1", **extra}


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


@pytest.fixture
def serve(tmp_path):
    """Start ``command`` on ``port``; wait until it answers; yield its output so far, a
    callable. The process is stopped whatever the test does."""
    processes = []

    def start(command, port, env):
        log = tmp_path / f"server-{port}.log"
        with log.open("w") as sink:
            # A session of its own, so that stopping it stops any child it started too.
            process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sink,
                                       stderr=subprocess.STDOUT, text=True,
                                       start_new_session=True)
        processes.append(process)

        def answering():
            if process.poll() is not None:
                pytest.fail(f"{command} exited with {process.returncode}:\n{log.read_text()}")
            try:
                return get(port, "/")[0] == 200
            except OSError:
                return False

        wait_until(answering, f"{' '.join(command[1:])} answering on {port}", STARTUP_SECONDS)
        return log.read_text

    yield start
    for process in processes:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(timeout=10)
                break
            except subprocess.TimeoutExpired:
                continue


def assert_serves_the_wechat_home_without_the_debugger(port, output):
    status, home = get(port, "/")
    assert status == 200
    assert 'data-testid="screen-wechat-home"' in home
    assert 'class="phone__screen"' in home

    status, missing = get(port, "/no-such-page")
    assert status == 404
    assert 'data-testid="screen-error-404"' in missing
    for sign in ("Traceback", "Werkzeug Debugger", "__debugger__", "console.png"):
        assert sign not in missing, sign
    # When it is on, the debugger answers this query with its own script, to anyone.
    status, page = get(port, "/?__debugger__=yes&cmd=resource&f=debugger.js")
    assert status == 200
    assert 'data-testid="screen-wechat-home"' in page and "EVALEX" not in page

    text = output()
    assert "Debug mode: off" in text, text
    assert "Debugger is active" not in text and "Debugger PIN" not in text, text


def test_python_m_webapp_serves_on_the_host_and_port_given(serve):
    port = free_port()
    output = serve([sys.executable, "-m", "webapp", "--host", "127.0.0.1", "--port", str(port)],
                   port, environment(SECRET_KEY="entry-point-test"))
    assert_serves_the_wechat_home_without_the_debugger(port, output)
    assert SECRET_KEY_WARNING not in output()


def test_flask_app_webapp_run_serves_on_the_port_given(serve):
    port = free_port()
    output = serve([sys.executable, "-m", "flask", "--app", "webapp", "run", "--port", str(port)],
                   port, environment(SECRET_KEY="entry-point-test"))
    assert_serves_the_wechat_home_without_the_debugger(port, output)
    assert SECRET_KEY_WARNING not in output()


def test_without_a_secret_key_the_server_still_starts_and_warns_in_its_output(serve):
    port = free_port()
    output = serve([sys.executable, "-m", "webapp", "--host", "127.0.0.1", "--port", str(port)],
                   port, environment())
    assert f"RuntimeWarning: {SECRET_KEY_WARNING}" in output()
    assert "sessions will not survive a restart or be shared between workers" in output()


def test_without_a_secret_key_each_app_warns_and_makes_its_own_random_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    keys = []
    for _ in range(2):
        with pytest.warns(RuntimeWarning, match=SECRET_KEY_WARNING):
            keys.append(create_app({"TESTING": True}).config["SECRET_KEY"])
    assert all(len(key) >= 32 for key in keys)
    assert keys[0] != keys[1]


@pytest.mark.parametrize("where", ["environment", "config"])
def test_with_a_secret_key_there_is_no_warning_and_the_key_is_kept(monkeypatch, where):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    config = {"TESTING": True}
    if where == "environment":
        monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    else:
        config["SECRET_KEY"] = "from-the-environment"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        app = create_app(config)
    assert app.config["SECRET_KEY"] == "from-the-environment"


@pytest.mark.parametrize("argv, host", [([], "127.0.0.1"), (["--host", "0.0.0.0"], "0.0.0.0")])
def test_python_m_webapp_tells_the_app_where_it_listens(monkeypatch, argv, host):
    """make class (``--host 0.0.0.0``): the app knows, so a class's join link carries the
    machine's network address. Nothing is bound here: the server's run is recorded."""
    import webapp.__main__ as entry

    monkeypatch.delenv("HOST", raising=False)
    made = []

    class Recorded:
        def __init__(self, config):
            made.append(create_app({**config, "SECRET_KEY": "entry-point-test"}).config)

        def run(self, **options):
            made.append(options)

    monkeypatch.setattr(entry, "create_app", Recorded)
    entry.main([*argv, "--port", "5123"])
    config, options = made
    assert config["HOST"] == options["host"] == host and options["port"] == 5123
