"""The money adds up from screen to screen: what 还款 shows is what the confirmation asks,
what moves from the card, and what the result says; a due date takes its installment once."""

import pytest
from playwright.sync_api import expect

from e2e.pages import ControlPanel, RepaymentSettingsPage, WeilidaiHome, account, seed


def yuan(fen):
    return f"{fen // 100:,}.{fen % 100:02d}"


def balance(state, card="cmb"):
    return next(c["balance"] for c in state["cards"] if c["id"] == card)


@pytest.mark.bughunt
def test_repaying_everything_shows_takes_and_reports_one_amount(page):
    seed(page, "repaying")
    before = account(page)
    owed = before["outstanding"]

    repay = WeilidaiHome(page).open().repay()
    expect(repay.outstanding).to_have_text(yuan(owed))
    confirmation = repay.repay_all()
    expect(confirmation.amount).to_have_text(yuan(owed))
    result = confirmation.confirm("123456")
    expect(result.description).to_contain_text(f"¥{yuan(owed)}")

    after = account(page)
    assert balance(before) - balance(after) == owed
    assert after["outstanding"] == 0


@pytest.mark.bughunt
def test_R10_a_due_date_takes_its_installment_from_the_card_once(page):
    seed(page, "repaying")
    before = account(page)
    due = next(item for item in before["loans"][0]["installments"] if item["status"] == "pending")
    settings = RepaymentSettingsPage(page).open()
    expect(settings.card_balance).to_have_text(f"¥{yuan(balance(before))}")

    ControlPanel(page).to_next_due()
    settings.open()
    left = balance(before) - due["principal"] - due["interest"]
    expect(settings.card_balance).to_have_text(f"¥{yuan(left)}")
    after = account(page)
    assert balance(after) == left
    assert [e["kind"] for e in after["events"]].count("auto_repaid") == (
        [e["kind"] for e in before["events"]].count("auto_repaid") + 1)
