"""Practice: an exercise started, followed page by page without rings, scored, and recorded
(in the session; in the class's store when the trainee joined one; as xAPI statements).

The session holds the running attempt (webapp/practice/attempt.py), and after it ends, the
last one for its end page; ``practice_results`` keeps a summary of the session's recent
attempts. Like a tour, an attempt learns of each page from its screen id as the page is
rendered; a refused action (an error flashed, a form sent back with its errors) is a wrong
turn; and it belongs to the account it started on.
"""

import time
from dataclasses import dataclass

from flask import (Blueprint, abort, before_render_template, current_app, flash, g,
                   message_flashed, redirect, render_template, request, session, url_for)

from webapp import services
from webapp.forms import ActionForm, PanelActionForm
from webapp.i18n import gettext, select_language
from webapp.i18n import lazy_gettext as _l
from webapp.practice import EXERCISES
from webapp.practice.attempt import (ABANDONED, EXTRA_STEP_POINTS, HINT_POINTS,
                                     WRONG_TURN_POINTS, Attempt)
from webapp.scenarios import SCENARIOS
from webapp.views import (first_time_in_session, flash_replayed, flash_stale, policy,
                          posted_once, session_key, store)
from webapp.views.knobs import PHONE
from webapp.views.panel import safe_next

bp = Blueprint("practice", __name__, url_prefix="/practice")

SESSION_KEY = "practice"
RESULTS_KEY = "practice_results"
RESULTS_KEPT = 10
# Pages that are no step of the trainee's: practice's and the classes' own, and the
# difficulty knobs' pass-through pages.
NEUTRAL_PREFIXES = ("practice", "class", "join")
NEUTRAL_SCREENS = ("loading", "system-busy")


def now():
    """Wall-clock seconds: an attempt times the trainee, not the account's simulated clock."""
    return time.time()


def here():
    return request.full_path.rstrip("?")


def exercise_or_404(exercise_id):
    return EXERCISES.get(exercise_id) or abort(404)


def current():
    """The session's attempt (running, or the last one ended), or None."""
    return Attempt.from_json(session.get(SESSION_KEY), EXERCISES)


def running():
    found = current()
    return found if found is not None and not found.is_finished else None


def _save(attempt):
    session[SESSION_KEY] = attempt.to_json()


# -- what an attempt's start and end write elsewhere --------------------------------------------

def _started(attempt):
    from webapp.views import classes

    classes.record(attempt)
    classes.emit(attempt, "initialized")


def finish(attempt):
    """An attempt ended: keep its summary with the session's results, in its class, and
    send its last statement."""
    from webapp.views import classes

    _save(attempt)
    results = [kept for kept in session.get(RESULTS_KEY, []) if kept.get("id") != attempt.id]
    session[RESULTS_KEY] = [*results, attempt.summary()][-RESULTS_KEPT:]
    # A class that ended the attempt first (its time was up) has already said so.
    if classes.record(attempt):
        classes.emit(attempt, attempt.outcome)


# -- following the pages ------------------------------------------------------------------------

@dataclass
class PracticeView:
    """What a page draws of the running attempt: the practice bar (templates/practice)."""

    attempt: Attempt
    exercise: object
    hint: object  # the Step whose hint is shown, or None
    here: bool  # this page is that step's screen
    back: str  # the page of the step the trainee is at
    offered: bool  # enough wrong turns that the bar offers the hint

    @property
    def finished(self):
        return self.attempt.is_finished

    @property
    def forms(self):
        return {"action": PanelActionForm(formdata=None, next=here())}


def _neutral(screen):
    return screen in NEUTRAL_SCREENS or screen.startswith(NEUTRAL_PREFIXES)


def _is_navigation():
    """A page the trainee opened: in the window, or in the stage's phone (an iframe)."""
    return request.method in ("GET", "POST") and request.headers.get(
        "Sec-Fetch-Dest", "document") in ("document", "iframe")


def _block_text(template, context, name):
    block = template.blocks.get(name)
    if block is None:
        return None
    return " ".join("".join(block(template.new_context(context))).split())


def _on_render(app, template, context, **extra):
    """Before a page is drawn: the running attempt sees it, and maybe ends."""
    g.practice = None
    if not request or SESSION_KEY not in session:
        return
    attempt = running()
    account = g.get("account")
    screen = _block_text(template, context, "screen_id")
    if attempt is None or not attempt.belongs_to(account) or screen is None:
        return
    exercise = EXERCISES[attempt.exercise]
    if not _neutral(screen) and _is_navigation():
        title = _block_text(template, context, "title") or screen
        attempt.see(exercise, account, screen, title, here(), now())
    if attempt.settle(exercise, account, now(), current_app.config["PRACTICE_TIME_LIMIT_SECONDS"]):
        finish(attempt)
    else:
        _save(attempt)
    g.practice = _view(attempt, exercise, screen)


def _view(attempt, exercise, screen):
    found = attempt.current_step(exercise)
    shown = found is not None and attempt.hint_step == found[0]
    step = found[1] if shown else None
    return PracticeView(
        attempt=attempt, exercise=exercise, hint=step,
        here=step is not None and screen == step.screen, back=attempt.way_back(exercise),
        offered=attempt.hint_offered(current_app.config["PRACTICE_HINT_AFTER_WRONG"]))


def end_with_its_account():
    """Before every request: an attempt whose account was replaced (a scenario, a reset, a
    tour, the API, an expiry) is over: abandoned, and the trainee is told."""
    if SESSION_KEY not in session or "account" not in g:
        return
    attempt = running()
    if attempt is not None and not attempt.belongs_to(g.account):
        attempt.end(ABANDONED, "account_replaced", now())
        finish(attempt)
        flash(gettext("演示账户已更换，练习“%(title)s”已结束。",
                      title=EXERCISES[attempt.exercise].title), "info")


def _note_refusal(app, message, category, **extra):
    if category == "error":
        g.practice_refused = True


def count_refusal(response):
    """After a request: an action the phone's screens refused (an error flashed, a form
    answered 422) is a wrong turn of the running attempt; the panel's and the practice's own
    are not the trainee's way."""
    if (SESSION_KEY in session and request.blueprint in PHONE
            and (g.get("practice_refused") or response.status_code == 422)
            and "account" in g):
        attempt = running()
        if attempt is not None and attempt.belongs_to(g.account):
            attempt.refused()
            _save(attempt)
    return response


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
}


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
                   "每用一次提示扣 %(hint)s 分，最低 0 分；没有完成是 0 分。用多长时间不扣分。",
                   step=EXTRA_STEP_POINTS, wrong=WRONG_TURN_POINTS, hint=HINT_POINTS)


@bp.app_template_global()
def practice_now():
    """The running attempt as this page draws it (a PracticeView), or None."""
    return g.get("practice")


# -- the pages ------------------------------------------------------------------------------------

@bp.get("")
def index():
    from webapp.views.classes import membership

    return render_template("practice/index.html", exercises=EXERCISES.values(),
                           member=membership())


@bp.get("/results")
def results():
    """The session's own attempts, newest first: nobody else's."""
    kept = [summary for summary in reversed(session.get(RESULTS_KEY, []))
            if summary.get("exercise") in EXERCISES]
    return render_template("practice/results.html", results=kept, exercises=EXERCISES)


@bp.get("/done")
def done():
    """The last attempt's end page: its result, the trainee's route beside the shortest."""
    attempt = current()
    if attempt is None or not attempt.is_finished:
        return redirect(url_for(".index"))
    exercise = EXERCISES[attempt.exercise]
    return render_template("practice/done.html", attempt=attempt, exercise=exercise,
                           form=ActionForm(formdata=None))


@bp.get("/<exercise_id>")
def start_page(exercise_id):
    exercise = exercise_or_404(exercise_id)
    from webapp.views.classes import membership

    return render_template("practice/start.html", exercise=exercise,
                           scenario=SCENARIOS[exercise.scenario],
                           form=ActionForm(formdata=None), member=membership())


@bp.post("/<exercise_id>/start")
def start(exercise_id):
    """Reset the account to the exercise's scenario and open its first page, with no rings."""
    from webapp.views import classes, tours

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
        attempt = running()
        return redirect(attempt.way_back(exercise) if attempt else exercise.start)
    except services.StaleForm:
        flash_stale()
        return redirect(url_for(".start_page", exercise_id=exercise.id))
    previous = running()
    if previous is not None:
        previous.end(ABANDONED, "another_exercise", now())
        finish(previous)
    # A tour's rings have no place in a practice: the tour ends with its account.
    session.pop(tours.SESSION_KEY, None)
    klass, trainee = classes.counting_class()
    attempt = Attempt.start(exercise, g.account, now(), select_language(),
                            klass=klass, trainee=trainee)
    _save(attempt)
    _started(attempt)
    return redirect(exercise.start)


def _posted_attempt():
    """The running attempt, if the posted form (valid, sent for the first time) is for it."""
    form = PanelActionForm()
    attempt = running()
    if (not form.validate_on_submit() or attempt is None
            or request.form.get("attempt") != attempt.id or not first_time_in_session()):
        return form, None
    return form, attempt


@bp.post("/hint")
def hint():
    """提示: the hint of the step the trainee is at, shown on the page they came from."""
    form, attempt = _posted_attempt()
    if attempt is not None and attempt.ask_hint(EXERCISES[attempt.exercise]):
        _save(attempt)
    return redirect(safe_next(form.next.data))


@bp.post("/give-up")
def give_up():
    """放弃: the attempt ends, abandoned; its end page says how far it got."""
    form, attempt = _posted_attempt()
    if attempt is None:
        last = current()
        if (last is not None and last.is_finished
                and request.form.get("attempt") == last.id):
            # Sent again (a resend, a retry): the attempt ended the first time; its result.
            flash_replayed()
            return redirect(url_for(".done"))
        return redirect(safe_next(form.next.data))
    attempt.end(ABANDONED, "gave_up", now())
    finish(attempt)
    return redirect(url_for(".done"))


def init_app(app):
    before_render_template.connect(_on_render, app)
    message_flashed.connect(_note_refusal, app)
    app.after_request(count_refusal)
