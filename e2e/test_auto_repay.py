"""Path B: 设置 → 还款设置 → 自动还款 (R9, R11)."""

import pytest
from playwright.sync_api import expect

from e2e.pages import ControlPanel, RecordsPage, RepaymentSettingsPage, WeilidaiHome, account, seed


def test_R11_auto_repay_turned_off_stays_off_after_reload_and_navigation(page):
    seed(page, "repaying")
    settings = WeilidaiHome(page).open().open_settings().open_repayment_settings()
    expect(settings.auto_repay).to_be_checked()

    settings.set_auto_repay(False)
    expect(settings.flash("success")).to_contain_text("自动还款已关闭")

    page.reload()
    expect(settings.auto_repay).not_to_be_checked()
    settings.back()
    settings = WeilidaiHome(page).open().open_settings().open_repayment_settings()
    expect(settings.auto_repay).not_to_be_checked()
    assert settings.account()["auto_repay"] is False


def test_R11_auto_repay_turned_on_again_works_the_same_way(page):
    seed(page, "overdue")  # auto-repay is off in this scenario
    settings = RepaymentSettingsPage(page).open()
    expect(settings.auto_repay).not_to_be_checked()
    settings.set_auto_repay(True)
    page.reload()
    expect(settings.auto_repay).to_be_checked()
    assert settings.account()["auto_repay"] is True


@pytest.mark.bughunt
def test_R11_with_auto_repay_off_the_next_due_date_takes_nothing_and_the_installment_is_overdue(
        page):
    seed(page, "repaying")
    RepaymentSettingsPage(page).open().set_auto_repay(False)
    before = account(page)
    due = next(item for item in before["loans"][0]["installments"] if item["status"] == "pending")

    ControlPanel(page).to_next_due()
    records = RecordsPage(page).open()
    expect(records.loan(1).get_by_test_id(f"loan-1-installment-{due['seq']}")).to_contain_text(
        "逾期")
    assert account(page)["cards"] == before["cards"]


@pytest.mark.bughunt
def test_R9_auto_repay_is_ticked_when_the_borrowing_form_opens(page):
    seed(page, "fresh")
    WeilidaiHome(page).open().borrow()
    expect(page.get_by_role("checkbox", name="开启自动还款")).to_be_checked()


@pytest.mark.bughunt
def test_R9_borrowing_with_auto_repay_unticked_turns_it_off(page):
    seed(page, "fresh")
    home = WeilidaiHome(page).open()
    expect(home.available).to_contain_text("20,000.00")
    confirm = home.borrow().fill(5000, term=6, auto_repay=False).next()
    expect(confirm.main.get_by_test_id("summary-auto-repay-value")).to_have_text("关闭")
    result = confirm.confirm("123456")
    expect(result.main).to_contain_text("未开启自动还款")

    home = result.done()
    expect(home.available).to_contain_text("15,000.00")
    settings = home.open_settings().open_repayment_settings()
    expect(settings.auto_repay).not_to_be_checked()
    loans = settings.account()["loans"]
    assert [loan["principal"] for loan in loans] == [500000]


def test_a_bad_amount_gets_a_message_and_borrows_nothing(page):
    seed(page, "fresh")
    borrow = WeilidaiHome(page).open().borrow().fill(150).try_next()
    expect(borrow.alerts).to_contain_text("100 元的整数倍")
    assert borrow.account()["loans"] == []
