"""Practice: the exercises, an exercise's start page, the practice bar every screen draws
while an attempt runs (提示, 放弃, the result), the end page and the session's results."""

import re

from playwright.sync_api import Page, expect

from e2e.pages.base import Screen


class PracticeListPage(Screen):
    path, screen_id = "/practice", "practice"

    def open_exercise(self, title):
        self.main.get_by_role("link", name=title).click()
        return PracticeStartPage(self.page).expect_shown()

    @property
    def class_banner(self):
        return self.main.get_by_test_id("practice-class")

    def join_by_code(self):
        """输入班级码: the form for the code the projector shows."""
        from e2e.pages.classes import JoinByCodePage

        self.main.get_by_role("link", name="输入班级码").click()
        return JoinByCodePage(self.page).expect_shown()

    def my_results(self):
        self.main.get_by_role("link", name="我的练习记录").click()
        return PracticeResultsPage(self.page).expect_shown()


class PracticeStartPage(Screen):
    """``PracticeStartPage(page, "close-weilidai").open().start()``: resets the account to
    the exercise's scenario and opens its first screen, with the practice bar and no ring."""

    screen_id = "practice-start"

    def __init__(self, page: Page, exercise_id=None):
        super().__init__(page)
        self.path = f"/practice/{exercise_id}"

    @property
    def counts_for_class(self):
        return self.main.get_by_test_id("exercise-class")

    def start(self):
        with self.page.expect_navigation():
            self.main.get_by_role("button", name="开始练习").click()
        return PracticeBar(self.page)


class PracticeBar:
    """The running attempt's bar, on whatever screen the trainee is."""

    def __init__(self, page: Page):
        self.page = page
        self.bar = page.get_by_role("region", name="练习", exact=True)

    @property
    def goal(self):
        return self.bar.get_by_test_id("practice-goal")

    @property
    def hint(self):
        """The hint 提示 showed (a live region)."""
        return self.bar.get_by_test_id("practice-hint")

    @property
    def offer(self):
        """Shown after a few wrong turns: 走错了几步？可以点“提示”."""
        return self.bar.get_by_test_id("practice-hint-offer")

    def ask_hint(self):
        with self.page.expect_navigation():
            self.bar.get_by_role("button", name="提示").click()
        expect(self.hint).to_be_visible()
        return self.hint

    def back_to_step(self):
        with self.page.expect_navigation():
            self.hint.get_by_role("link", name="回到这一步的页面").click()
        return self

    def give_up(self):
        with self.page.expect_navigation():
            self.bar.get_by_role("button", name="放弃").click()
        return PracticeDonePage(self.page).expect_shown()

    def expect_finished(self, words="完成"):
        expect(self.bar.get_by_test_id("practice-finished")).to_contain_text(words)
        return self

    def result(self):
        self.bar.get_by_role("link", name="查看练习结果").click()
        return PracticeDonePage(self.page).expect_shown()


class PracticeDonePage(Screen):
    """The end page: the outcome, the score, steps against the shortest route, wrong turns,
    hints, time, and the trainee's route beside the shortest one."""

    path, screen_id = "/practice/done", "practice-done"

    @property
    def outcome(self):
        return self.main.get_by_test_id("practice-result-title")

    def figure(self, name):
        """score, steps, shortest, wrong, hints or time."""
        return self.main.get_by_test_id(f"practice-{name}")

    @property
    def route(self):
        return self.main.get_by_role("region", name="你走的路线").get_by_role("listitem")

    @property
    def shortest_route(self):
        return self.main.get_by_role("region", name="最短路线").get_by_role("listitem")

    def again(self):
        with self.page.expect_navigation():
            self.main.get_by_role("button", name="再练一次").click()
        return PracticeBar(self.page)


class PracticeResultsPage(Screen):
    path, screen_id = "/practice/results", "practice-results"

    @property
    def results(self):
        return self.main.get_by_test_id("practice-result-list").get_by_test_id(
            re.compile(r"^practice-result-\d+$"))
