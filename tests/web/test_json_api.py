"""The JSON contract for test engineers: read the account, seed a scenario, move the clock."""

import http.client
import io
import json
import re
from datetime import date, timedelta

import pytest

from webapp.scenarios import SCENARIOS

STATUSES = {"active", "frozen", "closed", "force_closed"}


def test_the_account_has_the_documented_shape_with_money_in_fen(weilidai):
    account = weilidai.scenario("busy")
    assert account == weilidai.account()
    assert account["status"] in STATUSES
    for key in ("credit_limit", "available", "outstanding", "overdue"):
        assert type(account[key]) is int, key
    assert account["credit_limit"] == 2_000_000
    assert type(account["auto_repay"]) is bool
    assert date.fromisoformat(account["sim_date"])
    assert account["loans"] and account["events"]
    for loan in account["loans"]:
        assert {"id", "principal", "outstanding", "status", "installments"} <= set(loan)
        assert type(loan["principal"]) is int and type(loan["outstanding"]) is int
        for item in loan["installments"]:
            assert {"seq", "due", "principal", "interest", "owed", "paid", "status"} <= set(item)
            assert all(type(item[key]) is int
                       for key in ("principal", "interest", "owed", "paid"))
    for event in account["events"]:
        assert {"id", "date", "kind", "amount"} <= set(event)
    assert account["outstanding"] == sum(loan["outstanding"] for loan in account["loans"])


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_each_scenario_can_be_seeded_by_its_id(weilidai, name):
    account = weilidai.scenario(name)
    assert account["status"] in STATUSES
    assert account["events"][-1] == {**account["events"][-1], "kind": "scenario", "reason": name}
    assert weilidai.account() == account


@pytest.mark.parametrize("name, status", [
    ("fresh", "active"), ("repaying", "active"), ("frozen", "frozen"), ("closed", "closed"),
    ("force-closed", "force_closed"),
])
def test_the_scenarios_start_in_the_state_they_teach(weilidai, name, status):
    assert weilidai.scenario(name)["status"] == status


@pytest.mark.parametrize("body, status", [
    ('{"name": "nope"}', 404),
    ('{"name": 5}', 400),
    ('{"name": null}', 400),
    ("{}", 400),
    ("[]", 400),
    ('"fresh"', 400),
    ("null", 400),
    ("42", 400),
])
def test_a_bad_scenario_request_is_a_json_error(weilidai, body, status):
    before = weilidai.account()
    response = weilidai.client.post("/api/scenario", data=body, content_type="application/json")
    assert response.status_code == status
    assert response.is_json and "error" in response.json
    assert weilidai.account() == before


@pytest.mark.parametrize("path", ["/api/reset", "/api/clock"])
@pytest.mark.parametrize("body", ["[]", '"x"', "null", "1"])
def test_a_body_that_is_not_an_object_is_400(weilidai, path, body):
    before = weilidai.account()
    response = weilidai.client.post(path, data=body, content_type="application/json")
    assert response.status_code == 400 and response.is_json
    assert weilidai.account() == before


@pytest.mark.parametrize("path", ["/api/scenario", "/api/reset", "/api/clock"])
def test_a_non_json_body_is_415(weilidai, path):
    before = weilidai.account()
    response = weilidai.client.post(path, data="name=repaying", content_type="text/plain")
    assert response.status_code == 415 and response.is_json
    assert weilidai.account() == before


@pytest.mark.parametrize("path", ["/api/scenario", "/api/reset", "/api/clock"])
def test_a_cross_site_form_post_is_415_and_changes_nothing(weilidai, path):
    before = weilidai.scenario("repaying")
    response = weilidai.client.post(path, data={"name": "fresh", "days": "1"})
    assert response.request.content_type.startswith("application/x-www-form-urlencoded")
    assert response.status_code == 415
    assert weilidai.account() == before


@pytest.mark.parametrize("path", ["/api/scenario", "/api/reset", "/api/clock"])
@pytest.mark.parametrize("raw", ["{", "{'name': 'fresh'}", "", "nul", "\xff"])
def test_malformed_json_is_400(weilidai, path, raw):
    before = weilidai.account()
    response = weilidai.client.post(path, data=raw, content_type="application/json")
    assert response.status_code == 400 and response.is_json
    assert weilidai.account() == before


@pytest.mark.parametrize("path", ["/api/scenario", "/api/reset", "/api/clock"])
def test_deeply_nested_json_is_400_not_500(weilidai, path):
    before = weilidai.account()
    response = weilidai.client.post(path, data="[" * 30_000 + "]" * 30_000,
                                    content_type="application/json")
    assert response.status_code == 400 and response.is_json
    assert weilidai.account() == before


def test_the_api_needs_no_csrf_token(weilidai):
    weilidai.get("/weilidai/borrow")  # the session has a token; the API does not ask for it
    assert weilidai.client.post("/api/scenario", json={"name": "repaying"}).status_code == 200


def test_reset_returns_to_the_default_scenario(weilidai):
    weilidai.scenario("closed")
    response = weilidai.client.post("/api/reset", json={})
    assert response.status_code == 200
    assert response.json["status"] == "active" and response.json["loans"] == []
    assert weilidai.account() == response.json


def test_the_clock_moves_by_days(weilidai):
    today = date.fromisoformat(weilidai.account()["sim_date"])
    response = weilidai.clock(days=1)
    assert response.status_code == 200
    assert response.json["sim_date"] == (today + timedelta(days=1)).isoformat()
    assert weilidai.account()["sim_date"] == response.json["sim_date"]


def test_the_clock_moves_to_the_next_due_date(weilidai):
    account = weilidai.scenario("repaying")
    response = weilidai.clock(to="next-due")
    assert response.status_code == 200
    assert response.json["sim_date"] == account["next_due"]


def test_the_clock_moves_to_a_date(weilidai):
    today = date.fromisoformat(weilidai.account()["sim_date"])
    target = (today + timedelta(days=10)).isoformat()
    response = weilidai.clock(date=target)
    assert response.status_code == 200 and response.json["sim_date"] == target


@pytest.mark.parametrize("body", [
    {"days": "x"}, {"days": 0}, {"days": -1}, {"days": 99999}, {"days": 10 ** 30},
    {"days": 1.5}, {"days": True}, {"days": None}, {"days": [1]},
    {"days": 1, "to": "next-due"}, {"days": 1, "date": "2026-07-01"}, {},
    {"to": "tomorrow"}, {"to": 1},
    {"date": "2026-13-45"}, {"date": "yesterday"}, {"date": 20260701}, {"date": "2020-01-01"},
    {"date": "9999-12-31"},
])
def test_a_bad_clock_request_is_a_json_4xx_and_changes_nothing(weilidai, body):
    before = weilidai.account()
    response = weilidai.clock(**body)
    assert 400 <= response.status_code < 500
    assert response.is_json and "error" in response.json
    assert weilidai.account() == before


def test_next_due_without_any_loan_is_refused(weilidai):
    response = weilidai.clock(to="next-due")
    assert response.status_code == 409
    assert response.json["error"] == "no_due_date"


def test_with_the_api_switched_off_every_endpoint_is_404(make_weilidai):
    weilidai = make_weilidai(API_ENABLED=False)
    assert weilidai.client.get("/api/account").status_code == 404
    for path in ("/api/scenario", "/api/reset", "/api/clock"):
        response = weilidai.client.post(path, json={"name": "closed", "days": 1})
        assert response.status_code == 404 and response.is_json
    # The screens still work.
    assert weilidai.get("/weilidai").status == 200


def test_the_api_acts_on_the_callers_session_only(weilidai):
    other = weilidai.new_browser()
    other.scenario("closed")
    assert weilidai.account()["status"] == "active"


# -- one error contract ----------------------------------------------------------------------

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
LIMIT = 64 * 1024  # WEILIDAI_MAX_CONTENT_LENGTH's default
OVERSIZE = "[" + " " * LIMIT + "]"

# (what is wrong, method, path, request) -> the code it answers
ERRORS = [
    ("invalid_json", "post", "/api/scenario", {"data": "{", "content_type": "application/json"}),
    ("invalid_body", "post", "/api/clock", {"json": {"days": None}}),
    ("not_found", "get", "/api/nope", {}),
    ("method_not_allowed", "delete", "/api/account", {}),
    ("unsupported_media_type", "post", "/api/reset", {"data": "{}", "content_type": "text/plain"}),
    ("unknown_scenario", "post", "/api/scenario", {"json": {"name": "nope"}}),
    ("no_due_date", "post", "/api/clock", {"json": {"to": "next-due"}}),
    ("body_too_large", "post", "/api/knobs", {"data": OVERSIZE,
                                              "content_type": "application/json"}),
]


def api_error(response, status, code):
    """The contract's body, checked: its code, words and nothing else but an optional detail."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.is_json
    body = response.json
    assert set(body) - {"detail"} == {"error", "message"}
    assert body["error"] == code and body["message"]
    return body


@pytest.mark.parametrize("code, method, path, request_", ERRORS, ids=[e[0] for e in ERRORS])
def test_every_error_has_a_code_and_words_in_the_sessions_language(weilidai, code, method,
                                                                   path, request_):
    status = weilidai.client.open(path, method=method.upper(), **request_).status_code
    chinese = api_error(weilidai.client.open(path, method=method.upper(), **request_),
                        status, code)
    assert CJK.search(chinese["message"]), chinese
    weilidai.get("/weilidai?lang=en")
    english = api_error(weilidai.client.open(path, method=method.upper(), **request_),
                        status, code)
    assert not CJK.search(english["message"]), english
    assert english.get("detail") == chinese.get("detail")


@pytest.mark.parametrize("path, allowed", [
    ("/api/account", "GET, HEAD, OPTIONS"), ("/api/scenario", "OPTIONS, POST"),
    ("/api/reset", "OPTIONS, POST"), ("/api/clock", "OPTIONS, POST"),
    ("/api/knobs", "GET, HEAD, OPTIONS, POST"), ("/api/openapi.json", "GET, HEAD, OPTIONS"),
])
@pytest.mark.parametrize("method", ["delete", "put", "patch"])
def test_a_method_an_endpoint_does_not_take_is_405_with_allow(weilidai, path, allowed, method):
    response = weilidai.client.open(path, method=method.upper(), json={})
    body = api_error(response, 405, "method_not_allowed")
    assert response.headers["Allow"] == allowed
    assert body["detail"] == {"allowed": allowed.split(", ")}
    assert method.upper() in body["message"]


@pytest.mark.parametrize("path", ["/api/nope", "/api/account/", "/api/accounts", "/api/", "/api"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_path_that_is_no_endpoint_is_404_not_found(weilidai, path, method):
    api_error(weilidai.client.open(path, method=method.upper(), json={}), 404, "not_found")


def test_a_switched_off_api_says_so_on_every_path_and_method(make_weilidai):
    weilidai = make_weilidai(API_ENABLED=False)
    for method, path in [("get", "/api/account"), ("post", "/api/scenario"),
                         ("post", "/api/clock"), ("get", "/api/openapi.json"),
                         ("delete", "/api/account"), ("get", "/api/nope"), ("get", "/api")]:
        body = api_error(weilidai.client.open(path, method=method.upper(), json={}), 404,
                         "api_disabled")
        assert "detail" not in body


def test_an_unknown_scenario_is_404_with_the_valid_ids(weilidai):
    before = weilidai.account()
    body = api_error(weilidai.client.post("/api/scenario", json={"name": "frozn"}), 404,
                     "unknown_scenario")
    assert body["detail"] == {"name": "frozn", "scenarios": list(SCENARIOS)}
    assert "frozn" in body["message"]
    assert weilidai.account() == before


@pytest.mark.parametrize("path, body, field", [
    ("/api/scenario", {"name": "busy", "extra": 1}, "extra"),
    ("/api/scenario", {"name": "busy", "Name": "fresh"}, "Name"),
    ("/api/reset", {"scenario": "busy"}, "scenario"),
    ("/api/clock", {"days": 1, "hours": 2}, "hours"),
    ("/api/clock", {"to": "next-due", "force": True}, "force"),
    ("/api/knobs", {"spinner": True, "turbo": 1}, "turbo"),
])
def test_a_field_the_schema_does_not_list_is_refused_and_changes_nothing(weilidai, path, body,
                                                                          field):
    weilidai.scenario("repaying")
    before = weilidai.account(), weilidai.client.get("/api/knobs").json
    refusal = api_error(weilidai.client.post(path, json=body), 400, "invalid_body")
    assert refusal["detail"] == {"field": field, "reason": "unknown_field"}
    assert field in refusal["message"]
    assert (weilidai.account(), weilidai.client.get("/api/knobs").json) == before


@pytest.mark.parametrize("path, body, field", [
    ("/api/scenario", {"name": None}, "name"),
    ("/api/clock", {"days": 1, "to": None}, "to"),
    ("/api/clock", {"days": None, "date": "2026-12-31"}, "days"),
    ("/api/clock", {"date": None, "to": "next-due"}, "date"),
    ("/api/knobs", {"spinner": None}, "spinner"),
    ("/api/knobs", {"latency_ms": 100, "failure_rate": None}, "failure_rate"),
])
def test_a_null_is_refused_even_beside_a_good_value(weilidai, path, body, field):
    weilidai.scenario("repaying")
    before = weilidai.account()
    refusal = api_error(weilidai.client.post(path, json=body), 400, "invalid_body")
    assert refusal["detail"] == {"field": field, "reason": "null"}
    assert weilidai.account() == before


@pytest.mark.parametrize("written", [
    "20261231", "2026-W53", "2026-W53-4", "2026-365", "2026-12-31T00:00", "2026-12-31 ",
    "2026-1-5", "２０２６-１２-３１", "+2026-12-31", "2026-02-30",
])
def test_a_date_is_only_taken_as_yyyy_mm_dd(weilidai, written):
    before = weilidai.account()
    refusal = api_error(weilidai.clock(date=written), 400, "invalid_body")
    assert refusal["detail"] == {"field": "date", "reason": "wrong_value",
                                 "expected": {"type": "string", "format": "date"}}
    assert "YYYY-MM-DD" in refusal["message"]
    assert weilidai.account() == before


@pytest.mark.parametrize("body", [
    {}, {"days": 1, "to": "next-due"}, {"days": 1, "date": "2026-12-31"},
    {"to": "next-due", "date": "2026-12-31"}, {"days": 1, "to": "next-due", "date": "2026-12-31"},
])
def test_the_clock_takes_exactly_one_of_days_to_and_date(weilidai, body):
    weilidai.scenario("repaying")
    before = weilidai.account()
    refusal = api_error(weilidai.clock(**body), 400, "invalid_body")
    assert refusal["detail"] == {"field": None, "reason": "one_of"}
    assert all(name in refusal["message"] for name in ("days", "to", "date"))
    assert weilidai.account() == before


@pytest.mark.parametrize("body, field, expected", [
    ({"days": 0}, "days", {"type": "integer", "minimum": 1}),
    ({"days": 1.5}, "days", {"type": "integer", "minimum": 1}),
    ({"days": "5"}, "days", {"type": "integer", "minimum": 1}),
    ({"days": True}, "days", {"type": "integer", "minimum": 1}),
    ({"to": "tomorrow"}, "to", {"const": "next-due"}),
])
def test_a_wrong_value_names_the_field_and_what_it_takes(weilidai, body, field, expected):
    refusal = api_error(weilidai.clock(**body), 400, "invalid_body")
    assert refusal["detail"] == {"field": field, "reason": "wrong_value", "expected": expected}


def test_a_whole_number_written_as_5_0_is_5_as_json_schema_reads_it(weilidai):
    today = date.fromisoformat(weilidai.account()["sim_date"])
    response = weilidai.clock(days=5.0)
    assert response.status_code == 200
    assert response.json["sim_date"] == (today + timedelta(days=5)).isoformat()


@pytest.mark.parametrize("raw, code", [
    ("{", "invalid_json"), ("", "invalid_json"), ("nul", "invalid_json"), ("\xff", "invalid_json"),
    ("[" * 30_000 + "]" * 30_000, "invalid_json"), ("[]", "invalid_body"), ("42", "invalid_body"),
])
def test_a_body_that_is_not_a_json_object_says_which(weilidai, raw, code):
    body = api_error(weilidai.client.post("/api/clock", data=raw,
                                          content_type="application/json"), 400, code)
    if code == "invalid_body":
        assert body["detail"] == {"field": None, "reason": "not_object"}


# -- 413: any body over the limit, however it is sent ----------------------------------------

def chunked(client, path, body, method="POST"):
    """Send ``body`` as a server hands on a chunked request: no Content-Length, the stream
    ended by the server (``wsgi.input_terminated``, as Werkzeug's and gunicorn's set it)."""
    return client.open(path, method=method, input_stream=io.BytesIO(body.encode()),
                       content_type="application/json",
                       headers={"Transfer-Encoding": "chunked"},
                       environ_overrides={"wsgi.input_terminated": True})


@pytest.mark.parametrize("path", ["/api/scenario", "/api/reset", "/api/clock", "/api/knobs",
                                  "/api/account", "/api/openapi.json"])
@pytest.mark.parametrize("send", ["content-length", "chunked"])
def test_a_body_over_the_limit_is_413_on_every_endpoint(weilidai, path, send):
    weilidai.scenario("repaying")
    before = weilidai.account()
    body = json.dumps({"name": "x" * LIMIT})
    method = "GET" if path in ("/api/account", "/api/openapi.json") else "POST"
    if send == "chunked":
        response = chunked(weilidai.client, path, body, method)
    else:
        response = weilidai.client.open(path, method=method, data=body,
                                        content_type="application/json")
    refusal = api_error(response, 413, "body_too_large")
    assert refusal["detail"] == {"max_bytes": LIMIT}
    assert weilidai.account() == before


def test_a_chunked_body_within_the_limit_is_read_whole(weilidai):
    padded = '{"name": "busy"' + " " * (LIMIT - 100) + "}"
    response = chunked(weilidai.client, "/api/scenario", padded)
    assert response.status_code == 200, response.json
    assert weilidai.account()["events"][-1]["reason"] == "busy"


def test_a_chunked_body_over_the_limit_is_413_from_a_real_server():
    from e2e.live_server import LiveServer

    with LiveServer() as server:
        connection = http.client.HTTPConnection(server.url.removeprefix("http://"), timeout=10)
        body = json.dumps({"name": "x" * LIMIT}).encode()
        connection.request("POST", "/api/scenario", body=iter([body[:1000], body[1000:]]),
                           headers={"Content-Type": "application/json"},
                           encode_chunked=True)
        response = connection.getresponse()
        assert response.status == 413
        assert json.loads(response.read())["error"] == "body_too_large"


# -- Idempotency-Key (issue 11, item 1: every action happens once, over the API too) ---------

@pytest.mark.parametrize("path, body", [
    ("/api/clock", {"days": 30}), ("/api/scenario", {"name": "repaying"}), ("/api/reset", {}),
])
def test_a_request_sent_again_with_its_idempotency_key_does_nothing_new(weilidai, path, body):
    weilidai.scenario("busy")
    first = weilidai.client.post(path, json=body, headers={"Idempotency-Key": "k-1"})
    assert first.status_code == 200 and "Idempotency-Replayed" not in first.headers
    weilidai.clock(days=1)  # something else happens in between
    before = weilidai.account()
    again = weilidai.client.post(path, json=body, headers={"Idempotency-Key": "k-1"})
    assert again.status_code == 200 and again.headers["Idempotency-Replayed"] == "true"
    assert again.json == before == weilidai.account()


def test_without_a_key_every_request_acts(weilidai):
    for _ in range(2):
        weilidai.client.post("/api/clock", json={"days": 1})
    assert weilidai.account()["sim_date"] == "2026-06-03"


def test_parallel_requests_with_one_key_act_once(weilidai):
    from concurrent.futures import ThreadPoolExecutor

    app, name = weilidai.app, weilidai.app.config["SESSION_COOKIE_NAME"]
    weilidai.account()
    cookie = weilidai.client.get_cookie(name).value

    def post(_):
        client = app.test_client()
        client.set_cookie(name, cookie)
        return client.post("/api/clock", json={"days": 5},
                           headers={"Idempotency-Key": "same"}).status_code

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(post, range(4))) == [200] * 4
    assert weilidai.account()["sim_date"] == "2026-06-06"


def test_a_key_sent_with_another_request_is_refused(weilidai):
    weilidai.client.post("/api/clock", json={"days": 1}, headers={"Idempotency-Key": "k"})
    other = weilidai.client.post("/api/clock", json={"days": 2}, headers={"Idempotency-Key": "k"})
    assert other.status_code == 422 and other.json["error"] == "idempotency_key_reused"
    assert weilidai.account()["sim_date"] == "2026-06-02"


@pytest.mark.parametrize("key", ["", "a" * 65, "no spaces", "中文"])
def test_a_malformed_key_is_refused(weilidai, key):
    response = weilidai.client.post("/api/clock", json={"days": 1},
                                    headers={"Idempotency-Key": key})
    assert response.status_code == 400 and response.json["error"] == "invalid_idempotency_key"
    assert weilidai.account()["sim_date"] == "2026-06-01"


# -- what JSON the API reads: RFC 8259's, no more --------------------------------------------

@pytest.mark.parametrize("content_type", [
    "application/merge-patch+json", "application/vnd.api+json", "application/json-patch+json",
    "application/json; charset=latin-1", "application/json; charset=utf-16",
    "application/json; profile=x"])
def test_only_application_json_in_utf_8_is_taken(weilidai, content_type):
    before = weilidai.account()
    response = weilidai.client.post("/api/clock", data='{"days": 1}', content_type=content_type)
    body = api_error(response, 415, "unsupported_media_type")
    assert body["detail"] == {"content_type": content_type, "expected": "application/json"}
    assert weilidai.account() == before


@pytest.mark.parametrize("content_type", [
    "application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8",
    'application/json; charset="utf-8"', "Application/JSON"])
def test_application_json_is_taken_with_or_without_saying_utf_8(weilidai, content_type):
    response = weilidai.client.post("/api/clock", data='{"days": 1}', content_type=content_type)
    assert response.status_code == 200, response.json


@pytest.mark.parametrize("raw", ['{"days": NaN}', '{"days": Infinity}', '{"days": -Infinity}',
                                 '{"name": "fresh", "x": [NaN]}'])
def test_nan_and_infinity_are_not_json(weilidai, raw):
    before = weilidai.account()
    api_error(weilidai.client.post("/api/clock", data=raw, content_type="application/json"),
              400, "invalid_json")
    assert weilidai.account() == before


@pytest.mark.parametrize("path, raw, field", [
    ("/api/clock", '{"days": 1, "days": 2}', "days"),
    ("/api/scenario", '{"name": "busy", "name": "fresh"}', "name"),
    ("/api/knobs", '{"spinner": true, "spinner": false}', "spinner"),
])
def test_a_field_sent_twice_is_refused_and_changes_nothing(weilidai, path, raw, field):
    before = weilidai.account()
    body = api_error(weilidai.client.post(path, data=raw, content_type="application/json"),
                     400, "invalid_body")
    assert body["detail"] == {"field": field, "reason": "duplicate"}
    assert field in body["message"]
    assert weilidai.account() == before
    assert weilidai.client.get("/api/knobs").json["spinner"] is False


@pytest.mark.parametrize("digits", [10, 26, 4_300, 5_000, 60_000])
@pytest.mark.parametrize("sign", ["", "-"])
def test_a_number_of_any_length_is_answered_by_its_value(weilidai, digits, sign):
    """However many digits, a number too large (or too small) for a field is refused the same
    way: the clock's days by the clock's range, a knob by its schema."""
    before = weilidai.account()
    number = sign + "9" * digits
    clock = weilidai.client.post("/api/clock", data=f'{{"days": {number}}}',
                                 content_type="application/json")
    if sign:
        assert api_error(clock, 400, "invalid_body")["detail"]["reason"] == "wrong_value"
    else:
        assert api_error(clock, 409, "clock_out_of_range")["detail"] == {"max_days": 3660}
    knob = weilidai.client.post("/api/knobs", data=f'{{"latency_ms": {number}}}',
                                content_type="application/json")
    assert api_error(knob, 400, "invalid_body")["detail"]["field"] == "latency_ms"
    assert weilidai.account() == before


@pytest.mark.parametrize("raw", ['{"days": 1e400}', '{"days": 1.5e400}', '{"days": 1e25}'])
def test_a_number_written_with_an_exponent_past_a_float_is_still_a_number(weilidai, raw):
    clock = weilidai.client.post("/api/clock", data=raw, content_type="application/json")
    assert api_error(clock, 409, "clock_out_of_range")["detail"] == {"max_days": 3660}
