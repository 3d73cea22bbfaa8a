"""Weilidai Mock: the application factory."""

from pathlib import Path

from flask import Flask

from webapp import config as settings
from webapp.extensions import csrf

ROOT = Path(__file__).resolve().parent.parent


def create_app(config=None):
    """Build the app: defaults, then the environment, then ``config`` overrides."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    values = settings.from_environment()
    values.update(config or {})
    app.config.update(settings.ensure_secret_key(values))
    register_extensions(app)
    return app


def register_extensions(app):
    csrf.init_app(app)
