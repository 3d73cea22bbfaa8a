"""The Weilidai screens: home, 借钱, 还款, 借款记录 and the result pages."""

from flask import Blueprint, flash, g, redirect, request, url_for

from webapp import services
from webapp.domain import DomainError
from webapp.faults import fault
from webapp.forms import BorrowConfirmForm, BorrowForm, RepayForm, parse_yuan, whole_number
from webapp.i18n import gettext
from webapp.messages import error_message
from webapp.views.classes import in_class_mode
from webapp.views.journeys import perform, show
from webapp.views.shared import already_done

bp = Blueprint("weilidai", __name__, url_prefix="/weilidai")

# What a confirmation that did not carry the figure it showed is checked against: it never
# matches, so the user is shown today's figure to confirm.
NOT_SHOWN = "not shown"


@bp.get("")
def home():
    return show("weilidai-home", "weilidai/home.html")


@bp.route("/borrow", methods=["GET", "POST"])
def borrow():
    account = g.account
    form = BorrowForm(account, data={"auto_repay": False} if fault("rules-6") else None)
    if not account.can_borrow:
        return show("borrow-unavailable", "weilidai/borrow_unavailable.html")
    if form.validate_on_submit():
        try:
            account.quote_loan(form.amount.fen, int(form.term.data), form.card.data)
        except DomainError as exc:
            form.amount.errors.append(error_message(exc, panel=not in_class_mode()))
        else:
            return redirect(url_for(".borrow_confirm", amount=form.amount.fen // 100,
                                    term=form.term.data, card=form.card.data,
                                    auto_repay=int(form.auto_repay.data)))
    return show("borrow", "weilidai/borrow.html", form=form, status=422 if form.errors else 200)


def _plan_from(values):
    """The loan the confirmation is about, from the query or the posted hidden fields."""
    amount, term = parse_yuan(values.get("amount")), whole_number(values.get("term"))
    if amount is None or term is None:
        raise LookupError
    return g.account.quote_loan(amount, term, values.get("card"))


def to_borrowed(loan_id):
    return url_for(".borrowed", loan_id=loan_id)


def to_repaid(event_id):
    return url_for(".repaid", event_id=event_id)


@bp.route("/borrow/confirm", methods=["GET", "POST"])
def borrow_confirm():
    if request.method == "POST" and (landed := already_done("borrow", url_for(".borrow"),
                                                            to_borrowed)):
        return landed
    values = request.args if request.method == "GET" else request.form
    try:
        loan = _plan_from(values)
    except LookupError:
        flash(gettext("请先填写借款信息"), "error")
        return redirect(url_for(".borrow"))
    except DomainError as exc:
        flash(error_message(exc, panel=not in_class_mode()), "error")
        return redirect(url_for(".borrow"))
    auto_repay = values.get("auto_repay") == "1"
    total, first_due = loan.quote
    form = BorrowConfirmForm(data={
        "amount": loan.principal // 100, "term": loan.term, "card": loan.card_id,
        "auto_repay": int(auto_repay), "total": total, "first_due": first_due.isoformat(),
    } if request.method == "GET" else None)
    if form.validate_on_submit():
        again = url_for(".borrow_confirm", **form_query(form))
        return perform(services.borrow, loan.principal, loan.term, loan.card_id, auto_repay,
                       form.password.data, expected=form.quoted or NOT_SHOWN, kind="borrow",
                       back=again, done=to_borrowed).response
    return show("borrow-confirm", "weilidai/borrow_confirm.html", form=form, loan=loan,
                auto_repay=auto_repay, status=422 if form.errors else 200)


def form_query(form):
    return {name: form[name].data for name in ("amount", "term", "card", "auto_repay")}


@bp.get("/borrow/done/<int:loan_id>")
def borrowed(loan_id):
    loan = g.account.loan(loan_id)
    if loan is None:
        return record_gone()
    return show("borrowed", "weilidai/borrowed.html", loan=loan)


def record_gone():
    """A result page whose record is not in this account (it was reset or replaced since,
    or the address is old): the nearest screen that exists, not a 404."""
    flash(gettext("这条记录不在当前的演示账户里了"), "info")
    return redirect(url_for(".home"))


@bp.get("/repay")
def repay():
    return show("repay", "weilidai/repay.html")


def _repay_target(text):
    """'all', or 'LOAN-SEQ' for one installment; anything else is not a target."""
    if text == "all":
        return None, None
    loan_id, _, seq = (text or "").partition("-")
    loan_id, seq = whole_number(loan_id), whole_number(seq)
    if loan_id is None or seq is None:
        raise LookupError
    return loan_id, seq


@bp.route("/repay/confirm", methods=["GET", "POST"])
def repay_confirm():
    if request.method == "POST" and (landed := already_done("repay", url_for(".repay"),
                                                            to_repaid)):
        return landed
    account = g.account
    form = RepayForm(account, data={"target": request.args.get("target")}
                     if request.method == "GET" else None)
    try:
        loan_id, seq = _repay_target(form.target.data)
        rows, amount = account.repayment(loan_id, seq)
    except (LookupError, DomainError) as exc:
        if isinstance(exc, DomainError):
            flash(error_message(exc, panel=not in_class_mode()), "error")
        return redirect(url_for(".repay"))
    if request.method == "GET":
        form.expected.data = str(amount)
    if form.validate_on_submit():
        expected = whole_number(form.expected.data)
        expected = NOT_SHOWN if expected is None else expected
        back = url_for(".repay_confirm", target=form.target.data)
        if loan_id is None:
            return perform(services.repay_all, form.card.data, form.password.data,
                           expected=expected, kind="repay", back=back, done=to_repaid).response
        return perform(services.repay_installment, loan_id, seq, form.card.data,
                       form.password.data, expected=expected, kind="repay", back=back,
                       done=to_repaid).response
    return show("repay-confirm", "weilidai/repay_confirm.html", form=form, rows=rows,
                amount=amount, status=422 if form.errors else 200)


@bp.get("/repay/done/<int:event_id>")
def repaid(event_id):
    event = g.account.event(event_id)
    if event is None or event.kind != "repaid":
        return record_gone()
    return show("repaid", "weilidai/repaid.html", event=event)


@bp.get("/records")
def records():
    # R8: the records stay, whatever the account's status.
    return show("records", "weilidai/records.html")
