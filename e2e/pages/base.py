"""What every page object shares: the screen, the seeding calls, the knobs' pages."""

import re

from playwright.sync_api import Page, expect

# 系统繁忙 never strikes twice in a row (webapp/knobs.py): one retry is always enough.
BUSY_RETRIES = 3


def seed(page: Page, scenario: str):
    """Reset this browser's account to a scenario with one API call (same cookie as the page)."""
    response = page.request.post("/api/scenario", data={"name": scenario})
    assert response.ok, response.text()
    return response.json()


def account(page: Page):
    """The account as the JSON API reports it."""
    return page.request.get("/api/account").json()


def set_knobs(page: Page, **knobs):
    """Set this session's difficulty knobs (``latency_ms=500, spinner=True``); the ones left
    out are off, so ``set_knobs(page)`` turns them all off."""
    response = page.request.post("/api/knobs", data=knobs)
    assert response.ok, response.text()
    return response.json()


def knobs(page: Page):
    """This session's difficulty knobs as the JSON API reports them."""
    return page.request.get("/api/knobs").json()


class Screen:
    """A screen: its path, its test id (``screen-<id>`` on <main>), the nav bar's back link.

    ``expect_shown()`` waits for the screen through a 加载中 page, and taps 重试 on a
    系统繁忙 page, so every navigation in these page objects survives the knobs."""

    path = "/"
    screen_id = ""

    def __init__(self, page: Page):
        self.page = page
        self.main = page.get_by_test_id(f"screen-{self.screen_id}")

    def open(self):
        self.page.goto(self.path)
        return self.expect_shown()

    def expect_shown(self):
        busy = self.page.get_by_test_id(f"screen-{SystemBusyPage.screen_id}")
        for _ in range(BUSY_RETRIES):
            expect(self.main.or_(busy)).to_be_visible()
            if not busy.is_visible():
                break
            SystemBusyPage(self.page).retry()
        expect(self.main).to_be_visible()
        return self

    def back(self):
        self.page.get_by_role("link", name="返回").click()

    def flash(self, kind="error"):
        return self.page.get_by_test_id(f"flash-{kind}")

    @property
    def alerts(self):
        return self.page.get_by_role("alert")

    def account(self):
        return account(self.page)


class SystemBusyPage(Screen):
    """The failure knob's "系统繁忙，请稍后重试": 重试 loads the same page again.
    ``SystemBusyPage(page, "/weilidai").open()`` expects that load to fail."""

    screen_id = "system-busy"

    def __init__(self, page: Page, path="/"):
        super().__init__(page)
        self.path = path

    def expect_shown(self):
        expect(self.main).to_be_visible()  # this page itself: nothing to retry past
        return self

    @property
    def heading(self):
        return self.main.get_by_role("heading", name="系统繁忙，请稍后重试")

    def retry(self):
        with self.page.expect_navigation():
            self.main.get_by_role("link", name="重试").click()


class LoadingPage(Screen):
    """The spinner knob's 加载中 page, on the way from an action to its result
    (``LoadingPage(page, "/weilidai").open()`` opens one on the way to that path)."""

    screen_id = "loading"

    def __init__(self, page: Page, to="/weilidai"):
        super().__init__(page)
        self.path = f"/loading?next={to}"

    @property
    def spinner(self):
        return self.main.get_by_role("status")

    def open_held(self):
        """Open it without its Refresh header, so it stays to be looked at (axe, a snapshot)
        instead of moving on after a second. A regular expression, not a glob: Playwright
        reads a glob's "?" differently from one version to another."""
        held = []

        def without_refresh(route):
            response = route.fetch()
            headers = {name: value for name, value in response.headers.items()
                       if name.lower() != "refresh"}
            route.fulfill(response=response, headers=headers)
            held.append(route.request.url)

        pattern = re.compile(r"/loading\?")
        self.page.route(pattern, without_refresh)
        try:
            self.open()
        finally:
            self.page.unroute(pattern)
        assert held, "the 加载中 page was not held"
        return self


class ErrorPage(Screen):
    """An error page inside the phone frame: ``ErrorPage(page, 404, "/nowhere").open()``."""

    screen_id = "error-{code}"

    def __init__(self, page: Page, code: int, path="/"):
        self.screen_id, self.path = f"error-{code}", path
        super().__init__(page)

    def back_home(self):
        from e2e.pages.weilidai import WeilidaiHome

        self.main.get_by_role("link", name="返回微粒贷").click()
        return WeilidaiHome(self.page).expect_shown()


# A browser voice for each language, and what was spoken: headless Chromium has none.
FAKE_VOICES = """
window.__spoken = [];
Object.defineProperty(window, "speechSynthesis", {value: {
  getVoices: () => [{lang: "zh-CN", name: "Tingting"}, {lang: "en-US", name: "Samantha"}],
  speak: (words) => window.__spoken.push({text: words.text, lang: words.lang}),
  cancel: () => {}, addEventListener: () => {},
}});
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""
