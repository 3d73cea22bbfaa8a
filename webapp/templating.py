"""Jinja as the app uses it: the same templates, a cheaper ``{% import %}``; and hooks
not re-inspected on every request.

Every ``{% from "components/..." import ... %}`` asks Jinja which globals the importing
template has that the imported one lacks (``Template._get_default_module``), a set
difference against the template's globals. Jinja keeps those globals in a ``ChainMap``
over the environment's, whose membership test is Python code: with the app's forty-odd
globals and ten imports a screen, that difference was a seventh of a phone screen's work
(bench/profile_fix.md). A plain dict answers the same question in C. The app adds all its
globals in ``create_app``, before the first template loads, which is what Jinja asks of
every application anyway, so a snapshot taken when a template loads is complete.
"""

from flask import Flask
from flask.templating import Environment as FlaskEnvironment


class Environment(FlaskEnvironment):
    def make_globals(self, d):
        return {**self.globals, **(d or {})}


class App(Flask):
    """Flask, with Jinja as above, and hooks not asked again whether they are coroutines.

    Flask asks ``inspect.iscoroutinefunction`` of every hook and view on every request
    (``ensure_sync``): fifteen hooks, fifteen asks a request. The answer for a function never
    changes, so it is kept."""

    jinja_environment = Environment

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._synced = {}

    def ensure_sync(self, func):
        try:
            return self._synced[func]
        except KeyError:
            synced = self._synced[func] = super().ensure_sync(func)
            return synced
        except TypeError:  # an unhashable callable
            return super().ensure_sync(func)
