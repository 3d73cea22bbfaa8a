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


def _build(cls, data, **nested):
    if not isinstance(data, dict):
        raise UnreadableAccount(f"{cls.__name__}: not an object")
    values = {}
    for name, value in data.items():
        if name in nested:
            value = [_build(nested[name][0], item, **nested[name][1]) for item in value]
        elif name in _DATE_FIELDS and value is not None:
            value = date.fromisoformat(value)
        values[name] = value
    return cls(**values)


def to_dict(account):
    return {"schema": SCHEMA, **_plain(account)}


def from_dict(data):
    if not isinstance(data, dict):
        raise UnreadableAccount("not an object")
    data = dict(data)
    if data.pop("schema", None) != SCHEMA:
        raise UnreadableAccount("unknown schema")
    try:
        return _build(Account, data, cards=(Card, {}), events=(Event, {}),
                      receipts=(Receipt, {}),
                      loans=(Loan, {"installments": (Installment, {})}))
    except (TypeError, ValueError, KeyError) as exc:
        raise UnreadableAccount(str(exc)) from exc
