"""The JSON API's contract, as data: served at /api/openapi.json (OpenAPI 3.1).

tests/web/test_openapi.py validates the document and checks real responses against it, and
that every /api/ route is described here, so it cannot drift from webapp/views/api.py.
Objects are closed (``additionalProperties: false``): a new field must be described too. The
request schemas are also what the API holds bodies to (webapp/views/api.py, ``checked_body``),
and each operation lists its error codes (webapp/api_errors.py) per status.
"""

from webapp import api_errors
from webapp.domain import LAST_SIM_DATE, TERMS, Policy
from webapp.domain.errors import ClockOutOfRange, NoDueDate, PastLastDate
from webapp.faults import AREAS, FAULTS
from webapp.knobs import MAX_FAILURE_RATE, MAX_LATENCY_MS
from webapp.scenarios import SCENARIOS


def _object(properties, required=None, description=None):
    schema = {"type": "object", "properties": properties,
              "required": list(properties) if required is None else required,
              "additionalProperties": False}
    if description:
        schema["description"] = description
    return schema


FEN = {"type": "integer", "description": "money in fen (分): 100 fen = 1 yuan"}
DATE = {"type": "string", "format": "date"}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
NULLABLE_INT = {"type": ["integer", "null"]}
FAULT_IDS = {"type": "array", "items": {"enum": list(FAULTS)}, "uniqueItems": True}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


SCHEMAS = {
    "Account": _object({
        "id": {"type": "string", "description": "the account's identity: another one after "
               "a reset, a new scenario or an expiry"},
        "status": {"enum": ["active", "frozen", "closed", "force_closed"]},
        "closed_by": {"enum": ["user", "system", None],
                      "description": "who closed it: the user (R5) or the system (R3)"},
        "credit_limit": FEN,
        "available": FEN,
        "outstanding": FEN,
        "overdue": FEN,
        "auto_repay": {"type": "boolean"},
        "repayment_card": {"type": "string", "description": "a card id, e.g. cmb"},
        "bad_credit": {"type": "boolean", "description": "an installment went overdue (R4)"},
        "password_tries_left": {"type": "integer", "minimum": 0},
        "password_locked_until": {
            **NULLABLE_DATE,
            "description": "while the payment password is locked (3 wrong tries), the "
                           "simulated day it unlocks by itself (WEILIDAI_PASSWORD_LOCK_DAYS "
                           "after it locked; the panel can lift it sooner)"},
        "sim_date": {**DATE, "description": "the account's simulated date"},
        "next_due": {**NULLABLE_DATE, "description": "the next unpaid due date, if any"},
        "cards": {"type": "array", "items": _ref("Card")},
        "loans": {"type": "array", "items": _ref("Loan")},
        "events": {"type": "array", "items": _ref("Event")},
        "faults": {**FAULT_IDS, "description": "the planted faults on for this session "
                   "(GET /api/faults): empty on the app as it should be"},
    }, description="The session's account; money in fen, dates as YYYY-MM-DD."),
    "Card": _object({
        "id": {"type": "string"}, "bank": {"type": "string"},
        "last4": {"type": "string", "pattern": "^[0-9]{4}$"}, "balance": FEN,
    }),
    "Loan": _object({
        "id": {"type": "integer"},
        "principal": FEN,
        "term": {"enum": list(TERMS), "description": "months"},
        "card": {"type": "string"},
        "borrowed_on": DATE,
        "outstanding": FEN,
        "status": {"enum": ["repaying", "overdue", "settled"]},
        "installments": {"type": "array", "items": _ref("Installment")},
    }),
    "Installment": _object({
        "seq": {"type": "integer", "minimum": 1},
        "due": DATE,
        "principal": FEN,
        "interest": FEN,
        "owed": {**FEN, "description": "what is owed on the simulated date, penalty included"},
        "paid": FEN,
        "status": {"enum": ["pending", "overdue", "paid_auto", "paid_manual"]},
    }),
    "Event": _object({
        "id": {"type": "integer"},
        "date": DATE,
        "kind": {"type": "string", "examples": ["scenario", "borrowed", "repaid", "auto_repaid",
                                               "overdue", "frozen", "force_closed", "closed"]},
        "amount": NULLABLE_INT,
        "loan": NULLABLE_INT,
        "seq": NULLABLE_INT,
        "card": {"type": ["string", "null"]},
        "reason": {"type": ["string", "null"]},
    }, description="One line of the account's history (what the panel's 事件记录 shows)."),
    "Knobs": _object({
        "latency_ms": {"type": "integer", "minimum": 0, "maximum": MAX_LATENCY_MS,
                       "description": "every phone page and action waits this long"},
        "latency_random": {"type": "boolean",
                           "description": "wait a random time up to latency_ms instead"},
        "spinner": {"type": "boolean",
                    "description": "after an action, a 加载中 page before the result"},
        "failure_rate": {"type": "integer", "minimum": 0, "maximum": MAX_FAILURE_RATE,
                         "description": "percent of page loads answered 503 系统繁忙，请稍后重试 "
                                        "(never twice in a row, never an action)"},
        "layout_shift": {"type": "boolean",
                         "description": "the Weilidai home inserts a banner a moment late"},
    }, description="The session's difficulty knobs; all off by default."),
    "Faults": _object({
        "enabled": {**FAULT_IDS, "description": "every fault on for this session: the "
                    "server's and the session's own"},
        "server": {**FAULT_IDS, "description": "the faults on for every session "
                   "(WEILIDAI_FAULTS); POST /api/faults does not turn them off"},
        "catalogue": {"type": "array", "items": _ref("Fault")},
    }, description="The planted faults of a bug hunt, and which are on."),
    "Fault": _object({
        "id": {"enum": list(FAULTS)},
        "area": {"enum": list(AREAS)},
        "breaks": {"type": "string", "description": "the article's rule (R1-R12) or the "
                   "contract it breaks"},
        "hint": {"type": "string", "description": "where to look, in the session's language; "
                 "what is wrong is for after the hunt (python -m webapp.grade --reveal)"},
        "on": {"type": "boolean"},
    }),
    "FaultsRequest": _object({"enable": {
        **FAULT_IDS, "description": "the ids to turn on; every other is off"}},
        description="The session's planted faults, all at once: [] turns off all of the "
                    "session's own."),
    "ScenarioRequest": _object({"name": {"type": "string", "enum": list(SCENARIOS)}}),
    "ClockRequest": {
        "description": 'Exactly one of "days", "to" or "date".',
        "oneOf": [
            _object({"days": {"type": "integer", "minimum": 1}}),
            _object({"to": {"const": "next-due"}}),
            _object({"date": DATE}),
        ],
    },
    "Empty": _object({}, description="an empty object: {}"),
    "Error": {
        "description": "Every 4xx and 5xx answer of the API; each endpoint lists its codes.",
        "type": "object",
        "properties": {
            "error": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$",
                      "description": "a stable code: act on this, never on the message"},
            "message": {"type": "string",
                        "description": "what happened, in the session's language (?lang=)"},
            "detail": {"type": "object",
                       "description": "more, for some codes: which field and why "
                                      "(invalid_body), the scenario ids (unknown_scenario), ..."},
        },
        "required": ["error", "message"],
        "additionalProperties": False,
    },
}
# The request body of POST /api/knobs is the Knobs object with nothing required.
SCHEMAS["KnobsRequest"] = {**SCHEMAS["Knobs"], "required": [], "description": (
    "The knobs to set, all at once: any knob left out is off, so {} turns every one off.")}

# What each error code means, for a developer; api_errors.CODES has its status and words.
MEANINGS = {
    "invalid_json": "the body does not parse as JSON (RFC 8259: UTF-8, and no NaN or "
                    "Infinity)",
    "invalid_body": "the body is not what the endpoint takes: detail.field is the field (null "
                    "for the body itself) and detail.reason why: not_object, unknown_field, "
                    "null, missing, duplicate (sent twice), one_of, or wrong_value "
                    "(detail.expected is the field's schema; a number past every range, of "
                    "any length, is refused by the range)",
    "not_found": "no endpoint at this path (/api itself included)",
    "unknown_scenario": "no scenario of that name; detail.scenarios lists the ids",
    "api_disabled": "the API is switched off (WEILIDAI_API_ENABLED=0)",
    "method_not_allowed": "the endpoint does not take this method; the Allow header (and "
                          "detail.allowed) names the ones it takes",
    "account_expired": "the session's account expired during the call; nothing was changed, "
                       "and the next call gets a new account of the default scenario",
    "body_too_large": "the body is over WEILIDAI_MAX_CONTENT_LENGTH bytes (detail.max_bytes), "
                      "however it is sent, chunked too",
    "unsupported_media_type": "the body is not Content-Type: application/json (charset=utf-8 "
                              "may be said; no other type, charset or parameter): "
                              "detail.content_type is the header as sent",
    "internal_error": "a bug: the server's log has it; nothing is shown of it",
    "store_busy": "every save lost a race with another request on the same account; "
                  "nothing was changed (retry)",
    "store_unavailable": "the account store is unreachable; nothing was changed",
    "invalid_idempotency_key": "the Idempotency-Key header is not 1 to 64 of A-Z a-z 0-9 "
                               "and -_.:",
    "idempotency_key_reused": "this Idempotency-Key was sent before with another request "
                              "(another endpoint or body); nothing was done",
    ClockOutOfRange.code: f"the clock moves 1 to {Policy().max_advance_days} days at a time "
                          "(detail.max_days)",
    PastLastDate.code: f"the clock stops at {LAST_SIM_DATE} (detail.last_date)",
    NoDueDate.code: "no unpaid installment, so no next due date",
}
# Every endpoint can meet these; one that takes a body, BODY too.
EVERYWHERE = ("api_disabled", "method_not_allowed", "body_too_large", "internal_error",
              "store_busy", "store_unavailable")
BODY = ("invalid_json", "invalid_body", "unsupported_media_type")
ALLOW = {"description": "the methods the endpoint takes", "schema": {"type": "string"}}


def _errors(*codes):
    """The responses of these codes, one per status, each naming its codes."""
    by_status = {}
    for code in (*codes, *EVERYWHERE):
        by_status.setdefault(str(api_errors.status_of(code)), []).append(code)
    responses = {}
    for status, listed in sorted(by_status.items()):
        responses[status] = {
            "description": "; ".join(f"{code}: {MEANINGS[code]}" for code in listed),
            "content": {"application/json": {"schema": {"allOf": [
                _ref("Error"), {"properties": {"error": {"enum": listed}}}]}}},
        }
        if status == "405":
            responses[status]["headers"] = {"Allow": ALLOW}
    return responses


IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key", "in": "header", "required": False,
    "schema": {"type": "string", "pattern": "^[A-Za-z0-9_.:-]{1,64}$"},
    "description": "Any string of yours naming this request: sent again with the same key "
                   "and the same body (a retry, a replay, several at once), the request does "
                   "nothing new and answers 200 with the account as it is now and the header "
                   "Idempotency-Replayed: true. The account that the first request left "
                   "remembers the key (its last 64), so a key outlives no reset it did not "
                   "make. The same key with another endpoint or body: 422."}
REPLAYED = {"Idempotency-Replayed": {
    "description": "true when the request was sent before with its Idempotency-Key and did "
                   "nothing this time", "schema": {"const": "true"}}}


def _post(summary, request, response, description, errors=(), idempotent=False):
    ok = _json(_ref(response), f"the {response.lower()} after the change")
    operation = {
        "summary": summary,
        "description": description,
        "requestBody": {"required": True,
                        "content": {"application/json": {"schema": _ref(request)}}},
        "responses": {"200": {**ok, "headers": REPLAYED} if idempotent else ok,
                      **_errors(*BODY, *errors)},
    }
    if idempotent:
        operation["parameters"] = [IDEMPOTENCY_KEY]
        operation["responses"] = {
            **operation["responses"],
            **_errors(*BODY, *errors, "invalid_idempotency_key", "idempotency_key_reused")}
    return {"post": operation}


DOCUMENT = {
    "openapi": "3.1.0",
    "info": {
        "title": "Weilidai Mock test API",
        "version": "1.0.0",
        "description": (
            "Set up and read the state of the caller's own demo account, for automated tests. "
            "Every call acts on the session of its cookie, the same session as a browser "
            "context that shares it. POSTs take only application/json, in UTF-8 (415 "
            "otherwise), which no cross-site form can send, so they need no CSRF token. A body "
            "is JSON as RFC 8259 has it (no NaN or Infinity) and held to its schema as "
            "published: no field it does not list, no null, no field twice. Every error, at "
            "/api and under any /api/ path, is an Error object with a stable code; each "
            "operation lists its codes per status, and a path that is no endpoint answers the "
            "NotFound response."),
    },
    "servers": [{"url": "/"}],
    "paths": {
        "/api/account": {"get": {
            "summary": "Read the account",
            "responses": {"200": _json(_ref("Account"), "the session's account"), **_errors()},
        }},
        "/api/scenario": _post(
            "Seed a scenario", "ScenarioRequest", "Account",
            "Replace the session's account with a new one in the named starting state.",
            errors=("unknown_scenario",), idempotent=True),
        "/api/reset": _post(
            "Reset the account", "Empty", "Account",
            "Replace the session's account with the default scenario (fresh). The knobs stay.",
            idempotent=True),
        "/api/clock": _post(
            "Move the simulated date", "ClockRequest", "Account",
            "Move the account's date forward by days, to the next due date, or to a date; "
            "due installments, freezing (R2) and the system's close (R3) happen on the way.",
            errors=("account_expired", ClockOutOfRange.code, PastLastDate.code, NoDueDate.code),
            idempotent=True),
        "/api/knobs": {
            "get": {
                "summary": "Read the difficulty knobs",
                "responses": {"200": _json(_ref("Knobs"), "the session's knobs"), **_errors()},
            },
            **_post("Set the difficulty knobs", "KnobsRequest", "Knobs",
                    "Set every knob at once for this session; a knob left out is off."),
        },
        "/api/faults": {
            "get": {
                "summary": "Read the planted faults",
                "responses": {"200": _json(_ref("Faults"), "the catalogue and which are on"),
                              **_errors()},
            },
            **_post("Switch planted faults on", "FaultsRequest", "Faults",
                    "Turn these faults on for this session, and every other of its own off. "
                    "A page never says a fault is on; this and GET /api/account do."),
        },
        "/api/openapi.json": {"get": {
            "summary": "This document",
            "responses": {"200": {"description": "the OpenAPI document",
                                  "content": {"application/json": {"schema": {
                                      "type": "object"}}}},
                          **_errors()},
        }},
    },
    "components": {
        "schemas": SCHEMAS,
        "responses": {"NotFound": {
            "description": f"not_found: {MEANINGS['not_found']}; api_disabled: "
                           f"{MEANINGS['api_disabled']}",
            "content": {"application/json": {"schema": {"allOf": [
                _ref("Error"), {"properties": {"error": {"enum": ["not_found",
                                                                  "api_disabled"]}}}]}}},
        }},
    },
}
