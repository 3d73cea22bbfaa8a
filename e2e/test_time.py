"""Simulated time from the trainer's panel: R2 freezing, R10 + R4 overdue, R3 system close."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from e2e.pages import ControlPanel, RecordsPage, Stage, WeilidaiHome, account, seed


@pytest.mark.bughunt
def test_R2_a_trainer_moves_a_dormant_account_one_day_and_it_freezes(page):
    panel = ControlPanel(page).start_scenario("长期未使用")
    home = WeilidaiHome(page).open()
    expect(home.frozen_banner).to_have_count(0)
    panel.open()
    before = panel.sim_date.inner_text()

    panel.advance(1)
    expect(panel.sim_date).not_to_have_text(before)
    expect(panel.flash("info")).to_contain_text("微粒贷被冻结")  # news, not success
    home.open()
    expect(home.frozen_banner).to_contain_text("定期使用微粒贷")
    expect(home.borrow_button).to_be_disabled()
    assert home.account()["status"] == "frozen"


def test_R10_R4_low_balance_at_the_next_due_date_leaves_the_installment_overdue(page):
    seed(page, "low-balance")
    panel = ControlPanel(page).to_next_due()
    records = RecordsPage(page).open()
    expect(records.loan(1).get_by_test_id("loan-1-installment-1")).to_contain_text("逾期")
    assert records.account()["loans"][0]["status"] == "overdue"
    expect(panel.open().events).to_contain_text("银行卡余额不足")


def test_R3_overdue_past_90_days_is_closed_by_the_system_until_repaid(page):
    seed(page, "overdue")
    panel = ControlPanel(page).advance(91)
    expect(panel.status).to_have_text("已被系统关闭")
    home = WeilidaiHome(page).open()
    expect(home.force_closed_banner).to_be_visible()
    # The entry, 还款 and 借款记录 stay while the debt is outstanding.
    home.repay().repay_all().confirm("123456")
    home = WeilidaiHome(page).open()
    expect(home.closed_heading).to_be_visible()
    assert home.account()["status"] == "closed"


@pytest.mark.bughunt
def test_R3_at_90_days_overdue_it_stays_open_and_the_day_after_the_system_closes_it(page):
    seed(page, "overdue")
    overdue = next(item for item in account(page)["loans"][0]["installments"]
                   if item["status"] == "overdue")
    day_90 = date.fromisoformat(overdue["due"]) + timedelta(days=90)
    assert page.request.post("/api/clock", data={"date": day_90.isoformat()}).ok
    home = WeilidaiHome(page).open()
    expect(home.main.get_by_role("alert").filter(has_text="你有逾期未还的借款")).to_be_visible()
    expect(home.force_closed_banner).to_have_count(0)

    ControlPanel(page).advance(1)
    expect(home.open().force_closed_banner).to_be_visible()
    assert account(page)["status"] == "force_closed"


def test_bad_clock_values_get_a_message_and_change_nothing(page):
    seed(page, "fresh")
    panel = ControlPanel(page)
    before = panel.open().sim_date.inner_text()
    panel.advance("-3")
    expect(panel.flash("error")).to_contain_text("大于 0")
    panel.advance("abc")
    expect(panel.flash("error")).to_contain_text("大于 0")
    panel.advance(99999)
    expect(panel.flash("error")).to_contain_text("3660")
    expect(panel.open().sim_date).to_have_text(before)


def test_presentation_mode_hides_the_panel_keeps_the_clock_and_is_remembered(page):
    seed(page, "fresh")
    panel = ControlPanel(page).toggle_presentation()
    stage = Stage(page)
    expect(panel.region).to_have_count(0)
    expect(stage.strip.get_by_role("button", name="+1 天")).to_be_visible()
    Stage(page).open()
    expect(panel.region).to_have_count(0)
    # The phone alone says nothing of the trainer while presenting.
    home = WeilidaiHome(page).open()
    expect(page.get_by_role("link", name="培训师工具")).to_have_count(0)
    Stage(page).open()
    panel.exit_presentation()
    expect(panel.region).to_be_visible()
    home.open()
    expect(page.get_by_role("link", name="培训师工具")).to_be_visible()
