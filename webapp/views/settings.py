"""设置 and what hangs off it: 还款设置 (R11), 微粒贷管理 and closing (R5–R8), 常见问题 (R12)."""

from flask import Blueprint, flash, g, redirect, request, url_for

from webapp import services
from webapp.journey.engine import REFUSED
from webapp.extensions import csrf
from webapp.faults import fault
from webapp.forms import AutoRepayForm, ClosePasswordForm, RepaymentCardForm
from webapp.i18n import gettext
from webapp.messages import card_name
from webapp.views.journeys import perform, show
from webapp.views.shared import already_done, policy

bp = Blueprint("settings", __name__, url_prefix="/weilidai")


@bp.get("/settings")
def index():
    return show("settings", "settings/index.html")


@bp.route("/settings/repayment", methods=["GET", "POST"])
@csrf.exempt  # not before every request, as the other forms are: here, where a fault can skip it
def repayment():
    account = g.account
    checked = not fault("security-1")
    if checked and request.method == "POST":
        csrf.protect()  # a POST without the session's token: the 400 page, nothing done
    switch = AutoRepayForm(data={"auto_repay": account.auto_repay}, meta={"csrf": checked})
    if switch.validate_on_submit():
        outcome = perform(services.set_auto_repay, switch.auto_repay.data, kind="auto_repay",
                          back=url_for(".repayment"))
        if outcome.done:
            flash_saved(switch.auto_repay.data)
        return outcome.response
    return show("repayment-settings", "settings/repayment.html", switch=switch,
                card_form=RepaymentCardForm(account), status=422 if switch.errors else 200)


def flash_saved(on):
    flash(gettext("自动还款已开启") if on else gettext("自动还款已关闭，到期请手动还款"), "success")


@bp.post("/settings/repayment/card")
def repayment_card():
    form = RepaymentCardForm(g.account)
    if form.validate_on_submit():
        outcome = perform(services.set_repayment_card, form.card.data, kind="repayment_card",
                          back=url_for(".repayment"))
        if outcome.done:
            flash(gettext("还款银行卡已更换为%(card)s", card=card_name(g.account.card(form.card.data))),
                  "success")
        return outcome.response
    return show("repayment-settings", "settings/repayment.html",
                switch=AutoRepayForm(formdata=None, data={"auto_repay": g.account.auto_repay}),
                card_form=form, status=422)


def cached_by_the_browser():
    """微粒贷管理's headers: none of its own, so the phone's no-store (every state shown is
    the state now, Back included), unless a fault makes it cacheable."""
    return {"Cache-Control": "private, max-age=600"} if fault("flow-3") else {}


@bp.get("/manage")
def manage():
    return show("management", "settings/manage.html", headers=cached_by_the_browser())


@bp.get("/manage/close")
def close():
    """R5's confirmation with R6–R8's precautions; R6's refusal when anything is owed."""
    debt = g.account.closing_debt(policy())
    # R6: the refusal is marked on the trainee's route (a practice may meet it on purpose).
    return show("close-confirm", "settings/close_confirm.html", debt=debt,
                mark=REFUSED if debt and g.account.is_open else None,
                headers=cached_by_the_browser())


@bp.route("/manage/close/password", methods=["GET", "POST"])
def close_password():
    def to_closed(_):
        return url_for(".closed")

    if request.method == "POST" and (landed := already_done("close", url_for(".close_password"),
                                                            to_closed)):
        return landed
    account = g.account
    if account.is_closed:
        return redirect(url_for(".closed"))
    if account.closing_debt(policy()):
        return redirect(url_for(".close"))
    form = ClosePasswordForm()
    if form.validate_on_submit():
        return perform(services.close_account, policy(), form.password.data, kind="close",
                       back=url_for(".close_password"), done=to_closed).response
    return show("close-password", "settings/close_password.html", form=form,
                status=422 if form.errors else 200)


@bp.get("/manage/closed")
def closed():
    if not g.account.is_closed:
        return redirect(url_for(".manage"))
    return show("closed", "settings/closed.html")


@bp.get("/faq")
def faq():
    return show("faq", "settings/faq.html")
