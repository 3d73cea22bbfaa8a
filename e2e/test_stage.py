"""The trainer's stage in a browser (issue 12): the phone scaled to a projector beside the
panel, a ripple for every tap, the panel following the phone, the keyboard shortcuts; and
the phone's own screens, which hold nothing of the trainer's. The stage fills the wall, and
the panel is whole and usable at a laptop's and an old projector's size too (issue 21)."""

import pytest
from playwright.sync_api import Page, expect

from e2e.pages import ControlPanel, Stage, TourGuide, WeilidaiHome, seed
from webapp.tours import TOURS

PROJECTOR = {"width": 1920, "height": 1080}


@pytest.fixture
def stage(page: Page):
    page.set_viewport_size(PROJECTOR)
    return Stage(page).open()


def test_a_phone_screen_has_the_product_alone(page: Page):
    seed(page, "repaying")
    WeilidaiHome(page).open()
    # A test's role locators search the phone only: no panel, none of its dozens of buttons.
    expect(page.get_by_role("complementary")).to_have_count(0)
    expect(page.get_by_role("button")).to_have_count(0)
    expect(page.get_by_role("link", name="培训师工具")).to_have_attribute("href", "/stage")


def test_on_a_projector_the_phone_fills_most_of_the_height(stage: Stage, page: Page):
    page.wait_for_function(
        "() => document.querySelector('[data-stage-fit]').style.getPropertyValue('--phone-scale')")
    box = page.locator("[data-stage-fit]").bounding_box()
    assert box["height"] >= 0.85 * PROJECTOR["height"], box
    assert box["y"] >= 0 and box["y"] + box["height"] <= PROJECTOR["height"], box
    panel = ControlPanel(page).region.bounding_box()
    assert panel["x"] >= box["x"] + box["width"], (box, panel)  # beside it, not over it
    # The phone inside is the phone's own page, without the way to the stage.
    expect(stage.phone.get_by_test_id("screen-wechat-home")).to_be_visible()
    expect(stage.phone.get_by_role("link", name="培训师工具")).to_have_count(0)


def fitted(page):
    page.wait_for_function(
        "() => document.querySelector('[data-stage-fit]').style.getPropertyValue('--phone-scale')")
    return page.locator("[data-stage-fit]").bounding_box()


def empty_share(page, size):
    """The share of the window that neither the phone nor the panel covers."""
    phone, panel = fitted(page), ControlPanel(page).region.bounding_box()
    covered = phone["width"] * phone["height"] + panel["width"] * panel["height"]
    return 1 - covered / (size["width"] * size["height"])


def smallest_panel_text(page):
    return ControlPanel(page).region.evaluate("""panel => {
        let smallest = Infinity;
        const walker = document.createTreeWalker(panel, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const el = walker.currentNode.parentElement;
            if (!walker.currentNode.textContent.trim() || !el.checkVisibility()) continue;
            smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
        }
        return smallest;
    }""")


@pytest.mark.parametrize("size", [PROJECTOR, {"width": 1366, "height": 768},
                                  {"width": 1024, "height": 768}], ids=lambda s: f"{s['width']}x{s['height']}")
def test_the_stage_fills_the_window_and_its_panel_is_whole_and_scrolls_inside_itself(
        page: Page, size):
    seed(page, "busy")  # a long event log, three cards: a full panel
    page.set_viewport_size(size)
    Stage(page).open()
    phone, panel = fitted(page), ControlPanel(page).region
    # The phone as tall as the window allows, whole.
    assert phone["height"] >= size["height"] - 48 - 2 and phone["y"] >= 0
    # The panel beside it, inside the window, however long it is: it scrolls by itself.
    box = panel.bounding_box()
    assert box["x"] >= phone["x"] + phone["width"] and box["x"] + box["width"] <= size["width"]
    assert box["y"] >= 0 and box["y"] + box["height"] <= size["height"]
    assert page.evaluate("() => document.documentElement.scrollHeight") <= size["height"]
    # Its last control, scrolled to, is whole in the window, and usable.
    last = panel.get_by_test_id("panel-faults-off")
    last.scroll_into_view_if_needed()
    end = last.bounding_box()
    assert end["y"] >= 0 and end["y"] + end["height"] <= size["height"]
    expect(last).to_be_enabled()
    if size == PROJECTOR:
        assert empty_share(page, size) <= 0.40
        assert box["width"] >= 700  # the panel grows into the room the phone leaves
        assert smallest_panel_text(page) >= 15


def test_shift_r_asks_before_it_resets_the_account(stage: Stage, page: Page):
    panel = ControlPanel(page)
    panel.region.get_by_role("button", name="+30 天").click()
    expect(panel.sim_date).to_have_text("2026-07-01")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("Shift+R")
    expect(stage.reset_question).to_be_visible()
    page.keyboard.press("Enter")  # 取消 is the default answer
    expect(stage.reset_question).to_be_hidden()
    expect(panel.sim_date).to_have_text("2026-07-01")
    page.keyboard.press("Shift+R")
    with page.expect_navigation():
        stage.reset_question.get_by_role("button", name="重置").click()
    expect(panel.sim_date).to_have_text("2026-06-01")
    expect(panel.flash("success")).to_contain_text("演示账户已重置")


def test_every_tap_on_the_phone_shows_a_ripple_where_it_landed(stage: Stage, page: Page):
    expect(stage.phone.get_by_test_id("screen-wechat-home")).to_be_visible()
    page.wait_for_function(  # the stage's script has put the ripple's look into the phone
        "() => document.querySelector('[data-testid=stage-phone]').contentDocument"
        ".querySelector('link[data-stage-ripple]')")
    chats = stage.phone.get_by_role("list", name="聊天")
    chats.click(position={"x": 40, "y": 30})
    ripple = stage.phone.get_by_test_id("tap-ripple")
    expect(ripple).to_have_count(1)
    expect(ripple).to_have_count(0)  # it fades away by itself


def test_the_panel_follows_what_the_phone_does(stage: Stage, page: Page):
    seed(page, "fresh")
    stage.open()
    panel = ControlPanel(page)
    expect(panel.events.locator("li")).to_have_count(1)
    stage.phone.get_by_role("link", name="我").click()
    expect(stage.phone.get_by_test_id("screen-me")).to_be_visible()
    # A borrowing on the phone, and the panel shows it without a reload of the stage.
    stage.frame.evaluate("frame => frame.contentWindow.location.assign('/weilidai/borrow')")
    phone = stage.phone
    phone.get_by_role("textbox", name="借款金额（元）").fill("1000")
    phone.get_by_role("button", name="下一步").click()
    phone.get_by_test_id("password").fill("123456")
    phone.get_by_role("button", name="确认借款").click()
    expect(phone.get_by_test_id("screen-borrowed")).to_be_visible()
    expect(panel.events).to_contain_text("借款 ¥1,000.00")
    expect(page).to_have_url(stage.page.url)  # the stage itself never reloaded


def test_the_keyboard_drives_the_show(stage: Stage, page: Page):
    ControlPanel(page).start_tour("微粒贷为什么被冻结")
    phone = stage.phone
    expect(phone.get_by_test_id("tour-hint")).to_contain_text("第 1/4 步")
    page.keyboard.press("?")
    expect(stage.shortcuts).to_be_visible()
    page.keyboard.press("Escape")
    expect(stage.shortcuts).to_be_hidden()
    with page.expect_navigation():
        page.keyboard.press("1")  # +1 天: the account freezes, the tour's step is done
    expect(ControlPanel(page).flash("info")).to_contain_text("微粒贷被冻结")  # news, not success
    expect(phone.get_by_test_id("tour-hint")).to_contain_text("第 2/4 步")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("ArrowRight")  # 知道了, as the tour names it
    expect(phone.get_by_test_id("tour-hint")).to_contain_text("第 3/4 步")


def test_the_panel_keeps_its_scroll_position_across_its_own_actions(stage: Stage, page: Page):
    page.set_viewport_size({"width": 1280, "height": 700})
    stage.open()
    panel = ControlPanel(page)
    panel.region.evaluate("panel => { panel.scrollTop = 400; }")
    button = panel.region.get_by_role("button", name="+1 天")
    button.evaluate("button => button.closest('form').requestSubmit()")
    page.wait_for_load_state()
    expect(panel.sim_date).to_have_text("2026-06-02")
    page.wait_for_function("() => document.querySelector('[data-stage-panel]').scrollTop > 300")


def test_on_a_phone_the_stage_is_the_panel_alone(page: Page):
    seed(page, "fresh")
    WeilidaiHome(page).open()
    with page.expect_navigation():
        page.get_by_role("link", name="培训师工具").click()
    panel = ControlPanel(page)
    expect(panel.region).to_be_visible()
    expect(Stage(page).frame).to_be_hidden()
    back = panel.region.get_by_role("link", name="回到手机画面")
    expect(back).to_be_visible()


def test_a_tour_started_on_the_stage_plays_in_its_phone(stage: Stage, page: Page):
    ControlPanel(page).start_tour("关闭微粒贷")
    expect(stage.phone.get_by_test_id("tour-hint")).to_contain_text("第 1/8 步")
    stage.phone.get_by_role("link", name="我").click()
    expect(stage.phone.get_by_test_id("tour-hint")).to_contain_text("第 2/8 步")
    expect(ControlPanel(page).region.get_by_test_id("panel-tour-status")).to_contain_text(
        "第 2/8 步")


def test_on_a_laptop_every_step_of_the_longest_tour_shows_inside_the_phone(page: Page):
    """At 1280×900 the phone is scaled to the window's height: each hint and each ring is
    whole inside it (issue 11: nothing below the phone's bottom edge)."""
    page.set_viewport_size({"width": 1280, "height": 900})
    stage = Stage(page).open()
    ControlPanel(page).start_tour("有借款时关闭微粒贷")
    frame = page.get_by_test_id("stage-phone").element_handle().content_frame()
    box = page.get_by_test_id("stage-phone").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 900 and box["x"] >= 0, box
    guide = TourGuide(frame)
    steps = len(TOURS["close-with-debt"])
    for number in range(1, steps + 1):
        guide.expect_step(number, steps)
        if not frame.get_by_test_id("panel-clock-1").count():  # a step the tour bar draws
            guide.expect_in_view()
        guide.tap_target()
    guide.expect_finished()
    expect(stage.phone.get_by_test_id("tour-bar")).to_be_visible()
