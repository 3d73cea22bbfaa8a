"""Jinja as the app uses it: the same templates, a cheaper ``{% import %}``, quicker calls
and printing (``Context``, ``escape_output``), templates kept in a plain dict, components that
draw only their parameters drawn once, a URL built once; and hooks not re-inspected on every
request. Each draws what Jinja's own draws (tests/web/test_templating.py, bench/same_html.py).

Every ``{% from "components/..." import ... %}`` asks Jinja which globals the importing
template has that the imported one lacks (``Template._get_default_module``), a set
difference against the template's globals. Jinja keeps those globals in a ``ChainMap``
over the environment's, whose membership test is Python code: with the app's forty-odd
globals and ten imports a screen, that difference was a seventh of a phone screen's work
(bench/profile_fix.md). A plain dict answers the same question in C. The app adds all its
globals in ``create_app``, before the first template loads, which is what Jinja asks of
every application anyway, so a snapshot taken when a template loads is complete.
"""

from types import FunctionType

import markupsafe
from flask import Flask, request
from flask.templating import Environment as FlaskEnvironment
from jinja2 import pass_eval_context
from jinja2.compiler import CodeGenerator as JinjaCodeGenerator
from jinja2.runtime import Context as JinjaContext
from jinja2.runtime import Macro
from jinja2.utils import internalcode
from markupsafe import Markup

try:  # MarkupSafe 3: the escaping itself, in C, without making a Markup of it
    from markupsafe import _escape_inner
except ImportError:  # pragma: no cover (an older MarkupSafe: the same text, made a Markup)
    def _escape_inner(text):
        return str(markupsafe.escape(text))

# What ``pass_eval_context`` marks a function with (Jinja's own value, read once).
_EVAL_CONTEXT = pass_eval_context(lambda eval_ctx: None).jinja_pass_arg


class Context(JinjaContext):
    """Jinja's context, with its ``call`` (every call a template makes: ``f(x)``, a macro,
    ``_()``) quicker for the two callables a page calls most, a macro and a Python function.

    Jinja's asks every callable whether it or its ``__call__`` wants the context, the
    evaluation context or the environment, four ``hasattr`` a call, a tenth of a phone
    screen's work all told. A macro never wants one, and a function says so by the one
    attribute Jinja's decorators set; anything else (a bound method, a class, a function
    that wants the context itself) still goes through Jinja's own, and so does every call
    when the answer would differ."""

    @internalcode
    def call(__self, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        kind = type(__obj)
        if kind is Macro:
            pass_arg = None
        elif kind is FunctionType:
            pass_arg = getattr(__obj, "jinja_pass_arg", None)
            if pass_arg is _EVAL_CONTEXT:
                args = (__self.eval_ctx, *args)
            elif pass_arg is not None:
                return JinjaContext.call(__self, __obj, *args, **kwargs)
        else:
            return JinjaContext.call(__self, __obj, *args, **kwargs)
        if kwargs:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception")


def escape_output(value):
    """What a page prints for ``{{ value }}`` where it escapes: what ``markupsafe.escape``
    makes of it, as the text that is joined into the page. Jinja's own makes every value a
    new ``Markup`` (a Python ``__new__`` each, a Markup from a macro or a ``_()`` made again),
    only to join it into the page's text: the most frequent call of every page."""
    kind = type(value)
    if kind is str:
        return _escape_inner(value)
    if kind is Markup:
        return value
    return markupsafe.escape(value)


class CodeGenerator(JinjaCodeGenerator):
    """Jinja's compiler, printing each escaped ``{{ value }}`` through ``escape_output``
    (the environment's), the rest as Jinja writes it."""

    def _output_child_pre(self, node, frame, finalize):
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            return super()._output_child_pre(node, frame, finalize)
        self.write("environment.escape_output(")
        if finalize.src is not None:
            self.write(finalize.src)


class Environment(FlaskEnvironment):
    """Flask's, with the context above, and templates kept in a plain dict: Jinja's LRU
    cache takes a lock and moves the name to the end of a deque on every lookup (each
    ``{% import %}``, ``{% include %}`` and ``{% extends %}``), and the app has a hundred-odd
    templates, all of which fit."""

    context_class = Context
    code_generator_class = CodeGenerator
    escape_output = staticmethod(escape_output)

    def __init__(self, app, **options):
        options.setdefault("cache_size", -1)
        super().__init__(app, **options)

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
        # ``url_for`` for a URL of this site, built once (``built_once``): the templates'
        # and the panel's.
        self.built_url = built_once(self.url_for)

    def ensure_sync(self, func):
        try:
            return self._synced[func]
        except KeyError:
            synced = self._synced[func] = super().ensure_sync(func)
            return synced
        except TypeError:  # an unhashable callable
            return super().ensure_sync(func)


def drawn_once(app, template, macro):
    """The macro ``macro`` of ``template``, for a component that draws nothing but its
    parameters (an icon): each set of parameters drawn once, then answered from memory. A
    call of a Python function costs a page a third of a macro call, and an icon is drawn a
    few times on every page. Drawn anew each time while templates reload (debug)."""
    drawn = {}

    def draw(*args):
        found = drawn.get(args)
        if found is None:
            found = getattr(app.jinja_env.get_template(template).module, macro)(*args)
            if not app.jinja_env.auto_reload:
                drawn[args] = found
        return found

    return draw


URLS_KEPT = 4096  # more than the app's pages have links (a link per loan and installment too)


def built_once(url_for):
    """The templates' ``url_for``: a URL of this site (no ``_external``, ``_anchor``, ...)
    built by Flask once for the root the app is served under, then answered from memory. A
    page names a dozen of them, and the trainer's panel two dozen, each built anew by werkzeug's
    routing map (a tenth of the panel's time)."""
    built = {}

    def cached(endpoint, **values):
        if endpoint[0] == ".":
            return url_for(endpoint, **values)
        if not values:
            key = (request.root_path, endpoint)
        elif all(type(value) in (str, int) and name[0] != "_" for name, value in values.items()):
            key = (request.root_path, endpoint, *sorted(values.items()))
        else:
            return url_for(endpoint, **values)
        url = built.get(key)
        if url is None:
            if len(built) >= URLS_KEPT:
                built.clear()
            url = built[key] = url_for(endpoint, **values)
        return url

    return cached
