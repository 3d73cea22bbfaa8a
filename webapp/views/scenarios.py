"""Scenario start pages: a link a trainer can share; its button (a POST) starts it."""

from flask import Blueprint, abort, g, redirect, render_template, url_for

from webapp import services
from webapp.forms import ActionForm
from webapp.scenarios import SCENARIOS
from webapp.views import policy, session_key, store

bp = Blueprint("scenarios", __name__, url_prefix="/scenarios")


@bp.get("")
def index():
    return render_template("scenarios/index.html", scenarios=SCENARIOS.values())


@bp.route("/<scenario_id>", methods=["GET", "POST"])
def start(scenario_id):
    scenario = SCENARIOS.get(scenario_id) or abort(404)
    form = ActionForm()
    if form.validate_on_submit():
        g.account = services.start_scenario(store(), session_key(), policy(), scenario.id)
        return redirect(url_for("weilidai.home"))
    return render_template("scenarios/start.html", scenario=scenario, form=form)
