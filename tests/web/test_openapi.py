"""/api/openapi.json: a valid OpenAPI 3.1 document that describes every JSON endpoint, and
the real responses (success and error alike) match what it says.

Errors in particular: ``undocumented`` is run on every /api/ error any test in tests/web
provokes (the ``api_errors_are_documented`` fixture of conftest.py), so an error code an
endpoint answers but the document does not list for it, at that status, fails that test.
Here every code the document lists is provoked at every endpoint that lists it, and random
bodies are held to the published request schemas exactly."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_spec_validator import validate

from tests.web.conftest import Weilidai, make_app
from tests.web.helpers import (ExpiringStore, check, put_the_clock_at, schema_validator,
                               undocumented)
from webapp import api_errors
from webapp.domain import LAST_SIM_DATE
from webapp.openapi import DOCUMENT
from webapp.scenarios import SCENARIOS
from webapp.store import AccountStore, StoreUnavailable, VersionConflict

PATHS = DOCUMENT["paths"]


def request_validator(path):
    return schema_validator(PATHS[path]["post"]["requestBody"]["content"]["application/json"]
                            ["schema"])


def post(weilidai, path, body):
    """POST a body the document says is valid (checked), and check the answer."""
    request_validator(path).validate(body)
    return check(weilidai.client.post(path, json=body), path)


def test_the_document_is_served_and_is_valid_openapi(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.is_json
    assert response.json == DOCUMENT
    validate(response.json)


def test_every_api_route_is_described_and_nothing_else(app):
    routes = {(rule.rule, method.lower()) for rule in app.url_map.iter_rules()
              if rule.rule.startswith("/api/")
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    described = {(path, method) for path, operations in PATHS.items() for method in operations}
    assert routes == described


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_each_scenario_and_the_account_read_back_match_the_account_schema(weilidai, name):
    seeded = post(weilidai, "/api/scenario", {"name": name})
    assert check(weilidai.client.get("/api/account"), "/api/account", "get") == seeded


@pytest.mark.parametrize("body", [{"days": 5}, {"to": "next-due"}, {"date": "2026-12-31"}])
def test_moving_the_clock_answers_an_account(weilidai, body):
    weilidai.scenario("busy")
    post(weilidai, "/api/clock", body)


def test_reset_answers_an_account(weilidai):
    weilidai.scenario("closed")
    assert post(weilidai, "/api/reset", {})["status"] == "active"


@pytest.mark.parametrize("body", [{}, {"latency_ms": 250, "latency_random": True},
                                  {"spinner": True, "failure_rate": 10, "layout_shift": True}])
def test_the_knobs_set_and_read_back_match_the_knobs_schema(weilidai, body):
    chosen = post(weilidai, "/api/knobs", body)
    assert check(weilidai.client.get("/api/knobs"), "/api/knobs", "get") == chosen


@pytest.mark.parametrize("body", [{"enable": []}, {"enable": ["rules-1", "ui-4"]}])
def test_the_faults_set_and_read_back_match_the_faults_schema(weilidai, body):
    chosen = post(weilidai, "/api/faults", body)
    assert check(weilidai.client.get("/api/faults"), "/api/faults", "get") == chosen
    assert check(weilidai.client.get("/api/account"), "/api/account", "get")["faults"] == (
        body["enable"])


@pytest.mark.parametrize("path, body, status", [
    ("/api/scenario", {"name": "nope"}, 404),
    ("/api/scenario", {"name": 5}, 400),
    ("/api/scenario", [], 400),
    ("/api/reset", [], 400),
    ("/api/clock", {}, 400),
    ("/api/clock", {"days": 1, "to": "next-due"}, 400),
    ("/api/clock", {"date": "tomorrow"}, 400),
    ("/api/clock", {"days": 99999}, 409),
    ("/api/clock", {"to": "next-due"}, 409),  # a fresh account has no due date
    ("/api/knobs", {"failure_rate": 101}, 400),
    ("/api/knobs", {"turbo": True}, 400),
    ("/api/faults", {"enable": ["nope"]}, 400),
    ("/api/faults", {"enable": ["ui-1", "ui-1"]}, 400),
])
def test_a_refused_request_is_documented_invalid_and_its_error_matches(weilidai, path, body,
                                                                         status):
    if status != 409:  # a 409 is a valid request the account's rules refuse
        assert not request_validator(path).is_valid(body)
    response = weilidai.client.post(path, json=body)
    assert response.status_code == status
    check(response, path)


@pytest.mark.parametrize("path", ["/api/scenario", "/api/reset", "/api/clock", "/api/knobs",
                                  "/api/faults"])
def test_a_body_that_is_not_json_is_a_documented_415(weilidai, path):
    check(weilidai.client.post(path, data="name=fresh", content_type="text/plain"), path)


@pytest.mark.parametrize("path, method", sorted(
    (path, method) for path, operations in PATHS.items() for method in operations))
def test_with_the_api_switched_off_every_endpoint_is_a_documented_404(make_weilidai, path,
                                                                       method):
    client = make_weilidai(API_ENABLED=False).client
    response = client.open(path, method=method.upper(), json={})
    assert response.status_code == 404
    check(response, path, method)


# -- every error code the document lists, provoked where it lists it -------------------------

OPERATIONS = sorted((path, method) for path, operations in PATHS.items() for method in operations)


def listed_errors():
    """(path, method, status, code) for every error code the document lists."""
    for path, method in OPERATIONS:
        for status, response in PATHS[path][method]["responses"].items():
            if status[0] in "45":
                for code in response["content"]["application/json"]["schema"]["allOf"][1][
                        "properties"]["error"]["enum"]:
                    yield path, method, status, code


class UnreachableStore(AccountStore):
    def get_raw(self, key):
        raise StoreUnavailable("the test's store is down")

    save_raw = delete = get_raw


class RacingStore(AccountStore):
    """The app's own store, except that every save loses a race."""

    def __init__(self, inner):
        self.inner = inner

    def get_raw(self, key):
        return self.inner.get_raw(key)

    def save_raw(self, key, text, expected_version):
        raise VersionConflict()

    def delete(self, key):
        self.inner.delete(key)


def with_store(make_store):
    app = make_app()
    app.extensions["account_store"] = make_store(app.extensions["account_store"])
    return app.test_client()


def a_bug(*args, **kwargs):
    raise RuntimeError("a bug")


def with_a_bug():
    app = make_app()
    app.before_request(a_bug)
    return app.test_client()


def expiring_during_the_call():
    app = make_app()
    store = app.extensions["account_store"] = ExpiringStore(app.extensions["account_store"])
    client = app.test_client()
    client.post("/api/scenario", json={"name": "repaying"})
    store.expiring = True
    return client


def provoke(code, path, method):
    """A request that answers ``code`` at this endpoint."""
    client = make_app().test_client()
    limit = client.application.config["MAX_CONTENT_LENGTH"]
    body = {"json": {}}
    if code == "api_disabled":
        client = make_app(API_ENABLED=False).test_client()
    elif code == "method_not_allowed":
        method = "delete"
    elif code == "body_too_large":
        body = {"data": "[" + " " * limit + "]", "content_type": "application/json"}
    elif code == "internal_error":
        client = with_a_bug()
    elif code == "store_unavailable":
        client = with_store(lambda inner: UnreachableStore())
    elif code == "store_busy":
        client = with_store(RacingStore)
    elif code == "account_expired":
        client, body = expiring_during_the_call(), {"json": {"days": 1}}
    elif code == "past_last_date":
        put_the_clock_at(Weilidai(client), LAST_SIM_DATE)
        body = {"json": {"days": 1}}
    elif code in ("invalid_idempotency_key", "idempotency_key_reused"):
        valid = {"/api/clock": {"days": 2}, "/api/scenario": {"name": "busy"}}.get(path, {})
        key = "no spaces allowed" if code == "invalid_idempotency_key" else "used"
        client.post("/api/clock", json={"days": 1}, headers={"Idempotency-Key": "used"})
        body = {"json": valid, "headers": {"Idempotency-Key": key}}
    else:
        body = {
            "invalid_json": {"data": "{", "content_type": "application/json"},
            "invalid_body": {"json": {"unknown": 1}},
            "unsupported_media_type": {"data": "name=fresh", "content_type": "text/plain"},
            "unknown_scenario": {"json": {"name": "nope"}},
            "clock_out_of_range": {"json": {"days": 99_999}},
            "no_due_date": {"json": {"to": "next-due"}},
        }[code]
    return client.open(path, method=method.upper(), **body)


@pytest.mark.parametrize("path, method, status, code", list(listed_errors()))
def test_every_error_the_document_lists_is_answered_where_it_is_listed(path, method, status,
                                                                       code):
    response = provoke(code, path, method)
    assert (str(response.status_code), response.json["error"]) == (status, code)
    assert undocumented(response.request.method, path, path, response) == []


def test_every_code_of_the_contract_is_listed_somewhere():
    listed = {code for *_, code in listed_errors()}
    not_found = DOCUMENT["components"]["responses"]["NotFound"]["content"]["application/json"]
    listed |= set(not_found["schema"]["allOf"][1]["properties"]["error"]["enum"])
    assert set(api_errors.CODES) <= listed


def test_an_error_the_document_does_not_describe_fails_the_test_that_provoked_it(
        api_errors_are_documented):
    app = make_app()

    @app.get("/api/teapot")
    def teapot():
        return {"error": "teapot", "message": "I'm a teapot"}, 418

    @app.get("/api/wrong-shape")
    def wrong_shape():
        return {"error": "Not Found!"}, 404

    client = app.test_client()
    client.get("/api/teapot")
    client.get("/api/wrong-shape")
    assert sorted(api_errors_are_documented) == [
        "GET /api/teapot: 418 is not listed",
        "GET /api/wrong-shape: 404 'Not Found!' does not match '^[a-z][a-z0-9_]*$'",
        "GET /api/wrong-shape: 404 'Not Found!' is not one of ['not_found', 'api_disabled']",
        "GET /api/wrong-shape: 404 'message' is a required property",
    ]
    api_errors_are_documented.clear()  # what this test made on purpose


# -- request bodies held to the published schemas exactly ------------------------------------

REQUESTS = ["/api/scenario", "/api/reset", "/api/clock", "/api/knobs", "/api/faults"]
FIELDS = ["name", "days", "to", "date", "latency_ms", "latency_random", "spinner",
          "failure_rate", "layout_shift", "enable", "Days", "x"]
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 200), st.integers(-10**20, 10**20),
    st.floats(allow_nan=False, allow_infinity=False), st.just(5.0), st.text(max_size=10),
    st.sampled_from(["next-due", "2026-12-31", "20261231", "2026-W53", "2026-12-31T00:00",
                     "2026-1-5", "２０２６-１２-３１", "2026-02-30", "9999-12-31", "fresh",
                     "busy", "nope", "", "true", "1"]),
    st.lists(st.integers(), max_size=2),
    st.lists(st.sampled_from(["ui-1", "rules-2", "nope"]), max_size=3),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
)


@settings(max_examples=200, deadline=None,
          # the contract fixture of conftest.py is meant to span every example
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(REQUESTS),
       body=st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=3))
def test_a_body_is_taken_exactly_when_the_published_schema_says_it_is_valid(app, path, body):
    response = app.test_client().post(path, json=body)
    if request_validator(path).is_valid(body):
        assert response.status_code in (200, 409), response.json  # 409: the rules refuse
    elif response.status_code == 404:  # a name that fits "string", but is no scenario
        assert (path, response.json["error"]) == ("/api/scenario", "unknown_scenario")
        assert isinstance(body.get("name"), str) and set(body) == {"name"}
    else:
        assert response.status_code == 400, response.json
        assert response.json["error"] == "invalid_body"
