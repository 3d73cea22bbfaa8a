"""Guided tours: the list, a tour's shareable start page, its end page, and the guide that
every screen draws while a tour is on (the ring, the hint bubble, the bar)."""

import re

from playwright.sync_api import Page, expect

from e2e.pages.base import Screen
from e2e.pages.panel import ControlPanel


class ToursPage(Screen):
    path, screen_id = "/tours", "tours"

    def open_tour(self, title):
        self.main.get_by_role("link", name=title).click()
        return TourStartPage(self.page).expect_shown()


class TourStartPage(Screen):
    """``TourStartPage(page, "close-weilidai").open().start()``: resets the account to the
    tour's scenario and opens its first screen."""

    screen_id = "tour-start"

    def __init__(self, page: Page, tour_id=None):
        super().__init__(page)
        self.path = f"/tours/{tour_id}"

    def start(self):
        with self.page.expect_navigation():
            self.main.get_by_role("button", name="开始教程").click()
        return TourGuide(self.page)

    def autoplay(self):
        with self.page.expect_navigation():
            self.main.get_by_role("button", name="自动播放").click()
        return TourGuide(self.page)


class TourGuidePage(Screen):
    """A tour's illustrated guide where it was not built: how to build it (``make guides``).
    Where it was built, ``/tours/<id>/guide`` is the guide's own page, not a phone screen."""

    screen_id = "tour-guide"

    def __init__(self, page: Page, tour_id=None):
        super().__init__(page)
        self.path = f"/tours/{tour_id}/guide"

    @property
    def command(self):
        return self.main.get_by_test_id("guide-command")


class TourGuidesPage(Screen):
    """Every tour's guide (``/tours/guides``): each language's state (最新, 已过期, 未生成) and
    files, and one PDF of every guide's large print."""

    path, screen_id = "/tours/guides", "tour-guides"

    def state(self, tour_id, edition):
        return self.main.get_by_test_id(f"guide-{tour_id}-{edition}-state")

    def print_all(self, lang):
        return self.main.get_by_test_id(f"guides-print-{lang}")


class TourDonePage(Screen):
    """The end page: steps, wrong taps, time, what was learned, 再学一次."""

    screen_id = "tour-done"

    @property
    def steps(self):
        return self.main.get_by_test_id("tour-steps")

    @property
    def wrong_taps(self):
        return self.main.get_by_test_id("tour-wrong")

    @property
    def learned(self):
        return self.main.get_by_role("region", name="学到了什么")

    def again(self):
        with self.page.expect_navigation():
            self.main.get_by_role("button", name="再学一次").click()
        return TourGuide(self.page)


class TourGuide:
    """What a page draws of the tour in progress, on whatever screen it is."""

    def __init__(self, page: Page):
        self.page = page
        self.bar = page.get_by_role("region", name="当前教程")

    @property
    def hint(self):
        """The bubble next to the element to tap (a live region: role status)."""
        return self.page.get_by_test_id("tour-hint")

    @property
    def target(self):
        """The element wearing the ring (for the trainer's clock, the tour bar draws it)."""
        return self.page.locator(".is-tour-target")

    @property
    def off_path(self):
        return self.bar.get_by_role("alert")

    def expect_step(self, number, total):
        expect(self.hint).to_contain_text(f"第 {number}/{total} 步")
        return self

    def expect_in_view(self):
        """The hint and what it rings are on the screen, whole: never below the phone's
        bottom edge, never under the tab bar's edge of the window (issue 11)."""
        # 0.999: a transform's scale (the stage's phone) leaves a rounding error, no more.
        expect(self.hint).to_be_in_viewport(ratio=0.999)
        if self.target.count():
            expect(self.target).to_be_in_viewport(ratio=0.999)
        return self

    def tap_target(self, password="123456"):
        """Do what the hint says: type the demo password where the form asks for it, then
        tap the ringed element (a switch row: its switch), or the hint's 知道了."""
        self.page.wait_for_load_state()
        read = self.hint.get_by_role("button", name="知道了")
        if read.count():
            element = read
        else:
            field = self.page.get_by_test_id("password")
            if field.count():
                field.fill(password)
            switch = self.target.get_by_role("switch")
            element = switch if switch.count() else self.target
        with self.page.expect_navigation():
            element.click()
        return self

    def back_to_step(self):
        with self.page.expect_navigation():
            self.bar.get_by_role("link", name="返回当前步骤").click()
        return self

    def leave(self):
        with self.page.expect_navigation():
            self.bar.get_by_role("button", name="退出教程").click()
        return self

    def summary(self):
        with self.page.expect_navigation():
            self.bar.get_by_role("link", name="查看教程总结").click()
        return TourDonePage(self.page).expect_shown()

    def expect_finished(self):
        expect(self.bar.get_by_role("status")).to_contain_text("教程完成")
        return self

    def expect_screen(self, screen_id):
        expect(self.page.get_by_test_id(f"screen-{screen_id}")).to_be_visible()
        return self

    def url_is(self, pattern):
        return re.search(pattern, self.page.url) is not None
