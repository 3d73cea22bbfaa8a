"""Each named starting state is what its one-sentence description says."""

import pytest

from webapp.domain import ACTIVE, CLOSED, DEMO_PASSWORD, FORCE_CLOSED, FROZEN, Policy, errors
from webapp.domain.loans import OVERDUE, SETTLED
from webapp.scenarios import BASE_DATE, SCENARIOS, build


def make(scenario_id, policy=None):
    return build(scenario_id, policy or Policy())


def test_the_scenarios_are_the_nine_of_the_design_each_saying_what_it_teaches():
    assert set(SCENARIOS) == {"fresh", "repaying", "overdue", "dormant", "frozen", "closed",
                              "force-closed", "low-balance", "busy"}
    for scenario_id, scenario in SCENARIOS.items():
        assert scenario.id == scenario_id
        assert scenario.title and scenario.teaches


def test_an_unknown_scenario_is_a_key_error():
    with pytest.raises(KeyError):
        make("nope")


@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
def test_every_scenario_starts_on_or_after_the_base_date_with_the_demo_password(scenario_id):
    account = make(scenario_id)
    assert account.sim_date >= BASE_DATE
    assert account.password == DEMO_PASSWORD
    assert account.wrong_tries == 0
    assert (account.events[-1].kind, account.events[-1].reason) == ("scenario", scenario_id)


def test_fresh_is_active_with_no_loans_and_auto_repay_on():
    account = make("fresh")
    assert account.status == ACTIVE
    assert account.loans == []
    assert account.auto_repay is True
    assert account.available == account.credit_limit > 0
    assert account.bad_credit is False


def test_repaying_has_a_loan_being_repaid_so_closing_is_refused():
    account = make("repaying")
    assert account.status == ACTIVE
    [loan] = account.loans
    assert loan.status(account.sim_date) == "repaying"
    assert account.outstanding() > 0
    assert loan.installments[0].paid_how == "auto"
    with pytest.raises(errors.OutstandingDebt):
        account.close(DEMO_PASSWORD)


def test_overdue_has_an_overdue_installment_and_a_bad_credit_mark():
    account = make("overdue")
    assert account.status == ACTIVE
    assert account.auto_repay is False
    assert account.bad_credit is True
    assert any(item.status(account.sim_date) == OVERDUE
               for item, _ in account.unpaid_installments())
    assert account.overdue_amount() > 0


@pytest.mark.parametrize("freeze_days", [180, 30, 365])
def test_dormant_is_one_day_from_freezing_under_the_configured_idle_period(freeze_days):
    policy = Policy(inactivity_freeze_days=freeze_days)
    account = make("dormant", policy)
    assert account.status == ACTIVE
    assert account.days_idle() == freeze_days - 1
    assert account.outstanding() == 0
    account.advance_days(1, policy)
    assert account.status == FROZEN


def test_frozen_is_frozen_and_refuses_borrowing():
    account = make("frozen")
    assert account.status == FROZEN
    assert account.days_idle() > Policy().inactivity_freeze_days
    with pytest.raises(errors.AccountFrozen):
        account.borrow(1_000_00, 3, "cmb", True, DEMO_PASSWORD)


def test_closed_is_closed_by_the_user_with_its_settled_loans_kept():
    account = make("closed")
    assert account.status == CLOSED
    assert account.closed_by == "user"
    assert account.loans
    assert all(loan.status(account.sim_date) == SETTLED for loan in account.loans)
    assert all(item.is_paid for loan in account.loans for item in loan.installments)


def test_force_closed_is_closed_by_the_system_with_debt_outstanding():
    account = make("force-closed")
    assert account.status == FORCE_CLOSED
    assert account.closed_by == "system"
    assert account.credit_limit == 0
    assert account.outstanding() > 0
    assert account.bad_credit is True


def test_force_closed_follows_a_custom_overdue_threshold():
    account = make("force-closed", Policy(force_close_overdue_days=30))
    assert account.status == FORCE_CLOSED


def test_low_balance_has_auto_repay_on_and_a_card_too_poor_for_the_next_installment():
    policy = Policy()
    account = make("low-balance", policy)
    assert account.status == ACTIVE
    assert account.auto_repay is True
    item, loan = next((item, loan) for item, loan in account.unpaid_installments()
                      if item.due == account.next_due_date())
    assert account.repayment_card.balance < item.owed(item.due, loan.penalty_rate_ppm)
    account.advance_to_next_due(policy)
    assert item.status(account.sim_date) == OVERDUE
    assert account.bad_credit is True
    assert (account.events[-1].kind, account.events[-1].reason) == ("overdue",
                                                                    "insufficient_balance")


def test_busy_has_at_least_three_loans_across_at_least_two_cards():
    account = make("busy")
    assert account.status == ACTIVE
    assert len(account.loans) >= 3
    assert len({loan.card_id for loan in account.loans}) >= 2
    assert all(loan.status(account.sim_date) == "repaying" for loan in account.loans)
