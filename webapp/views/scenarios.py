"""Scenario start pages: a link a trainer can share; its button (a POST) starts it."""

from flask import Blueprint, abort, url_for

from webapp.forms import ActionForm
from webapp.i18n import gettext
from webapp.scenarios import SCENARIOS
from webapp.views.journeys import show
from webapp.views.panel import replace_account

bp = Blueprint("scenarios", __name__, url_prefix="/scenarios")


@bp.get("")
def index():
    return show("scenarios", "scenarios/index.html", scenarios=SCENARIOS.values())


@bp.route("/<scenario_id>", methods=["GET", "POST"])
def start(scenario_id):
    scenario = SCENARIOS.get(scenario_id) or abort(404)
    form = ActionForm()
    if form.validate_on_submit():
        return replace_account(scenario.id, kind=f"scenario:{scenario.id}",
                               back=url_for("weilidai.home"),
                               message=gettext("已切换到场景：%(title)s", title=scenario.title))
    return show("scenario-start", "scenarios/start.html", scenario=scenario, form=form)
