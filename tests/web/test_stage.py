"""The trainer's stage (issue 12): the phone, an iframe of the phone's own pages, beside the
control panel — scenario, reset, clock, presentation mode. Every control comes back to the
stage, whose phone shows the page it was on, or where the action sent it; what the action
did is said in the panel, not on the projected phone."""

from datetime import date, timedelta

import pytest

from tests.web.conftest import state
from webapp.scenarios import SCENARIOS

# The status each scenario starts in; a new scenario must say which here.
STARTS_AS = {
    "fresh": "active", "repaying": "active", "overdue": "active", "dormant": "active",
    "frozen": "frozen", "frozen-owing": "frozen", "closed": "closed",
    "force-closed": "force_closed", "low-balance": "active", "busy": "active",
}


def sim_date(weilidai):
    return date.fromisoformat(weilidai.account()["sim_date"])


@pytest.mark.parametrize("path", ["/", "/weilidai", "/weilidai/manage", "/weilidai/repay",
                                  "/me/settings", "/tours/close-weilidai"])
def test_a_phone_screen_is_the_phone_with_one_link_to_the_stage(weilidai, path):
    page = weilidai.get(path)
    assert page.status == 200
    assert not page.has("panel") and page.root.find("aside") is None
    assert [el.attrs["data-testid"] for el in page.root.find_all(data_testid=True)
            if el.attrs["data-testid"].startswith("panel-")] == []
    link = page.testid("open-stage")
    assert link.attrs["href"] == "/stage" and link.attrs["target"] == "_top"
    assert link.text == "培训师工具"


def test_the_stages_own_phone_and_presentation_mode_show_no_link_to_the_stage(weilidai):
    assert not weilidai.in_phone("/weilidai").has("open-stage")
    weilidai.get("/stage?present=1")
    assert not weilidai.get("/weilidai").has("open-stage")


def test_the_stage_frames_the_phone_beside_the_panel(weilidai):
    stage = weilidai.stage()
    frame = stage.testid("stage-phone")
    assert frame.tag == "iframe" and frame.attrs["src"] == "/" and frame.attrs["title"]
    panel = stage.testid("panel")
    assert panel is not None and stage.testid("panel-sim-date").text == "2026-06-01"
    assert "/static/css/stage.css" in stage.assets()


def test_the_stage_remembers_the_page_its_phone_is_on(weilidai):
    weilidai.in_phone("/weilidai/records")
    assert weilidai.stage().testid("stage-phone").attrs["src"] == "/weilidai/records"
    weilidai.get("/weilidai/manage")  # the phone in a tab of its own is not the stage's
    assert weilidai.stage().testid("stage-phone").attrs["src"] == "/weilidai/records"


def test_a_scenario_button_starts_it_and_the_phone_stays_on_its_screen(weilidai):
    weilidai.in_phone("/weilidai/records")
    stage = weilidai.press("panel-scenario-form", {"scenario": "repaying"})
    assert stage.path == "/stage"
    assert "已切换到场景：正在还款" in stage.flashes("success")
    phone = weilidai.phone()
    assert phone.path == "/weilidai/records" and phone.has("loan-1")
    assert phone.flashes() == []  # said in the panel, not on the projected phone
    assert weilidai.account()["events"][-1]["reason"] == "repaying"


@pytest.mark.parametrize("scenario_id", list(SCENARIOS))
def test_every_scenario_starts_from_its_button_in_the_panel(weilidai, scenario_id):
    assert scenario_id in STARTS_AS, f"say which status {scenario_id!r} starts in"
    weilidai.scenario("busy" if scenario_id == "closed" else "closed")  # from another state
    stage = weilidai.stage()
    button = stage.testid(f"panel-scenario-{scenario_id}")
    assert button is not None and button.attrs["value"] == scenario_id
    shown = weilidai.submit(stage, f"panel-scenario-{scenario_id}",
                            {button.attrs["name"]: button.attrs["value"]}, follow=True)
    assert shown.status == 200 and shown.path == "/stage"
    assert any("已切换到场景" in text for text in shown.flashes("success"))
    account = weilidai.account()
    assert account["status"] == STARTS_AS[scenario_id]
    assert account["events"][-1] == {**account["events"][-1], "kind": "scenario",
                                     "reason": scenario_id}
    # the very account the API seeds for that scenario
    assert state(account) == state(weilidai.new_browser().scenario(scenario_id))


def test_reset_returns_to_the_default_scenario(weilidai):
    weilidai.scenario("closed")
    stage = weilidai.press("panel-reset")
    assert any("已重置" in text for text in stage.flashes("success"))
    assert weilidai.account()["status"] == "active" and weilidai.account()["loans"] == []


def test_plus_one_day_moves_the_simulated_date_and_says_what_it_did(weilidai):
    today = sim_date(weilidai)
    weilidai.in_phone("/weilidai/repay")
    stage = weilidai.press("panel-clock-1")
    assert sim_date(weilidai) == today + timedelta(days=1)
    assert stage.testid("panel-sim-date").text == (today + timedelta(days=1)).isoformat()
    assert stage.flashes("success") == ["+1 天 → 2026-06-02：没有到期的还款，账户状态不变"]
    assert weilidai.phone().path == "/weilidai/repay"


def test_a_clock_move_is_summarised_in_the_panel_and_the_event_log(weilidai):
    weilidai.scenario("low-balance")
    stage = weilidai.press("panel-clock-next-due")
    assert stage.flashes("success") == []  # an installment gone overdue is no success
    (said,) = stage.flashes("info")
    assert said.startswith("+") and "借款 1 第 1 期逾期" in said
    newest = stage.testid("panel-events").find("li").text
    assert newest.endswith("时间前进 11 天")


def test_the_clock_moves_by_the_days_typed(weilidai):
    today = sim_date(weilidai)
    weilidai.press("panel-clock-submit", {"days": "12"})
    assert sim_date(weilidai) == today + timedelta(days=12)


def test_bad_days_are_explained_in_the_panel_and_the_date_stays(weilidai):
    before = weilidai.account()
    for days in ("", "x", "0", "-3", "1.5", "99999"):
        stage = weilidai.press("panel-clock-submit", {"days": days})
        assert stage.status == 200 and stage.path == "/stage", days
        assert stage.testid("panel-flashes").find(data_testid="flash-error") is not None, days
    assert weilidai.account() == before
    assert weilidai.phone().flashes() == []


def test_next_due_moves_to_the_next_due_date(weilidai):
    account = weilidai.scenario("repaying")
    weilidai.press("panel-clock-next-due")
    assert weilidai.account()["sim_date"] == account["next_due"]


def test_next_due_without_any_loan_is_explained(weilidai):
    before = weilidai.account()
    stage = weilidai.stage()
    assert "disabled" in stage.testid("panel-clock-next-due").attrs
    page = weilidai.post_form("/panel/clock", {"to": "next-due", "next": "/stage"},
                              token_from="/stage", follow=True)
    assert any("没有待还的还款日" in text for text in page.flashes("error"))
    assert weilidai.account() == before


def test_presentation_mode_hides_the_panel_keeps_the_clock_and_comes_back(weilidai):
    stage = weilidai.press("panel-present")
    assert stage.path == "/stage" and not stage.has("panel")
    strip = stage.testid("stage-strip")
    assert strip.find(data_testid="panel-clock-1") is not None
    assert strip.find(data_testid="present-exit") is not None
    moved = weilidai.submit(stage, "panel-clock-1", follow=True)
    assert moved.testid("panel-sim-date").text == "2026-06-02"
    back = weilidai.submit(moved, "present-exit", follow=True)
    assert back.has("panel") and not back.has("stage-strip")


def test_a_link_with_present_1_opens_in_presentation_mode(weilidai):
    assert not weilidai.get("/stage?present=1").has("panel")
    assert not weilidai.stage().has("panel")
    assert weilidai.get("/stage?present=0").has("panel")


def test_the_panel_alone_is_what_the_stages_script_swaps_in(weilidai):
    weilidai.scenario("busy")
    fragment = weilidai.get("/stage/panel")
    assert fragment.status == 200 and fragment.root.find("html") is None
    assert fragment.testid("panel-sim-date").text == weilidai.account()["sim_date"]
    form = fragment.form("panel-reset")
    assert form.find("input", name="next").attrs["value"] == "/stage"


def test_the_event_log_shows_the_latest_30_newest_first_and_says_how_many_there_are(weilidai):
    weilidai.scenario("fresh")  # one event: the scenario
    for _ in range(35):  # each tap of 自动还款 is an event
        on = weilidai.account()["auto_repay"]
        weilidai.submit("/weilidai/settings/repayment", "auto-repay-form",
                        {"auto_repay": None if on else "y"})
    events = weilidai.account()["events"]
    assert len(events) == 36
    stage = weilidai.stage()
    log = stage.testid("panel-events")
    items = log.find_all("li")
    assert len(items) == 30 and log.attrs["start"] == "36"
    newest = "开启自动还款" if events[-1]["kind"] == "auto_repay_on" else "关闭自动还款"
    assert items[0].text.endswith(newest)
    assert stage.testid("panel-events-more").text == (
        "只显示最近 30 条，共 36 条；全部记录： GET /api/account")


def test_a_short_event_log_is_shown_whole_without_a_note(weilidai):
    weilidai.scenario("busy")
    stage = weilidai.stage()
    assert len(stage.testid("panel-events").find_all("li")) == len(weilidai.account()["events"])
    assert not stage.has("panel-events-more")


def test_on_a_phone_the_panel_has_the_way_back_to_the_phones_page(weilidai):
    weilidai.in_phone("/weilidai/faq")
    link = weilidai.stage().testid("panel-back-to-phone")
    assert link.attrs["href"] == "/weilidai/faq"


def test_a_tour_is_followed_in_the_stages_phone(weilidai):
    stage = weilidai.press("panel-tour-close-weilidai")
    assert "第 1/8 步" in stage.testid("panel-tour-status").text
    assert weilidai.phone().has("tour-hint")
    weilidai.in_phone("/me")  # the trainee's tap on 我, inside the stage's phone
    assert "第 2/8 步" in weilidai.stage().testid("panel-tour-status").text
    assert weilidai.session()["tour"]["journey"]["wrong"] == 0


def test_a_panel_drawn_for_an_account_replaced_since_acts_on_nothing_and_says_so(weilidai):
    stage = weilidai.stage()  # left open while a test's API call replaces the account
    fresh = weilidai.scenario("dormant")
    shown = weilidai.submit(stage, "panel-tour-why-frozen", follow=True)
    assert shown.path == "/stage" and any("已过期" in text for text in shown.flashes("error"))
    assert state(weilidai.account()) == state(fresh)
    again = weilidai.submit(shown, "panel-tour-why-frozen", follow=True)  # the fresh panel
    assert "第 1/4 步" in again.testid("panel-tour-status").text
