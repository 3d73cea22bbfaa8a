"""The trainer's control panel: beside the phone on a wide screen, behind a button on a phone."""

from playwright.sync_api import Page, expect


class ControlPanel:
    def __init__(self, page: Page):
        self.page = page
        self.region = page.get_by_role("complementary", name="控制面板")

    def open(self):
        if not self.region.is_visible():
            self.page.get_by_role("link", name="控制面板").click()
        expect(self.region).to_be_visible()
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
        self.open().region.get_by_role("button", name=f"开始场景：{title}").click()
        return self

    def reset(self):
        self.open().region.get_by_role("button", name="重置账户").click()
        return self

    def advance(self, days):
        """+1 and +30 have their own buttons; any other count goes through the field."""
        region = self.open().region
        if days in (1, 30):
            region.get_by_role("button", name=f"+{days} 天").click()
        else:
            region.get_by_label("前进天数").fill(str(days))
            region.get_by_role("button", name="前进", exact=True).click()
        return self

    def to_next_due(self):
        self.open().region.get_by_role("button", name="到下个还款日").click()
        return self

    def toggle_presentation(self):
        self.open().region.get_by_role("button", name="演示模式").click()
        return self
