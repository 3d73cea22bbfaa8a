"""Fixtures for the domain and store tests: plain Python, no Flask."""

from datetime import date

import pytest

from webapp.domain import DEMO_PASSWORD, Account, Card, Policy
from webapp.domain.serialize import to_dict

START = date(2026, 1, 10)
LIMIT = 20_000_00


class Demo:
    """Small actions on an account, so that a test reads like the user's story."""

    password = DEMO_PASSWORD
    wrong_password = "654321"

    def __init__(self, account, policy):
        self.account = account
        self.policy = policy

    def borrow(self, amount=1_000_00, term=3, card_id="cmb", auto_repay=True):
        return self.account.borrow(amount, term, card_id, auto_repay, self.password)

    def repay_all(self, card_id="cmb"):
        return self.account.repay_all(card_id, self.password)

    def repay_next(self, loan, card_id="cmb"):
        return self.account.repay_installment(loan.id, loan.next_unpaid().seq, card_id,
                                              self.password)

    def close(self):
        return self.account.close(self.password)

    def advance(self, days):
        self.account.advance_days(days, self.policy)

    def snapshot(self):
        """Everything the account holds, to show that a refusal changed nothing."""
        return to_dict(self.account)


def new_account(**overrides):
    """An active account with no loans and two cards: cmb (8,000) and ccb (100)."""
    values = dict(
        sim_date=START,
        credit_limit=LIMIT,
        cards=[Card("cmb", "招商银行", "8888", 8_000_00), Card("ccb", "建设银行", "6666", 100_00)],
        repayment_card_id="cmb",
    )
    values.update(overrides)
    return Account(**values)


@pytest.fixture
def policy():
    return Policy()


@pytest.fixture
def account():
    return new_account()


@pytest.fixture
def demo(account, policy):
    return Demo(account, policy)


@pytest.fixture
def make_demo():
    """Another demo account, under its own Policy (R2/R3 thresholds) if given."""
    def make(policy=None, **overrides):
        return Demo(new_account(**overrides), policy or Policy())
    return make
