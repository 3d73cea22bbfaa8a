"""The difficulty knobs: all off by default, set per session from the panel or the API,
each doing what it says to the phone's pages and nothing to the rest."""

import pytest

from webapp import knobs
from webapp.views import knobs as knob_views

ALL_OFF = {"latency_ms": 0, "latency_random": False, "spinner": False, "failure_rate": 0,
           "layout_shift": False}


def set_knobs(weilidai, **values):
    response = weilidai.client.post("/api/knobs", json=values)
    assert response.status_code == 200, response.json
    return response.json


def get_knobs(weilidai):
    return weilidai.client.get("/api/knobs").json


@pytest.fixture
def sleeps(monkeypatch):
    """The delays the latency knob asks for, instead of sleeping them."""
    asked = []
    monkeypatch.setattr(knob_views.time, "sleep", asked.append)
    return asked


def test_every_knob_is_off_by_default_and_costs_the_session_nothing(weilidai, sleeps):
    assert get_knobs(weilidai) == ALL_OFF
    page = weilidai.get("/weilidai")
    assert page.status == 200 and not page.has("late-banner")
    assert "knobs" not in weilidai.session()
    assert sleeps == []


def test_the_api_sets_the_knobs_and_what_it_leaves_out_is_off(weilidai):
    assert set_knobs(weilidai, spinner=True, failure_rate=30) == {
        **ALL_OFF, "spinner": True, "failure_rate": 30}
    assert set_knobs(weilidai, layout_shift=True) == {**ALL_OFF, "layout_shift": True}
    assert set_knobs(weilidai) == ALL_OFF
    assert "knobs" not in weilidai.session()


@pytest.mark.parametrize("body", [
    {"latency_ms": -1}, {"latency_ms": 5001}, {"latency_ms": "100"}, {"latency_ms": True},
    {"latency_ms": 1.5}, {"failure_rate": 101}, {"spinner": 1}, {"layout_shift": "yes"},
    {"turbo": True}, [], "spinner", 0,
])
def test_a_bad_knob_body_is_400_and_changes_nothing(weilidai, body):
    set_knobs(weilidai, spinner=True)
    response = weilidai.client.post("/api/knobs", json=body)
    assert response.status_code == 400 and "error" in response.json
    assert get_knobs(weilidai) == {**ALL_OFF, "spinner": True}


def test_the_knobs_api_takes_json_only(weilidai):
    response = weilidai.client.post("/api/knobs", data="spinner=true")
    assert response.status_code == 415
    assert get_knobs(weilidai) == ALL_OFF


def test_the_knobs_belong_to_the_session_not_to_the_account(weilidai):
    set_knobs(weilidai, layout_shift=True)
    weilidai.scenario("busy")
    weilidai.client.post("/api/reset", json={})
    assert get_knobs(weilidai)["layout_shift"] is True
    assert get_knobs(weilidai.new_browser()) == ALL_OFF


def test_the_panel_saves_the_knobs_and_turns_them_all_off(weilidai, sleeps, monkeypatch):
    monkeypatch.setattr(knobs.random, "random", lambda: 0.99)  # no 系统繁忙 in the way
    page = weilidai.submit("/stage", "panel-knobs-save", {
        "knobs-latency_ms": "300", "knobs-latency_random": "y", "knobs-spinner": "y",
        "knobs-failure_rate": "25", "knobs-layout_shift": "y"}, follow=True)
    assert page.path == "/stage"
    assert page.flashes("success") == ["测试难度已保存"]
    assert get_knobs(weilidai) == {"latency_ms": 300, "latency_random": True, "spinner": True,
                                   "failure_rate": 25, "layout_shift": True}
    shown = weilidai.stage()  # the panel shows what is set
    assert shown.testid("knob-latency-ms").attrs["value"] == "300"
    assert "checked" in shown.testid("knob-layout-shift").attrs

    page = weilidai.submit("/stage", "panel-knobs-off", {"knobs-off": "y"}, follow=True)
    assert page.flashes("success") == ["测试难度已全部关闭"]
    assert get_knobs(weilidai) == ALL_OFF


@pytest.mark.parametrize("field, value", [
    ("knobs-latency_ms", "5001"), ("knobs-latency_ms", "-1"), ("knobs-latency_ms", "abc"),
    ("knobs-failure_rate", "101"), ("knobs-failure_rate", "1.5"),
])
def test_a_bad_panel_value_is_explained_and_changes_nothing(weilidai, field, value):
    set_knobs(weilidai, spinner=True)
    page = weilidai.submit("/stage", "panel-knobs-save", {field: value}, follow=True)
    assert page.path == "/stage" and page.flashes("error")
    assert get_knobs(weilidai) == {**ALL_OFF, "spinner": True}


def test_latency_waits_the_fixed_time_on_phone_pages_and_actions_only(weilidai, sleeps):
    set_knobs(weilidai, latency_ms=600)
    weilidai.get("/weilidai")
    weilidai.submit("/weilidai/settings/repayment", "auto-repay-form", {"auto_repay": None})
    assert sleeps == [0.6, 0.6, 0.6]  # the home, the settings page and the switch's POST
    weilidai.get("/scenarios")
    weilidai.client.get("/static/css/phone.css").close()
    weilidai.client.get("/api/account")
    assert len(sleeps) == 3


def test_random_latency_waits_up_to_the_time_given(weilidai, sleeps):
    set_knobs(weilidai, latency_ms=400, latency_random=True)
    for _ in range(20):
        weilidai.get("/weilidai")
    assert len(sleeps) == 20 and all(0 <= delay <= 0.4 for delay in sleeps)
    assert len(set(sleeps)) > 1


def test_failure_answers_system_busy_with_a_retry_and_never_twice_in_a_row(weilidai):
    set_knobs(weilidai, failure_rate=100)
    busy = weilidai.get("/weilidai/records?from=test")
    assert busy.status == 503 and busy.screen == "system-busy"
    assert busy.testid("system-busy-title").text == "系统繁忙，请稍后重试"
    assert busy.testid("retry").attrs["href"] == "/weilidai/records?from=test"
    assert busy.response.headers["Retry-After"] == "1"
    retried = weilidai.get("/weilidai/records?from=test")
    assert retried.status == 200 and retried.screen == "records"
    assert weilidai.get("/weilidai").status == 503


def test_failure_never_refuses_an_action_and_keeps_its_message_for_the_retry(weilidai):
    set_knobs(weilidai, failure_rate=100)
    assert weilidai.get("/weilidai/settings/repayment").status == 503
    tokens = weilidai.tokens("/weilidai/settings/repayment")
    saved = weilidai.client.post("/weilidai/settings/repayment", data=tokens)
    assert saved.status_code == 302
    assert weilidai.account()["auto_repay"] is False  # done, once
    busy = weilidai.get(saved.location)
    assert busy.status == 503 and busy.flashes() == []
    result = weilidai.get(saved.location)
    assert result.status == 200 and result.flashes("success")


@pytest.mark.parametrize("path", ["/scenarios", "/scenarios/fresh", "/static/css/phone.css",
                                  "/api/account", "/api/knobs"])
def test_failure_spares_the_setup_pages_the_api_and_static_files(weilidai, path):
    set_knobs(weilidai, failure_rate=100)
    with weilidai.client.get(path) as response:
        assert response.status_code == 200


def test_failure_strikes_about_as_often_as_asked(weilidai, monkeypatch):
    draws = iter([0.10, 0.50, 0.19, 0.90])
    monkeypatch.setattr(knobs.random, "random", lambda: next(draws))
    set_knobs(weilidai, failure_rate=20)
    assert [weilidai.get("/weilidai").status for _ in range(3)] == [503, 200, 200]
    assert weilidai.get("/weilidai").status == 503  # 0.19 < 20%, the 0.9 is never drawn


def test_spinner_shows_the_loading_page_between_an_action_and_its_result(weilidai):
    weilidai.scenario("fresh")
    set_knobs(weilidai, spinner=True)
    sent = weilidai.post_form("/weilidai/manage/close/password", {"password": "123456"})
    assert sent.status == 302
    assert sent.location == "/loading?next=/weilidai/manage/closed"
    loading = weilidai.get(sent.location)
    assert loading.status == 200 and loading.screen == "loading"
    assert loading.response.headers["Refresh"] == "1; url=/weilidai/manage/closed"
    assert loading.testid("loading-continue").attrs["href"] == "/weilidai/manage/closed"
    assert weilidai.get("/weilidai/manage/closed").screen == "closed"


def test_spinner_leaves_the_panel_alone_and_the_loading_page_goes_nowhere_else(weilidai):
    set_knobs(weilidai, spinner=True)
    moved = weilidai.submit("/stage", "panel-clock-1")
    assert moved.location == "/stage"
    for target in ("https://evil.example/", "//evil.example", "javascript:alert(1)"):
        page = weilidai.client.get("/loading", query_string={"next": target})
        assert page.headers["Refresh"] == "1; url=/weilidai", target


def test_layout_shift_puts_the_late_banner_above_the_home_only(weilidai):
    set_knobs(weilidai, layout_shift=True)
    home = weilidai.get("/weilidai")
    banner = home.testid("late-banner")
    assert banner is not None and "late-shift" in banner.parent.classes()
    assert home.main.children.index(banner.parent) < home.main.children.index(
        home.testid("available"))
    assert not weilidai.get("/weilidai/settings").has("late-banner")


def test_the_panel_form_without_its_token_changes_no_knob(weilidai):
    page = weilidai.request("post", "/panel/knobs", data={"knobs-spinner": "y"})
    assert page.status == 400
    assert get_knobs(weilidai) == ALL_OFF
