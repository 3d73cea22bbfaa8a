"""Use cases: each loads the session's account, applies one domain operation and saves it.

They take primitives and a store, return results or raise domain errors; they know nothing
of HTTP. A save that loses a race (VersionConflict) is retried from a fresh read, so a
double-clicked 还款 can never deduct twice nor a concurrent change be lost.
"""

from webapp import scenarios
from webapp.domain import DomainError
from webapp.store import VersionConflict

SAVE_ATTEMPTS = 5


class AccountMissing(Exception):
    """The session's account expired or was evicted between two requests."""


class StoreBusy(Exception):
    """Every attempt lost a race with another request on the same account."""


def load_account(store, key, policy, scenario_id):
    """The session's account, opening one from ``scenario_id`` when there is none.

    Returns (account, opened) so the caller can tell a returning user their old one expired.
    """
    found = store.get(key)
    if found is not None:
        return found[0], False
    return start_scenario(store, key, policy, scenario_id), True


def start_scenario(store, key, policy, scenario_id):
    """Replace the session's account with a new one in the named state (KeyError if unknown)."""
    account = scenarios.build(scenario_id, policy)
    for _ in range(SAVE_ATTEMPTS):
        found = store.get_raw(key)
        try:
            store.save(key, account, found[1] if found else None)
            return account
        except VersionConflict:
            continue
    raise StoreBusy()


def _update(store, key, change):
    for _ in range(SAVE_ATTEMPTS):
        found = store.get(key)
        if found is None:
            raise AccountMissing()
        account, version = found
        try:
            result = change(account)
        except DomainError as exc:
            # A refusal that counted something (a wrong password) is saved, then reported.
            if exc.persist:
                try:
                    store.save(key, account, version)
                except VersionConflict:
                    continue
            raise
        try:
            store.save(key, account, version)
        except VersionConflict:
            continue
        return account, result
    raise StoreBusy()


def borrow(store, key, amount, term, card_id, auto_repay, password):
    """R9. Returns the new loan."""
    return _update(store, key, lambda a: a.borrow(amount, term, card_id, auto_repay, password))


def repay_installment(store, key, loan_id, seq, card_id, password):
    return _update(store, key, lambda a: a.repay_installment(loan_id, seq, card_id, password))


def repay_all(store, key, card_id, password):
    return _update(store, key, lambda a: a.repay_all(card_id, password))


def close_account(store, key, password):
    """R5–R8."""
    return _update(store, key, lambda a: a.close(password))


def set_auto_repay(store, key, on):
    """R11."""
    return _update(store, key, lambda a: a.set_auto_repay(on))


def set_repayment_card(store, key, card_id):
    return _update(store, key, lambda a: a.set_repayment_card(card_id))


def advance_clock(store, key, policy, days=None, to=None):
    """R1–R4, R10: move the session's simulated date by ``days``, to a date, or to
    ``"next-due"``; every day in between is processed in order."""
    def change(account):
        if to == "next-due":
            account.advance_to_next_due(policy)
        elif to is not None:
            account.advance_to(to, policy)
        else:
            account.advance_days(days, policy)
    return _update(store, key, change)
