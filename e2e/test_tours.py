"""Guided tours in the browser: a trainee finishes each one by doing what its hints say, with
the mouse or with the keyboard alone; a kiosk lets one play by itself until the panel stops it;
关怀模式 makes the text larger for the session."""

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.live_server import LiveServer
from e2e.pages import (ContactsPage, ControlPanel, MePage, MeSettingsPage, TourGuide,
                       TourStartPage, WeChatHome, account)
from e2e.pages.base import FAKE_VOICES
from webapp.tours import TOURS


@pytest.mark.parametrize("tour_id", list(TOURS))
def test_a_trainee_finishes_the_tour_by_doing_what_the_hints_say(page: Page, tour_id):
    tour = TOURS[tour_id]
    guide = TourStartPage(page, tour_id).open().start()
    for number, step in enumerate(tour.steps, 1):
        guide.expect_step(number, len(tour))
        expect(guide.hint).to_have_attribute("role", "status")  # read out as it appears
        expect(guide.hint).to_contain_text(str(step.hint))
        expect(guide.target).to_have_count(1)
        guide.expect_in_view()
        guide.tap_target()
    guide.expect_finished()
    done = guide.summary()
    expect(done.steps).to_have_text(str(len(tour)))
    expect(done.wrong_taps).to_have_text("0")
    expect(done.learned.get_by_role("listitem")).to_have_count(len(tour.learned))


def test_a_wrong_tap_is_shown_a_way_back_and_counted(page: Page):
    guide = TourStartPage(page, "close-weilidai").open().start()
    WeChatHome(page).tab_contacts()
    expect(guide.off_path).to_contain_text("不在教程的路线上")
    expect(guide.target).to_have_count(0)
    guide.back_to_step().expect_step(1, 8)
    for _ in range(8):
        guide.tap_target()
    expect(guide.summary().wrong_taps).to_have_text("1")


def test_leaving_a_tour_takes_the_ring_and_the_bar_away(page: Page):
    guide = TourStartPage(page, "auto-repay-off").open().start()
    guide.leave()
    expect(guide.bar).to_have_count(0)
    expect(guide.target).to_have_count(0)
    ContactsPage(page).open()
    expect(page.get_by_role("alert")).to_have_count(0)


def test_a_tour_can_be_done_with_the_keyboard_alone_and_focus_is_always_visible(page: Page):
    tour = TOURS["close-weilidai"]
    guide = TourStartPage(page, tour.id).open().start()
    for number, step in enumerate(tour.steps, 1):
        guide.expect_step(number, len(tour))
        for _ in range(80):  # Tab until the ringed element has the focus
            page.keyboard.press("Tab")
            focused = page.evaluate("""() => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                return {testid: el.dataset.testid || '', outline: style.outlineStyle,
                        width: parseFloat(style.outlineWidth)};
            }""")
            if step.fill and focused["testid"] == step.fill[0]:
                page.keyboard.type(step.fill[1])
            if focused["testid"] == step.target:
                break
        assert focused["testid"] == step.target, f"step {number}: Tab never reached it"
        assert focused["outline"] != "none" and focused["width"] >= 2, "focus is not visible"
        with page.expect_navigation():
            page.keyboard.press("Enter")
    guide.expect_finished()
    assert account(page)["status"] == "closed"


@pytest.fixture(scope="module")
def quick_server():
    """An app whose autoplay taps every 100 ms, so a whole tour plays in a few seconds."""
    with LiveServer(config={"TOUR_AUTOPLAY_MS": 100}) as server:
        yield server


def test_autoplay_plays_the_tour_to_its_end_page_and_starts_it_again(browser, quick_server,
                                                                      browser_context_args):
    context = browser.new_context(**{**browser_context_args, "base_url": quick_server.url})
    page = context.new_page()
    try:
        TourStartPage(page, "close-weilidai").open().autoplay()
        page.wait_for_url("**/weilidai/manage/closed")  # each step tapped by itself
        page.wait_for_url("**/tours/close-weilidai/done")
        page.wait_for_url(quick_server.url + "/")  # 再学一次, by itself: it loops
        # ... and plays on (at 100 ms a tap, the home may be gone before a look at it).
        page.wait_for_url("**/weilidai/manage/closed")
    finally:
        context.close()


def test_autoplay_says_it_plays_and_stops_from_the_phone_itself(page: Page):
    guide = TourStartPage(page, "close-weilidai").open().autoplay()
    expect(guide.bar).to_have_attribute("data-tour-autoplay", "3000")
    expect(guide.bar.get_by_role("status")).to_have_text("自动播放中")
    with page.expect_navigation():
        guide.bar.get_by_role("button", name="停止自动播放").click()
    expect(page.locator("script[src$='tour-autoplay.js']")).to_have_count(0)
    expect(guide.bar).not_to_have_attribute("data-tour-autoplay", "3000")
    # On a slow machine autoplay may have tapped once before it was stopped: by hand from
    # wherever it stopped.
    step = int(re.search(r"第 (\d+)/8 步", guide.hint.inner_text())[1])
    guide.tap_target().expect_step(step + 1, 8)


def test_the_panel_stops_autoplay_and_the_tour_goes_on_by_hand(page: Page):
    TourStartPage(page, "close-weilidai").open().autoplay()
    panel = ControlPanel(page).open()
    expect(panel.region).to_contain_text("自动播放中")
    with page.expect_navigation():
        panel.region.get_by_role("button", name="停止自动播放").click()
    expect(panel.flash("info")).to_have_text("已停止自动播放")
    guide = TourGuide(page)
    WeChatHome(page).open()
    guide.expect_step(1, 8).tap_target().expect_step(2, 8)


def test_care_mode_from_me_settings_makes_the_text_larger_for_the_session(page: Page):
    def body_font_px():
        return float(page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)"))

    me = MePage(page).open()
    normal = body_font_px()
    me.open_settings().set_care_mode(True)
    expect(page.get_by_test_id("care-switch")).to_be_checked()
    WeChatHome(page).open()
    assert body_font_px() >= 20 > normal
    tab_height = page.get_by_test_id("tab-me").bounding_box()["height"]
    assert tab_height >= 64
    panel = ControlPanel(page).open()
    with page.expect_navigation():
        panel.region.get_by_role("button", name="关怀模式").click()
    WeChatHome(page).open()
    assert body_font_px() == normal


def test_care_mode_reads_a_tours_step_aloud_where_the_browser_has_a_voice(page: Page):
    page.add_init_script(FAKE_VOICES)
    MeSettingsPage(page).open().set_care_mode(True)
    guide = TourStartPage(page, "close-weilidai").open().start()
    speak = guide.hint.get_by_role("button", name="朗读")
    expect(speak).to_be_visible()
    speak.click()
    assert page.evaluate("window.__spoken") == [
        {"text": str(TOURS["close-weilidai"].steps[0].hint), "lang": "zh-CN"}]


def test_without_a_voice_there_is_no_read_aloud_button(page: Page):
    MeSettingsPage(page).open().set_care_mode(True)
    guide = TourStartPage(page, "close-weilidai").open().start()
    expect(guide.hint).to_be_visible()
    expect(guide.hint.get_by_role("button", name="朗读")).to_have_count(0)  # hidden
