"""Each named starting state is what its one-sentence description says, under the default
thresholds of R2 and R3 and at either end of the range the configuration accepts."""

from dataclasses import replace

import pytest

from webapp.config import THRESHOLD_RANGES
from webapp.domain import (
    ACTIVE, CLOSED, DAILY_RATE_PPM, DEMO_PASSWORD, FORCE_CLOSED, FROZEN, PENALTY_RATE_PPM, Policy,
    errors,
)
from webapp.domain.loans import OVERDUE, SETTLED
from webapp.domain.money import per_million
from webapp.scenarios import BASE_DATE, SCENARIOS, build

FREEZE_RANGE = THRESHOLD_RANGES["INACTIVITY_FREEZE_DAYS"]
FORCE_RANGE = THRESHOLD_RANGES["FORCE_CLOSE_OVERDUE_DAYS"]
# The defaults, and each corner of what WEILIDAI_INACTIVITY_FREEZE_DAYS and
# WEILIDAI_FORCE_CLOSE_OVERDUE_DAYS may be set to.
POLICIES = [Policy()] + [Policy(inactivity_freeze_days=freeze, force_close_overdue_days=force)
                         for freeze in FREEZE_RANGE for force in FORCE_RANGE]


@pytest.fixture(params=POLICIES, ids=lambda p: (
    f"freeze{p.inactivity_freeze_days}-force{p.force_close_overdue_days}"))
def policy(request):
    return request.param


def make(scenario_id, policy=None):
    return build(scenario_id, policy or Policy())


def test_the_scenarios_are_the_nine_of_the_design_and_frozen_owing_each_saying_what_it_teaches():
    assert set(SCENARIOS) == {"fresh", "repaying", "overdue", "dormant", "frozen",
                              "frozen-owing", "closed", "force-closed", "low-balance", "busy"}
    for scenario_id, scenario in SCENARIOS.items():
        assert scenario.id == scenario_id
        assert scenario.title and scenario.describe(Policy())


def test_an_unknown_scenario_is_a_key_error():
    with pytest.raises(KeyError):
        make("nope")


@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
def test_every_scenario_starts_on_or_after_the_base_date_with_the_demo_password(
        scenario_id, policy):
    account = make(scenario_id, policy)
    assert account.sim_date >= BASE_DATE
    assert account.password == DEMO_PASSWORD
    assert account.wrong_tries == 0
    assert (account.events[-1].kind, account.events[-1].reason) == ("scenario", scenario_id)


def test_fresh_is_active_with_no_loans_and_auto_repay_on(policy):
    account = make("fresh", policy)
    assert account.status == ACTIVE
    assert account.loans == []
    assert account.auto_repay is True
    assert account.available == account.credit_limit > 0
    assert account.bad_credit is False
    # 新开通: opened today, so not a day idle yet.
    assert account.days_idle() == 0


# A loan lasts at most 12 months, so only a freeze threshold shorter than that can catch one
# still owing: under longer ones the scenario is frozen with its loan repaid.
OWING_POLICIES = [policy for policy in POLICIES if policy.inactivity_freeze_days <= 330]


@pytest.mark.parametrize("owing_policy", OWING_POLICIES, ids=lambda p: (
    f"freeze{p.inactivity_freeze_days}-force{p.force_close_overdue_days}"))
def test_R2_frozen_owing_is_frozen_with_a_loan_still_being_repaid(owing_policy):
    account = make("frozen-owing", owing_policy)
    assert account.status == FROZEN
    assert account.outstanding() > 0 and account.overdue_amount() == 0
    assert account.auto_repay is True
    with pytest.raises(errors.AccountFrozen):
        account.borrow(100_00, 3, "cmb", True, DEMO_PASSWORD)
    # 冻结后还款仍然可以: repaying works, and only then closing.
    with pytest.raises(errors.OutstandingDebt):
        account.close(DEMO_PASSWORD)
    account.repay_all("cmb", DEMO_PASSWORD)
    account.close(DEMO_PASSWORD)
    assert account.status == CLOSED


def test_R6_repaying_has_a_loan_being_repaid_so_closing_is_refused(policy):
    account = make("repaying", policy)
    assert account.status == ACTIVE
    [loan] = account.loans
    assert loan.status(account.sim_date) == "repaying"
    assert account.outstanding() > 0
    assert loan.installments[0].paid_how == "auto"
    with pytest.raises(errors.OutstandingDebt):
        account.close(DEMO_PASSWORD)


def test_R4_overdue_has_an_overdue_installment_and_a_bad_credit_mark(policy):
    account = make("overdue", policy)
    assert account.status == ACTIVE
    assert account.auto_repay is False
    assert account.bad_credit is True
    assert any(item.status(account.sim_date) == OVERDUE
               for item, _ in account.unpaid_installments())
    assert account.overdue_amount() > 0


@pytest.mark.parametrize("freeze_days", [180, 1, 30, 365, *FREEZE_RANGE, 4000])
def test_R2_dormant_is_one_day_from_freezing_under_the_configured_idle_period(freeze_days):
    policy = Policy(inactivity_freeze_days=freeze_days)
    account = make("dormant", policy)
    assert account.status == ACTIVE
    assert account.days_idle() == freeze_days - 1
    assert account.outstanding() == 0
    account.advance_days(1, policy)
    assert account.status == FROZEN


def test_R2_frozen_is_frozen_and_refuses_borrowing(policy):
    account = make("frozen", policy)
    assert account.status == FROZEN
    assert account.days_idle() > policy.inactivity_freeze_days
    with pytest.raises(errors.AccountFrozen):
        account.borrow(1_000_00, 3, "cmb", True, DEMO_PASSWORD)


def test_R7_R8_closed_is_closed_by_the_user_with_its_settled_loans_kept(policy):
    account = make("closed", policy)
    assert account.status == CLOSED
    assert account.closed_by == "user"
    assert account.loans
    assert all(loan.status(account.sim_date) == SETTLED for loan in account.loans)
    assert all(item.is_paid for loan in account.loans for item in loan.installments)


def test_R3_force_closed_is_closed_by_the_system_with_debt_outstanding(policy):
    account = make("force-closed", policy)
    assert account.status == FORCE_CLOSED
    assert account.closed_by == "system"
    assert account.credit_limit == 0
    assert account.outstanding() > 0
    assert account.bad_credit is True


@pytest.mark.parametrize("overdue_days", [1, 30, *FORCE_RANGE, 3700])
def test_R3_force_closed_is_closed_one_day_past_the_configured_overdue_threshold(overdue_days):
    account = make("force-closed", Policy(force_close_overdue_days=overdue_days))
    assert account.status == FORCE_CLOSED
    worst = max(item.days_overdue(account.sim_date) for item, _ in account.unpaid_installments())
    assert worst == overdue_days + 1


def test_R10_low_balance_has_auto_repay_on_and_a_card_too_poor_for_the_next_installment(policy):
    account = make("low-balance", policy)
    assert account.status == ACTIVE
    assert account.auto_repay is True
    item, loan = next((item, loan) for item, loan in account.unpaid_installments()
                      if item.due == account.next_due_date())
    assert account.repayment_card.balance < item.owed(item.due, loan.penalty_rate_ppm)
    account.advance_to_next_due(policy)
    assert item.status(account.sim_date) == OVERDUE
    assert account.bad_credit is True
    overdue = account.events[-2]
    assert (overdue.kind, overdue.reason) == ("overdue", "insufficient_balance")
    assert account.events[-1].kind == "clock"


def test_busy_has_at_least_three_loans_across_at_least_two_cards(policy):
    account = make("busy", policy)
    assert account.status == ACTIVE
    assert len(account.loans) >= 3
    assert len({loan.card_id for loan in account.loans}) >= 2
    assert all(loan.status(account.sim_date) == "repaying" for loan in account.loans)


# -- thresholds longer than one move of the clock ------------------------------------------------

@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
def test_every_scenario_builds_under_thresholds_longer_than_one_move_of_the_clock(scenario_id):
    policy = Policy(inactivity_freeze_days=4000, force_close_overdue_days=3700)
    assert policy.max_advance_days < 3700
    account = make(scenario_id, policy)
    assert account.sim_date >= BASE_DATE
    assert account.events[-1].reason == scenario_id


# -- what a scenario says and what it charges --------------------------------------------------

@pytest.mark.parametrize(("scenario_id", "words"), [
    ("overdue", "逾期超过 45 天"), ("force-closed", "逾期超过 45 天"), ("dormant", "已经 99 天"),
])
def test_a_description_names_the_configured_thresholds(scenario_id, words):
    policy = Policy(inactivity_freeze_days=100, force_close_overdue_days=45)
    assert words in SCENARIOS[scenario_id].describe(policy)


def test_a_scenario_charges_the_default_rates_unless_it_names_its_own():
    assert {(s.daily_rate_ppm, s.penalty_rate_ppm) for s in SCENARIOS.values()} == {
        (DAILY_RATE_PPM, PENALTY_RATE_PPM)}
    account = make("repaying")
    assert (account.daily_rate_ppm, account.penalty_rate_ppm) == (DAILY_RATE_PPM,
                                                                   PENALTY_RATE_PPM)


def test_a_scenarios_own_rates_drive_its_interest_and_penalty_figures():
    overdue = SCENARIOS["overdue"]
    cheap = replace(overdue, daily_rate_ppm=200, penalty_rate_ppm=300).build(Policy())
    dear = replace(overdue, daily_rate_ppm=1000, penalty_rate_ppm=1500).build(Policy())
    [cheap_loan], [dear_loan] = cheap.loans, dear.loans
    assert (cheap_loan.daily_rate_ppm, cheap_loan.penalty_rate_ppm) == (200, 300)
    # Simple interest on whole hundreds of yuan: five times the rate, five times the interest.
    assert [item.interest for item in dear_loan.installments] == [
        5 * item.interest for item in cheap_loan.installments]
    assert cheap_loan.installments[0].interest == 30 * per_million(3_000_00, 200)
    # The overdue installment owes the scenario's penalty rate for every day past due.
    first = cheap_loan.installments[0]
    days_late = (cheap.sim_date - first.due).days
    assert days_late > 0
    due = first.principal + first.interest
    assert cheap.overdue_amount() == due + per_million(due, 300, days_late)
    assert dear.overdue_amount() > cheap.overdue_amount()
