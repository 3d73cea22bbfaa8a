"""Guided tours (webapp/tours/): their pages, and the forms that start, read, stop and leave
one. Where the trainee is on a tour is the journey's (webapp/views/journeys.py): every phone
page tells it its screen, and the page draws the ring and hint the view gathered.
"""

from flask import Blueprint, abort, current_app, flash, g, redirect, request, url_for

from webapp import services
from webapp.forms import PanelActionForm, TourStartForm
from webapp.i18n import gettext
from webapp.scenarios import SCENARIOS
from webapp.tours import TOURS
from webapp.views import journeys
from webapp.views.journeys import end_tour, save_tour, show, start_tour, tour_run
from webapp.views.shared import (flash_replayed, flash_stale, is_stage, land, policy,
                                 posted_once, safe_next, session_key, store)

bp = Blueprint("tours", __name__, url_prefix="/tours")


def posted_run(form):
    """(TourRun, Tour) of the running tour, if the posted form (valid) was drawn for this run
    of it; (None, None) otherwise: sent again after the tour ended or another began, it does
    nothing."""
    run, tour = tour_run()
    if not form.validate_on_submit() or run is None or request.form.get("tour") != run.key:
        return None, None
    return run, tour


@bp.app_template_global()
def tour_list():
    return list(TOURS.values())


def _tour_or_404(tour_id):
    return TOURS.get(tour_id) or abort(404)


@bp.get("")
def index():
    return show("tours", "tours/index.html")


@bp.get("/<tour_id>")
def start_page(tour_id):
    tour = _tour_or_404(tour_id)
    return show("tour-start", "tours/start.html", tour=tour, scenario=SCENARIOS[tour.scenario],
                form=TourStartForm(formdata=None))


@bp.post("/<tour_id>/start")
def start(tour_id):
    """Reset the account to the tour's scenario and open its first page; 再学一次 too."""
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
        run, _ = tour_run()
        return redirect(run.journey.back if run and run.tour == tour.id else tour.start)
    except services.StaleForm:
        flash_stale()
        back = request.form.get("next") or ""
        return redirect(back if is_stage(back) else url_for(".start_page", tour_id=tour.id))
    start_tour(tour, autoplay=form.autoplay.data == "1")
    return land(tour.start, request.form.get("next") or tour.start)


def _back(form):
    return redirect(safe_next(form.next.data))


@bp.post("/exit")
def leave():
    """退出教程: leave the tour; the account stays as it is."""
    form = PanelActionForm()
    if posted_run(form)[0] is not None:
        end_tour()
        flash(gettext("已退出教程"), "info")
    return _back(form)


@bp.post("/next")
def next_step():
    """知道了: the read step the page showed (``step``, from 1) is done; sent again, it is not
    done twice."""
    form = PanelActionForm()
    run, tour = posted_run(form)
    step = request.form.get("step", "")
    if run is not None and step.isdigit() and run.read(tour, int(step) - 1, journeys.now()):
        save_tour(run)
    return _back(form)


@bp.post("/autoplay")
def stop_autoplay():
    """停止自动播放 (the panel's, or the phone's own in the tour bar): the tour stays, the
    trainee (or trainer) takes over.

    ``stuck``: autoplay found nothing to tap on its page. A kiosk must not stand still, so
    the tour starts again from its scenario and step 1, saying so; stuck on step 1 too, it
    stops and says where."""
    form = PanelActionForm()
    run, tour = posted_run(form)
    if run is None or not run.autoplay:
        return _back(form)
    if not request.form.get("stuck"):
        run.autoplay = False
        save_tour(run)
        flash(gettext("已停止自动播放"), "info")
        return _back(form)
    if run.number == 1:
        run.autoplay = False
        save_tour(run)
        flash(gettext("自动播放停在了第 %(n)s 步：这一页上没有找到要点的地方。可以点“返回当前步骤”，或重新开始教程。",
                      n=run.number), "error")
        return _back(form)
    g.account = services.start_scenario(store(), session_key(), policy(), tour.scenario)
    start_tour(tour, autoplay=True)
    flash(gettext("自动播放在第 %(n)s 步找不到要点的地方，已从第 1 步重新开始。", n=run.number),
          "error")
    return land(tour.start, form.next.data or tour.start)


@bp.get("/<tour_id>/done")
def done(tour_id):
    """The end page: steps, wrong taps, time, what was learned, 再学一次."""
    tour = _tour_or_404(tour_id)
    run, found = tour_run()
    if found is not tour or not run.is_finished:
        return redirect(url_for(".start_page", tour_id=tour.id))
    seconds = run.seconds
    return show("tour-done", "tours/done.html", tour=tour, wrong=run.wrong,
                minutes=seconds // 60, seconds=seconds % 60, autoplay=run.autoplay,
                delay_ms=current_app.config["TOUR_AUTOPLAY_MS"],
                form=TourStartForm(formdata=None, autoplay="1" if run.autoplay else ""),
                leave=PanelActionForm(formdata=None, next=url_for("wechat.home")), key=run.key)
