"""Path A: WeChat → 微粒贷 → 设置 → 微粒贷管理 → 关闭微粒贷 (R5–R8)."""

import pytest
from playwright.sync_api import expect

from e2e.pages import (
    ManagementPage, RecordsPage, ScenarioStartPage, ServicesPage, WeChatHome, WeilidaiHome, seed,
)


@pytest.mark.bughunt
def test_R5_a_user_closes_weilidai_from_wechat_by_taps_alone(page):
    seed(page, "fresh")
    home = WeChatHome(page).open().tab_me().open_services().open_weilidai()
    management = home.open_settings().open_management()
    expect(management.status).to_have_text("正常")

    confirmation = management.close()
    # R6–R8: the three precautions are listed before anything happens.
    expect(confirmation.dialog).to_contain_text("请确保已还清所有借款")
    expect(confirmation.dialog).to_contain_text("无法再次使用")
    expect(confirmation.dialog).to_contain_text("借款记录将被保留")

    closed = confirmation.confirm().submit("123456")
    expect(closed.heading).to_be_visible()
    assert closed.account()["status"] == "closed"


@pytest.mark.bughunt
def test_R7_R8_after_closing_borrowing_is_gone_and_the_records_stay(page):
    seed(page, "repaying")
    home = WeilidaiHome(page).open()
    home.repay().repay_all().confirm("123456").done()
    home.open_settings().open_management().close().confirm().submit()

    home = WeilidaiHome(page).open()
    expect(home.closed_heading).to_be_visible()
    expect(home.borrow_link).to_have_count(0)
    records = home.records()
    records.expect_loans(1)
    expect(records.loan(1)).to_contain_text("已结清")
    # R7: the WeChat entry shows the closed state.
    expect(ServicesPage(page).open().weilidai_entry).to_contain_text("已关闭")


@pytest.mark.bughunt
def test_R6_closing_with_debt_is_refused_then_works_once_everything_is_repaid(page):
    seed(page, "repaying")
    management = WeilidaiHome(page).open().open_settings().open_management()
    refusal = management.close()
    expect(refusal.refused).to_be_visible()
    expect(refusal.dialog).to_contain_text("未还清")
    assert refusal.account()["status"] == "active"

    refusal.go_repay().repay_all().confirm("123456").done()
    closed = WeilidaiHome(page).open().open_settings().open_management().close().confirm().submit()
    assert closed.account()["status"] == "closed"


def test_a_wrong_password_is_refused_with_the_tries_left(page):
    seed(page, "fresh")
    password_page = WeilidaiHome(page).open().open_settings().open_management().close().confirm()
    password_page.enter("000000")
    expect(password_page.flash("error")).to_contain_text("还可以再试 2 次")
    assert password_page.account()["status"] == "active"
    RecordsPage(page).open().expect_loans(0)


@pytest.mark.bughunt
def test_R5_close_weilidai_is_at_the_bottom_of_management(page):
    seed(page, "fresh")
    management = ManagementPage(page).open()
    close = management.close_link.bounding_box()
    for above in (management.status, management.main.get_by_role("link", name="借款记录")):
        assert above.bounding_box()["y"] < close["y"]
    expect(management.main.get_by_role("link").last).to_have_accessible_name("关闭微粒贷")


@pytest.mark.bughunt
def test_management_holds_still_once_it_is_drawn(page):
    """Nothing arrives late and moves 关闭微粒贷 from under a finger about to tap it."""
    seed(page, "fresh")
    management = ManagementPage(page).open()
    drawn = management.close_link.bounding_box()
    page.wait_for_timeout(2000)  # what this test asserts is that time changes nothing
    assert management.close_link.bounding_box() == drawn


@pytest.mark.bughunt
def test_R7_back_after_closing_shows_the_account_closed_not_a_page_kept_from_before(page):
    # Started as a trainee starts, by the scenario's page and its button: a session that has
    # drawn a form already (its CSRF token in the cookie, as in any session in real use), so
    # what Back shows depends on the pages' own headers, not on a cookie that changed since.
    management = ScenarioStartPage(page, "fresh").open().start().open_settings().open_management()
    expect(management.status).to_have_text("正常")
    management.close().confirm().submit()
    for _ in range(3):  # Back past the password page (now a way to the result) to 管理
        page.go_back()
        if management.status.count():
            break
    expect(management.status).to_have_text("已关闭")
