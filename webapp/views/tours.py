"""Guided tours (webapp/tours/): started, followed and ended in the session, drawn by the pages.

The session holds the active tour: its id, the step, the wrong taps, when it started and the
path of the current step's page. Every full page that is rendered tells ``follow`` its
screen id (the ``data-testid="screen-…"`` of its <main>), before a line of it is drawn:

- the current step's screen: nothing changes (a reload, a form shown again with its errors);
- the screen the current step's tap leads to: the step is done (POST/redirect/GET: the
  step "tap 确认关闭" is done when the 已关闭 page is shown);
- any other screen: a wrong tap, and the page shows a way back to the current step.

An ``until`` step is done as soon as its condition holds for the account, a ``read`` step by
its hint's 知道了 (POST /tours/next). The component macros ask ``tour_target()`` whether the
element they draw is the one to tap, and draw the ring and the hint (components/tour_hint.html).
"""

import time
from dataclasses import dataclass

from flask import (Blueprint, abort, before_render_template, current_app, flash, g, redirect,
                   render_template, request, session, url_for)
from flask_babel import gettext

from webapp import services
from webapp.forms import PanelActionForm, TourStartForm
from webapp.scenarios import SCENARIOS
from webapp.tours import CONDITIONS, TOURS
from webapp.views import policy, session_key, store
from webapp.views.panel import safe_next

bp = Blueprint("tours", __name__, url_prefix="/tours")

SESSION_KEY = "tour"
# Pages that are no tap of the trainee's: the tours' own pages, and the difficulty knobs'
# pass-through pages (加载中, 系统繁忙), which show on the way to the page that was asked for.
NEUTRAL_SCREENS = ("tour", "tours", "tour-start", "tour-done", "loading", "system-busy")


def now():
    """Wall-clock seconds; tours time the trainee, not the account's simulated clock."""
    return time.time()


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

    def rings(self, testid):
        """Whether the element ``testid`` wears the highlight: the target itself, or on a
        narrow screen the button that opens the panel the target is in."""
        target = self.target
        return target is not None and (testid == target
                                       or (testid == "panel-open" and self.step.in_panel))

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
        here = request.full_path.rstrip("?")
        return {"action": PanelActionForm(formdata=None, next=here)}


def _state():
    state = session.get(SESSION_KEY)
    if not isinstance(state, dict) or state.get("id") not in TOURS:
        return None, None
    tour = TOURS[state["id"]]
    if not isinstance(state.get("step"), int) or not 0 <= state["step"] <= len(tour):
        return None, None
    return tour, state


def _save(state):
    session[SESSION_KEY] = state


def _advance(tour, state):
    state["step"] += 1
    if state["step"] == len(tour):
        state["finished"] = now()


def _is_navigation():
    # A browser says what a request is for; only a page the trainee opened counts.
    return request.method in ("GET", "POST") and request.headers.get(
        "Sec-Fetch-Dest", "document") == "document"


def follow(screen):
    """The tour's state for a page of ``screen``, moved on as that page shows. None when
    no tour is on."""
    tour, state = _state()
    if tour is None:
        session.pop(SESSION_KEY, None)
        return None
    off_path = False
    if not state.get("finished"):
        account = g.get("account")
        while (state["step"] < len(tour) and tour.steps[state["step"]].until
               and account is not None and CONDITIONS[tour.steps[state["step"]].until](account)):
            _advance(tour, state)
    if not state.get("finished") and screen not in NEUTRAL_SCREENS and _is_navigation():
        index = state["step"]
        step = tour.steps[index]
        if screen == step.screen:
            state["back"] = request.full_path.rstrip("?")
        elif not (step.read or step.until) and screen == tour.leads_to(index):
            _advance(tour, state)
            state["back"] = request.full_path.rstrip("?")
        else:
            state["wrong"] = state.get("wrong", 0) + 1
            off_path = True
    _save(state)
    finished = bool(state.get("finished"))
    step = None if finished else tour.steps[state["step"]]
    return TourView(
        tour=tour, screen=screen, number=state["step"] + 1, step=step,
        here=step is not None and screen == step.screen, off_path=off_path,
        back=state.get("back") or tour.start, autoplay=bool(state.get("autoplay")),
        delay_ms=current_app.config["TOUR_AUTOPLAY_MS"])


def _screen_of(template, context):
    block = template.blocks.get("screen_id")
    if block is None:
        return None
    return "".join(block(template.new_context(context))).strip()


def _on_render(app, template, context, **extra):
    """Before a page is drawn: follow the tour with the page's screen id."""
    if not request or SESSION_KEY not in session:
        g.tour = None
        return
    screen = _screen_of(template, context)
    g.tour = follow(screen) if screen is not None else None


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
    g.account = services.start_scenario(store(), session_key(), policy(), tour.scenario)
    _save({"id": tour.id, "step": 0, "wrong": 0, "started": now(), "back": tour.start,
           "autoplay": form.autoplay.data == "1"})
    return redirect(tour.start)


def _back(form):
    return redirect(safe_next(form.next.data))


@bp.post("/exit")
def leave():
    """退出教程: leave the tour; the account stays as it is."""
    form = PanelActionForm()
    if form.validate_on_submit() and session.pop(SESSION_KEY, None):
        flash(gettext("已退出教程"), "info")
    return _back(form)


@bp.post("/next")
def next_step():
    """知道了: a read step is done."""
    form = PanelActionForm()
    tour, state = _state()
    if form.validate_on_submit() and tour and not state.get("finished") \
            and tour.steps[state["step"]].read:
        _advance(tour, state)
        _save(state)
    return _back(form)


@bp.post("/autoplay")
def stop_autoplay():
    """The panel's 停止自动播放: the tour stays, the trainee (or trainer) takes over."""
    form = PanelActionForm()
    tour, state = _state()
    if form.validate_on_submit() and tour:
        state["autoplay"] = False
        _save(state)
    return _back(form)


@bp.get("/<tour_id>/done")
def done(tour_id):
    """The end page: steps, wrong taps, time, what was learned, 再练一次."""
    tour = _tour_or_404(tour_id)
    found, state = _state()
    if found is not tour or not state.get("finished"):
        return redirect(url_for(".start_page", tour_id=tour.id))
    seconds = max(0, int(state["finished"] - state.get("started", state["finished"])))
    return render_template("tours/done.html", tour=tour, wrong=state.get("wrong", 0),
                           minutes=seconds // 60, seconds=seconds % 60,
                           autoplay=bool(state.get("autoplay")),
                           delay_ms=current_app.config["TOUR_AUTOPLAY_MS"],
                           form=TourStartForm(formdata=None,
                                              autoplay="1" if state.get("autoplay") else ""),
                           leave=PanelActionForm(formdata=None, next=url_for("wechat.home")))


def init_app(app):
    before_render_template.connect(_on_render, app)
