"""The domain and the journey engine are plain Python: no module under webapp/domain/ or
webapp/journey/ imports the web framework, directly or through another part of the app
(DESIGN: "plain Python with no Flask import"; the journey: "a pure engine (no Flask)"). The
journey may ask the domain; the domain asks nothing of the app.

Read from the source with ``ast``, since importing ``webapp.domain`` imports ``webapp``'s
own ``__init__`` (the app factory, hence Flask) first.
"""

import ast
from pathlib import Path

import pytest

WEBAPP = Path(__file__).resolve().parents[2] / "webapp"
WEB_PACKAGES = {"flask", "werkzeug", "flask_wtf", "flask_babel", "jinja2"}
# Each pure package, and the parts of the app its modules may import.
PURE = {"domain": ("webapp.domain",), "journey": ("webapp.domain", "webapp.journey")}
MODULES = sorted(path for package in PURE for path in (WEBAPP / package).rglob("*.py"))


def package_of(path):
    return path.relative_to(WEBAPP).parts[0]


def allowed(name, path):
    return any(name == part or name.startswith(part + ".") for part in PURE[package_of(path)])


def imported_names(source):
    """Every module name the source imports, at any depth: ``import x``, ``from x import y``
    and ``importlib.import_module("x")`` / ``__import__("x")`` with a literal name."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: inside webapp.domain by construction
                yield "webapp.domain"
            else:
                yield node.module
        elif (isinstance(node, ast.Call) and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
              and getattr(node.func, "attr", getattr(node.func, "id", None))
              in ("import_module", "__import__")):
            yield node.args[0].value


def test_there_are_domain_and_journey_modules_to_check():
    assert {path.name for path in MODULES} >= {"__init__.py", "account.py", "loans.py",
                                                "engine.py", "route.py"}


def module_id(path):
    return f"{package_of(path)}/{path.name}"


@pytest.mark.parametrize("path", MODULES, ids=module_id)
def test_a_domain_module_imports_no_web_package(path):
    web = [name for name in imported_names(path.read_text(encoding="utf-8"))
           if name.split(".")[0] in WEB_PACKAGES]
    assert not web, f"{path.name} imports {web}: the domain must not know about HTTP"


@pytest.mark.parametrize("path", MODULES, ids=module_id)
def test_a_pure_module_imports_nothing_of_the_app_but_what_is_pure(path):
    """webapp.i18n, webapp.scenarios, … import Flask themselves."""
    outside = [name for name in imported_names(path.read_text(encoding="utf-8"))
               if name.split(".")[0] == "webapp" and not allowed(name, path)]
    assert not outside, f"{module_id(path)} imports {outside}"


@pytest.mark.parametrize("source", [
    "import flask",
    "from flask import g",
    "import werkzeug.exceptions as exc",
    "def later():\n    from flask_babel import gettext",
    "from jinja2 import Template",
    "import flask_wtf",
    "import importlib\nimportlib.import_module('flask')",
    "__import__('werkzeug')",
])
def test_the_check_sees_every_form_of_import(source):
    assert any(name.split(".")[0] in WEB_PACKAGES for name in imported_names(source))


def test_the_check_sees_an_app_module_imported_from_the_domain():
    names = set(imported_names("from webapp import i18n\nfrom webapp.domain import money\n"
                               "from . import loans"))
    assert names == {"webapp", "webapp.domain"}
