"""The English UI in a browser: ?lang=en once (or the panel's English), then the article's
path to 关闭微粒贷 by the English names a user and a screen reader meet. And the rule that
decides: a browser's own language never does, so a default context sees Chinese."""

import re

from playwright.sync_api import expect

from e2e.pages import ControlPanel, Stage, WeilidaiHome, account, seed


def test_closing_weilidai_in_english_by_role_names(page):
    seed(page, "fresh")
    page.goto("/weilidai?lang=en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Weilidai", exact=True)).to_be_visible()

    page.get_by_role("link", name="Settings", exact=True).click()
    expect(page.get_by_role("heading", name="Settings", exact=True)).to_be_visible()
    page.get_by_role("link", name="Weilidai management").click()
    expect(page.get_by_role("heading", name="Weilidai management", exact=True)).to_be_visible()
    page.get_by_role("link", name="Close Weilidai").click()

    dialog = page.get_by_role("dialog", name="Close Weilidai?")
    expect(dialog).to_contain_text("make sure every loan is repaid")
    expect(dialog).to_contain_text("your loan records are kept")
    dialog.get_by_role("link", name="Confirm closing").click()

    page.get_by_label("Payment password").fill("123456")
    page.get_by_role("button", name="Confirm closing").click()
    expect(page.get_by_test_id("closed-title")).to_have_text("Closed")
    assert account(page)["status"] == "closed"
    # The session remembers English: no ?lang= from here on.
    page.get_by_role("link", name="View loan records").click()
    expect(page.get_by_role("heading", name="Loan records", exact=True)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_the_panel_turns_the_stage_and_its_phone_english_and_back(page):
    seed(page, "repaying")
    ControlPanel(page).switch_language("English")
    expect(page).to_have_url(re.compile(r"/stage\?lang=en$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    phone = Stage(page).phone
    expect(phone.locator("html")).to_have_attribute("lang", "en")

    panel = page.get_by_role("complementary", name="Control panel", exact=True)
    expect(panel.get_by_role("link", name="English")).to_have_attribute("aria-current", "true")
    with page.expect_navigation():
        panel.get_by_role("link", name="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    WeilidaiHome(page).open()
    expect(page.get_by_role("link", name="借钱", exact=True)).to_be_visible()


def test_a_default_context_asks_for_english_and_sees_the_chinese_screens(page):
    """The context every test here runs in (test_newcomer_example.py, the docs' example,
    too) is Playwright's default: it asks for en-US, and the screens stay Chinese."""
    assert page.evaluate("navigator.language") == "en-US"
    with page.expect_request(re.compile(r"/weilidai$")) as sent:
        page.goto("/weilidai")
    assert sent.value.all_headers()["accept-language"].startswith("en-US")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.get_by_role("link", name="设置")).to_be_visible()
    page.goto("/weilidai?lang=en")
    expect(page.get_by_role("link", name="Settings", exact=True)).to_be_visible()
