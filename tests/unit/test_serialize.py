"""The store format: every account round-trips exactly; what can't be read says so."""

import json

import pytest

from webapp.domain import Policy
from webapp.domain.serialize import (SCHEMA, UnreadableAccount, copied, copyable, from_dict,
                                     to_dict)
from webapp.scenarios import SCENARIOS, build


@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
def test_every_scenario_round_trips_to_an_equal_account(scenario_id):
    account = build(scenario_id, Policy())
    data = to_dict(account)
    assert data["schema"] == SCHEMA
    assert to_dict(from_dict(data)) == data
    # The stores keep it as JSON text: that trip is exact too.
    again = from_dict(json.loads(json.dumps(data)))
    assert again == account
    assert to_dict(again) == data


def test_round_trip_keeps_a_busy_history(demo):
    demo.borrow(3_000_00, term=6, auto_repay=False)
    demo.advance(200)
    demo.account.set_repayment_card("ccb")
    account = from_dict(json.loads(json.dumps(to_dict(demo.account))))
    assert account == demo.account
    assert account.loans[0].installments[0].due == demo.account.loans[0].installments[0].due


@pytest.mark.parametrize("schema", [None, 0, SCHEMA + 1, str(SCHEMA)])
def test_an_unknown_schema_is_unreadable(demo, schema):
    data = to_dict(demo.account)
    if schema is None:
        del data["schema"]
    else:
        data["schema"] = schema
    with pytest.raises(UnreadableAccount):
        from_dict(data)


def test_from_dict_does_not_change_what_it_reads(demo):
    data = to_dict(demo.account)
    copy = json.loads(json.dumps(data))
    from_dict(data)
    assert data == copy


def _mutable(value, found):
    """Every list and dict in ``value`` (a parsed account, or a built one), by identity."""
    if isinstance(value, (list, dict)):
        found.add(id(value))
    children = (value.values() if isinstance(value, dict) else value
                if isinstance(value, list) else
                [getattr(value, name) for name in getattr(value, "__dataclass_fields__", ())])
    for child in children:
        _mutable(child, found)
    return found


def test_an_account_read_shares_nothing_it_could_change_with_what_it_was_read_from(demo):
    """The stores keep the accounts read lately parsed (webapp/store/__init__.py), and build
    each request's account from them: an account that changed a list of theirs in place would
    change the next request's."""
    demo.borrow()
    demo.advance(40)
    data = json.loads(json.dumps(to_dict(demo.account)))
    account = from_dict(data)
    assert not _mutable(account, set()) & _mutable(data, set())


def _busy(demo):
    demo.borrow()
    demo.borrow(3_000_00, term=6, auto_repay=False)
    demo.advance(40)
    demo.account.remember("token", "borrow", 1)
    return from_dict(json.loads(json.dumps(to_dict(demo.account))))


def test_a_copy_is_what_reading_it_again_builds_and_shares_nothing_that_can_change(demo):
    """The stores build an account read lately once and give each request a copy
    (webapp/store/__init__.py): a request that changed its account in place, even without
    saving it, must leave the next request's as it was stored."""
    account = _busy(demo)
    assert copyable(account)
    copy = copied(account)
    assert copy == account and copy is not account
    assert to_dict(copy) == to_dict(account)
    assert not _mutable(copy, set()) & _mutable(account, set())
    objects = lambda a: {id(o) for o in (*a.cards, *a.events, *a.receipts, *a.loans,  # noqa: E731
                                         *(i for loan in a.loans for i in loan.installments))}
    assert not objects(copy) & objects(account)
    before = to_dict(account)
    copy.loans[0].installments[0].paid += 1
    copy.loans[0].installments.pop()
    copy.cards[0].balance += 1
    copy.events.clear()
    assert to_dict(account) == before


@pytest.mark.parametrize("change", [
    lambda a: setattr(a.cards[0], "bank", ["a", "list"]),
    lambda a: setattr(a, "status", {"a": "dict"}),
    lambda a: setattr(a.loans[0].installments[0], "paid_how", []),
    lambda a: setattr(a, "cards", tuple(a.cards)),
], ids=["list-in-a-card", "dict-in-the-account", "list-in-an-installment", "tuple-of-cards"])
def test_an_account_holding_what_a_copy_would_share_is_not_copied(demo, change):
    """A stored account is read without checking its values' kinds: one holding a list
    where ours hold text is built from its dict every time instead (a copy would share it)."""
    account = _busy(demo)
    change(account)
    assert not copyable(account)


def _broken(change):
    def apply(data):
        change(data)
        return data
    return apply


@pytest.mark.parametrize("break_it", [
    _broken(lambda d: d.pop("sim_date")),
    _broken(lambda d: d.update(unknown_field=1)),
    _broken(lambda d: d.update(sim_date="2026-13-01")),
    _broken(lambda d: d.update(sim_date=20260101)),
    _broken(lambda d: d.update(cards=5)),
    _broken(lambda d: d["cards"][0].pop("balance")),
    _broken(lambda d: d.update(cards=[5])),
    _broken(lambda d: d.update(events=["borrowed"])),
    _broken(lambda d: d["loans"][0].update(installments=[None])),
], ids=["missing-field", "unknown-field", "bad-date", "date-not-text", "cards-not-a-list",
        "card-missing-field", "card-not-an-object", "event-not-an-object",
        "installment-not-an-object"])
def test_a_malformed_account_with_the_right_schema_is_unreadable_not_a_crash(demo, break_it):
    demo.borrow()
    data = break_it(json.loads(json.dumps(to_dict(demo.account))))
    with pytest.raises(UnreadableAccount):
        from_dict(data)
