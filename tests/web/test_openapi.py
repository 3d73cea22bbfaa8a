"""/api/openapi.json: a valid OpenAPI 3.1 document that describes every JSON endpoint, and
the real responses (success and error alike) match what it says."""

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from webapp.openapi import DOCUMENT
from webapp.scenarios import SCENARIOS

PATHS = DOCUMENT["paths"]


def schema_validator(schema):
    """A validator for a schema of the document, its $refs resolved within the document."""
    root = {**schema, "components": DOCUMENT["components"]}
    return Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)


def check(response, path, method="post"):
    """The response is one the document lists for this operation, with a body that fits."""
    responses = PATHS[path][method]["responses"]
    status = str(response.status_code)
    assert status in responses, f"{method.upper()} {path} answered {status}, not documented"
    assert response.is_json, response.content_type
    schema = responses[status]["content"]["application/json"]["schema"]
    schema_validator(schema).validate(response.json)
    return response.json


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
])
def test_a_refused_request_is_documented_invalid_and_its_error_matches(weilidai, path, body,
                                                                         status):
    if status != 409:  # a 409 is a valid request the account's rules refuse
        assert not request_validator(path).is_valid(body)
    response = weilidai.client.post(path, json=body)
    assert response.status_code == status
    check(response, path)


@pytest.mark.parametrize("path", ["/api/scenario", "/api/reset", "/api/clock", "/api/knobs"])
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
