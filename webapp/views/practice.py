"""Practice: an exercise started, followed page by page without rings, scored, and recorded.

The session's attempt is the journey's (webapp/views/journeys.py): every phone page and
action tells it what the trainee did, and the action that meets the goal ends it. These are
the practice's own pages and forms: the exercises, start, 提示, 放弃, the result, the
session's results.
"""

import hashlib
import hmac

from flask import Blueprint, abort, current_app, flash, g, redirect, request, session, url_for

from webapp import services
from webapp.forms import ActionForm, PanelActionForm
from webapp.i18n import gettext, select_language
from webapp.i18n import lazy_gettext as _l
from webapp.practice import EXERCISES
from webapp.practice.attempt import (ABANDONED, EXTRA_STEP_POINTS, HINT_POINTS, JUMP_POINTS,
                                     SKIPPED_STEP_POINTS, WRONG_TURN_POINTS, is_scored)
from webapp.scenarios import SCENARIOS
from webapp.views.classes import counting_class, membership
from webapp.views.journeys import (RESULTS_KEY, attempt_moved, attempt_told, current_attempt,
                                   end_attempt, running_attempt, show, start_attempt)
from webapp.views.shared import (first_time_in_session, flash_replayed, flash_stale, policy,
                                 posted_once, safe_next, session_key, store)

bp = Blueprint("practice", __name__, url_prefix="/practice")


def exercise_or_404(exercise_id):
    return EXERCISES.get(exercise_id) or abort(404)


# How an attempt ended, by outcome and reason, in the trainee's and the trainer's words.
_OUTCOMES = {
    ("completed", None): _l("完成"),
    ("failed", "time_up"): _l("未完成：超时"),
    ("failed", "password_locked"): _l("未完成：支付密码已锁定"),
    ("failed", "closed"): _l("未完成：微粒贷已关闭"),
    ("failed", "force_closed"): _l("未完成：微粒贷被系统关闭"),
    ("abandoned", "gave_up"): _l("已放弃"),
    ("abandoned", "account_replaced"): _l("中断：演示账户已更换"),
    ("abandoned", "another_exercise"): _l("中断：开始了另一个练习"),
    ("abandoned", "class_ended"): _l("中断：班级已结束"),
    ("abandoned", "settings_changed"): _l("中断：练习中改变了演示设置"),
}


bp.add_app_template_global(is_scored, "practice_scored")


@bp.app_template_global()
def practice_outcome(outcome, reason):
    """An attempt's end in words: 完成, 未完成：超时, 已放弃, ... (进行中 while it runs)."""
    if outcome is None:
        return gettext("进行中")
    words = _OUTCOMES.get((outcome, reason)) or _OUTCOMES.get((outcome, None))
    return str(words) if words else gettext("未完成")


@bp.app_template_global()
def practice_scoring():
    """The score's formula in words (webapp/practice/attempt.py)."""
    return gettext("满分 100 分：比最短路线每多走一步扣 %(step)s 分，每走错一次扣 %(wrong)s 分，"
                   "每跳过页面直接打开一次扣 %(jump)s 分、它跳过的每一步再扣 %(skipped)s 分，"
                   "每用一次提示扣 %(hint)s 分，最低 0 分；没有完成是 0 分。用多长时间不扣分。",
                   step=EXTRA_STEP_POINTS, wrong=WRONG_TURN_POINTS, jump=JUMP_POINTS,
                   skipped=SKIPPED_STEP_POINTS, hint=HINT_POINTS)


# -- the pages ------------------------------------------------------------------------------------

@bp.get("")
def index():
    return show("practice", "practice/index.html", exercises=EXERCISES.values(),
                member=membership())


@bp.get("/results")
def results():
    """The session's own attempts, newest first: nobody else's."""
    kept = [summary for summary in reversed(session.get(RESULTS_KEY, []))
            if summary.get("exercise") in EXERCISES]
    return show("practice-results", "practice/results.html", results=kept,
                exercises=EXERCISES)


@bp.get("/done")
def done():
    """The last attempt's end page: its result, the trainee's route beside the shortest."""
    attempt = current_attempt()
    if attempt is None or not attempt.is_finished:
        return redirect(url_for(".index"))
    exercise = EXERCISES[attempt.exercise]
    attempt_told(attempt)
    return show("practice-done", "practice/done.html", attempt=attempt, exercise=exercise,
                form=ActionForm(formdata=None))


@bp.get("/<exercise_id>")
def start_page(exercise_id):
    exercise = exercise_or_404(exercise_id)
    return show("practice-start", "practice/start.html", exercise=exercise,
                scenario=SCENARIOS[exercise.scenario], form=ActionForm(formdata=None),
                member=membership())


def _learner():
    """Who an attempt's statements name when it counts for no class: a pseudonym of the
    session, the same for all its attempts, that says nothing of it."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"learner\x1f{session.get('sid', '')}".encode(),
                    hashlib.sha256).hexdigest()[:16]


@bp.post("/<exercise_id>/start")
def start(exercise_id):
    """Reset the account to the exercise's scenario and open its first page, with no rings."""
    exercise = exercise_or_404(exercise_id)
    form = ActionForm()
    if not form.validate_on_submit():
        flash(gettext("页面已过期，请重新开始练习"), "error")
        return redirect(url_for(".start_page", exercise_id=exercise.id))
    try:
        g.account = services.start_scenario(store(), session_key(), policy(),
                                            exercise.scenario,
                                            once=posted_once(f"practice:{exercise.id}"))
    except services.Replayed:
        flash_replayed()
        attempt = running_attempt()
        return redirect(attempt.way_back() if attempt else exercise.start)
    except services.StaleForm:
        flash_stale()
        return redirect(url_for(".start_page", exercise_id=exercise.id))
    klass, trainee = counting_class()
    start_attempt(exercise, select_language(), klass, trainee, _learner())
    return redirect(exercise.start)


def _posted_attempt():
    """The running attempt, if the posted form (valid, sent for the first time) is for it."""
    form = PanelActionForm()
    attempt = running_attempt()
    if (not form.validate_on_submit() or attempt is None
            or request.form.get("attempt") != attempt.id or not first_time_in_session()):
        return form, None
    return form, attempt


@bp.post("/hint")
def hint():
    """提示: the hint of the step the trainee is at, shown on the page they came from."""
    form, attempt = _posted_attempt()
    if attempt is not None and attempt.ask_hint(EXERCISES[attempt.exercise], g.account,
                                                policy()):
        attempt_moved(attempt)
    return redirect(safe_next(form.next.data))


@bp.post("/give-up")
def give_up():
    """放弃: the attempt ends, abandoned; its end page says how far it got."""
    form, attempt = _posted_attempt()
    if attempt is None:
        last = current_attempt()
        if (last is not None and last.is_finished
                and request.form.get("attempt") == last.id):
            # Sent again (a resend, a retry): the attempt ended the first time; its result.
            flash_replayed()
            return redirect(url_for(".done"))
        return redirect(safe_next(form.next.data))
    end_attempt(attempt, ABANDONED, "gave_up")
    return redirect(url_for(".done"))
