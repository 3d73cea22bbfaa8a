"""The simulated clock: R1 (used accounts stay open), R2 (freeze), R3 (force close),
R4 (overdue marks), R10 (due-date deduction), R11 (the switch decides it)."""

from datetime import date, timedelta

import pytest

from webapp.domain import ACTIVE, CLOSED, FORCE_CLOSED, FROZEN, LAST_SIM_DATE, Policy, errors
from webapp.domain.loans import OVERDUE, PAID_AUTO, PENDING


def kinds(account):
    """What happened, without the clock's own moves."""
    return [event.kind for event in account.events if event.kind != "clock"]


def last_event(account):
    """The last thing that happened on a day, not the move of the clock that led to it."""
    return next(event for event in reversed(account.events) if event.kind != "clock")


def to_due(demo, item, extra=0):
    demo.advance((item.due - demo.account.sim_date).days + extra)


# -- R10, R4, R11: what happens on a due date ---------------------------------------------------

def test_R10_on_a_due_date_auto_repay_deducts_exactly_what_is_owed(demo):
    account = demo.account
    loan = demo.borrow(3_000_00, term=3)
    first = loan.installments[0]
    balance = account.card("cmb").balance
    to_due(demo, first)
    # 1,000 yuan principal plus 31 days (Jan 10 -> Feb 10) at 500 ppm on 3,000 yuan.
    owed = 1_000_00 + 31 * 150
    assert first.interest == 31 * 150
    assert account.card("cmb").balance == balance - owed
    assert (first.paid, first.paid_on, first.paid_how) == (owed, first.due, "auto")
    assert first.status(account.sim_date) == PAID_AUTO
    assert account.bad_credit is False
    event = last_event(account)
    assert (event.kind, event.amount, event.loan_id, event.seq, event.card_id) == (
        "auto_repaid", owed, loan.id, 1, "cmb")
    assert loan.installments[1].status(account.sim_date) == PENDING


def test_R10_a_card_holding_exactly_the_amount_owed_is_enough(demo):
    account = demo.account
    loan = demo.borrow(3_000_00, term=3)
    first = loan.installments[0]
    account.card("cmb").balance = first.principal + first.interest
    to_due(demo, first)
    assert first.paid_how == "auto"
    assert account.card("cmb").balance == 0
    assert account.bad_credit is False


def test_R10_auto_repay_takes_from_the_repayment_card_not_the_card_the_loan_went_to(demo):
    account = demo.account
    loan = demo.borrow(3_000_00, term=3, card_id="ccb")
    to_due(demo, loan.installments[0])
    assert loan.installments[0].paid_how == "auto"
    assert account.card("ccb").balance == 100_00 + 3_000_00
    assert account.card("cmb").balance == 8_000_00 - loan.installments[0].paid


def test_R10_R4_a_card_too_poor_on_the_due_date_leaves_the_installment_overdue(demo):
    account = demo.account
    loan = demo.borrow(3_000_00, term=3)
    account.card("cmb").balance = 500_00
    first = loan.installments[0]
    to_due(demo, first)
    assert account.card("cmb").balance == 500_00
    assert first.is_paid is False
    assert first.went_overdue is True
    assert first.status(account.sim_date) == OVERDUE
    assert account.bad_credit is True
    assert account.status == ACTIVE
    event = last_event(account)
    assert (event.kind, event.reason, event.loan_id, event.seq, event.card_id) == (
        "overdue", "insufficient_balance", loan.id, 1, "cmb")
    assert event.amount == first.principal + first.interest


def test_R4_the_bad_credit_mark_stays_after_the_overdue_debt_is_repaid(demo):
    account = demo.account
    loan = demo.borrow(3_000_00, term=3, auto_repay=False)
    to_due(demo, loan.installments[0], extra=3)
    demo.repay_next(loan)
    assert account.bad_credit is True
    assert loan.installments[0].went_overdue is True


def test_R11_with_auto_repay_off_a_due_installment_is_not_deducted_and_goes_overdue(demo):
    account = demo.account
    loan = demo.borrow(3_000_00, term=3, auto_repay=False)
    balance = account.card("cmb").balance
    to_due(demo, loan.installments[0])
    assert account.card("cmb").balance == balance
    assert loan.installments[0].status(account.sim_date) == OVERDUE
    assert account.bad_credit is True
    event = last_event(account)
    assert (event.kind, event.reason, event.card_id) == ("overdue", "auto_repay_off", None)


def test_R11_turning_auto_repay_back_on_deducts_again_on_later_due_dates(demo):
    account = demo.account
    loan = demo.borrow(3_000_00, term=3, auto_repay=False)
    to_due(demo, loan.installments[0])
    demo.repay_next(loan)
    account.set_auto_repay(True)
    to_due(demo, loan.installments[1])
    assert loan.installments[1].paid_how == "auto"


# -- advancing the clock -----------------------------------------------------------------------

@pytest.mark.parametrize("days", [0, -1, -30, 1.5, "3", None, 3661, 10_000])
def test_advance_days_refuses_anything_but_1_to_3660_days_and_changes_nothing(demo, days):
    demo.borrow()
    before = demo.snapshot()
    with pytest.raises(errors.ClockOutOfRange) as refused:
        demo.advance(days)
    assert refused.value.details["max_days"] == 3660
    assert demo.snapshot() == before


def test_advance_days_accepts_the_largest_jump_and_a_custom_maximum_is_honoured(account):
    account.advance_days(3660, Policy())
    assert account.sim_date == date(2026, 1, 10) + timedelta(days=3660)
    before = account.sim_date
    with pytest.raises(errors.ClockOutOfRange):
        account.advance_days(11, Policy(max_advance_days=10))
    assert account.sim_date == before


def test_advance_to_refuses_today_and_the_past(demo, policy):
    account = demo.account
    before = demo.snapshot()
    for day in (account.sim_date, account.sim_date - timedelta(days=1)):
        with pytest.raises(errors.ClockOutOfRange):
            account.advance_to(day, policy)
    assert demo.snapshot() == before


def test_advance_to_next_due_lands_on_each_due_date_in_turn(demo, policy):
    account = demo.account
    first = demo.borrow(3_000_00, term=3)
    second = demo.borrow(1_000_00, term=6)
    demo.advance(5)
    second_due = [item.due for item in second.installments]
    expected = sorted({item.due for loan in (first, second) for item in loan.installments})
    assert expected[0] == first.installments[0].due == second_due[0]
    for due in expected:
        account.advance_to_next_due(policy)
        assert account.sim_date == due
    with pytest.raises(errors.NoDueDate):
        account.advance_to_next_due(policy)


def test_advance_to_next_due_without_loans_is_refused(demo, policy):
    before = demo.snapshot()
    with pytest.raises(errors.NoDueDate):
        demo.account.advance_to_next_due(policy)
    assert demo.snapshot() == before


def test_advance_to_next_due_skips_installments_already_overdue(demo, policy):
    account = demo.account
    loan = demo.borrow(3_000_00, term=3, auto_repay=False)
    to_due(demo, loan.installments[0], extra=2)
    account.advance_to_next_due(policy)
    assert account.sim_date == loan.installments[1].due


# -- the last simulated date --------------------------------------------------------------------

def near_the_last_date(make_demo, days_before=10):
    return make_demo(sim_date=LAST_SIM_DATE - timedelta(days=days_before))


def test_the_clock_moves_up_to_the_last_simulated_date_exactly(make_demo):
    demo = near_the_last_date(make_demo)
    demo.advance(10)
    assert demo.account.sim_date == LAST_SIM_DATE


@pytest.mark.parametrize("move", [
    lambda account, policy: account.advance_days(11, policy),
    lambda account, policy: account.advance_days(3660, policy),
    lambda account, policy: account.advance_to(LAST_SIM_DATE + timedelta(days=1), policy),
], ids=["a-day-too-far", "the-largest-jump", "the-day-after-it"])
def test_a_move_past_the_last_simulated_date_is_refused_and_changes_nothing(make_demo, move):
    demo = near_the_last_date(make_demo)
    before = demo.snapshot()
    with pytest.raises(errors.PastLastDate):
        move(demo.account, demo.policy)
    assert demo.snapshot() == before


def test_a_date_at_the_end_of_the_calendar_is_refused_not_overflowed(make_demo):
    demo = near_the_last_date(make_demo, days_before=0)
    before = demo.snapshot()
    for days in (1, 3660):
        with pytest.raises(errors.PastLastDate):
            demo.advance(days)
    with pytest.raises(errors.DomainError):
        demo.account.advance_to(date(9999, 12, 31), demo.policy)
    assert demo.snapshot() == before


def test_borrowing_on_the_last_simulated_date_plans_the_longest_term_within_the_calendar(
        make_demo):
    demo = near_the_last_date(make_demo, days_before=0)
    loan = demo.borrow(6_000_00, term=12)
    assert loan.installments[-1].due == LAST_SIM_DATE.replace(year=LAST_SIM_DATE.year + 1)
    assert loan.total_cost() > demo.account.outstanding() == 6_000_00


def test_next_due_past_the_last_simulated_date_is_refused_and_changes_nothing(make_demo):
    demo = near_the_last_date(make_demo, days_before=5)
    demo.borrow()
    before = demo.snapshot()
    with pytest.raises(errors.PastLastDate):
        demo.account.advance_to_next_due(demo.policy)
    assert demo.snapshot() == before


# -- R2: long inactivity freezes ---------------------------------------------------------------

def test_R2_an_unused_account_freezes_exactly_after_the_idle_period(demo):
    account = demo.account
    demo.advance(179)
    assert account.status == ACTIVE
    assert account.days_idle() == 179
    demo.advance(1)
    assert account.status == FROZEN
    assert account.can_borrow is False
    assert account.available == 0
    event = last_event(account)
    assert (event.kind, event.on, event.reason) == ("frozen", account.sim_date, "180")


def test_R2_a_custom_idle_period_is_honoured(make_demo):
    demo = make_demo(Policy(inactivity_freeze_days=30))
    demo.advance(29)
    assert demo.account.status == ACTIVE
    demo.advance(1)
    assert demo.account.status == FROZEN


def test_R2_borrowing_or_repaying_restarts_the_idle_count(demo):
    account = demo.account
    demo.advance(170)
    demo.borrow(1_000_00, auto_repay=False)
    demo.advance(5)
    demo.repay_all()
    demo.advance(179)
    assert account.status == ACTIVE
    demo.advance(1)
    assert account.status == FROZEN


def test_R2_a_frozen_account_refuses_borrowing_but_repaying_and_closing_still_work(make_demo):
    demo = make_demo(Policy(inactivity_freeze_days=20))
    account = demo.account
    loan = demo.borrow(3_000_00, term=3, auto_repay=False)
    demo.advance(20)
    assert account.status == FROZEN
    before = demo.snapshot()
    with pytest.raises(errors.AccountFrozen) as refused:
        demo.borrow()
    assert refused.value.details["days"] == 20
    assert demo.snapshot() == before
    demo.repay_next(loan)
    assert loan.installments[0].paid_how == "manual"
    with pytest.raises(errors.OutstandingDebt):
        demo.close()
    demo.repay_all()
    demo.close()
    assert account.status == CLOSED
    assert account.closed_by == "user"


def test_R2_R10_a_frozen_account_still_auto_repays_its_due_installments(make_demo):
    demo = make_demo(Policy(inactivity_freeze_days=20))
    loan = demo.borrow(3_000_00, term=3)
    demo.advance(20)
    assert demo.account.status == FROZEN
    to_due(demo, loan.installments[0])
    assert loan.installments[0].paid_how == "auto"


# -- R3: bad credit closes it --------------------------------------------------------------------

def overdue_loan(demo):
    loan = demo.borrow(3_000_00, term=3, auto_repay=False)
    return loan, loan.installments[0]


def test_R3_an_installment_overdue_for_the_threshold_is_not_yet_force_closed(demo, policy):
    account = demo.account
    _, first = overdue_loan(demo)
    to_due(demo, first, extra=policy.force_close_overdue_days)
    assert first.days_overdue(account.sim_date) == 90
    assert account.status == ACTIVE
    assert "force_closed" not in kinds(account)


def test_R3_one_day_more_overdue_and_the_system_closes_it(demo, policy):
    account = demo.account
    _, first = overdue_loan(demo)
    to_due(demo, first, extra=policy.force_close_overdue_days + 1)
    assert account.status == FORCE_CLOSED
    assert account.closed_by == "system"
    assert account.credit_limit == 0
    assert account.available == 0
    event = last_event(account)
    assert (event.kind, event.on, event.reason) == ("force_closed", account.sim_date, "91")
    assert event.amount == account.outstanding() > 0


def test_R3_a_custom_threshold_is_honoured(make_demo):
    demo = make_demo(Policy(force_close_overdue_days=10))
    _, first = overdue_loan(demo)
    to_due(demo, first, extra=10)
    assert demo.account.status == ACTIVE
    demo.advance(1)
    assert demo.account.status == FORCE_CLOSED


def test_R3_a_force_closed_account_refuses_borrowing_and_user_closing(demo, policy):
    _, first = overdue_loan(demo)
    to_due(demo, first, extra=policy.force_close_overdue_days + 1)
    before = demo.snapshot()
    with pytest.raises(errors.AccountClosed) as refused:
        demo.borrow()
    assert refused.value.details["by"] == "system"
    with pytest.raises(errors.AccountClosed):
        demo.close()
    assert demo.snapshot() == before


def test_R3_a_force_closed_account_shows_as_closed_only_once_every_debt_is_repaid(demo, policy):
    account = demo.account
    loan, first = overdue_loan(demo)
    to_due(demo, first, extra=policy.force_close_overdue_days + 1)
    demo.repay_next(loan)
    assert account.status == FORCE_CLOSED
    demo.repay_all()
    assert account.status == CLOSED
    assert account.closed_by == "system"
    assert last_event(account).kind == "closed_after_repayment"
    assert account.outstanding() == 0
    with pytest.raises(errors.AccountClosed):
        demo.borrow()
    demo.advance(1000)
    assert account.status == CLOSED


def test_R3_a_frozen_account_can_still_be_force_closed_for_bad_credit(make_demo):
    policy = Policy(inactivity_freeze_days=10)
    demo = make_demo(policy)
    _, first = overdue_loan(demo)
    demo.advance(10)
    assert demo.account.status == FROZEN
    to_due(demo, first, extra=policy.force_close_overdue_days + 1)
    assert demo.account.status == FORCE_CLOSED


# -- R1: in normal use it never closes by itself ---------------------------------------------------

def test_R1_an_account_used_and_repaid_on_time_stays_active_for_years(demo):
    account = demo.account
    for _ in range(13):  # borrow every 150 days for more than five years
        loan = demo.borrow(1_000_00, term=3)
        demo.advance(150)
        assert account.status == ACTIVE
        assert [item.paid_how for item in loan.installments] == ["auto"] * 3
    assert account.sim_date - date(2026, 1, 10) >= timedelta(days=5 * 365)
    assert account.bad_credit is False
    assert not {"frozen", "force_closed", "closed", "overdue"} & set(kinds(account))


def test_R1_a_long_loan_repaid_by_hand_keeps_the_account_active_throughout(demo):
    account = demo.account
    loan = demo.borrow(6_000_00, term=12)
    for item in loan.installments:
        demo.advance((item.due - account.sim_date).days - 1)
        demo.repay_next(loan)
        assert account.status == ACTIVE
    assert account.outstanding() == 0
    demo.advance(179)
    assert account.status == ACTIVE


def test_R2_counts_the_users_own_use_so_a_loan_left_to_auto_repay_freezes_it(demo, policy):
    # 二.1(1) 使用者长时间未利用: a deduction the system makes on a due date is not the user
    # using Weilidai, so a loan left alone freezes the account while it still owes money.
    account = demo.account
    loan = demo.borrow(6_000_00, term=12)
    borrowed_on = account.sim_date
    demo.advance(policy.inactivity_freeze_days - 1)
    assert account.status == ACTIVE
    demo.advance(1)
    assert account.status == FROZEN
    assert account.frozen_on == borrowed_on + timedelta(days=policy.inactivity_freeze_days)
    assert account.outstanding() > 0
    # R10 goes on while frozen: the next due date is deducted as usual.
    next_item = loan.next_unpaid()
    to_due(demo, next_item)
    assert next_item.paid_how == "auto"
    assert account.status == FROZEN
