"""The trainer's control panel: beside the phone on a wide screen, behind a button on a phone.

Every control is a form that posts and comes back to the same screen; each method waits for
that page to load, so the next one never acts on the page that is going away."""

from playwright.sync_api import Page, expect


class ControlPanel:
    def __init__(self, page: Page):
        self.page = page
        self.region = page.get_by_role("complementary", name="控制面板", exact=True)

    @property
    def opener(self):
        """The 控制面板 button of a narrow screen (the panel is always shown on a wide one)."""
        return self.page.get_by_role("link", name="控制面板", exact=True)

    def open(self):
        if not self.region.is_visible():
            self.opener.click()
        expect(self.region).to_be_visible()
        return self

    def _submit(self, button):
        with self.page.expect_navigation():
            button.click()
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
        """语言: 中文 or English, each named in itself; the same screen comes back in it."""
        return self._submit(self.open().region.get_by_role("link", name=name, exact=True))

    def toggle_presentation(self):
        return self._submit(self.open().region.get_by_role("button", name="演示模式"))

    def exit_presentation(self):
        return self._submit(self.page.get_by_role("link", name="退出演示模式"))

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
