"""设置 and what hangs off it: 还款设置, 微粒贷管理, closing, 常见问题."""

from playwright.sync_api import expect

from e2e.pages.base import Screen


class SettingsPage(Screen):
    path, screen_id = "/weilidai/settings", "settings"

    def open_repayment_settings(self):
        self.main.get_by_role("link", name="还款设置").click()
        return RepaymentSettingsPage(self.page).expect_shown()

    def open_management(self):
        self.main.get_by_role("link", name="微粒贷管理").click()
        return ManagementPage(self.page).expect_shown()

    def open_records(self):
        from e2e.pages.weilidai import RecordsPage

        self.main.get_by_role("link", name="借款记录").click()
        return RecordsPage(self.page).expect_shown()

    def open_faq(self):
        self.main.get_by_role("link", name="常见问题").click()
        return FaqPage(self.page).expect_shown()


class RepaymentSettingsPage(Screen):
    path, screen_id = "/weilidai/settings/repayment", "repayment-settings"

    @property
    def auto_repay(self):
        return self.page.get_by_role("switch", name="自动还款")

    def set_auto_repay(self, on):
        """Flip the switch; with JavaScript it saves on change and the page comes back."""
        if self.auto_repay.is_checked() != on:
            with self.page.expect_navigation():
                self.auto_repay.click()
            self.expect_shown()
        expect(self.auto_repay).to_be_checked(checked=on)
        return self

    @property
    def card_balance(self):
        """The one repayment card's balance (an account with a single card): ¥8,000.00."""
        return self.main.get_by_test_id("repayment-card-only-value")

    def set_repayment_card(self, card):
        """``card`` as the page names it, e.g. "建设银行（6666）"."""
        self.main.get_by_role("radio", name=card).check()
        with self.page.expect_navigation():
            self.main.get_by_role("button", name="保存还款银行卡").click()
        self.expect_shown()
        expect(self.main.get_by_role("radio", name=card)).to_be_checked()
        return self


class ManagementPage(Screen):
    path, screen_id = "/weilidai/manage", "management"

    @property
    def status(self):
        return self.page.get_by_test_id("account-status-value")

    @property
    def close_link(self):
        return self.main.get_by_role("link", name="关闭微粒贷")

    def close(self):
        """Tap 关闭微粒贷: the confirmation with the precautions (or the refusal) opens."""
        self.close_link.click()
        return CloseConfirmation(self.page).expect_shown()

    def open_records(self):
        from e2e.pages.weilidai import RecordsPage

        self.main.get_by_role("link", name="借款记录").click()
        return RecordsPage(self.page).expect_shown()


class CloseConfirmation(Screen):
    """The dialog over 微粒贷管理: the three precautions, or R6's refusal while anything is
    owed (``refused``)."""

    path, screen_id = "/weilidai/manage/close", "close-confirm"

    @property
    def dialog(self):
        return self.page.get_by_role("dialog")

    @property
    def refused(self):
        return self.dialog.get_by_role("heading", name="暂时不能关闭微粒贷")

    def confirm(self):
        self.dialog.get_by_role("link", name="确认关闭").click()
        return ClosePasswordPage(self.page).expect_shown()

    def cancel(self):
        self.dialog.get_by_role("link", name="取消").click()
        return ManagementPage(self.page).expect_shown()

    def go_repay(self):
        from e2e.pages.weilidai import RepayPage

        self.dialog.get_by_role("link", name="去还款").click()
        return RepayPage(self.page).expect_shown()


class ClosePasswordPage(Screen):
    path, screen_id = "/weilidai/manage/close/password", "close-password"

    def enter(self, password="123456"):
        """Send a password and stay to see what happens (a wrong one is refused here)."""
        self.page.get_by_label("支付密码").fill(password)
        with self.page.expect_navigation():
            self.page.get_by_role("button", name="确认关闭").click()
        return self.expect_shown()

    def submit(self, password="123456"):
        self.page.get_by_label("支付密码").fill(password)
        self.page.get_by_role("button", name="确认关闭").click()
        return ClosedPage(self.page).expect_shown()


class ClosedPage(Screen):
    path, screen_id = "/weilidai/manage/closed", "closed"

    @property
    def heading(self):
        return self.main.get_by_role("heading", name="已关闭")

    def done(self):
        from e2e.pages.weilidai import WeilidaiHome

        self.main.get_by_role("link", name="完成").click()
        return WeilidaiHome(self.page).expect_shown()

    def view_records(self):
        from e2e.pages.weilidai import RecordsPage

        self.main.get_by_role("link", name="查看借款记录").click()
        return RecordsPage(self.page).expect_shown()


class FaqPage(Screen):
    path, screen_id = "/weilidai/faq", "faq"

    def question(self, text):
        return self.main.get_by_role("heading", name=text)
