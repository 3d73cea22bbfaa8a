"""Accounts to and from plain JSON-ready dicts, for the stores.

The format carries a schema number so that a stored account from an older build is
recognised rather than misread.
"""

from dataclasses import fields
from datetime import date
from operator import attrgetter

from webapp.domain.account import Account, Card, Event, Receipt
from webapp.domain.loans import Installment, Loan

SCHEMA = 1
_DATE_FIELDS = {"sim_date", "last_activity", "start", "due", "paid_on", "borrowed_on", "on",
                "locked_on", "frozen_on"}


class UnreadableAccount(ValueError):
    """A stored account this build cannot read; the caller starts a fresh one."""


def _plain(obj):
    out = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, list):
            value = [_plain(item) for item in value]
        out[f.name] = value
    return out


def _builder(cls, **nested):
    """A function that builds ``cls`` from its plain dict: the date fields parsed and the
    ``nested`` lists built by their own builders. Worked out once per class, not per field of
    every object read: an account is read on every request."""
    dates = tuple(f.name for f in fields(cls) if f.name in _DATE_FIELDS)
    lists = tuple((name, _builder(item_cls, **item_nested))
                  for name, (item_cls, item_nested) in nested.items())

    def build(data):
        if not isinstance(data, dict):
            raise UnreadableAccount(f"{cls.__name__}: not an object")
        values = dict(data)
        for name in dates:
            value = values.get(name)
            if value is not None:
                values[name] = date.fromisoformat(value)
        for name, build_item in lists:
            if name in values:
                values[name] = [build_item(item) for item in values[name]]
        return cls(**values)  # an unknown or a missing field: TypeError

    return build


# The lists an account holds, and the lists they hold: each item an object of its own.
_NESTED = {"cards": (Card, {}), "events": (Event, {}), "receipts": (Receipt, {}),
           "loans": (Loan, {"installments": (Installment, {})})}
_build_account = _builder(Account, **_NESTED)

# What an account holds besides those lists: values no operation changes in place.
_IMMUTABLE = (str, int, float, date, type(None))


def _copier(cls, **nested):
    """(copy, copyable) for ``cls``: ``copy`` makes a new object holding new lists of new
    objects, as ``from_dict`` builds them again from the plain dict, and shares the other
    values, which nothing changes in place (a date, a text, a number); ``copyable`` says
    whether an object holds only such values, which is what ``copy`` needs (an account read
    from a store could hold a list where ours have none).

    A copy costs a third of building one from its dict: the fields are read at once in C
    (``attrgetter``) and passed in order, and no date is parsed again."""
    names = tuple(f.name for f in fields(cls))
    values_of = attrgetter(*names)
    lists = tuple((names.index(name), *_copier(item_cls, **item_nested))
                  for name, (item_cls, item_nested) in nested.items())
    plain = tuple(index for index, name in enumerate(names) if name not in nested)

    def copy(obj):
        values = list(values_of(obj))
        for index, copy_item, _ in lists:
            values[index] = [copy_item(item) for item in values[index]]
        return cls(*values)

    def copyable(obj):
        values = values_of(obj)
        return (type(obj) is cls
                and all(isinstance(values[index], _IMMUTABLE) for index in plain)
                and all(type(values[index]) is list and all(map(item_copyable, values[index]))
                        for index, _, item_copyable in lists))

    return copy, copyable


_copy_account, _copyable_account = _copier(Account, **_NESTED)


def to_dict(account):
    return {"schema": SCHEMA, **_plain(account)}


def copyable(account):
    """Whether ``copied`` can copy this account built by ``from_dict``: it holds no value of a
    kind no account of ours has (a list where ours hold a number), which a copy would share."""
    return _copyable_account(account)


def copied(account):
    """A copy of an account that ``copyable`` accepts, sharing nothing that can change with
    it: what ``from_dict`` run again on the same dict would build, at a third of the cost."""
    return _copy_account(account)


def from_dict(data):
    if not isinstance(data, dict):
        raise UnreadableAccount("not an object")
    data = dict(data)
    if data.pop("schema", None) != SCHEMA:
        raise UnreadableAccount("unknown schema")
    try:
        return _build_account(data)
    except (TypeError, ValueError, KeyError) as exc:
        raise UnreadableAccount(str(exc)) from exc
