"""The JSON contract for test engineers: read the account, seed a scenario, move the clock,
set the difficulty knobs (described by /api/openapi.json).

Only ``application/json`` bodies are taken, which no cross-site form can send, so these
POSTs need no CSRF token; every call acts on the caller's own session.
"""

from datetime import date

from flask import Blueprint, abort, current_app, g, jsonify, request, session

from webapp import knobs, openapi, services
from webapp.domain import DomainError
from webapp.messages import error_message
from webapp.scenarios import SCENARIOS
from webapp.views import policy, session_key, store

bp = Blueprint("api", __name__, url_prefix="/api")


class BadRequest(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.message, self.status = message, status


@bp.before_request
def api_enabled():
    if not current_app.config["API_ENABLED"]:
        abort(404)


@bp.errorhandler(BadRequest)
def bad_request(exc):
    return jsonify(error=exc.message), exc.status


@bp.errorhandler(DomainError)
def refused(exc):
    return jsonify(error=exc.code, message=error_message(exc)), 409


def json_body():
    if not request.is_json:
        raise BadRequest("Content-Type must be application/json", 415)
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # nested deeper than the parser goes; not a ValueError
        body = None
    if not isinstance(body, dict):
        raise BadRequest("the body must be a JSON object")
    return body


def _iso(day):
    return day.isoformat() if day else None


def account_json(account):
    today, next_due = account.sim_date, account.next_due_date()
    return {
        "id": account.id,
        "status": account.status,
        "closed_by": account.closed_by,
        "credit_limit": account.credit_limit,
        "available": account.available,
        "outstanding": account.outstanding(),
        "overdue": account.overdue_amount(),
        "auto_repay": account.auto_repay,
        "repayment_card": account.repayment_card_id,
        "bad_credit": account.bad_credit,
        "password_tries_left": account.tries_left,
        "password_locked_until": _iso(account.password_unlocks_on(policy())),
        "sim_date": today.isoformat(),
        "next_due": next_due.isoformat() if next_due else None,
        "cards": [{"id": c.id, "bank": c.bank, "last4": c.last4, "balance": c.balance}
                  for c in account.cards],
        "loans": [{
            "id": loan.id,
            "principal": loan.principal,
            "term": loan.term,
            "card": loan.card_id,
            "borrowed_on": loan.borrowed_on.isoformat(),
            "outstanding": loan.outstanding(today),
            "status": loan.status(today),
            "installments": [{
                "seq": item.seq,
                "due": item.due.isoformat(),
                "principal": item.principal,
                "interest": item.interest,
                "owed": item.owed(today, loan.penalty_rate_ppm),
                "paid": item.paid,
                "status": item.status(today),
            } for item in loan.installments],
        } for loan in account.loans],
        "events": [{
            "id": e.id, "date": e.on.isoformat(), "kind": e.kind, "amount": e.amount,
            "loan": e.loan_id, "seq": e.seq, "card": e.card_id, "reason": e.reason,
        } for e in account.events],
    }


@bp.get("/account")
def account():
    return jsonify(account_json(g.account))


@bp.post("/scenario")
def scenario():
    name = json_body().get("name")
    if not isinstance(name, str):
        raise BadRequest('"name" must be a scenario id')
    if name not in SCENARIOS:
        raise BadRequest(f"unknown scenario; one of: {', '.join(SCENARIOS)}", 404)
    return jsonify(account_json(services.start_scenario(store(), session_key(), policy(), name)))


@bp.post("/reset")
def reset():
    json_body()
    name = current_app.config["DEFAULT_SCENARIO"]
    return jsonify(account_json(services.start_scenario(store(), session_key(), policy(), name)))


@bp.post("/clock")
def clock():
    body = json_body()
    days, to, on = body.get("days"), body.get("to"), body.get("date")
    if sum(value is not None for value in (days, to, on)) != 1:
        raise BadRequest('give exactly one of "days", "to": "next-due" or "date"')
    if days is not None and (isinstance(days, bool) or not isinstance(days, int)):
        raise BadRequest('"days" must be an integer')
    if to is not None and to != "next-due":
        raise BadRequest('"to" must be "next-due"')
    if on is not None:
        try:
            to = date.fromisoformat(on) if isinstance(on, str) else None
        except ValueError:
            to = None
        if to is None:
            raise BadRequest('"date" must be YYYY-MM-DD')
    account, _ = services.advance_clock(store(), session_key(), policy(), days=days, to=to)
    return jsonify(account_json(account))


@bp.get("/openapi.json")
def openapi_json():
    return jsonify(openapi.DOCUMENT)


@bp.get("/knobs")
def get_knobs():
    return jsonify(knobs.load(session).to_json())


@bp.post("/knobs")
def set_knobs():
    """The session's difficulty knobs, all at once: a knob the body leaves out is off."""
    try:
        chosen = knobs.Knobs.from_json(json_body())
    except knobs.KnobError as exc:
        raise BadRequest(str(exc)) from None
    knobs.save(session, chosen)
    return jsonify(chosen.to_json())
