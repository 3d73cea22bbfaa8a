"""Repaying by hand: one installment (the earliest unpaid of its loan) or everything."""

import pytest

from webapp.domain import errors
from webapp.domain.loans import PAID_MANUAL, SETTLED


def test_repay_installment_pays_the_earliest_unpaid_one_and_debits_what_it_owes(demo):
    account = demo.account
    loan = demo.borrow(3_000_00, term=3)
    demo.advance(10)
    first = loan.installments[0]
    owed = first.owed(account.sim_date, account.penalty_rate_ppm)
    # Ten days into the first period: principal plus ten days' interest on 3,000 yuan.
    assert owed == 1_000_00 + 10 * 150
    balance = account.card("cmb").balance
    assert demo.repay_next(loan).amount == owed
    assert account.card("cmb").balance == balance - owed
    assert (first.paid, first.paid_on, first.paid_how) == (owed, account.sim_date, "manual")
    assert first.status(account.sim_date) == PAID_MANUAL
    assert account.last_activity == account.sim_date
    event = account.events[-1]
    assert demo.account.event(event.id) is event
    assert (event.kind, event.amount, event.loan_id, event.seq, event.card_id) == (
        "repaid", owed, loan.id, 1, "cmb")


@pytest.mark.parametrize(("loan_id", "seq"), [(1, 2), (1, 3), (1, 0), (1, 99), (2, 1), (1, None)])
def test_repay_installment_refuses_anything_but_the_earliest_unpaid_one_of_its_loan(
        demo, loan_id, seq):
    demo.borrow(3_000_00, term=3)
    before = demo.snapshot()
    with pytest.raises(errors.UnknownInstallment):
        demo.account.repay_installment(loan_id, seq, "cmb", demo.password)
    assert demo.snapshot() == before


def test_repay_installment_refuses_one_already_paid(demo):
    loan = demo.borrow(3_000_00, term=3)
    demo.repay_next(loan)
    before = demo.snapshot()
    with pytest.raises(errors.InstallmentPaid):  # says so, not "repay the earliest first"
        demo.account.repay_installment(loan.id, 1, "cmb", demo.password)
    assert demo.snapshot() == before
    demo.repay_next(loan)
    assert loan.installments[1].is_paid


def test_a_repayment_the_card_cannot_cover_is_refused_and_changes_nothing(demo):
    loan = demo.borrow(3_000_00, term=3)
    before = demo.snapshot()
    with pytest.raises(errors.InsufficientBalance) as refused:
        demo.repay_next(loan, card_id="ccb")
    assert refused.value.details == {"amount": 1_000_00, "balance": 100_00}
    assert demo.snapshot() == before
    with pytest.raises(errors.InsufficientBalance):
        demo.repay_all(card_id="ccb")
    assert demo.snapshot() == before


def test_repaying_from_an_unknown_card_is_refused(demo):
    demo.borrow()
    before = demo.snapshot()
    with pytest.raises(errors.UnknownCard):
        demo.repay_all(card_id="nope")
    assert demo.snapshot() == before


def test_repay_all_with_nothing_owed_is_refused(demo):
    before = demo.snapshot()
    with pytest.raises(errors.NothingToRepay):
        demo.repay_all()
    assert demo.snapshot() == before


def test_repay_all_settles_every_loan_and_debits_exactly_the_sum_owed(demo):
    account = demo.account
    demo.borrow(3_000_00, term=3)
    demo.borrow(2_000_00, term=12, card_id="ccb", auto_repay=False)
    demo.advance(45)  # the first installment of each went overdue, the second accrues
    today = account.sim_date
    expected = sum(item.owed(today, loan.penalty_rate_ppm)
                   for loan in account.loans for item in loan.installments)
    assert expected == account.outstanding() > 5_000_00
    balance = account.card("cmb").balance
    assert demo.repay_all().amount == expected
    assert account.card("cmb").balance == balance - expected
    assert sum(item.paid for loan in account.loans for item in loan.installments) == expected
    assert all(loan.status(today) == SETTLED for loan in account.loans)
    assert account.outstanding() == 0
    assert account.unpaid_installments() == []


def test_repaying_early_pays_no_interest_for_periods_not_yet_started(demo):
    demo.borrow(3_000_00, term=3)
    demo.advance(5)
    assert demo.repay_all().amount == 3_000_00 + 5 * 150
