"""The journey, told by the views: every phone page names its screen (``show``), every action
says what it did (``perform``), and a running guided tour or practice attempt moves on from
what it is told (webapp/journey/engine.py), never from what a page draws.

The session keeps the running tour (``tour``, a TourRun) and the running or last practice
attempt (``practice``, an Attempt), each bound to the account it started on: when the
session's account is replaced (a scenario, a reset, the API, an expiry) a tour ends with a
message, and an attempt is abandoned. An attempt also ends with its class, and when the
session's clock or planted faults are changed behind it (it could not be scored fairly).

The request whose action meets an attempt's goal ends it; the end is an event
(webapp/practice/events.py) that the recorder wired in ``create_app`` turns into the class's
record and the xAPI statements (webapp/practice/recording.py). Pages only draw what the view
gathered: the tour's ring and hint (``guide``) and the practice bar (``practice``) arrive in
their context.
"""

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app, flash, g, redirect, render_template, request, session

from webapp import services
from webapp.domain import DomainError
from webapp.forms import PanelActionForm
from webapp.i18n import gettext
from webapp.journey import engine
from webapp.messages import error_message
from webapp.practice import EXERCISES, classroom
from webapp.practice.attempt import ABANDONED, Attempt
from webapp.practice.events import AttemptEnded, AttemptMoved, AttemptStarted
from webapp.tours import TOURS
from webapp.tours.run import TourRun
from webapp.views.classes import in_class_mode
from webapp.views.shared import (PHONE, care_mode, flash_stale, here, landing, policy,
                                 posted_once, session_key, store)

TOUR_KEY = "tour"
PRACTICE_KEY = "practice"
RESULTS_KEY = "practice_results"  # a summary of the session's recent attempts
RESULTS_KEPT = 10
CLASS_KEY = "class"  # {"code", "trainee", "name"}: the class this session joined

# The pages that are steps of a journey: the phone's screens, and the error pages a wrong
# address ends on. The tours', practice's, classes' and guides' own pages are no step.
FOLLOWED = PHONE | {"errors"}
# Pages that only pass through on the way to another (the difficulty knobs' 加载中 and
# 系统繁忙): no step, but the page after them was reached from them.
PASSING = frozenset({"loading", "system-busy"})


def now():
    """Wall-clock seconds: journeys time the trainee, not the account's simulated clock."""
    return time.time()


def events():
    return current_app.extensions["events"]


# -- how a page was reached --------------------------------------------------------------------

def is_navigation():
    """A page the trainee opened: in the window, or in the stage's phone (an iframe); not a
    script's fetch, a prefetch or an image."""
    return request.method in ("GET", "POST") and request.headers.get(
        "Sec-Fetch-Dest", "document") in ("document", "iframe")


def arrival():
    """How the browser says this page was reached: from which page of this site (its
    Referer; our Referrer-Policy is same-origin), or typed (no Referer, or
    ``Sec-Fetch-Site: none``: the address bar, a bookmark)."""
    referrer = request.headers.get("Referer")
    if referrer:
        parts = urlsplit(referrer)
        if parts.netloc and parts.netloc != request.host:
            return engine.TYPED
        return engine.Arrival(parts.path + (f"?{parts.query}" if parts.query else ""))
    if request.headers.get("Sec-Fetch-Site") in ("same-origin", "same-site"):
        return engine.Arrival("")
    return engine.TYPED


# -- the session's tour and attempt ------------------------------------------------------------

def tour_run():
    """(TourRun, Tour) of the session's tour on its account, or (None, None)."""
    run = TourRun.from_json(session.get(TOUR_KEY), TOURS)
    if run is None or not run.belongs_to(g.get("account")):
        return None, None
    return run, TOURS[run.tour]


def save_tour(run):
    session[TOUR_KEY] = run.to_json()


def end_tour():
    session.pop(TOUR_KEY, None)


def start_tour(tour, autoplay=False):
    """A new run of ``tour`` on the session's account (just put in its scenario); a practice
    attempt running on the old account was abandoned with it."""
    end_practice_with_its_account()
    run = TourRun.start(tour, g.account, now(), autoplay=autoplay)
    save_tour(run)
    return run


def current_attempt():
    """The session's attempt (running, or the last one ended), or None."""
    return Attempt.from_json(session.get(PRACTICE_KEY), EXERCISES)


def running_attempt():
    found = current_attempt()
    return found if found is not None and not found.is_finished else None


def _save_attempt(attempt):
    session[PRACTICE_KEY] = attempt.to_json()


def start_attempt(exercise, language, klass, trainee, learner):
    """A new attempt at ``exercise`` on the session's account (just put in its scenario):
    one that ran is abandoned, and a tour's rings have no place in it."""
    previous = running_attempt()
    if previous is not None:
        end_attempt(previous, ABANDONED, "another_exercise")
    end_tour()
    attempt = Attempt.start(exercise, g.account, now(), language, klass=klass, trainee=trainee,
                            learner=learner)
    events().publish(AttemptStarted(attempt, exercise, attempt.started))
    _save_attempt(attempt)
    return attempt


def end_attempt(attempt, outcome, reason, at=None):
    """End a running attempt (given up, cut short) and keep what follows from it."""
    attempt.end(outcome, reason, now() if at is None else at)
    _finish(attempt)


def _finish(attempt):
    """An attempt ended in this request: its recorder first (the class may have ended it
    before: its end counts), then the session keeps it and its summary."""
    exercise = EXERCISES[attempt.exercise]
    events().publish(AttemptEnded(attempt, exercise, now()))
    _save_attempt(attempt)
    summary = attempt.summary(exercise)
    results = [kept for kept in session.get(RESULTS_KEY, []) if kept.get("id") != attempt.id]
    session[RESULTS_KEY] = [*results, summary][-RESULTS_KEPT:]


def _moved(attempt, exercise, acted=False):
    """Where a running attempt is now, or how it ended, to whoever follows it."""
    if attempt.settle(exercise, g.account, policy(), now(),
                      current_app.config["PRACTICE_TIME_LIMIT_SECONDS"], acted=acted):
        _finish(attempt)
        return
    attempt_moved(attempt)


def attempt_moved(attempt):
    """The attempt counted something (a page, a refusal, a hint): kept, and told."""
    events().publish(AttemptMoved(attempt, EXERCISES[attempt.exercise], now()))
    _save_attempt(attempt)


def settings_changed():
    """The session's clock, planted faults or knobs were changed behind a running attempt (the
    API, the panel): it could not be scored fairly any more, so it ends, abandoned."""
    attempt = running_attempt()
    if attempt is not None:
        end_attempt(attempt, ABANDONED, "settings_changed")
        flash(gettext("练习中改变了演示设置（时间、难度或故障），练习“%(title)s”已中断。",
                      title=EXERCISES[attempt.exercise].title), "info")


def end_practice_with_its_account():
    attempt = running_attempt()
    if attempt is not None and not attempt.belongs_to(g.get("account")):
        end_attempt(attempt, ABANDONED, "account_replaced")
        flash(gettext("演示账户已更换，练习“%(title)s”已结束。",
                      title=EXERCISES[attempt.exercise].title), "info")


def _class_ended_at(code):
    klass = classroom.find_class(current_app.extensions["class_store"], code)
    return None if klass is None else klass.ended_at(now())


def follow_the_account():
    """Before every request: a tour or an attempt whose account was replaced is over, and
    says so; an attempt whose class has ended is over too, as the class has it."""
    if "account" not in g:
        return
    if TOUR_KEY in session:
        run = TourRun.from_json(session[TOUR_KEY], TOURS)
        if run is None:
            end_tour()
        elif not run.belongs_to(g.account):
            end_tour()
            flash(gettext("演示账户已更换，教程“%(title)s”已结束。", title=TOURS[run.tour].title),
                  "info")
    if PRACTICE_KEY not in session:
        return
    end_practice_with_its_account()
    attempt = running_attempt()
    if attempt is not None and attempt.klass is not None:
        ended = _class_ended_at(attempt.klass)
        if ended is not None:
            end_attempt(attempt, ABANDONED, "class_ended", at=max(ended, attempt.started))
            flash(gettext("班级已经结束，练习“%(title)s”没有计入成绩。",
                          title=EXERCISES[attempt.exercise].title), "info")


def follow_new_account(scenario_id):
    """After the trainer put the account in ``scenario_id``: a running tour of that scenario
    starts again at step 1 on the new account (returns where it starts); another one ends on
    the next page (``follow_the_account``). Returns None then."""
    run = TourRun.from_json(session.get(TOUR_KEY), TOURS)
    if run is None or TOURS[run.tour].scenario != scenario_id:
        return None
    tour = TOURS[run.tour]
    start_tour(tour, autoplay=run.autoplay)
    flash(gettext("教程“%(title)s”从第 1 步重新开始。", title=tour.title), "info")
    return tour.start


# -- what a page draws of them -------------------------------------------------------------

@dataclass
class TourGuide:
    """What a page draws of the tour: a ring and a hint, the progress bar, or the way back.
    Gathered by the view before the page is drawn; the components only read it."""

    tour: object
    run: TourRun
    screen: str  # the page's screen id
    step: object  # the current Step, or None once finished
    here: bool  # this page is the current step's screen
    off_path: bool  # this page was a tap off the tour's path
    target: str | None  # the test id of the element to tap here, or None
    stuck: bool  # on the step's screen, but its element is not drawn for the account now
    delay_ms: int
    forms: dict
    read_aloud: bool = False  # 关怀模式: the hint has a 朗读 button

    @property
    def number(self):
        return self.run.number

    @property
    def total(self):
        return len(self.tour)

    @property
    def finished(self):
        return self.step is None

    @property
    def autoplay(self):
        return self.run.autoplay

    @property
    def key(self):
        return self.run.key

    @property
    def back(self):
        return self.run.journey.back or self.tour.start

    @property
    def in_bar(self):
        """The step's control is the trainer's (the clock): the tour's bar draws it on the
        phone itself, so the step works without the panel (presentation mode, a phone)."""
        return self.target is not None and self.step.in_panel

    def rings(self, testid):
        """Whether the element ``testid`` wears the ring: the target itself, or on a narrow
        stage the button that opens the panel the target is in."""
        return self.target is not None and (
            testid == self.target or (testid == "panel-open" and self.in_bar))

    @property
    def autoplay_tap(self):
        """What autoplay taps next on this page."""
        if self.finished:
            return "tour-restart" if self.screen == "tour-done" else "tour-summary"
        if self.stuck:
            return "tour-restart-stuck"
        if self.off_path or not self.here:
            return "tour-back"
        return "tour-next" if self.step.read else self.step.target


def _action_forms(back):
    return {"action": PanelActionForm(formdata=None, next=back)}


def tour_guide(run, tour, screen, off_path=False, on_stage=False):
    """The tour as a page of ``screen`` draws it (the stage's panel: ``on_stage``)."""
    account = g.account
    step = run.step(tour)
    if on_stage:
        here_now = step is not None and step.in_panel
        target = step.target if here_now else None
    else:
        here_now = step is not None and screen == step.screen
        target = run.target(tour, screen, account, policy())
    stuck = here_now and not on_stage and target is None and not step.in_panel
    return TourGuide(tour=tour, run=run, screen=screen, step=step, here=here_now,
                     off_path=off_path, target=target, stuck=stuck,
                     delay_ms=current_app.config["TOUR_AUTOPLAY_MS"],
                     forms=_action_forms("/stage" if on_stage else here()),
                     read_aloud=care_mode())


@dataclass
class PracticeView:
    """What a page draws of the attempt: the practice bar (templates/practice/_bar.html)."""

    attempt: Attempt
    exercise: object
    hint: object  # the Step whose hint is shown, or None
    here: bool  # this page is that step's screen
    back: str  # the page of the step the trainee is at
    offered: bool  # enough wrong turns that the bar offers the hint
    forms: dict
    read_aloud: bool = False  # 关怀模式: the hint has a 朗读 button

    @property
    def finished(self):
        return self.attempt.is_finished

    @property
    def running(self):
        """A practice is on: no page gives its way away (the 提示 button does, at a cost)."""
        return not self.attempt.is_finished


def practice_view(attempt, screen):
    exercise = EXERCISES[attempt.exercise]
    hint = attempt.hint_step(exercise, g.account, policy())
    return PracticeView(
        attempt=attempt, exercise=exercise, hint=hint,
        here=hint is not None and screen == hint.screen, back=attempt.way_back(),
        offered=attempt.hint_offered(current_app.config["PRACTICE_HINT_AFTER_WRONG"]),
        forms=_action_forms(here()), read_aloud=care_mode())


def stage_guide():
    """The running tour as the stage's panel draws it, or None."""
    run, tour = tour_run()
    return None if run is None else tour_guide(run, tour, "stage", on_stage=True)


# -- showing a page, performing an action -------------------------------------------------------

def show(screen, template, *, status=200, refused=False, mark=None, headers=None, **context):
    """Draw the page of ``screen`` (its <main>'s ``data-testid="screen-…"``) from
    ``template``, after telling the running tour and attempt that it is shown: how it was
    reached, and whether it is a form sent back with its errors (``refused``) or the route's
    own refusal (``mark``, R6's dialog). Returns the page and its status."""
    g.screen = screen  # what a request showed, for whoever watches requests (the grader)
    account = g.get("account")
    guide = practice = None
    refused = refused or status == 422  # a form sent back with its errors
    if account is not None:
        guide = _tour_sees(screen, refused)
        practice = _attempt_sees(screen, refused, mark)
    return render_template(template, screen=screen, guide=guide, practice=practice,
                           **context), status, headers or {}


def _tour_sees(screen, refused):
    run, tour = tour_run()
    if run is None:
        return None
    off = False
    if is_navigation() and screen in PASSING:
        engine.pass_through(run.journey, here())
    elif is_navigation() and request.blueprint in FOLLOWED:
        run.settle(tour, g.account, policy(), now())
        off = run.see(tour, screen, here(), arrival(), g.account, policy(), now())
    save_tour(run)
    return tour_guide(run, tour, screen, off_path=off)


def _attempt_sees(screen, refused, mark):
    attempt = current_attempt()
    if attempt is None or not attempt.belongs_to(g.account):
        return None
    if request.blueprint not in FOLLOWED and screen not in PASSING:
        return None  # practice's, tours' and classes' own pages draw no practice bar
    if attempt.is_finished:
        if attempt.told:
            return None
        # The page after the action that ended it says how it ended, once.
        attempt.told = True
        _save_attempt(attempt)
        return practice_view(attempt, screen)
    exercise = EXERCISES[attempt.exercise]
    if is_navigation() and screen in PASSING:
        attempt.pass_through(here())
        _save_attempt(attempt)
    elif is_navigation() and request.blueprint in FOLLOWED:
        if refused:
            attempt.refused(g.account)
        kind, _ = attempt.see(exercise, screen, here(), arrival(), g.account, policy(), now())
        if mark is not None and kind != engine.STAY:
            attempt.refused(g.account, mark)
        _moved(attempt, exercise)
        if attempt.is_finished:
            attempt.told = True
            _save_attempt(attempt)
    return practice_view(attempt, screen)


def attempt_told(attempt):
    """The trainee has seen how the attempt ended (its end page): no phone page says it
    again."""
    if not attempt.told:
        attempt.told = True
        _save_attempt(attempt)


def told_refused():
    """The phone refused what the trainee sent (a wrong password, a debt): a wrong turn of the
    running attempt, marked on the page it was sent from."""
    attempt = running_attempt()
    if attempt is not None and attempt.belongs_to(g.account):
        attempt.refused(g.account)
        _moved(attempt, EXERCISES[attempt.exercise])


def account_changed():
    """An action changed the account: a tour's ``until`` step may be done, an attempt's goal
    met. The request that did it ends the attempt, not the page drawn after it."""
    run, tour = tour_run()
    if run is not None:
        run.settle(tour, g.account, policy(), now())
        save_tour(run)
    attempt = running_attempt()
    if attempt is not None and attempt.belongs_to(g.account):
        _moved(attempt, EXERCISES[attempt.exercise], acted=request.blueprint in PHONE)


@dataclass(frozen=True)
class Outcome:
    """What ``perform`` did: ``done`` (now, not before nor refused), the use case's result,
    and the redirect to answer with."""

    done: bool
    result: object
    response: object


def perform(use_case, *args, kind, back, done=None, **kwargs):
    """Run a use case on the session's account, once for the posted form's token, and tell
    the running journey what it did.

    Redirects to ``done(ref)`` — the result page of what it made (a loan's id, an event's
    id) — or to ``back`` when it was refused (the refusal flashed), stale, or done before
    without a result page. The same form sent again lands where the first one did."""
    try:
        once = posted_once(kind)
        account, result = use_case(store(), session_key(), *args, once=once, **kwargs)
    except services.Replayed as replay:
        return Outcome(False, None, landing(replay.receipt, back, done))
    except services.StaleForm:
        flash_stale()
        return Outcome(False, None, redirect(back))
    except DomainError as exc:
        flash(error_message(exc, panel=not in_class_mode()), "error")
        g.account = getattr(exc, "account", None) or g.account
        if request.blueprint in PHONE:
            told_refused()
        return Outcome(False, None, redirect(back))
    g.account = account
    account_changed()
    target = done(account.receipt(once.token).ref) if done else back
    return Outcome(True, result, redirect(target))
