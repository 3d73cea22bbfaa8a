"""Accounts to and from plain JSON-ready dicts, for the stores.

The format carries a schema number so that a stored account from an older build is
recognised rather than misread.
"""

from dataclasses import fields
from datetime import date

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


_build_account = _builder(Account, cards=(Card, {}), events=(Event, {}),
                          receipts=(Receipt, {}),
                          loans=(Loan, {"installments": (Installment, {})}))


def to_dict(account):
    return {"schema": SCHEMA, **_plain(account)}


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
