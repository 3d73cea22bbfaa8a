"""What the benchmark serves: the real app, and beside it, in the same process, a bare Flask
app with one route, ``/__hello/``, the ceiling every screen is measured against.

The product has no such route: the two apps are joined here, by werkzeug's dispatcher, so a
hello goes through the same gunicorn worker, threads and sockets as a screen, and nothing
else of ours. ``gunicorn 'bench.wsgi:make_app()'`` (bench/gunicorn.conf.py).
"""

from flask import Flask
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from webapp import create_app

MOUNT = "/__hello"
HELLO = MOUNT + "/"


def bare_flask():
    hello = Flask("hello")

    @hello.get("/")
    def index():
        return "hello"

    return hello


def make_app():
    return DispatcherMiddleware(create_app(), {MOUNT: bare_flask()})
