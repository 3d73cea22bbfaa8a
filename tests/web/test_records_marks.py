"""借款记录 marks each installment by how it ended: 已手动还款 when repaid by hand, 已自动还款
when deducted on its due date (R10), 逾期 N 天 while overdue (R4), and the marks are kept
after closing (R8). Every installment is reached by the user's own steps (the 还款 form with
the payment password, the 自动还款 switch) and the clock API."""

from datetime import date

RECORDS = "/weilidai/records"
REPAYMENT = "/weilidai/settings/repayment"


def mark(weilidai, loan, seq):
    """The pill shown for installment ``seq`` of ``loan`` on 借款记录."""
    row = weilidai.get(RECORDS).testid(f"loan-{loan}-installment-{seq}")
    assert row is not None, f"no installment {loan}-{seq} on {RECORDS}"
    return row.find(class_="cell__ft").text


def installment(account, loan, seq):
    return next(item for item in account["loans"][loan - 1]["installments"]
                if item["seq"] == seq)


def switch_auto_repay_off(weilidai):
    assert weilidai.submit(REPAYMENT, "auto-repay-form", {"auto_repay": None}).status == 302
    assert weilidai.account()["auto_repay"] is False


def test_R10_an_installment_repaid_by_hand_shows_paid_by_hand(weilidai):
    account = weilidai.scenario("repaying")
    assert installment(account, 1, 2)["status"] == "pending"
    page = weilidai.repay("1-2", password=weilidai.password)
    assert page.screen == "repaid"
    assert mark(weilidai, 1, 2) == "已手动还款"
    assert installment(weilidai.account(), 1, 2)["status"] == "paid_manual"


def test_R10_an_installment_deducted_on_its_due_date_with_auto_repay_on_shows_paid_automatically(
        weilidai):
    account = weilidai.scenario("repaying")
    assert account["auto_repay"] is True
    assert mark(weilidai, 1, 2) == "待还"
    moved = weilidai.clock(to="next-due")
    assert moved.status_code == 200
    assert moved.json["sim_date"] == installment(account, 1, 2)["due"]
    assert mark(weilidai, 1, 2) == "已自动还款"
    assert mark(weilidai, 1, 3) == "待还"


def test_R4_R11_with_auto_repay_off_an_unpaid_installment_shows_overdue_by_its_days(weilidai):
    weilidai.scenario("repaying")
    switch_auto_repay_off(weilidai)
    weilidai.clock(to="next-due")
    assert weilidai.clock(days=7).status_code == 200
    account = weilidai.account()
    item = installment(account, 1, 2)
    assert item["status"] == "overdue"
    days = (date.fromisoformat(account["sim_date"]) - date.fromisoformat(item["due"])).days
    assert days == 7
    assert mark(weilidai, 1, 2) == "逾期 7 天"
    weilidai.clock(days=3)
    assert mark(weilidai, 1, 2) == "逾期 10 天"  # it counts on with the clock


def test_R4_unpaid_on_its_due_date_it_is_overdue_that_very_day_not_overdue_0_days(
        weilidai):
    weilidai.scenario("repaying")
    switch_auto_repay_off(weilidai)
    weilidai.clock(to="next-due")
    assert installment(weilidai.account(), 1, 2)["status"] == "overdue"
    assert mark(weilidai, 1, 2) == "已逾期（今天到期）"
    weilidai.clock(days=1)
    assert mark(weilidai, 1, 2) == "逾期 1 天"


def test_R4_an_overdue_installment_repaid_by_hand_still_says_it_was_overdue(weilidai):
    weilidai.scenario("overdue")
    assert mark(weilidai, 1, 1).startswith("逾期")
    weilidai.repay("1-1", password=weilidai.password)
    assert mark(weilidai, 1, 1) == "已手动还款（曾逾期）"


def test_R10_each_installment_keeps_its_own_mark_side_by_side(weilidai):
    """By hand, then by auto-repay, then overdue once auto-repay is off: three marks."""
    weilidai.scenario("repaying")
    weilidai.repay("1-2", password=weilidai.password)
    weilidai.clock(to="next-due")  # installment 3, auto-repay on
    switch_auto_repay_off(weilidai)
    weilidai.clock(to="next-due")  # installment 4, nobody pays
    weilidai.clock(days=2)
    marks = [mark(weilidai, 1, seq) for seq in range(1, 7)]
    assert marks == ["已自动还款", "已手动还款", "已自动还款", "逾期 2 天", "待还", "待还"]


def test_R8_after_closing_the_records_keep_every_installments_mark(weilidai):
    account = weilidai.scenario("closed")
    assert account["status"] == "closed"
    page = weilidai.get(RECORDS)
    assert page.has("records-kept")
    statuses = {"paid_auto": "已自动还款", "paid_manual": "已手动还款"}
    expected = [statuses[item["status"]] for item in account["loans"][0]["installments"]]
    assert set(expected) == set(statuses.values())  # the scenario has both kinds
    assert [mark(weilidai, 1, seq) for seq in range(1, len(expected) + 1)] == expected
