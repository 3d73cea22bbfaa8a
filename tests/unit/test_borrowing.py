"""Borrowing: R9 (auto-repay chosen when borrowing) and every refusal leaving nothing changed."""

import pytest

from webapp.domain import errors
from webapp.domain.account import BORROW_STEP


def test_borrow_credits_the_chosen_card_and_reduces_available_credit(demo):
    account = demo.account
    loan = demo.borrow(3_000_00, term=6, card_id="ccb")
    assert account.card("ccb").balance == 100_00 + 3_000_00
    assert account.card("cmb").balance == 8_000_00
    assert account.available == 20_000_00 - 3_000_00
    assert account.loans == [loan]
    assert (loan.principal, loan.term, loan.card_id, loan.borrowed_on) == (
        3_000_00, 6, "ccb", account.sim_date)
    event = account.events[-1]
    assert (event.kind, event.amount, event.loan_id, event.card_id) == (
        "borrowed", 3_000_00, loan.id, "ccb")


def test_borrowing_up_to_the_whole_available_credit_is_allowed(demo):
    account = demo.account
    demo.borrow(15_000_00)
    demo.borrow(5_000_00)
    assert account.available == 0
    assert account.outstanding_principal() == account.credit_limit


def test_R9_borrowing_with_auto_repay_off_turns_the_account_switch_off(demo):
    account = demo.account
    assert account.auto_repay is True
    demo.borrow(auto_repay=False)
    assert account.auto_repay is False
    assert [event.kind for event in account.events[-2:]] == ["borrowed", "auto_repay_off"]


def test_R9_borrowing_with_auto_repay_on_keeps_it_on_and_logs_no_switch(demo):
    account = demo.account
    demo.borrow(auto_repay=True)
    assert account.auto_repay is True
    assert [event.kind for event in account.events] == ["borrowed"]


def test_R9_borrowing_with_auto_repay_on_turns_a_switched_off_account_back_on(demo):
    account = demo.account
    account.set_auto_repay(False)
    demo.borrow(auto_repay=True)
    assert account.auto_repay is True
    assert account.events[-1].kind == "auto_repay_on"


@pytest.mark.parametrize(("amount", "term", "card_id", "error"), [
    (1_000_50, 3, "cmb", errors.InvalidAmount),   # not whole hundreds of yuan
    (150_00, 3, "cmb", errors.InvalidAmount),
    (1, 3, "cmb", errors.InvalidAmount),
    (0, 3, "cmb", errors.InvalidAmount),
    (-1_000_00, 3, "cmb", errors.InvalidAmount),
    (1_000_00.0, 3, "cmb", errors.InvalidAmount),  # not an int
    ("100000", 3, "cmb", errors.InvalidAmount),
    (None, 3, "cmb", errors.InvalidAmount),
    (20_000_00 + BORROW_STEP, 3, "cmb", errors.OverCreditLimit),
    (1_000_00, 4, "cmb", errors.InvalidTerm),
    (1_000_00, 0, "cmb", errors.InvalidTerm),
    (1_000_00, "3", "cmb", errors.InvalidTerm),
    (1_000_00, 3, "abc", errors.UnknownCard),
    (1_000_00, 3, None, errors.UnknownCard),
])
def test_R9_an_invalid_borrow_is_refused_with_its_own_error_and_changes_nothing(
        demo, amount, term, card_id, error):
    before = demo.snapshot()
    with pytest.raises(error):
        demo.borrow(amount, term, card_id, auto_repay=False)
    assert demo.snapshot() == before


def test_borrowing_over_what_is_still_available_is_refused(demo):
    account = demo.account
    demo.borrow(19_000_00)
    before = demo.snapshot()
    with pytest.raises(errors.OverCreditLimit) as refused:
        demo.borrow(2_000_00)
    assert refused.value.details["available"] == 1_000_00
    assert demo.snapshot() == before
    assert account.available == 1_000_00


def test_a_borrow_with_a_wrong_password_lends_nothing_and_counts_the_try(demo):
    account = demo.account
    with pytest.raises(errors.WrongPassword):
        account.borrow(1_000_00, 3, "cmb", False, demo.wrong_password)
    assert account.loans == []
    assert account.card("cmb").balance == 8_000_00
    assert account.auto_repay is True
    assert account.wrong_tries == 1


def test_repaying_frees_the_credit_again(demo):
    account = demo.account
    demo.borrow(20_000_00)
    assert account.available == 0
    demo.repay_all()
    assert account.available == 20_000_00
