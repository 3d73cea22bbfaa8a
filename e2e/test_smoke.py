"""The browser really runs: Chromium loads the app's first screen."""

import re

from playwright.sync_api import Page, expect


def test_home_page_loads_in_chromium(page: Page):
    response = page.goto("/")

    assert page.context.browser.browser_type.name == "chromium"
    assert response is not None and response.status < 500
    expect(page).to_have_title(re.compile(r"\S"))
