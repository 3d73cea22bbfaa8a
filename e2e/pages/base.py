"""What every page object shares."""

from playwright.sync_api import Page, expect


def seed(page: Page, scenario: str):
    """Reset this browser's account to a scenario with one API call (same cookie as the page)."""
    response = page.request.post("/api/scenario", data={"name": scenario})
    assert response.ok, response.text()
    return response.json()


def account(page: Page):
    """The account as the JSON API reports it."""
    return page.request.get("/api/account").json()


class Screen:
    """A screen: its path, its test id, and the nav bar's back link."""

    path = "/"
    screen_id = ""

    def __init__(self, page: Page):
        self.page = page
        self.main = page.get_by_test_id(f"screen-{self.screen_id}")

    def open(self):
        self.page.goto(self.path)
        return self.expect_shown()

    def expect_shown(self):
        expect(self.main).to_be_visible()
        return self

    def back(self):
        self.page.get_by_role("link", name="返回").click()

    def flash(self, kind="error"):
        return self.page.get_by_test_id(f"flash-{kind}")

    def account(self):
        return account(self.page)
