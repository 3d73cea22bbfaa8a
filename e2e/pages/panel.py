"""The trainer's stage (/stage): the phone, an iframe of the phone's own pages, beside the
control panel. A phone screen has none of the panel: a test of the product sees only the
product.

``ControlPanel(page)`` goes to the stage when the page is not on it, and every control is a
form that posts and comes back to the stage; each method waits for that, so the next one
never acts on the page that is going away. To look at the phone afterwards, open its screen
(``WeilidaiHome(page).open()``), or look into the stage's phone (``Stage(page).phone``)."""

import re

from playwright.sync_api import Page, expect

STAGE = re.compile(r"/stage(\?.*)?$")


class Stage:
    path = "/stage"

    def __init__(self, page: Page):
        self.page = page
        self.main = page.get_by_test_id("screen-stage")

    def open(self, query=""):
        self.page.goto(self.path + query)
        expect(self.main).to_be_visible()
        return self

    @property
    def frame(self):
        """The phone's <iframe> element on the stage."""
        return self.page.get_by_test_id("stage-phone")

    @property
    def phone(self):
        """The phone, to look into: a FrameLocator (get_by_role, get_by_test_id, ...)."""
        return self.page.frame_locator('[data-testid="stage-phone"]')

    @property
    def strip(self):
        """演示模式's strip under the phone: the clock and the way out."""
        return self.page.get_by_test_id("stage-strip")

    @property
    def shortcuts(self):
        return self.page.get_by_role("dialog", name="快捷键")

    @property
    def reset_question(self):
        """What Shift+R asks before it resets the account: 重置 or 取消 (the default)."""
        return self.page.get_by_role("dialog", name="重置账户？")


class ControlPanel:
    def __init__(self, page: Page):
        self.page = page
        self.region = page.get_by_role("complementary", name="控制面板", exact=True)

    def open(self):
        if not STAGE.search(self.page.url):
            Stage(self.page).open()
        expect(self.region).to_be_visible()
        return self

    def _submit(self, button):
        with self.page.expect_navigation():
            button.click()
        expect(Stage(self.page).main).to_be_visible()
        return self

    @property
    def sim_date(self):
        return self.page.get_by_test_id("panel-sim-date")

    @property
    def status(self):
        return self.page.get_by_test_id("panel-status")

    @property
    def events(self):
        return self.page.get_by_test_id("panel-events")

    def flash(self, kind="success"):
        """What the last action did, said in the panel."""
        return self.region.get_by_test_id(f"flash-{kind}")

    def start_scenario(self, title):
        return self._submit(self.open().region.get_by_role("button", name=f"开始场景：{title}"))

    def reset(self):
        return self._submit(self.open().region.get_by_role("button", name="重置账户"))

    def advance(self, days):
        """+1 and +30 have their own buttons; any other count goes through the field."""
        region = self.open().region
        if days in (1, 30):
            return self._submit(region.get_by_role("button", name=f"+{days} 天"))
        region.get_by_label("前进天数").fill(str(days))
        return self._submit(region.get_by_role("button", name="前进", exact=True))

    def to_next_due(self):
        return self._submit(self.open().region.get_by_role("button", name="到下个还款日"))

    def switch_language(self, name):
        """语言: 中文 or English, each named in itself; the stage and its phone change."""
        return self._submit(self.open().region.get_by_role("link", name=name, exact=True))

    def start_tour(self, title, autoplay=False):
        action = "自动播放教程" if autoplay else "开始教程"
        return self._submit(self.open().region.get_by_role("button", name=f"{action}：{title}"))

    def toggle_presentation(self):
        return self._submit(self.open().region.get_by_role("button", name="演示模式"))

    def exit_presentation(self):
        return self._submit(Stage(self.page).strip.get_by_role("button", name="退出演示模式"))

    @property
    def knobs(self):
        return self.region.get_by_role("region", name="测试难度")

    def set_knobs(self, latency_ms=0, latency_random=False, spinner=False, failure_rate=0,
                  layout_shift=False):
        """测试难度: fill in every knob (left out: off) and 保存."""
        knobs = self.open().knobs
        knobs.get_by_label("响应延迟（毫秒）").fill(str(latency_ms))
        knobs.get_by_label("随机延迟").set_checked(latency_random)
        knobs.get_by_label("操作后先显示加载中").set_checked(spinner)
        knobs.get_by_label("系统繁忙的概率（%）").fill(str(failure_rate))
        knobs.get_by_label("微粒贷首页稍后插入横幅").set_checked(layout_shift)
        return self._submit(knobs.get_by_role("button", name="保存"))

    def knobs_off(self):
        return self._submit(self.open().knobs.get_by_role("button", name="全部关闭"))

    @property
    def classes(self):
        return self.region.get_by_role("region", name="练习和班级")

    def show_practice(self):
        """练习: the exercises in the stage's phone."""
        return self._submit(self.open().classes.get_by_role("link", name="练习"))

    def open_class(self):
        """开班: the trainer's page for a new class, in the whole window."""
        from e2e.pages.classes import NewClassPage

        with self.page.expect_navigation():
            self.open().classes.get_by_role("link", name="开班").click()
        return NewClassPage(self.page).expect_shown()
