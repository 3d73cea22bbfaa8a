"""Jinja as the app runs it (webapp/templating.py): its quicker calls and template cache draw
what Jinja's own would draw."""

import pytest
from jinja2 import Environment as JinjaEnvironment
from jinja2 import pass_context, pass_environment, pass_eval_context
from markupsafe import Markup

from webapp import create_app
from webapp.templating import Context

CONFIG = {"SECRET_KEY": "test", "TESTING": True}


class Greeter:
    """A callable object whose ``__call__`` wants the context, as Jinja allows."""

    @pass_context
    def __call__(self, context, name):
        return f"{context['greeting']} {name}"


class Shouter:
    def shout(self, text):
        return text.upper()


def _stop():
    raise StopIteration


@pass_eval_context
def _escaping(eval_ctx, text):
    return f"{eval_ctx.autoescape}:{text}"


@pass_environment
def _environment_name(environment, text):
    return f"{type(environment).__name__ != ''}:{text}"


@pass_context
def _from_context(context, key):
    return context.get(key, "none")


TEMPLATE = """\
{%- macro box(text, caller=none) -%}[{{ text }}{% if caller %}|{{ caller() }}{% endif %}]{%- endmacro -%}
{{ box("a") }}{% call box("b") %}inner{% endcall %}
{{ plain("x", y="z") }} {{ escaping("<b>") }} {{ environment_name("e") }}
{{ from_context("greeting") }}{% for i in [1] %}{% set inside = "loop" %}{{ from_context("inside") }}{% endfor %}
{{ greeter("Ann") }} {{ shouter.shout("hi") }} {{ stop() }}|{{ builtin_len([1, 2]) }}
{{ markup_maker("<i>") }} {{ "<s>" }}"""

VALUES = {
    "plain": lambda x, y: f"{x}{y}",
    "escaping": _escaping,
    "environment_name": _environment_name,
    "from_context": _from_context,
    "greeter": Greeter(),
    "shouter": Shouter(),
    "stop": _stop,
    "builtin_len": len,
    "markup_maker": Markup,
    "greeting": "hello",
}


@pytest.mark.parametrize("autoescape", [True, False])
def test_the_apps_calls_draw_what_jinjas_own_draw(autoescape):
    app = create_app(CONFIG)
    assert app.jinja_env.context_class is Context
    ours = app.jinja_env.overlay(autoescape=autoescape).from_string(TEMPLATE)
    theirs = JinjaEnvironment(autoescape=autoescape).from_string(TEMPLATE)
    with app.test_request_context("/"):
        drawn = ours.render(VALUES)
    assert drawn == theirs.render(VALUES)
    assert "[a][b|inner]" in drawn and "hello Ann" in drawn and "HI" in drawn
    assert "none" not in drawn.split("\n")[2]  # a macro's or a loop's variables reach it
    assert " |2" in drawn  # StopIteration is an undefined value, as Jinja has it


def test_every_template_is_kept_after_its_first_use():
    app = create_app(CONFIG)
    with app.test_request_context("/"):
        first = app.jinja_env.get_template("layouts/phone.html")
        assert app.jinja_env.get_template("layouts/phone.html") is first
    assert isinstance(app.jinja_env.cache, dict)
