"""The store format: every account round-trips exactly; what can't be read says so."""

import json

import pytest

from webapp.domain import Policy
from webapp.domain.serialize import SCHEMA, UnreadableAccount, from_dict, to_dict
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
