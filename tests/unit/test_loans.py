"""Loans: equal-principal installments, simple daily interest on what is still owed."""

from datetime import date, timedelta

import pytest

from webapp.domain.loans import (
    LOAN_OVERDUE, OVERDUE, PAID_AUTO, PAID_MANUAL, PENDING, REPAYING, SETTLED, Loan, add_months,
)

RATE, PENALTY = 500, 750
BORROWED = date(2026, 1, 31)


def make(principal=100_000, term=3, borrowed_on=BORROWED):
    return Loan.make(1, principal, term, "cmb", borrowed_on, RATE, PENALTY)


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2026, 1, 31), 2, date(2026, 3, 31)),
    (date(2026, 1, 31), 3, date(2026, 4, 30)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
    (date(2026, 8, 31), 12, date(2027, 8, 31)),
    (date(2026, 5, 17), 0, date(2026, 5, 17)),
])
def test_add_months_keeps_the_day_and_clamps_to_the_end_of_a_shorter_month(day, months, expected):
    assert add_months(day, months) == expected


def test_due_dates_are_monthly_from_the_borrowing_day_without_drifting_after_a_short_month():
    loan = make(term=12)
    assert [item.due for item in loan.installments] == [
        date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30), date(2026, 5, 31),
        date(2026, 6, 30), date(2026, 7, 31), date(2026, 8, 31), date(2026, 9, 30),
        date(2026, 10, 31), date(2026, 11, 30), date(2026, 12, 31), date(2027, 1, 31),
    ]
    # Each period starts where the one before ended.
    starts = [item.start for item in loan.installments]
    assert starts == [BORROWED] + [item.due for item in loan.installments[:-1]]
    assert [item.seq for item in loan.installments] == list(range(1, 13))


@pytest.mark.parametrize("term", [3, 6, 12])
@pytest.mark.parametrize("principal", [100_00, 1_000_00, 5_000_00, 100_000, 123_457, 20_000_00])
def test_installments_are_equal_principal_with_the_remainder_on_the_first(principal, term):
    loan = make(principal, term)
    parts = [item.principal for item in loan.installments]
    assert len(parts) == term
    assert sum(parts) == principal
    base, remainder = divmod(principal, term)
    assert parts == [base + remainder] + [base] * (term - 1)


def test_interest_is_simple_daily_interest_on_what_is_still_owed_each_period():
    loan = make(100_000, 3)
    first, second, third = loan.installments
    assert (first.principal, second.principal, third.principal) == (33_334, 33_333, 33_333)
    # 100,000 fen owed for Jan 31 -> Feb 28 (28 days) at 500 ppm a day: 1,400 fen.
    assert first.interest == 1_400
    # 66,666 fen still owed for Feb 28 -> Mar 31 (31 days): 1,033.323 -> 1,033.
    assert second.interest == 1_033
    # 33,333 fen for Mar 31 -> Apr 30 (30 days): 499.995 rounds half up to 500.
    assert third.interest == 500
    assert loan.total_cost() == 100_000 + 1_400 + 1_033 + 500


def test_interest_to_grows_day_by_day_and_is_full_at_the_due_date():
    first = make().installments[0]
    assert first.interest_to(BORROWED) == 0
    assert first.interest_to(BORROWED + timedelta(days=1)) == 50
    assert first.interest_to(date(2026, 2, 14)) == 700
    assert first.interest_to(date(2026, 2, 27)) == 1_350
    assert first.interest_to(date(2026, 2, 28)) == 1_400
    assert first.interest_to(date(2026, 6, 1)) == 1_400
    days = [BORROWED + timedelta(days=n) for n in range(29)]
    accrued = [first.interest_to(day) for day in days]
    assert accrued == sorted(accrued)


def test_a_later_period_accrues_no_interest_before_it_starts():
    second = make().installments[1]
    assert second.interest_to(BORROWED) == 0
    assert second.interest_to(date(2026, 2, 28)) == 0
    assert second.interest_to(date(2026, 3, 1)) == 1_033 * 1 // 31


def test_penalty_only_starts_after_the_due_date():
    first = make().installments[0]
    assert first.penalty_to(date(2026, 2, 1), PENALTY) == 0
    assert first.penalty_to(first.due, PENALTY) == 0
    # (33,334 + 1,400) fen at 750 ppm a day: 26.05 fen for one day late.
    assert first.penalty_to(date(2026, 3, 1), PENALTY) == 26
    assert first.penalty_to(date(2026, 3, 10), PENALTY) == 261  # 260.505, half up
    assert first.owed(first.due, PENALTY) == 33_334 + 1_400
    assert first.owed(date(2026, 3, 1), PENALTY) == 33_334 + 1_400 + 26


def test_an_installment_owes_nothing_once_paid():
    loan = make()
    first = loan.installments[0]
    first.paid, first.paid_on, first.paid_how = first.owed(first.due, PENALTY), first.due, "auto"
    late = date(2026, 9, 1)
    assert first.owed(late, PENALTY) == 0
    assert first.days_overdue(late) == 0
    assert first.status(late) == PAID_AUTO
    assert loan.next_unpaid() is loan.installments[1]
    assert loan.outstanding_principal() == 66_666


def test_installment_status_is_pending_then_overdue_after_its_due_date_or_when_marked():
    first = make().installments[0]
    assert first.status(first.due) == PENDING
    assert first.status(first.due + timedelta(days=1)) == OVERDUE
    assert first.days_overdue(first.due + timedelta(days=5)) == 5
    # R4: the mark set on the due date makes it overdue on that very day.
    first.went_overdue = True
    assert first.status(first.due) == OVERDUE
    first.paid_how = "manual"
    assert first.status(first.due) == PAID_MANUAL


def test_loan_status_is_repaying_then_overdue_then_settled():
    loan = make()
    assert loan.status(BORROWED) == REPAYING
    assert loan.status(date(2026, 2, 28)) == REPAYING
    assert loan.status(date(2026, 3, 1)) == LOAN_OVERDUE
    day = date(2026, 3, 1)
    assert loan.overdue_amount(day) == loan.installments[0].owed(day, PENALTY)
    for item in loan.installments:
        item.paid, item.paid_on, item.paid_how = item.owed(day, PENALTY), day, "manual"
    assert loan.status(day) == SETTLED
    assert loan.outstanding(day) == 0
    assert loan.outstanding_principal() == 0
    # R8: a settled loan keeps its plan.
    assert len(loan.installments) == 3
