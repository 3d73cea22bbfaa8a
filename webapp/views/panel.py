"""The trainer's control panel: scenario, reset, the simulated clock, presentation mode.

Every control is a CSRF-protected POST that redirects back to the screen the trainer was on.
"""

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext

from webapp import services
from webapp.forms import ClockForm, PanelActionForm, ScenarioForm
from webapp.scenarios import SCENARIOS
from webapp.views import perform, policy, session_key, store

bp = Blueprint("panel", __name__, url_prefix="/panel")


def safe_next(target):
    """Back to a page of this site only: a path, never another host.

    A path starting with two slashes or a backslash is another host to a browser
    ("////evil.example" splits into the path "//evil.example"), and so is one with control
    characters that a browser drops."""
    target = target or ""
    parts = urlsplit(target)
    if (parts.scheme or parts.netloc or not parts.path.startswith("/")
            or parts.path.startswith("//") or "\\" in target or not target.isprintable()):
        return url_for("weilidai.home")
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _back(form):
    return redirect(safe_next(form.next.data))


def _flash_errors(form):
    for errors in form.errors.values():
        for error in errors:
            flash(str(error), "error")


@bp.post("/scenario")
def scenario():
    form = ScenarioForm(SCENARIOS.values())
    if form.validate_on_submit():
        services.start_scenario(store(), session_key(), policy(), form.scenario.data)
        title = SCENARIOS[form.scenario.data].title
        flash(gettext("已切换到场景：%(title)s", title=title), "success")
    else:
        _flash_errors(form)
    return _back(form)


@bp.post("/reset")
def reset():
    form = PanelActionForm()
    if form.validate_on_submit():
        scenario_id = current_app.config["DEFAULT_SCENARIO"]
        services.start_scenario(store(), session_key(), policy(), scenario_id)
        flash(gettext("演示账户已重置"), "success")
    return _back(form)


@bp.post("/clock")
def clock():
    form = ClockForm()
    back = safe_next(form.next.data)
    if not form.validate_on_submit():
        _flash_errors(form)
        return redirect(back)
    if form.to.data == "next-due":
        _, failed = perform(services.advance_clock, policy(), None, "next-due", back=back)
    else:
        _, failed = perform(services.advance_clock, policy(), form.day_count, back=back)
    return failed or redirect(back)


@bp.post("/present")
def present():
    form = PanelActionForm()
    if form.validate_on_submit():
        session["present"] = not session.get("present", False)
    return _back(form)


def panel_forms():
    """What the panel's forms share, built only when it is drawn: one form's CSRF token and
    ``next`` (back to this page), which every one of them sends; their own fields are
    written in the templates. Building a form for each was a tenth of a screen's time."""
    return {
        "action": PanelActionForm(formdata=None, next=request.full_path.rstrip("?")),
        "scenarios": SCENARIOS,
    }


def remember_presentation_mode():
    """``?present=1`` (or 0) on any page turns presentation mode on (or off) for the session."""
    if request.args.get("present") in ("0", "1"):
        session["present"] = request.args["present"] == "1"
