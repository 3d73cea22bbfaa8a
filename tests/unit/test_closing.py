"""Closing Weilidai: R5 (the password ends the path), R6 (debt first), R7 (it is final),
R8 (the records are kept)."""

import pytest

from webapp.domain import CLOSED, FROZEN, errors
from webapp.domain.loans import SETTLED


def test_R5_close_with_the_right_password_closes_the_account_by_the_user(demo):
    account = demo.account
    demo.close()
    assert account.status == CLOSED
    assert account.closed_by == "user"
    assert account.credit_limit == 0
    assert account.available == 0
    assert account.can_borrow is False
    assert account.events[-1].kind == "closed"


def test_R5_close_with_a_wrong_password_is_refused_and_counts_the_try(demo):
    account = demo.account
    with pytest.raises(errors.WrongPassword):
        account.close(demo.wrong_password)
    assert account.status == "active"
    assert account.wrong_tries == 1


def test_R6_close_is_refused_while_a_loan_is_outstanding(demo):
    account = demo.account
    demo.borrow(1_000_00)
    before = demo.snapshot()
    with pytest.raises(errors.OutstandingDebt) as refused:
        demo.close()
    assert refused.value.details["amount"] == account.outstanding() > 0
    assert demo.snapshot() == before


def test_R6_a_refused_close_does_not_touch_the_password_tries(demo):
    account = demo.account
    demo.borrow(1_000_00)
    with pytest.raises(errors.WrongPassword):
        account.borrow(1_000_00, 3, "cmb", True, demo.wrong_password)
    assert account.wrong_tries == 1
    before = demo.snapshot()
    # Even with a wrong password, the debt is what refuses: the counter stays as it was.
    with pytest.raises(errors.OutstandingDebt):
        account.close(demo.wrong_password)
    assert account.wrong_tries == 1
    assert demo.snapshot() == before


def test_R6_close_is_refused_while_only_an_overdue_installment_is_left(demo):
    account = demo.account
    loan = demo.borrow(1_000_00, auto_repay=False)
    demo.repay_next(loan)
    demo.repay_next(loan)
    third = loan.next_unpaid()
    demo.advance((third.due - account.sim_date).days + 5)
    assert account.overdue_amount() == account.outstanding() > third.principal
    before = demo.snapshot()
    with pytest.raises(errors.OutstandingDebt) as refused:
        demo.close()
    assert refused.value.details["amount"] == account.outstanding()
    assert demo.snapshot() == before


def test_R6_close_works_once_everything_is_repaid(demo):
    account = demo.account
    demo.borrow(1_000_00)
    demo.advance(10)
    demo.repay_all()
    demo.close()
    assert account.status == CLOSED


def test_R2_R6_a_frozen_account_without_debt_can_still_be_closed(demo, policy):
    account = demo.account
    demo.advance(policy.inactivity_freeze_days)
    assert account.status == FROZEN
    demo.close()
    assert account.status == CLOSED
    assert account.closed_by == "user"


def test_R7_after_closing_borrowing_is_refused(demo):
    demo.close()
    before = demo.snapshot()
    with pytest.raises(errors.AccountClosed) as refused:
        demo.borrow(1_000_00)
    assert refused.value.details["by"] == "user"
    assert demo.snapshot() == before


def test_R7_closing_again_is_refused(demo):
    demo.close()
    before = demo.snapshot()
    with pytest.raises(errors.AccountClosed):
        demo.close()
    assert demo.snapshot() == before


def test_R7_there_is_no_way_to_reopen_a_closed_account(demo):
    account = demo.account
    demo.close()
    with pytest.raises(errors.AccountClosed):
        account.set_auto_repay(True)
    with pytest.raises(errors.NothingToRepay):
        demo.repay_all()
    demo.advance(3000)
    assert account.status == CLOSED
    assert account.available == 0


def records(account):
    """What 借款记录 shows: every loan and its installments, paid or not."""
    return {loan.id: [(item.seq, item.due, item.principal, item.paid, item.paid_how)
                      for item in loan.installments] for loan in account.loans}


def test_R8_loans_and_their_installments_are_kept_after_closing(demo):
    account = demo.account
    demo.borrow(1_000_00, term=3)
    demo.borrow(2_000_00, term=6, card_id="ccb")
    demo.advance(40)
    demo.repay_all()
    kept = records(account)
    demo.close()
    demo.advance(400)
    assert records(account) == kept
    assert [len(loan.installments) for loan in account.loans] == [3, 6]
    assert all(loan.status(account.sim_date) == SETTLED for loan in account.loans)
