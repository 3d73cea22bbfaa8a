"""Whatever a user does, in any order, from any scenario, the rules and the money hold.

Each example starts from a scenario and plays a random list of operations through the
domain, swallowing refusals, and checks the invariants after every single step.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from webapp.domain import ACTIVE, CLOSED, DEMO_PASSWORD, FORCE_CLOSED, FROZEN, Policy
from webapp.domain.errors import DomainError
from webapp.domain.serialize import from_dict, to_dict
from webapp.scenarios import SCENARIOS, build

POLICY = Policy()
# R2 counts the user's own use: borrowing and repaying by hand (not the due date's deduction).
ACTIVITY = {"borrowed", "repaid"}
# What each status may become: none goes back to active, a closed one stays closed (R7),
# a system-closed one only becomes closed, once repaid (R3).
NEXT_STATUS = {
    ACTIVE: {ACTIVE, FROZEN, CLOSED, FORCE_CLOSED},
    FROZEN: {FROZEN, CLOSED, FORCE_CLOSED},
    FORCE_CLOSED: {FORCE_CLOSED, CLOSED},
    CLOSED: {CLOSED},
}

# Built once: each example starts from a copy of one of these.
BUILT = {scenario_id: to_dict(build(scenario_id, POLICY)) for scenario_id in SCENARIOS}

valid_amounts = st.integers(1, 60).map(lambda hundreds: hundreds * 100_00)
amounts = st.one_of(valid_amounts, valid_amounts, valid_amounts,
                    st.sampled_from([0, -100_00, 150_00, 30_000_00]))
card_ids = st.sampled_from(("cmb", "cmb", "cmb", "ccb", "nope"))
borrow = st.tuples(st.just("borrow"), amounts, st.sampled_from((3, 6, 12, 3, 6, 12, 4)), card_ids,
                   st.booleans())
repay_next = st.tuples(st.just("repay_next"), st.integers(0, 4), card_ids)
# Mostly short moves, so accounts live long enough to do things; now and then a long one.
advance_days = st.tuples(st.just("advance_days"),
                         st.one_of(st.integers(1, 40), st.integers(1, 400)))
advance_to_next_due = st.tuples(st.just("advance_to_next_due"))
# Borrowing, repaying and the clock are weighted up; closing (final) stays rare.
operations = st.one_of(
    borrow, borrow, borrow, repay_next, repay_next, advance_to_next_due, advance_to_next_due,
    advance_days, advance_days,
    st.tuples(st.just("repay_all"), card_ids),
    st.tuples(st.just("set_auto_repay"), st.booleans()),
    st.tuples(st.just("close")),
)


def apply(account, operation):
    name, *args = operation
    if name == "borrow":
        amount, term, card_id, auto_repay = args
        account.borrow(amount, term, card_id, auto_repay, DEMO_PASSWORD)
    elif name == "repay_next":
        index, card_id = args
        loan = account.loans[index % len(account.loans)] if account.loans else None
        item = loan.next_unpaid() if loan else None
        account.repay_installment(loan.id if loan else 1, item.seq if item else 1, card_id,
                                  DEMO_PASSWORD)
    elif name == "repay_all":
        account.repay_all(args[0], DEMO_PASSWORD)
    elif name == "set_auto_repay":
        account.set_auto_repay(args[0])
    elif name == "close":
        account.close(DEMO_PASSWORD)
    elif name == "advance_days":
        account.advance_days(args[0], POLICY)
    else:
        account.advance_to_next_due(POLICY)


def money_balance(account):
    """Card money minus what was lent plus what was paid back: no step may change it."""
    cards = sum(card.balance for card in account.cards)
    borrowed = sum(loan.principal for loan in account.loans)
    paid = sum(item.paid for loan in account.loans for item in loan.installments)
    return cards - borrowed + paid


def worst_overdue_days(account, day):
    """How long the most overdue installment still unpaid on ``day`` had been overdue then."""
    late = [(day - item.due).days for loan in account.loans for item in loan.installments
            if item.due < day and (not item.is_paid or item.paid_on > day)]
    return max(late, default=0)


def check_state(account):
    """What must be true of any account, between any two steps."""
    assert all(card.balance >= 0 for card in account.cards)
    assert account.outstanding() >= 0
    # R4: an installment that went overdue leaves the mark.
    if any(item.went_overdue for loan in account.loans for item in loan.installments):
        assert account.bad_credit
    if account.status == ACTIVE:
        assert account.available == account.credit_limit - account.outstanding_principal() >= 0
        # R2: an active account is never left idle for the freeze threshold.
        assert account.days_idle() < POLICY.inactivity_freeze_days
    else:
        assert account.available == 0
    if account.status in (ACTIVE, FROZEN):
        # R3: nothing is left overdue past the threshold without the system closing it.
        assert worst_overdue_days(account, account.sim_date) <= POLICY.force_close_overdue_days
    if account.status in (CLOSED, FORCE_CLOSED):
        assert account.credit_limit == 0
    if account.status == CLOSED:
        assert account.unpaid_installments() == []
        assert account.closed_by in ("user", "system")
    if account.status == FORCE_CLOSED:
        # R3: it shows as closed as soon as every debt is repaid.
        assert account.unpaid_installments()
        assert account.closed_by == "system"


def check_step(account, before, status, last_activity, new_events):
    """What a step that was not refused may have done."""
    assert account.status in NEXT_STATUS[status], (status, account.status)
    if status == CLOSED:
        # R7: a closed account only watches the clock move (and notes that it moved).
        assert [event.kind for event in new_events] in ([], ["clock"])
        ignored = {"sim_date": None, "events": None, "next_event_id": None}
        assert {**to_dict(account), **ignored} == {**before, **ignored}
    if status != ACTIVE:
        assert "borrowed" not in [event.kind for event in new_events]
    activity = [event.on for event in new_events if event.kind in ACTIVITY]
    if activity:
        assert account.last_activity == max(activity)
    else:
        assert account.last_activity == last_activity
    for event in new_events:
        if event.kind == "frozen":
            # R2: frozen on exactly the day the idle period is reached, not before or after.
            idle_since = max([last_activity] + [day for day in activity if day <= event.on])
            assert (event.on - idle_since).days == POLICY.inactivity_freeze_days
        if event.kind == "force_closed":
            # R3: closed by the system on the first day something is overdue past the threshold.
            worst = worst_overdue_days(account, event.on)
            assert worst == POLICY.force_close_overdue_days + 1
            assert event.reason == str(worst)
    kinds = {event.kind for event in new_events}
    if account.status == FROZEN and status != FROZEN:
        assert "frozen" in kinds
    if account.status == FORCE_CLOSED and status != FORCE_CLOSED:
        assert "force_closed" in kinds


@settings(max_examples=60, deadline=None)
@given(scenario_id=st.sampled_from(sorted(SCENARIOS)),
       steps=st.lists(operations, min_size=3, max_size=30))
def test_R1_to_R11_hold_after_every_step_of_any_sequence_of_operations(scenario_id, steps):
    account = from_dict(BUILT[scenario_id])
    conserved = money_balance(account)
    check_state(account)
    for operation in steps:
        before = to_dict(account)
        status, last_activity, next_event_id = (account.status, account.last_activity,
                                                account.next_event_id)
        try:
            apply(account, operation)
        except DomainError as refusal:
            # Every refusal (no wrong passwords are tried here) leaves the account as it was.
            assert not refusal.persist
            assert to_dict(account) == before, operation
            continue
        new_events = [event for event in account.events if event.id >= next_event_id]
        assert money_balance(account) == conserved, operation
        check_state(account)
        check_step(account, before, status, last_activity, new_events)
    assert to_dict(from_dict(to_dict(account))) == to_dict(account)
