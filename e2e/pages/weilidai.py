"""The Weilidai screens: home, 借钱, 还款, 借款记录."""

from playwright.sync_api import expect

from e2e.pages.base import Screen


class WeilidaiHome(Screen):
    path, screen_id = "/weilidai", "weilidai-home"

    @property
    def available(self):
        return self.page.get_by_test_id("available")

    @property
    def borrow_link(self):
        return self.page.get_by_role("link", name="借钱")

    def open_settings(self):
        from e2e.pages.settings import SettingsPage

        # The gear at the top right: an icon whose accessible name is 设置.
        self.page.get_by_role("link", name="设置").click()
        return SettingsPage(self.page).expect_shown()

    def borrow(self):
        self.borrow_link.click()
        return BorrowPage(self.page).expect_shown()

    def repay(self):
        self.page.get_by_role("link", name="还款").click()
        return RepayPage(self.page).expect_shown()

    def records(self):
        self.page.get_by_role("link", name="借款记录").click()
        return RecordsPage(self.page).expect_shown()


class BorrowPage(Screen):
    path, screen_id = "/weilidai/borrow", "borrow"

    def fill(self, amount, term=6, auto_repay=True, card=None):
        self.page.get_by_role("textbox", name="借款金额（元）").fill(str(amount))
        self.page.get_by_role("radio", name=f"{term} 个月").check()
        if card:
            self.page.get_by_role("radio", name=card).check()
        self.page.get_by_role("checkbox", name="开启自动还款").set_checked(auto_repay)
        return self

    def next(self):
        self.page.get_by_role("button", name="下一步").click()
        return BorrowConfirmPage(self.page).expect_shown()


class BorrowConfirmPage(Screen):
    path, screen_id = "/weilidai/borrow/confirm", "borrow-confirm"

    def confirm(self, password="123456"):
        self.page.get_by_label("支付密码").fill(password)
        self.page.get_by_role("button", name="确认借款").click()
        return BorrowResultPage(self.page).expect_shown()


class BorrowResultPage(Screen):
    screen_id = "borrowed"

    def done(self):
        self.page.get_by_role("link", name="完成").click()
        return WeilidaiHome(self.page).expect_shown()


class RepayPage(Screen):
    path, screen_id = "/weilidai/repay", "repay"

    def repay_all(self):
        self.page.get_by_role("link", name="全部还清").click()
        return RepayConfirmPage(self.page).expect_shown()


class RepayConfirmPage(Screen):
    path, screen_id = "/weilidai/repay/confirm", "repay-confirm"

    def confirm(self, password="123456", card=None):
        if card:
            self.page.get_by_role("radio", name=card).check()
        self.page.get_by_label("支付密码").fill(password)
        self.page.get_by_role("button", name="确认还款").click()
        return RepayResultPage(self.page).expect_shown()


class RepayResultPage(Screen):
    screen_id = "repaid"

    def done(self):
        self.page.get_by_role("link", name="完成").click()
        return WeilidaiHome(self.page).expect_shown()


class RecordsPage(Screen):
    path, screen_id = "/weilidai/records", "records"

    def loan(self, loan_id):
        return self.page.get_by_test_id(f"loan-{loan_id}")

    def expect_loans(self, count):
        expect(self.main.locator("section[data-testid^=loan-]")).to_have_count(count)
        return self
