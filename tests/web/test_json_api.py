"""The JSON contract for test engineers: read the account, seed a scenario, move the clock."""

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
