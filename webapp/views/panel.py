"""The trainer's control panel (on the stage, webapp/views/stage.py): scenario, reset, the
simulated clock, the password's lock, presentation mode.

Every control is a CSRF-protected POST with a one-time token that redirects back to where it
was sent from (``next``): the stage, whose phone then shows the page it was on, or where the
action sent it.
"""

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, g, redirect, request, session, url_for
from werkzeug.exceptions import HTTPException

from webapp import services
from webapp.domain import PASSWORD_TRIES
from webapp.forms import ClockForm, PanelActionForm, ScenarioForm
from webapp.i18n import gettext
from webapp.messages import clock_summary
from webapp.scenarios import SCENARIOS
from webapp.switches import PRESENT
from webapp.views.journeys import follow_new_account, perform, settings_changed
from webapp.views.shared import (first_time_in_session, flash_errors, flash_replayed,
                                 flash_stale, is_stage, land, phone_page, policy, posted_once,
                                 safe_next, session_key, store)

bp = Blueprint("panel", __name__, url_prefix="/panel")


def _back(form):
    return redirect(safe_next(form.next.data))


# The result pages of an action: after the account is replaced, what they showed is gone
# (another account's loan 1 is not the loan just borrowed), so the phone lands on the home.
RESULT_PAGES = ("weilidai.borrowed", "weilidai.repaid", "settings.closed")


def landing_after_replacement(back):
    """Where the phone lands when a panel action replaced the account while it was on
    ``back``: the same screen, unless that was the result of something the old one did."""
    adapter = current_app.url_map.bind("")
    try:
        endpoint, _ = adapter.match(urlsplit(back).path)
    except HTTPException:
        return back
    return url_for("weilidai.home") if endpoint in RESULT_PAGES else back


def replace_account(scenario_id, *, kind, back, message):
    """Put the session's account in ``scenario_id`` (a panel button, a start page), once for
    the posted form, and land on ``back``: the stage, its phone on the page it was on (or the
    home, if that showed a result of the old account), or that phone page itself. A running
    tour of that scenario starts again, another one ends (webapp/views/tours.py)."""
    phone = phone_page() if is_stage(back) else back
    try:
        g.account = services.start_scenario(store(), session_key(), policy(), scenario_id,
                                            once=posted_once(kind))
    except services.Replayed:
        flash_replayed()
        return land(phone, back)
    except services.StaleForm:
        flash_stale()
        return land(phone, back)
    flash(message, "success")
    restarted = follow_new_account(scenario_id)
    return land(restarted or landing_after_replacement(phone), back)


@bp.post("/scenario")
def scenario():
    form = ScenarioForm(SCENARIOS.values())
    if not form.validate_on_submit():
        flash_errors(form)
        return _back(form)
    chosen = SCENARIOS[form.scenario.data]
    return replace_account(chosen.id, kind="scenario", back=safe_next(form.next.data),
                           message=gettext("已切换到场景：%(title)s", title=chosen.title))


@bp.post("/reset")
def reset():
    form = PanelActionForm()
    if not form.validate_on_submit():
        return _back(form)
    return replace_account(current_app.config["DEFAULT_SCENARIO"], kind="reset",
                           back=safe_next(form.next.data), message=gettext("演示账户已重置"))


@bp.post("/clock")
def clock():
    """Move the simulated date, and say what the move did (deducted, overdue, frozen)."""
    form = ClockForm()
    back = safe_next(form.next.data)
    if not form.validate_on_submit():
        flash_errors(form)
        return redirect(back)
    days, to = (None, "next-due") if form.to.data == "next-due" else (form.day_count, None)
    outcome = perform(services.advance_clock, policy(), days, to, kind="clock", back=back)
    if outcome.done:
        settings_changed()
        # A move that made something go wrong (overdue, frozen, closed) is news, not success.
        bad = any(event.kind in ("overdue", "frozen", "force_closed") for event in outcome.result)
        flash(clock_summary(outcome.result, g.account), "info" if bad else "success")
    return outcome.response


@bp.post("/unlock")
def unlock():
    """解除锁定: the payment password's lock lifts now, the scenario stays as it is."""
    form = PanelActionForm()
    if not form.validate_on_submit():
        return _back(form)
    outcome = perform(services.unlock_password, kind="unlock", back=safe_next(form.next.data))
    if outcome.done:
        flash(gettext("支付密码已解除锁定，可以再试 %(tries)s 次", tries=PASSWORD_TRIES), "success")
    return outcome.response


@bp.post("/present")
def present():
    """演示模式 on or off: the form says which (``present`` = 1 or 0), so sending it twice
    does not turn it back."""
    form = PanelActionForm()
    if form.validate_on_submit() and first_time_in_session():
        wanted = request.form.get(PRESENT.field)
        session[PRESENT.session_key] = (not session.get(PRESENT.session_key, False)
                                        if wanted not in ("0", "1") else wanted == "1")
    return _back(form)


def panel_forms():
    """What the panel's forms share, built only when it is drawn: one form's CSRF token and
    ``next`` (back to the stage), which every one of them sends; their own fields are
    written in the templates. Building a form for each was a tenth of a screen's time."""
    return {
        "action": PanelActionForm(formdata=None, next=current_app.built_url("stage.index")),
        "scenarios": SCENARIOS,
    }


def remember_presentation_mode():
    """``?present=1`` (or 0) on any page turns presentation mode on (or off) for the session."""
    wanted = request.args.get(PRESENT.field)
    if wanted in ("0", "1"):
        session[PRESENT.session_key] = wanted == "1"
