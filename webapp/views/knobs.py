"""The difficulty knobs at work (webapp/knobs.py), and where they are set from the panel.

The knobs act on the phone's own pages and actions only (the blueprints in ``PHONE``):
never on the panel, the scenario links, the JSON API or static files, so setting up a test
is never slowed down or refused.
"""

import time

from flask import Blueprint, flash, g, redirect, request, session, url_for

from webapp import knobs
from webapp.forms import KnobsForm
from webapp.i18n import gettext
from webapp.switches import KNOBS_PREFIX
from webapp.views.journeys import settings_changed, show
from webapp.views.shared import PHONE, first_time_in_session, here, safe_next

bp = Blueprint("knobs", __name__)


def slow_down_or_fail():
    """Before a phone request: wait, then maybe answer 系统繁忙 (a GET only, before the
    view runs, so nothing is done twice or half done; the next load never fails)."""
    if request.blueprint not in PHONE or knobs.SESSION_KEY not in session:
        return None  # every knob off: this check is all a request pays
    g.knobs = chosen = knobs.load(session)
    delay = chosen.delay_seconds()
    if delay:
        time.sleep(delay)
    if request.method != "GET" or session.pop(knobs.FAILED_KEY, False) or not chosen.fails():
        return None
    session[knobs.FAILED_KEY] = True
    return show("system-busy", "knobs/busy.html", retry=here(), status=503,
                headers={"Retry-After": "1", "Cache-Control": "no-store"})


def spinner_before_result(response):
    """After a phone action that redirects: go through the loading page first."""
    if (request.method == "POST" and request.blueprint in PHONE and response.status_code in (302, 303)
            and knobs.SESSION_KEY in session and knobs.load(session).spinner):
        response.location = url_for("knobs.loading", next=safe_next(response.location))
    return response


@bp.get("/loading")
def loading():
    """加载中, then on to ``next``: by the Refresh header, so no script is needed."""
    target = safe_next(request.args.get("next"))
    return show("loading", "knobs/loading.html", target=target,
                headers={"Refresh": f"1; url={target}", "Cache-Control": "no-store"})


@bp.post("/panel/knobs")
def panel_save():
    """Save the panel's knobs; the 全部关闭 form sends none, so every knob goes off."""
    form = KnobsForm(prefix=KNOBS_PREFIX)
    if not form.validate_on_submit():
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
    elif first_time_in_session():
        knobs.save(session, knobs.Knobs(**form.values()))
        settings_changed()
        flash(gettext("测试难度已全部关闭") if form.off.data else gettext("测试难度已保存"),
              "success")
    return redirect(safe_next(form.next.data))



@bp.app_template_global()
def current_knobs():
    return g.get("knobs", knobs.OFF)

