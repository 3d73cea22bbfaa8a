"""No tour strands anyone (issue 11, items 4, 5 and 13): a tour ends with its account, Back
along the route steps it back, a step that needs the trainer's clock works without the
panel, and a page that cannot draw what to tap offers a way on."""

import pytest

from tests.web.conftest import form_values
from tests.web.helpers import ringed, ringed_ids, start, tap
from webapp.tours import TOURS


def walk(weilidai, page, taps):
    for _ in range(taps):
        page = tap(weilidai, page, ringed(page)[0])
    return page


def to_the_close_dialog(weilidai):
    """有借款时关闭微粒贷, walked to 关闭微粒贷 (step 4, the refusal)."""
    page = walk(weilidai, start(weilidai, "close-with-debt"), 3)
    assert page.screen == "close-confirm"
    assert "第 4/12 步" in page.testid("tour-hint").text
    return page


@pytest.mark.parametrize("replace", ["panel-scenario", "panel-reset", "api-scenario",
                                     "api-reset"])
def test_replacing_the_account_ends_the_tour_with_a_message(weilidai, replace):
    to_the_close_dialog(weilidai)
    if replace == "panel-scenario":
        shown = weilidai.press("panel-scenario-form", {"scenario": "busy"})
    elif replace == "panel-reset":
        shown = weilidai.press("panel-reset")
    else:
        if replace == "api-scenario":
            weilidai.scenario("busy")
        else:
            assert weilidai.client.post("/api/reset", json={}).status_code == 200
        shown = weilidai.get("/weilidai/manage/close")
    assert any("教程“有借款时关闭微粒贷”已结束" in text for text in shown.flashes("info"))
    assert not weilidai.get("/weilidai/manage/close").has("tour-bar")
    assert "tour" not in weilidai.session()


def test_an_expired_account_ends_its_tour(make_weilidai):
    weilidai = make_weilidai()
    to_the_close_dialog(weilidai)
    weilidai.app.extensions["account_store"].delete(weilidai.session()["sid"])
    page = weilidai.get("/weilidai", follow=True)
    assert not page.has("tour-bar")
    assert "tour" not in weilidai.session()


def test_the_trainer_starting_the_tours_own_scenario_restarts_it_at_step_1(weilidai):
    to_the_close_dialog(weilidai)
    stage = weilidai.press("panel-scenario-form", {"scenario": "repaying"})
    assert any("从第 1 步重新开始" in text for text in stage.flashes("info"))
    assert stage.testid("stage-phone").attrs["src"] == "/weilidai"
    restarted = weilidai.phone()
    assert "第 1/12 步" in restarted.testid("tour-hint").text


def test_back_along_the_route_steps_the_tour_back_and_is_no_wrong_tap(weilidai):
    page = to_the_close_dialog(weilidai)
    repay = tap(weilidai, page, ringed(page)[0])
    assert repay.screen == "repay" and "第 5/12 步" in repay.testid("tour-hint").text
    back = weilidai.get("/weilidai/manage/close")  # the browser's Back
    assert not back.has("tour-off-path")
    assert ringed_ids(back) == ["go-repay"]
    assert "第 4/12 步" in back.testid("tour-hint").text
    cancelled = weilidai.get(back.testid("close-cancel").attrs["href"])  # 取消 in the dialog
    assert not cancelled.has("tour-off-path") and ringed_ids(cancelled) == ["close-weilidai"]
    assert weilidai.session()["tour"]["journey"]["wrong"] == 0


def test_back_past_something_done_is_off_the_path_with_a_way_back(weilidai):
    page = to_the_close_dialog(weilidai)
    page = walk(weilidai, page, 3)  # 去还款, 全部还清, 确认还款: repaid
    assert page.screen == "repaid"
    confirm_page = weilidai.get("/weilidai/repay/confirm?target=all", follow=True)
    # Nothing is left to repay: Back to the confirmation is no step of the tour any more.
    assert confirm_page.has("tour-back")
    assert weilidai.get(confirm_page.testid("tour-back").attrs["href"]).has("tour-hint")


def test_a_clock_step_is_done_on_the_phone_itself_in_presentation_mode(weilidai):
    weilidai.get("/weilidai?present=1")
    page = start(weilidai, "why-frozen")
    assert not page.has("panel")
    assert ringed_ids(page) == ["panel-clock-1"]  # drawn in the tour's bar, on the phone
    assert page.testid("tour-bar").find(data_testid="panel-clock-1") is not None
    moved = weilidai.submit(page, "panel-clock-1", follow=True)
    assert weilidai.account()["status"] == "frozen"
    assert ringed_ids(moved) == ["banner-frozen"]


def test_autoplay_in_presentation_mode_names_a_tap_that_is_on_the_page(weilidai):
    weilidai.get("/weilidai?present=1")
    page = start(weilidai, "why-frozen", autoplay=True)
    bar = page.testid("tour-bar")
    assert page.has(bar.attrs["data-tour-tap"])
    assert page.has("tour-autoplay-stop")  # it says it plays, and stops from the phone


def test_autoplay_that_finds_nothing_to_tap_starts_the_tour_again_like_a_kiosk(weilidai):
    page = walk(weilidai, start(weilidai, "close-with-debt", autoplay=True), 3)
    again = weilidai.submit(page, "tour-autoplay-stop", {"stuck": "1"}, follow=True)
    assert any("已从第 1 步重新开始" in text for text in again.flashes("error"))
    assert "第 1/12 步" in again.testid("tour-hint").text
    assert weilidai.session()["tour"]["autoplay"] is True


def test_autoplay_stuck_on_its_first_step_stops_and_says_so(weilidai):
    page = start(weilidai, "why-frozen", autoplay=True)
    stopped = weilidai.submit(page, "tour-autoplay-stop", {"stuck": "1"}, follow=True)
    assert any("自动播放停在了第 1 步" in text for text in stopped.flashes("error"))
    assert weilidai.session()["tour"]["autoplay"] is False


def test_a_step_whose_target_cannot_be_drawn_offers_to_start_again(weilidai):
    page = to_the_close_dialog(weilidai)
    weilidai.repay_all()  # behind the tour's back: the refusal cannot show any more
    stuck = weilidai.get("/weilidai/manage/close")
    assert stuck.has("tour-stuck") and ringed(stuck) == []
    again = weilidai.submit(stuck, "tour-restart-stuck", follow=True)
    assert "第 1/12 步" in again.testid("tour-hint").text
    assert weilidai.account()["outstanding"] > 0


def test_a_read_steps_button_sent_twice_reads_once(weilidai):
    tour = TOURS["why-frozen"]
    page = start(weilidai, "why-frozen")
    page = weilidai.submit(page, "panel-clock-1", follow=True)
    assert "第 2/4 步" in page.testid("tour-hint").text
    form = page.form("tour-next")
    values = form_values(form)
    weilidai.client.post(form.attrs["action"], data=values)
    weilidai.client.post(form.attrs["action"], data=values)
    assert weilidai.session()["tour"]["journey"]["at"][0] == 2 < len(tour)
