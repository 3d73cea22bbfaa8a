"""The Weilidai screens: home, 借钱, 还款, 借款记录 and their results."""

import re

from playwright.sync_api import expect

from e2e.pages.base import Screen


class WeilidaiHome(Screen):
    path, screen_id = "/weilidai", "weilidai-home"

    @property
    def available(self):
        return self.page.get_by_test_id("available")

    @property
    def borrow_link(self):
        return self.main.get_by_role("link", name="借钱")

    @property
    def borrow_button(self):
        """借钱 when borrowing is not possible (frozen, closed by the system): disabled."""
        return self.main.get_by_role("button", name="借钱")

    @property
    def closed_heading(self):
        return self.main.get_by_role("heading", name="微粒贷已关闭")

    @property
    def frozen_banner(self):
        return self.main.get_by_role("alert").filter(has_text="微粒贷已被冻结")

    @property
    def force_closed_banner(self):
        return self.main.get_by_role("alert").filter(has_text="微粒贷已被系统关闭")

    @property
    def late_banner(self):
        """The layout-shift knob's banner, which unfolds a moment after the page is drawn."""
        return self.main.get_by_role("status").filter(has_text="温馨提示")

    def open_settings(self):
        from e2e.pages.settings import SettingsPage

        # The gear at the top right: an icon whose accessible name is 设置.
        self.page.get_by_role("link", name="设置").click()
        return SettingsPage(self.page).expect_shown()

    def borrow(self):
        self.borrow_link.click()
        return BorrowPage(self.page).expect_shown()

    def repay(self):
        self.main.get_by_role("link", name="还款").click()
        return RepayPage(self.page).expect_shown()

    def records(self):
        self.main.get_by_role("link", name="借款记录").click()
        return RecordsPage(self.page).expect_shown()

    def open_faq(self):
        from e2e.pages.settings import FaqPage

        self.main.get_by_role("link", name="常见问题").click()
        return FaqPage(self.page).expect_shown()


class BorrowPage(Screen):
    path, screen_id = "/weilidai/borrow", "borrow"

    def fill(self, amount, term=6, auto_repay=True, card=None):
        self.page.get_by_role("textbox", name="借款金额（元）").fill(str(amount))
        self.page.get_by_role("radio", name=f"{term} 个月").check()
        if card:
            self.page.get_by_role("radio", name=card).check()
        self.page.get_by_role("checkbox", name="开启自动还款").set_checked(auto_repay)
        return self

    def try_next(self):
        """下一步 with what is filled in, staying here when it is refused (see ``alerts``)."""
        self.page.get_by_role("button", name="下一步").click()
        return self

    def next(self):
        self.try_next()
        return BorrowConfirmPage(self.page).expect_shown()


class BorrowUnavailablePage(Screen):
    """借钱 by its URL when the account cannot borrow (frozen, closed)."""

    path, screen_id = "/weilidai/borrow", "borrow-unavailable"

    @property
    def reason(self):
        return self.main.get_by_test_id("borrow-unavailable-desc")

    def back_home(self):
        self.main.get_by_role("link", name="返回微粒贷").click()
        return WeilidaiHome(self.page).expect_shown()


class BorrowConfirmPage(Screen):
    path, screen_id = "/weilidai/borrow/confirm", "borrow-confirm"

    def confirm(self, password="123456"):
        self.page.get_by_label("支付密码").fill(password)
        self.page.get_by_role("button", name="确认借款").click()
        return BorrowResultPage(self.page).expect_shown()


class _ResultPage(Screen):
    def done(self):
        self.main.get_by_role("link", name="完成").click()
        return WeilidaiHome(self.page).expect_shown()


class BorrowResultPage(_ResultPage):
    screen_id = "borrowed"

    def view_records(self):
        self.main.get_by_role("link", name="查看借款记录").click()
        return RecordsPage(self.page).expect_shown()


class RepayPage(Screen):
    path, screen_id = "/weilidai/repay", "repay"

    @property
    def outstanding(self):
        return self.main.get_by_test_id("outstanding")

    def repay_all(self):
        self.main.get_by_role("link", name="全部还清").click()
        return RepayConfirmPage(self.page).expect_shown()

    def repay_installment(self, loan_id, seq):
        """还这一期: the earliest unpaid installment of a loan (the only one that is a link)."""
        name = re.compile(rf"^借款 {loan_id} · 第 {seq}/\d+ 期$")
        self.main.get_by_role("link", name=name).click()
        return RepayConfirmPage(self.page).expect_shown()


class RepayConfirmPage(Screen):
    path, screen_id = "/weilidai/repay/confirm", "repay-confirm"

    @property
    def amount(self):
        return self.main.get_by_test_id("repay-amount")

    def confirm(self, password="123456", card=None):
        if card:
            self.page.get_by_role("radio", name=card).check()
        self.page.get_by_label("支付密码").fill(password)
        self.page.get_by_role("button", name="确认还款").click()
        return RepayResultPage(self.page).expect_shown()


class RepayResultPage(_ResultPage):
    screen_id = "repaid"

    @property
    def description(self):
        """已从招商银行（8888）还款 ¥1,234.56。"""
        return self.main.get_by_test_id("repaid-desc")


class RecordsPage(Screen):
    path, screen_id = "/weilidai/records", "records"

    def loan(self, loan_id):
        return self.page.get_by_test_id(f"loan-{loan_id}")

    def expect_loans(self, count):
        expect(self.main.locator("section[data-testid^=loan-]")).to_have_count(count)
        return self
