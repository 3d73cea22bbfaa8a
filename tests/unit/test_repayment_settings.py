"""还款设置: R11 the auto-repay switch, and the repayment card."""

import pytest

from webapp.domain import errors
from webapp.domain.serialize import from_dict, to_dict


def round_trip(account):
    return from_dict(to_dict(account))


def test_R11_turning_auto_repay_off_persists_through_the_store_format(demo):
    account = demo.account
    account.set_auto_repay(False)
    assert round_trip(account).auto_repay is False
    account.set_auto_repay(True)
    assert round_trip(account).auto_repay is True


def test_R11_the_switch_logs_an_event_only_when_it_changes(demo):
    account = demo.account
    account.set_auto_repay(True)
    assert account.events == []
    account.set_auto_repay(False)
    account.set_auto_repay(False)
    account.set_auto_repay(True)
    assert [event.kind for event in account.events] == ["auto_repay_off", "auto_repay_on"]


def test_R11_the_switch_is_refused_on_a_closed_account(demo):
    account = demo.account
    demo.close()
    before = demo.snapshot()
    for on in (True, False):
        with pytest.raises(errors.AccountClosed):
            account.set_auto_repay(on)
    assert demo.snapshot() == before


def test_R11_the_switch_still_works_on_a_frozen_account(demo, policy):
    account = demo.account
    demo.advance(policy.inactivity_freeze_days)
    assert account.status == "frozen"
    account.set_auto_repay(False)
    assert account.auto_repay is False


def test_the_repayment_card_can_be_changed_to_another_bound_card(demo):
    account = demo.account
    account.set_repayment_card("ccb")
    assert account.repayment_card.id == "ccb"
    assert round_trip(account).repayment_card_id == "ccb"
    account.set_repayment_card("ccb")
    assert [(event.kind, event.card_id) for event in account.events] == [("repayment_card", "ccb")]


def test_an_unknown_repayment_card_is_refused_and_changes_nothing(demo):
    before = demo.snapshot()
    with pytest.raises(errors.UnknownCard):
        demo.account.set_repayment_card("nope")
    assert demo.snapshot() == before
    assert demo.account.repayment_card.id == "cmb"
