"""Jinja as the app uses it: the same templates, a cheaper ``{% import %}``.

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
    jinja_environment = Environment
