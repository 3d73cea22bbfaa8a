"""Use cases: each loads the session's account, applies one domain operation and saves it.

They take primitives and a store, return results or raise domain errors; they know nothing
of HTTP. A save that loses a race (VersionConflict) is retried from a fresh read, so a
double-clicked 还款 can never deduct twice nor a concurrent change be lost.

Every action can come with a one-time token (``Once``): the form it was sent from was drawn
with one, and an API call may carry an ``Idempotency-Key``. The account remembers the tokens
it acted on, in the same version-checked save as the action, so the same token sent again
(a resend, a retry, a replay, several in parallel) does nothing new and is answered with
what the first one did (``Replayed``).
"""

from dataclasses import dataclass

from webapp import scenarios
from webapp.domain import DomainError
from webapp.store import VersionConflict

SAVE_ATTEMPTS = 5


class AccountMissing(Exception):
    """The session's account expired or was evicted between two requests."""


class StoreBusy(Exception):
    """Every attempt lost a race with another request on the same account."""


class Replayed(Exception):
    """The action with this token was done before; ``receipt`` says what it did."""

    def __init__(self, receipt):
        super().__init__(receipt.kind)
        self.receipt = receipt


class StaleForm(Exception):
    """The token names another account (the form was drawn before a reset, a new scenario or
    an expiry), or was spent on another action: nothing is done."""


@dataclass(frozen=True)
class Once:
    """A one-time token and what it is for.

    ``kind`` names the action (``borrow``, or for the API the endpoint and a digest of the
    body), so a token spent on one action is never taken as another's. ``account`` is the id
    of the account a form was drawn for (None for an API key, which the client makes up)."""

    token: str
    kind: str
    account: str | None = None


def _check_once(account, once):
    if once is None:
        return
    receipt = account.receipt(once.token)
    if receipt is not None:
        if receipt.kind != once.kind:
            raise StaleForm()
        raise Replayed(receipt)
    if once.account is not None and once.account != account.id:
        raise StaleForm()


def load_account(store, key, policy, scenario_id):
    """The session's account, opening one from ``scenario_id`` when there is none.

    Returns (account, opened) so the caller can tell a returning user their old one expired.
    """
    found = store.get(key)
    if found is not None:
        return found[0], False
    return start_scenario(store, key, policy, scenario_id), True


def start_scenario(store, key, policy, scenario_id, once=None):
    """Replace the session's account with a new one in the named state (KeyError if unknown).

    With ``once``, the token is checked against the account being replaced and remembered by
    the new one, so the same form or key sent again finds it there."""
    for _ in range(SAVE_ATTEMPTS):
        current, version = store.load(key)
        if once is not None and current is not None:
            _check_once(current, once)
        elif once is not None and once.account is not None:
            raise StaleForm()  # a form drawn for an account that is gone
        account = scenarios.build(scenario_id, policy)
        if once is not None:
            account.remember(once.token, once.kind, scenario_id)
        try:
            store.save(key, account, version)
            return account
        except VersionConflict:
            continue
    raise StoreBusy()


def _update(store, key, change, once=None, ref=None):
    """Apply ``change`` to the session's account and save it: (account, what change returned).

    ``ref`` turns the result into what the receipt keeps (a loan's or an event's id)."""
    for _ in range(SAVE_ATTEMPTS):
        found = store.get(key)
        if found is None:
            raise AccountMissing()
        account, version = found
        _check_once(account, once)
        try:
            result = change(account)
        except DomainError as exc:
            # A refusal that counted something (a wrong password) is saved, then reported;
            # the token is spent on it, so a replay does not count another try.
            if exc.persist:
                if once is not None:
                    account.remember(once.token, once.kind, f"refused:{exc.code}")
                try:
                    store.save(key, account, version)
                except VersionConflict:
                    continue
                exc.account = account  # the account as the refusal left it, saved
            raise
        if once is not None:
            account.remember(once.token, once.kind, ref(result) if ref else None)
        try:
            store.save(key, account, version)
        except VersionConflict:
            continue
        return account, result
    raise StoreBusy()


def borrow(store, key, amount, term, card_id, auto_repay, password, expected=None, once=None):
    """R9. Returns the new loan."""
    return _update(store, key, lambda a: a.borrow(amount, term, card_id, auto_repay, password,
                                                  expected), once, ref=lambda loan: loan.id)


def repay_installment(store, key, loan_id, seq, card_id, password, expected=None, once=None):
    return _update(store, key,
                   lambda a: a.repay_installment(loan_id, seq, card_id, password, expected),
                   once, ref=lambda event: event.id)


def repay_all(store, key, card_id, password, expected=None, once=None):
    return _update(store, key, lambda a: a.repay_all(card_id, password, expected), once,
                   ref=lambda event: event.id)


def close_account(store, key, policy, password, once=None):
    """R5–R8."""
    return _update(store, key, lambda a: a.close(password, policy), once)


def set_auto_repay(store, key, on, once=None):
    """R11."""
    return _update(store, key, lambda a: a.set_auto_repay(on), once)


def set_repayment_card(store, key, card_id, once=None):
    return _update(store, key, lambda a: a.set_repayment_card(card_id), once)


def unlock_password(store, key, once=None):
    """The trainer lifts the payment password's lock, keeping the scenario."""
    return _update(store, key, lambda a: a.unlock_password(), once)


def advance_clock(store, key, policy, days=None, to=None, once=None):
    """R1–R4, R10: move the session's simulated date by ``days``, to a date, or to
    ``"next-due"``; every day in between is processed in order. Returns (account, the events
    of the move, its ``clock`` event last)."""
    def change(account):
        if to == "next-due":
            return account.advance_to_next_due(policy)
        if to is not None:
            return account.advance_to(to, policy)
        return account.advance_days(days, policy)
    return _update(store, key, change, once, ref=lambda events: events[-1].id)
