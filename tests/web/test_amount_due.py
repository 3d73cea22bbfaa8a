"""One 应还 (R10; issue 11, item 3): every screen shows an installment's amount due as what
its due date deducts, with the date — what must be on the card — and an early pay-off as an
amount of its own."""

import re


def money(text):
    return re.findall(r"¥([\d,]+\.\d\d)", text)


def test_the_plan_records_repay_list_and_home_show_one_amount_due_for_an_installment(weilidai):
    page = weilidai.borrow(amount="1000", term="3")
    loan = weilidai.account()["loans"][0]
    first = loan["installments"][0]
    due_amount = f"{(first['principal'] + first['interest']) / 100:,.2f}"
    due_text = f"应还 ¥{due_amount}"
    records = weilidai.get("/weilidai/records").testid("loan-1-installment-1").text
    assert first["due"] in records and records.count(due_text) == 1
    repay = weilidai.get("/weilidai/repay").testid("repay-1-1").text
    assert first["due"] in repay and due_text in repay
    home = weilidai.get("/weilidai")
    assert home.testid("repay-value").text == f"{first['due']} {due_text}"
    assert page.screen == "borrowed"


def test_the_due_date_deducts_what_the_screens_said_was_due(weilidai):
    weilidai.borrow(amount="1000", term="3")
    said = money(weilidai.get("/weilidai").testid("repay-value").text)[0]
    balance = weilidai.account()["cards"][0]["balance"]
    weilidai.clock(to="next-due")
    deducted = balance - weilidai.account()["cards"][0]["balance"]
    assert f"{deducted / 100:,.2f}" == said


def test_repaying_early_is_its_own_labelled_amount(weilidai):
    weilidai.borrow(amount="1000", term="3")
    weilidai.clock(days=10)
    row = weilidai.get("/weilidai/repay").testid("repay-1-1").text
    due, early = money(row)
    assert "今天提前还" in row and early != due
    confirm = weilidai.get("/weilidai/repay/confirm?target=1-1")
    assert "提前还这一期" in confirm.main.text
    assert confirm.testid("repay-amount").text == early


def test_an_overdue_installment_shows_what_is_owed_now_with_its_penalty(weilidai):
    weilidai.scenario("overdue")
    row = weilidai.get("/weilidai/repay").testid("repay-1-1").text
    assert "逾期应还" in row and "含罚息" in row
    assert weilidai.get("/weilidai").testid("repay-value").text.startswith("逾期 ¥")
