"""The trainer's control panel beside the phone: scenario, reset, clock, presentation mode.

Every control is a form that sends the trainer back to the screen they were on.
"""

from datetime import date, timedelta

import pytest

from tests.web.conftest import state

from webapp.scenarios import SCENARIOS

# The status each scenario starts in; a new scenario must say which here.
STARTS_AS = {
    "fresh": "active", "repaying": "active", "overdue": "active", "dormant": "active",
    "frozen": "frozen", "frozen-owing": "frozen", "closed": "closed",
    "force-closed": "force_closed",
    "low-balance": "active", "busy": "active",
}


def sim_date(weilidai):
    return date.fromisoformat(weilidai.account()["sim_date"])


def test_every_screen_with_an_account_carries_the_panel_outside_the_phone(weilidai):
    page = weilidai.get("/weilidai/manage")
    panel = page.testid("panel")
    assert panel is not None
    assert not any("phone" in el.classes() for el in panel.ancestors())
    assert page.testid("panel-sim-date").text == weilidai.account()["sim_date"]


def test_a_scenario_button_starts_it_and_returns_to_the_same_screen(weilidai):
    page = weilidai.submit("/weilidai/records", "panel-scenario-form", {"scenario": "repaying"},
                           follow=True)
    assert page.path == "/weilidai/records"
    assert any("正在还款" in text for text in page.flashes("success"))
    assert page.has("loan-1")
    assert weilidai.account()["events"][-1]["reason"] == "repaying"


@pytest.mark.parametrize("scenario_id", list(SCENARIOS))
def test_every_scenario_starts_from_its_button_in_the_panel(weilidai, scenario_id):
    assert scenario_id in STARTS_AS, f"say which status {scenario_id!r} starts in"
    weilidai.scenario("busy" if scenario_id == "closed" else "closed")  # from another state
    page = weilidai.get("/weilidai/settings")
    button = page.testid(f"panel-scenario-{scenario_id}")
    assert button is not None and button.attrs["value"] == scenario_id
    shown = weilidai.submit(page, f"panel-scenario-{scenario_id}",
                            {button.attrs["name"]: button.attrs["value"]}, follow=True)
    assert shown.status == 200 and shown.path == "/weilidai/settings"
    assert any("已切换到场景" in text for text in shown.flashes("success"))
    account = weilidai.account()
    assert account["status"] == STARTS_AS[scenario_id]
    assert account["events"][-1] == {**account["events"][-1], "kind": "scenario",
                                     "reason": scenario_id}
    # the very account the API seeds for that scenario
    assert state(account) == state(weilidai.new_browser().scenario(scenario_id))


def test_reset_returns_to_the_default_scenario(weilidai):
    weilidai.scenario("closed")
    page = weilidai.submit("/weilidai", "panel-reset", follow=True)
    assert page.path == "/weilidai"
    assert any("已重置" in text for text in page.flashes("success"))
    assert weilidai.account()["status"] == "active" and weilidai.account()["loans"] == []


def test_plus_one_day_moves_the_simulated_date(weilidai):
    today = sim_date(weilidai)
    page = weilidai.submit("/weilidai/repay", "panel-clock-1", follow=True)
    assert page.path == "/weilidai/repay"
    assert sim_date(weilidai) == today + timedelta(days=1)
    assert page.testid("panel-sim-date").text == (today + timedelta(days=1)).isoformat()


def test_the_clock_moves_by_the_days_typed(weilidai):
    today = sim_date(weilidai)
    weilidai.submit("/weilidai", "panel-clock-submit", {"days": "12"})
    assert sim_date(weilidai) == today + timedelta(days=12)


def test_bad_days_are_explained_and_the_date_stays(weilidai):
    before = weilidai.account()
    for days in ("", "x", "0", "-3", "1.5", "99999"):
        page = weilidai.submit("/weilidai", "panel-clock-submit", {"days": days}, follow=True)
        assert page.status == 200 and page.path == "/weilidai", days
        assert page.flashes("error"), days
    assert weilidai.account() == before


def test_next_due_moves_to_the_next_due_date(weilidai):
    account = weilidai.scenario("repaying")
    weilidai.submit("/weilidai", "panel-clock-next-due")
    assert weilidai.account()["sim_date"] == account["next_due"]


def test_next_due_without_any_loan_is_explained(weilidai):
    before = weilidai.account()
    page = weilidai.submit("/weilidai", "panel-clock-next-due", follow=True)
    assert any("没有待还的还款日" in text for text in page.flashes("error"))
    assert weilidai.account() == before


def test_presentation_mode_hides_the_panel_and_comes_back(weilidai):
    page = weilidai.submit("/weilidai/settings", "panel-present", follow=True)
    assert page.path == "/weilidai/settings"
    assert not page.has("panel")
    assert page.has("present-exit")
    back = weilidai.get("/weilidai/settings?present=0")
    assert back.has("panel")


def test_a_link_with_present_1_opens_in_presentation_mode(weilidai):
    assert not weilidai.get("/weilidai?present=1").has("panel")
    assert not weilidai.get("/weilidai/manage").has("panel")


def test_the_event_log_shows_the_latest_30_newest_first_and_says_how_many_there_are(weilidai):
    weilidai.scenario("fresh")  # one event: the scenario
    for _ in range(35):  # each tap of 自动还款 is an event
        on = weilidai.account()["auto_repay"]
        weilidai.submit("/weilidai/settings/repayment", "auto-repay-form",
                        {"auto_repay": None if on else "y"})
    events = weilidai.account()["events"]
    assert len(events) == 36
    page = weilidai.get("/weilidai")
    log = page.testid("panel-events")
    items = log.find_all("li")
    assert len(items) == 30 and log.attrs["start"] == "36"
    newest = "开启自动还款" if events[-1]["kind"] == "auto_repay_on" else "关闭自动还款"
    assert items[0].text.endswith(newest)
    assert page.testid("panel-events-more").text == (
        "只显示最近 30 条，共 36 条；全部记录： GET /api/account")


def test_a_short_event_log_is_shown_whole_without_a_note(weilidai):
    weilidai.scenario("busy")
    page = weilidai.get("/weilidai")
    assert len(page.testid("panel-events").find_all("li")) == len(weilidai.account()["events"])
    assert not page.has("panel-events-more")
