"""Classes: the trainer opens one and watches its dashboard; a trainee joins by its link.

``NewClassPage(page).open().open_class("社区课堂")`` returns the ``ClassDashboard``;
``JoinPage(page, code).open().join("王阿姨")`` the exercises, counting for the class."""

from playwright.sync_api import Page, expect

from e2e.pages.base import Screen
from e2e.pages.practice import PracticeListPage


class NewClassPage(Screen):
    path, screen_id = "/classes/new", "class-new"

    def open_class(self, name):
        self.main.get_by_role("textbox", name="班级名称").fill(name)
        with self.page.expect_navigation():
            self.main.get_by_role("button", name="开班").click()
        return ClassDashboard(self.page).expect_shown()


class ClassDashboard(Screen):
    """The roster against the exercises; its table refreshes itself every few seconds."""

    screen_id = "class-dashboard"

    def __init__(self, page: Page, code=None):
        super().__init__(page)
        self.path = f"/classes/{code}"

    @property
    def code(self):
        return self.main.get_by_test_id("class-code").inner_text()

    @property
    def join_url(self):
        return self.main.get_by_test_id("class-join-url").inner_text()

    @property
    def trainer_url(self):
        """The secret link for a second device (folded away under its summary)."""
        return self.main.get_by_test_id("class-trainer-url").text_content()

    @property
    def qr_code(self):
        return self.main.get_by_role("img", name="二维码")

    @property
    def grid(self):
        return self.main.get_by_role("table", name="学员的练习进度")

    def row(self, trainee):
        return self.grid.get_by_role("row").filter(
            has=self.page.get_by_role("rowheader", name=trainee, exact=True))

    def cell(self, trainee, exercise_id):
        return self.row(trainee).locator(f"[data-testid$='-{exercise_id}']")

    def now(self, trainee, column="now"):
        """A cell of the attempt the trainee is on: ``now`` (the screen, or why they are
        stuck), ``steps``, ``wrong``, ``jumps`` or ``hints``."""
        return self.row(trainee).locator(f"[data-testid^='class-{column}-']")

    @property
    def stuck(self):
        """The line that says who is stuck, each name a link to their row."""
        return self.main.get_by_test_id("class-stuck")

    def show(self, view):
        """One of the bar's views: 实时进度, 成绩 or 每一步的人数."""
        with self.page.expect_navigation():
            self.page.get_by_role("navigation", name="显示").get_by_role("link", name=view).click()
        return self.expect_shown()

    @property
    def funnel(self):
        return self.main.get_by_role("table", name="每个练习每一步的人数")

    def funnel_step(self, exercise_id, number):
        return self.funnel.get_by_test_id(f"class-funnel-{exercise_id}-{number}")

    def download_results(self):
        """results.csv, as text."""
        with self.page.expect_download() as download:
            self.main.get_by_role("link", name="下载成绩表").click()
        return download.value.path().read_text(encoding="utf-8-sig")

    def projector(self):
        self.main.get_by_role("link", name="投影二维码").click()
        return ClassProjectorPage(self.page).expect_shown()

    def ask_to_end(self):
        """结束班级: it asks first (``ClassEndPage``)."""
        self.main.get_by_role("link", name="结束班级").click()
        return ClassEndPage(self.page).expect_shown()

    def end_class(self):
        """结束班级, then, asked what it does, 结束班级 again."""
        self.ask_to_end().confirm()
        self.expect_shown()
        expect(self.main.get_by_test_id("class-status")).to_contain_text("班级已结束")
        return self


class ClassEndPage(Screen):
    """结束班级's question: what ending does (who is cut off), 结束班级 or 取消."""

    screen_id = "class-end"

    @property
    def running(self):
        return self.main.get_by_test_id("class-end-running")

    def confirm(self):
        with self.page.expect_navigation():
            self.main.get_by_role("button", name="结束班级").click()

    def cancel(self):
        with self.page.expect_navigation():
            self.main.get_by_role("link", name="取消").click()


class ClassProjectorPage(Screen):
    """The join link and a large QR code, for the projector."""

    screen_id = "class-projector"

    def __init__(self, page: Page, code=None):
        super().__init__(page)
        self.path = f"/classes/{code}/qr"

    @property
    def qr_code(self):
        return self.main.get_by_role("img", name="二维码")


class JoinPage(Screen):
    screen_id = "class-join"

    def __init__(self, page: Page, code=None):
        super().__init__(page)
        self.path = f"/join/{code}"

    @property
    def name(self):
        return self.main.get_by_role("textbox", name="你的名字")

    def join(self, name):
        """Type the display name and join: the exercises open, counting for the class."""
        self.name.fill(name)
        with self.page.expect_navigation():
            self.main.get_by_role("button", name="加入班级").click()
        return PracticeListPage(self.page).expect_shown()


class JoinByCodePage(Screen):
    """/join: the class code typed by hand (from the projector); reached from /practice's
    输入班级码 too. ``JoinByCodePage(page).open().find("ABCD 2345")`` returns the JoinPage."""

    path, screen_id = "/join", "class-join-code"

    @property
    def code(self):
        return self.main.get_by_role("textbox", name="班级码")

    def find(self, code):
        self.code.fill(code)
        with self.page.expect_navigation():
            self.main.get_by_role("button", name="找班级").click()
        return JoinPage(self.page).expect_shown()


class ClassJoinedPage(Screen):
    """The join link opened again by a trainee of the class."""

    screen_id = "class-joined"


class ClassEndedPage(Screen):
    screen_id = "class-ended"


class ClassUnknownPage(Screen):
    """A code no class has (or had: its records were dropped)."""

    screen_id = "class-unknown"


class TrainerOnlyPage(Screen):
    """A class's dashboard opened by anyone but its trainer."""

    screen_id = "class-trainer-only"
