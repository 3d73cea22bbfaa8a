"""The JSON contract for test engineers: read the account, seed a scenario, move the clock,
set the difficulty knobs and the planted faults (described by /api/openapi.json).

Only ``application/json`` bodies are taken, which no cross-site form can send, so these
POSTs need no CSRF token; every call acts on the caller's own session.
"""

import hashlib
import json
import math
import re
from datetime import date

from flask import Blueprint, current_app, g, jsonify, request, session
from werkzeug.exceptions import RequestEntityTooLarge

from webapp import faults, knobs, openapi, services
from webapp.api_errors import PREFIX, ApiError, answer, from_refusal, invalid_body, under_api
from webapp.domain import DomainError
from webapp.i18n import translated
from webapp.inputs import BEYOND, MAX_DIGITS
from webapp.scenarios import SCENARIOS
from webapp.views.journeys import settings_changed
from webapp.views.shared import policy, session_key, store

bp = Blueprint("api", __name__, url_prefix=PREFIX)

DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", flags=re.ASCII)


def api_gate():
    """Before any request under /api/, to an endpoint or not: 404 api_disabled when the API
    is switched off, 413 for a body over the limit (whether the endpoint reads one or not)."""
    if not under_api(request.path):
        return
    if not current_app.config["API_ENABLED"]:
        raise ApiError("api_disabled")
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if limit is not None and (request.content_length or 0) > limit:
        raise RequestEntityTooLarge()


@bp.app_errorhandler(ApiError)
def api_error(error):
    return answer(error)


@bp.errorhandler(DomainError)
def refused(exc):
    return from_refusal(exc)


def json_body():
    """The request's JSON object: 415 unless it is sent as application/json, 400 if it does
    not parse as JSON (RFC 8259's, read by ``loads``), names a field twice or is not an
    object."""
    if not sent_as_json():
        raise ApiError("unsupported_media_type", {"content_type": request.content_type or "",
                                                  "expected": "application/json"})
    try:
        body = loads(request.get_data())
    except DuplicateField as twice:
        raise invalid_body(twice.field, "duplicate") from None
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
        raise ApiError("invalid_json") from None
    if not isinstance(body, dict):
        raise invalid_body(None, "not_object")
    return body


def sent_as_json():
    """Content-Type: application/json, saying charset=utf-8 or no charset (JSON is UTF-8);
    not another type that ends in +json, and no other parameter."""
    return request.mimetype == "application/json" and all(
        name == "charset" and value.lower() == "utf-8"
        for name, value in request.mimetype_params.items())


class DuplicateField(ValueError):
    """An object names a field twice: which value was meant is anyone's guess."""

    def __init__(self, field):
        super().__init__(field)
        self.field = field


def _fields(pairs):
    found = {}
    for field, value in pairs:
        if field in found:
            raise DuplicateField(field)
        found[field] = value
    return found


def _not_json(word):
    raise ValueError(f"{word} is not JSON")  # Python's json reads NaN and Infinity; JSON has none


def _whole(text):
    """A whole number; one of more digits than any field takes is BEYOND (with its sign), so
    26 digits and 5,000 (which int() refuses) are answered alike, by the field's range."""
    digits = text.lstrip("-")
    if len(digits) <= MAX_DIGITS:
        return int(text)
    return -BEYOND if text.startswith("-") else BEYOND


def _decimal(text):
    """A number with a fraction or an exponent; past a float's range (1e400) it is a whole
    number past every range, as one written with all its digits."""
    value = float(text)
    if math.isinf(value):
        return -BEYOND if value < 0 else BEYOND
    return value


def loads(data):
    """The JSON text ``data`` (UTF-8 bytes) as Python, ValueError when it is not JSON."""
    return json.loads(data.decode("utf-8"), object_pairs_hook=_fields, parse_int=_whole,
                      parse_float=_decimal, parse_constant=_not_json)


def checked_body(name, body=None):
    """The request's body (or ``body``, already read from it), held to
    ``openapi.SCHEMAS[name]`` exactly as the document publishes it: closed objects, no
    nulls, ``oneOf`` of closed objects; an integer written 5.0 comes back as 5.
    400 invalid_body (which field, and why) otherwise."""
    body, schema = json_body() if body is None else body, openapi.SCHEMAS[name]
    alternatives = schema.get("oneOf", [schema])
    known = [field for alternative in alternatives for field in alternative["properties"]]
    for field, value in body.items():
        if field not in known:
            raise invalid_body(field, "unknown_field")
        if value is None:
            raise invalid_body(field, "null")
    if len(alternatives) > 1:
        given = [field for field in known if field in body]
        if len(given) != 1:
            raise invalid_body(None, "one_of", fields=", ".join(known))
        schema = next(alternative for alternative in alternatives
                      if given[0] in alternative["properties"])
    for field in schema["required"]:
        if field not in body:
            raise invalid_body(field, "missing")
    return {field: _value(field, value, schema["properties"][field])
            for field, value in body.items()}


def _value(field, value, schema):
    """``value`` if it fits the field's ``schema``, the way JSON Schema reads it."""
    kind = schema.get("type")
    if kind == "integer" and isinstance(value, float) and value.is_integer():
        value = int(value)
    if kind == "integer":
        fits = (isinstance(value, int) and not isinstance(value, bool)
                and schema.get("minimum", value) <= value <= schema.get("maximum", value))
    elif kind == "boolean":
        fits = isinstance(value, bool)
    elif kind == "array":
        fits = (isinstance(value, list)
                and all(isinstance(item, str) and item in schema["items"]["enum"]
                        for item in value)
                and len(set(value)) == len(value))
    elif schema.get("format") == "date":
        fits = isinstance(value, str) and DATE.fullmatch(value) is not None and _is_date(value)
    else:  # a string from a list ("enum") or the one string allowed ("const")
        fits = isinstance(value, str) and value in schema.get("enum", [schema.get("const")])
    if not fits:
        raise invalid_body(field, "wrong_value", schema)
    return value


def _is_date(text):
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


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
        "faults": sorted(faults.active()),
    }


@bp.get("/account")
def account():
    return jsonify(account_json(g.account))


KEY = re.compile(r"[A-Za-z0-9_.:-]{1,64}", flags=re.ASCII)
REPLAYED = "Idempotency-Replayed"


def idempotency(body):
    """The request's ``Idempotency-Key`` as a one-time token (None without one): the same
    key sent again with the same request does nothing new; with another request, 422."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not KEY.fullmatch(key):
        raise ApiError("invalid_idempotency_key")
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16]
    return services.Once(f"api:{key}", f"{request.endpoint}:{digest}")


def once(act, body):
    """``act(once)``, the account it leaves as JSON; sent again with its key, the account as
    it is now (what the first one did, and whatever happened since), marked as a replay."""
    try:
        return jsonify(account_json(act(idempotency(body))))
    except services.Replayed:
        return jsonify(account_json(g.account)), {REPLAYED: "true"}
    except services.StaleForm:
        raise ApiError("idempotency_key_reused") from None


@bp.post("/scenario")
def scenario():
    body = json_body()
    name = body.get("name")
    if isinstance(name, str) and name not in SCENARIOS and set(body) == {"name"}:
        raise ApiError("unknown_scenario", {"name": name, "scenarios": list(SCENARIOS)},
                       name=name)
    name = checked_body("ScenarioRequest", body)["name"]
    return once(lambda key: services.start_scenario(store(), session_key(), policy(), name,
                                                    once=key), body)


@bp.post("/reset")
def reset():
    body = checked_body("Empty")
    name = current_app.config["DEFAULT_SCENARIO"]
    return once(lambda key: services.start_scenario(store(), session_key(), policy(), name,
                                                    once=key), body)


@bp.post("/clock")
def clock():
    body = checked_body("ClockRequest")
    on = body.get("date")
    answer = once(lambda key: services.advance_clock(
        store(), session_key(), policy(), days=body.get("days"),
        to=date.fromisoformat(on) if on else body.get("to"), once=key)[0], body)
    settings_changed()
    return answer


@bp.get("/openapi.json")
def openapi_json():
    return jsonify(openapi.DOCUMENT)


@bp.get("/knobs")
def get_knobs():
    return jsonify(knobs.load(session).to_json())


@bp.post("/knobs")
def set_knobs():
    """The session's difficulty knobs, all at once: a knob the body leaves out is off."""
    chosen = knobs.Knobs(**checked_body("KnobsRequest"))
    knobs.save(session, chosen)
    settings_changed()
    return jsonify(chosen.to_json())


def faults_json():
    on = faults.active()
    return {
        "enabled": sorted(on),
        "server": sorted(faults.server_wide()),
        "catalogue": [{"id": fault.id, "area": fault.area, "breaks": translated(fault.breaks),
                       "hint": translated(fault.hint), "on": fault.id in on}
                      for fault in faults.FAULTS.values()],
    }


@bp.get("/faults")
def get_faults():
    return jsonify(faults_json())


@bp.post("/faults")
def set_faults():
    """The session's planted faults, all at once: a fault the body leaves out is off (unless
    the server turns it on for everyone)."""
    faults.save(checked_body("FaultsRequest")["enable"])
    settings_changed()
    return jsonify(faults_json())
