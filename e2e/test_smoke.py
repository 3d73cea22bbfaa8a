"""The browser really runs: Chromium loads the app's first screen."""

import re

from playwright.sync_api import Page, expect

from e2e.pages import WeChatHome


def test_home_page_loads_in_chromium(page: Page):
    home = WeChatHome(page).open()

    assert page.context.browser.browser_type.name == "chromium"
    expect(page).to_have_title(re.compile(r"\S"))
    expect(home.chats).to_be_visible()
