"""Guided tours (webapp/tours/): started, followed and ended in the session, drawn by the pages.

The session holds the active tour's ``Progress`` (webapp/tours/engine.py, which decides what
each page does to it). Every full page that is rendered tells the engine its screen id (the
``data-testid="screen-…"`` of its <main>) before a line of it is drawn. The component macros
ask ``tour_target()`` whether the element they draw is the one to tap, and draw the ring and
the hint (components/tour_hint.html); the bar (tours/_bar.html) is drawn after the content,
so it knows whether the ring was drawn and, if not, offers the way back.

A tour belongs to the account it started on: when the session's account is replaced (a
scenario, a reset, the API, an expiry), the tour ends with a message, or starts again at
step 1 when the trainer started the tour's own scenario.
"""

import time
from dataclasses import dataclass

from flask import (Blueprint, abort, before_render_template, current_app, flash, g, redirect,
                   render_template, request, session, url_for)

from webapp import services
from webapp.forms import PanelActionForm, TourStartForm
from webapp.i18n import gettext
from webapp.scenarios import SCENARIOS
from webapp.tours import TOURS, engine
from webapp.views import (flash_replayed, flash_stale, policy, posted_once, session_key,
                          stage, store)
from webapp.views.panel import safe_next

bp = Blueprint("tours", __name__, url_prefix="/tours")

SESSION_KEY = "tour"
# Pages that are no tap of the trainee's: the tours' own pages, and the difficulty knobs'
# pass-through pages (加载中, 系统繁忙), which show on the way to the page that was asked for.
NEUTRAL_SCREENS = ("tour", "tours", "tour-start", "tour-done", "loading", "system-busy")


def now():
    """Wall-clock seconds; tours time the trainee, not the account's simulated clock."""
    return time.time()


def here():
    return request.full_path.rstrip("?")


@dataclass
class TourView:
    """What a page draws of the tour: a ring and a hint, the progress bar, or the way back."""

    tour: object
    screen: str  # the page's screen id
    number: int  # the current step, from 1; len(tour) + 1 once finished
    step: object  # the current Step, or None once finished
    here: bool  # this page is the current step's screen
    off_path: bool  # this page is not on the tour's path: a wrong tap
    back: str  # the current step's page
    autoplay: bool
    delay_ms: int
    key: str  # this run of the tour (engine.Progress.key), which its forms carry
    ringed: bool = False  # the page drew the ring (set while it is drawn)

    @property
    def total(self):
        return len(self.tour)

    @property
    def finished(self):
        return self.step is None

    @property
    def target(self):
        """The test id of the element to tap on this page, or None."""
        if self.finished or self.off_path or not self.here:
            return None
        return self.step.target

    @property
    def in_bar(self):
        """The step's control is the trainer's (the clock): the tour's bar draws it on the
        phone itself, so the step works without the panel (presentation mode, a phone)."""
        return self.target is not None and self.step.in_panel

    @property
    def stuck(self):
        """On the step's screen, but the page could not draw what to tap (the account is no
        longer in the state the step needs): the bar offers a way on."""
        return self.target is not None and not self.ringed and not self.in_bar

    def rings(self, testid):
        """Whether the element ``testid`` wears the highlight: the target itself, or on a
        narrow screen the button that opens the panel the target is in."""
        ringed = self.target is not None and (
            testid == self.target or (testid == "panel-open" and self.in_bar))
        if ringed:
            self.ringed = True
        return ringed

    @property
    def autoplay_tap(self):
        """What autoplay taps next on this page."""
        if self.finished:
            return "tour-restart" if self.screen == "tour-done" else "tour-summary"
        if self.off_path or not self.here:
            return "tour-back"
        return "tour-next" if self.step.read else self.step.target

    @property
    def forms(self):
        return {"action": PanelActionForm(formdata=None, next=here())}


def progress():
    """(tour, Progress) of the session's running tour, or (None, None)."""
    found = engine.Progress.from_json(session.get(SESSION_KEY), TOURS)
    return (TOURS[found.tour], found) if found else (None, None)


def posted_progress(form):
    """(tour, Progress) of the running tour, if the posted form (valid) was drawn for this
    run of it; (None, None) otherwise: sent again after the tour ended or another began, it
    does nothing."""
    tour, found = progress()
    if not form.validate_on_submit() or found is None or request.form.get("tour") != found.key:
        return None, None
    return tour, found


def _save(found):
    session[SESSION_KEY] = found.to_json()


def end_with_its_account():
    """Before every request: a tour whose account was replaced is over, and says so."""
    if SESSION_KEY not in session or "account" not in g:
        return
    tour, found = progress()
    if found is None:
        session.pop(SESSION_KEY, None)
    elif not found.belongs_to(g.account):
        session.pop(SESSION_KEY, None)
        flash(gettext("演示账户已更换，教程“%(title)s”已结束。", title=tour.title), "info")


def follow_new_account(scenario_id):
    """After the trainer put the account in ``scenario_id``: a running tour of that scenario
    starts again at step 1 on the new account (returns where it starts); another one ends on
    the next page (``end_with_its_account``). Returns None then."""
    tour, found = progress()
    if found is None or tour.scenario != scenario_id:
        return None
    _save(engine.Progress.start(tour, g.account, now(), autoplay=found.autoplay))
    flash(gettext("教程“%(title)s”从第 1 步重新开始。", title=tour.title), "info")
    return tour.start


def _is_navigation():
    # A browser says what a request is for; only a page the trainee opened counts: in a
    # window of its own, or as the stage's phone (an iframe).
    return request.method in ("GET", "POST") and request.headers.get(
        "Sec-Fetch-Dest", "document") in ("document", "iframe")


def follow(screen):
    """The tour's state for a page of ``screen``, moved on as that page shows. None when
    no tour is on."""
    tour, found = progress()
    account = g.get("account")
    if found is None or not found.belongs_to(account):
        session.pop(SESSION_KEY, None)
        return None
    engine.settle(tour, found, account, now)
    off_path = False
    if screen not in NEUTRAL_SCREENS and _is_navigation():
        off_path = engine.visit(tour, found, screen, here(), account.revision, now)
    _save(found)
    step = None if found.is_finished else tour.steps[found.step]
    return TourView(
        tour=tour, screen=screen, number=found.step + 1, step=step,
        here=step is not None and screen == step.screen, off_path=off_path,
        back=found.back or tour.start, autoplay=found.autoplay,
        delay_ms=current_app.config["TOUR_AUTOPLAY_MS"], key=found.key)


def stage_view():
    """The running tour as the stage's panel draws it: its step, and the ring on the panel's
    control when the step is the trainer's (the clock). None when no tour runs."""
    tour, found = progress()
    if found is None or not found.belongs_to(g.get("account")):
        return None
    step = None if found.is_finished else tour.steps[found.step]
    return TourView(
        tour=tour, screen="stage", number=found.step + 1, step=step,
        here=step is not None and step.in_panel, off_path=False,
        back=found.back or tour.start, autoplay=found.autoplay,
        delay_ms=current_app.config["TOUR_AUTOPLAY_MS"], key=found.key)


def _screen_of(template, context):
    block = template.blocks.get("screen_id")
    if block is None:
        return None
    return "".join(block(template.new_context(context))).strip()


def _on_render(app, template, context, **extra):
    """Before a page is drawn: follow the tour with the page's screen id. A template that is
    no screen (the stage, a fragment) leaves what its view set."""
    if not request or SESSION_KEY not in session:
        g.tour = None
        return
    screen = _screen_of(template, context)
    if screen is not None:
        g.tour = follow(screen)


@bp.app_template_global()
def tour_now():
    """The tour as this page draws it (a TourView), or None."""
    return g.get("tour")


@bp.app_template_global()
def tour_target():
    """The test id of the element to tap on this page, or None."""
    view = g.get("tour")
    return view.target if view else None


@bp.app_template_global()
def tour_class(testid):
    """' is-tour-target' for the element to tap (its class list gets the ring), else ''."""
    view = g.get("tour")
    return " is-tour-target" if view and view.rings(testid) else ""


@bp.app_template_global()
def tour_hint(testid, place="below"):
    """The tour's hint bubble after the element ``testid`` when it is the step's target
    (components/tour_hint.html), else nothing. A dozen components ask on every page, with or
    without a tour, so the answer for all the others is found here, without a macro call."""
    view = g.get("tour")
    if view is None or view.target != testid:
        return ""
    template = current_app.jinja_env.get_template("components/tour_hint.html")
    return template.module.hint_bubble(testid, place)


@bp.app_template_global()
def tour_list():
    return list(TOURS.values())


def _tour_or_404(tour_id):
    return TOURS.get(tour_id) or abort(404)


@bp.get("")
def index():
    return render_template("tours/index.html")


@bp.get("/<tour_id>")
def start_page(tour_id):
    tour = _tour_or_404(tour_id)
    return render_template("tours/start.html", tour=tour, scenario=SCENARIOS[tour.scenario],
                           form=TourStartForm(formdata=None))


@bp.post("/<tour_id>/start")
def start(tour_id):
    """Reset the account to the tour's scenario and open its first page; 再练一次 too."""
    tour = _tour_or_404(tour_id)
    form = TourStartForm()
    if not form.validate_on_submit():
        flash(gettext("页面已过期，请重新开始教程"), "error")
        return redirect(url_for(".start_page", tour_id=tour.id))
    try:
        g.account = services.start_scenario(store(), session_key(), policy(), tour.scenario,
                                            once=posted_once(f"tour:{tour.id}"))
    except services.Replayed:
        # Sent twice (a resend, a double tap): the tour the first one started goes on.
        flash_replayed()
        _, found = progress()
        return redirect(found.back if found and found.tour == tour.id else tour.start)
    except services.StaleForm:
        flash_stale()
        back = request.form.get("next") or ""
        return redirect(back if stage.is_stage(back) else url_for(".start_page", tour_id=tour.id))
    _save(engine.Progress.start(tour, g.account, now(), autoplay=form.autoplay.data == "1"))
    return stage.land(tour.start, request.form.get("next") or tour.start)


def _back(form):
    return redirect(safe_next(form.next.data))


@bp.post("/exit")
def leave():
    """退出教程: leave the tour; the account stays as it is."""
    form = PanelActionForm()
    if posted_progress(form)[1] is not None:
        session.pop(SESSION_KEY, None)
        flash(gettext("已退出教程"), "info")
    return _back(form)


@bp.post("/next")
def next_step():
    """知道了: the read step the page showed (``step``, from 1) is done; sent again, it is not
    done twice."""
    form = PanelActionForm()
    tour, found = posted_progress(form)
    step = request.form.get("step", "")
    if found is not None and step.isdigit() and engine.read(tour, found, int(step) - 1, now):
        _save(found)
    return _back(form)


@bp.post("/autoplay")
def stop_autoplay():
    """停止自动播放 (the panel's, or the phone's own in the tour bar): the tour stays, the
    trainee (or trainer) takes over.

    ``stuck``: autoplay found nothing to tap on its page. A kiosk must not stand still, so
    the tour starts again from its scenario and step 1, saying so; stuck on step 1 too, it
    stops and says where."""
    form = PanelActionForm()
    tour, found = posted_progress(form)
    if found is None or not found.autoplay:
        return _back(form)
    if not request.form.get("stuck"):
        found.autoplay = False
        _save(found)
        flash(gettext("已停止自动播放"), "info")
        return _back(form)
    if found.step == 0:
        found.autoplay = False
        _save(found)
        flash(gettext("自动播放停在了第 %(n)s 步：这一页上没有找到要点的地方。可以点“返回当前步骤”，或重新开始教程。",
                      n=found.step + 1), "error")
        return _back(form)
    g.account = services.start_scenario(store(), session_key(), policy(), tour.scenario)
    _save(engine.Progress.start(tour, g.account, now(), autoplay=True))
    flash(gettext("自动播放在第 %(n)s 步找不到要点的地方，已从第 1 步重新开始。", n=found.step + 1),
          "error")
    return stage.land(tour.start, form.next.data or tour.start)


@bp.get("/<tour_id>/done")
def done(tour_id):
    """The end page: steps, wrong taps, time, what was learned, 再练一次."""
    tour = _tour_or_404(tour_id)
    found_tour, found = progress()
    if found_tour is not tour or not found.is_finished:
        return redirect(url_for(".start_page", tour_id=tour.id))
    seconds = max(0, int(found.finished - (found.started or found.finished)))
    return render_template("tours/done.html", tour=tour, wrong=found.wrong,
                           minutes=seconds // 60, seconds=seconds % 60,
                           autoplay=found.autoplay,
                           delay_ms=current_app.config["TOUR_AUTOPLAY_MS"],
                           form=TourStartForm(formdata=None,
                                              autoplay="1" if found.autoplay else ""),
                           leave=PanelActionForm(formdata=None, next=url_for("wechat.home")),
                           key=found.key)


def init_app(app):
    before_render_template.connect(_on_render, app)
