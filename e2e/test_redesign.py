"""The redesigned layout in a browser: pixel for pixel the same screen, the same
accessibility tree, over another DOM (webapp/redesign.py). A suite that finds things the
documented way passes on both; one that walks the DOM's structure does not.

To run this whole browser suite on the redesigned layout: ``WEILIDAI_LAYOUT=redesign make
test`` (docs/bug-hunt.md shows it, and the grader's ``--redesign``)."""

import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from e2e.pages.base import seed
from e2e.pictures import differences

SHADE = 8  # of 255: what anti-aliasing may change in a pixel's colour; a restyle, far more

PHONE_SCREENS = [
    ("fresh", "/"), ("fresh", "/me"), ("fresh", "/me/settings"), ("fresh", "/weilidai/borrow"),
    ("fresh", "/weilidai/settings/repayment"), ("fresh", "/weilidai/manage/close/password"),
    ("overdue", "/weilidai"), ("overdue", "/weilidai/repay"), ("overdue", "/weilidai/records"),
    ("overdue", "/weilidai/manage"), ("frozen", "/weilidai"), ("closed", "/weilidai"),
    ("fresh", "/tours"), ("fresh", "/practice"), ("fresh", "/weilidai/faq"),
]


def with_layout(path, layout):
    return f"{path}{'&' if '?' in path else '?'}layout={layout}"


def settled_screenshot(page: Page, tries=10):
    """The page once it has stopped changing: two screenshots alike in a row (the stage's
    script fits the phone and swaps its panel in after the phone's page has loaded)."""
    shot = page.screenshot(full_page=True, animations="disabled", caret="hide")
    for _ in range(tries):
        page.wait_for_timeout(250)
        again = page.screenshot(full_page=True, animations="disabled", caret="hide")
        if again == shot:
            return shot
        shot = again
    return shot


def snapshot(page: Page):
    """What is seen (a screenshot) and what is read (the accessibility tree, its in-page
    links' targets left out: an id is renamed) of the page as it is."""
    page.wait_for_load_state("networkidle")  # the stage's phone too
    page.evaluate("() => document.fonts.ready")
    picture = settled_screenshot(page)
    tree = re.sub(r'/url: "?#[\w-]+"?', "/url: #", page.locator("body").aria_snapshot())
    return picture, tree


def both(page: Page, path, before=None):
    """``path`` seen in the classic layout, then in the redesigned one (``before`` run after
    each load: open a dialog...)."""
    seen = []
    for layout in ("classic", "redesign"):
        page.goto(with_layout(path, layout))
        if before:
            before(page)
        seen.append(snapshot(page))
    return seen


def assert_same(seen, name):
    (classic_picture, classic_tree), (picture, tree) = seen
    assert tree == classic_tree, name
    # Alike, but for a shade of anti-aliasing on an edge here and there (Chromium's drawing
    # is not always the same to the last bit from one load to the next).
    if picture != classic_picture and differences(picture, classic_picture, SHADE) != 0:
        kept = Path(tempfile.mkdtemp(prefix="redesign-"))
        (kept / "classic.png").write_bytes(classic_picture)
        (kept / "redesign.png").write_bytes(picture)
        raise AssertionError(f"{name}: the redesigned screen looks different (both in {kept})")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_phone_screen_looks_and_reads_the_same(page: Page, scheme):
    page.emulate_media(color_scheme=scheme)
    for scenario, path in PHONE_SCREENS:
        seed(page, scenario)
        assert_same(both(page, path), f"{scenario} {path}")


def test_in_care_mode_and_english_too(page: Page):
    page.goto("/me/settings?lang=en")
    with page.expect_navigation():
        page.get_by_test_id("care-switch").click()
    expect(page.get_by_test_id("care-switch")).to_be_checked()
    for scenario, path in [("overdue", "/weilidai"), ("fresh", "/weilidai/settings/repayment")]:
        seed(page, scenario)
        assert_same(both(page, path), f"care, en: {scenario} {path}")


def test_a_dialog_and_a_tour_step(page: Page):
    seed(page, "overdue")

    def refused(page):
        page.get_by_test_id("close-weilidai").click()
        expect(page.get_by_role("dialog")).to_be_visible()
    assert_same(both(page, "/weilidai/manage", refused), "the refusal dialog")

    def tour(page):
        page.get_by_role("button", name="开始教程").first.click()
        expect(page.get_by_test_id("tour-hint")).to_be_visible()
    assert_same(both(page, "/tours/close-weilidai", tour), "a tour's first step")


def test_the_stage_on_a_wall(page: Page):
    page.set_viewport_size({"width": 1920, "height": 1080})
    seen = []
    for layout in ("classic", "redesign"):
        page.goto(with_layout("/stage", layout))
        phone = page.frame_locator("[data-testid=stage-phone]")
        expect(phone.locator("main")).to_be_visible()
        seen.append(snapshot(page))
    assert_same(seen, "the stage at 1920x1080")


def test_the_documented_locators_survive_and_structural_ones_do_not(page: Page):
    """A role, a name or a test id finds the same element in both layouts; a CSS class, an
    XPath position or an id finds it in the classic one only."""
    seed(page, "repaying")
    structural = {
        "css class": "a.cell--warn",
        "xpath": "xpath=//main/div[3]/div/a",
        "id": "#close-weilidai-label",
    }
    for layout, found in (("classic", 1), ("redesign", 0)):
        page.goto(with_layout("/weilidai/manage", layout))
        expect(page.get_by_role("link", name="关闭微粒贷")).to_have_count(1)
        expect(page.get_by_test_id("close-weilidai")).to_have_text("关闭微粒贷")
        expect(page.get_by_text("关闭前请先还清所有借款")).to_be_visible()
        for how, selector in structural.items():
            assert page.locator(selector).count() == found, (layout, how)
