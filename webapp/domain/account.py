"""The session's Weilidai account and the article's rules, R1–R11.

Every operation either applies completely or raises a DomainError and changes nothing
(a wrong password is the one refusal that counts something: the try).
"""

import hmac
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta

from webapp.domain import errors
from webapp.domain.loans import OVERDUE, TERMS, Loan

ACTIVE, FROZEN, CLOSED, FORCE_CLOSED = "active", "frozen", "closed", "force_closed"
STATUSES = (ACTIVE, FROZEN, CLOSED, FORCE_CLOSED)

DEMO_PASSWORD = "123456"
PASSWORD_TRIES = 3
BORROW_STEP = 100_00  # amounts are whole hundreds of yuan
MAX_EVENTS = 100
# How many one-time form tokens an account remembers having acted on: far more than the
# forms a person can have open, so a replayed form always finds its first answer.
MAX_RECEIPTS = 64
# A scenario's rates unless it names its own: 0.05% a day, and half as much again on
# overdue amounts.
DAILY_RATE_PPM = 500
PENALTY_RATE_PPM = 750
# The clock stops here. Python's dates end at 9999-12-31, and a loan borrowed on the last
# date (due up to 12 months later), a threshold of ten years or a jump of 3,660 days must
# still fall inside them; nearly a thousand years of margin leaves room for any of these.
LAST_SIM_DATE = date(9000, 12, 31)


@dataclass(frozen=True, slots=True)
class Policy:
    """The thresholds of R2 and R3, and how far the clock may jump at once."""

    inactivity_freeze_days: int = 180
    force_close_overdue_days: int = 90
    max_advance_days: int = 3660
    # A locked payment password opens again this many simulated days after it locked.
    password_lock_days: int = 1
    # The planted faults that are on (webapp/faults.py), read where each defect would be.
    faults: frozenset = frozenset()


@dataclass(slots=True)
class Card:
    id: str
    bank: str
    last4: str
    balance: int


@dataclass(slots=True)
class Event:
    """One line of the account's history; ``kind`` is a code, the words come later."""

    id: int
    on: date
    kind: str
    amount: int | None = None
    loan_id: int | None = None
    seq: int | None = None
    card_id: str | None = None
    reason: str | None = None


@dataclass(slots=True)
class Receipt:
    """An action done once: the one-time token it came with, and what it did (``kind``, and
    ``ref`` the loan or event it made), so that the same token sent again is answered with
    the first result instead of a second effect."""

    token: str
    kind: str
    ref: int | str | None = None


def new_account_id():
    return secrets.token_hex(6)


@dataclass(slots=True)
class Account:
    sim_date: date
    credit_limit: int
    cards: list[Card]
    repayment_card_id: str
    status: str = ACTIVE
    closed_by: str | None = None
    auto_repay: bool = True
    password: str = DEMO_PASSWORD
    wrong_tries: int = 0
    # The simulated day the password locked (PASSWORD_TRIES wrong in a row), or None.
    locked_on: date | None = None
    bad_credit: bool = False
    last_activity: date | None = None
    # R2: the simulated day inactivity froze it, or None.
    frozen_on: date | None = None
    daily_rate_ppm: int = DAILY_RATE_PPM
    penalty_rate_ppm: int = PENALTY_RATE_PPM
    loans: list[Loan] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    next_event_id: int = 1
    # Who this account is: a reset or a new scenario is another account, with another id, so
    # a form drawn for the old one (its one-time token names it) never acts on the new one.
    id: str = field(default_factory=new_account_id)
    receipts: list[Receipt] = field(default_factory=list)

    def __post_init__(self):
        if self.last_activity is None:
            self.last_activity = self.sim_date

    # -- what the screens show -------------------------------------------------------------

    def card(self, card_id):
        return next((card for card in self.cards if card.id == card_id), None)

    @property
    def repayment_card(self):
        return self.card(self.repayment_card_id)

    def outstanding(self):
        return sum(loan.outstanding(self.sim_date) for loan in self.loans)

    def outstanding_principal(self):
        return sum(loan.outstanding_principal() for loan in self.loans)

    def overdue_amount(self):
        return sum(loan.overdue_amount(self.sim_date) for loan in self.loans)

    @property
    def available(self):
        """What can still be borrowed: only an active account lends."""
        if self.status != ACTIVE:
            return 0
        return max(0, self.credit_limit - self.outstanding_principal())

    @property
    def can_borrow(self):
        return self.status == ACTIVE

    # The questions the screens ask of the status, so that no template compares it.

    @property
    def is_open(self):
        """Usable in some way: active, or frozen (R2: repaying and closing still work)."""
        return self.status in (ACTIVE, FROZEN)

    @property
    def is_frozen(self):
        return self.status == FROZEN

    @property
    def is_closed(self):
        """Closed by the user (R7); one closed by the system is ``is_force_closed``."""
        return self.status == CLOSED

    @property
    def is_force_closed(self):
        return self.status == FORCE_CLOSED

    def can_close(self, policy):
        """R5, R6: open, and nothing owed that stands in the way."""
        return self.is_open and not self.closing_debt(policy)

    @property
    def password_locked(self):
        return self.locked_on is not None

    def password_unlocks_on(self, policy):
        """The simulated day a locked password opens again, or None when it is not locked."""
        if self.locked_on is None:
            return None
        return self.locked_on + timedelta(days=policy.password_lock_days)

    @property
    def tries_left(self):
        return max(0, PASSWORD_TRIES - self.wrong_tries)

    def loan(self, loan_id):
        return next((loan for loan in self.loans if loan.id == loan_id), None)

    def unpaid_installments(self):
        """Every unpaid installment, soonest due first: what 还款 lists."""
        rows = [(item, loan) for loan in self.loans for item in loan.unpaid()]
        return sorted(rows, key=lambda row: (row[0].due, row[1].id, row[0].seq))

    def next_due_date(self):
        dates = [item.due for item, _ in self.unpaid_installments() if item.due > self.sim_date]
        return min(dates, default=None)

    def next_due(self):
        """(date, amount) of the next due date and what it deducts (R10), or None: how much
        must be on the card by then."""
        day = self.next_due_date()
        if day is None:
            return None
        return day, sum(item.amount_due(self.sim_date, loan.penalty_rate_ppm)
                        for item, loan in self.unpaid_installments() if item.due == day)

    def days_idle(self):
        return (self.sim_date - self.last_activity).days

    def closing_debt(self, policy):
        """R6: what stands in the way of closing: everything owed, or 0."""
        owed, overdue = self.outstanding(), self.overdue_amount()
        if owed != overdue and "rules-1" in policy.faults:
            return overdue
        return owed

    # -- R5–R8: closing ------------------------------------------------------------------------

    def close(self, password, policy=Policy()):
        """R5: close at the user's request, after the confirmation and the password."""
        if self.status in (CLOSED, FORCE_CLOSED):
            raise errors.AccountClosed(by=self.closed_by)
        owed = self.closing_debt(policy)
        if owed:
            # R6: closing needs every loan repaid; nothing changes, not even the try counter.
            raise errors.OutstandingDebt(amount=owed)
        self.check_password(password)
        # R7: no borrowing and no re-opening once closed. R8: the loans stay as records.
        self.status, self.closed_by, self.credit_limit = CLOSED, "user", 0
        self.auto_repay = False
        if "rules-2" in policy.faults:
            self.loans.clear()
        self.record("closed")

    # -- R9: borrowing --------------------------------------------------------------------------

    def quote_loan(self, amount, term, card_id):
        """The plan a loan would have, after every check but the password; changes nothing."""
        self._check_can_borrow()
        if not isinstance(amount, int) or amount <= 0 or amount % BORROW_STEP:
            raise errors.InvalidAmount(step=BORROW_STEP)
        if amount > self.available:
            raise errors.OverCreditLimit(available=self.available)
        if term not in TERMS:
            raise errors.InvalidTerm(terms=TERMS)
        card = self._card_or_error(card_id)
        return Loan.make(len(self.loans) + 1, amount, term, card.id, self.sim_date,
                         self.daily_rate_ppm, self.penalty_rate_ppm)

    def borrow(self, amount, term, card_id, auto_repay, password, expected=None):
        """R9. ``expected``: the plan the user confirmed, as (total to repay, first due date);
        if the plan is no longer that one (the clock moved), nothing happens."""
        loan = self.quote_loan(amount, term, card_id)
        if expected is not None and expected != loan.quote:
            raise errors.PlanChanged(total=loan.quote[0], first_due=loan.quote[1])
        self.check_password(password)
        self.loans.append(loan)
        card = self.card(loan.card_id)
        card.balance += amount
        self.last_activity = self.sim_date
        self.record("borrowed", amount=amount, loan_id=loan.id, card_id=card.id)
        # R9: auto-repay is chosen when borrowing; it is the account's setting from then on.
        if auto_repay != self.auto_repay:
            self.set_auto_repay(auto_repay)
        return loan

    def _check_can_borrow(self):
        if self.status == FROZEN:
            raise errors.AccountFrozen(days=self.days_idle())
        if self.status in (CLOSED, FORCE_CLOSED):
            raise errors.AccountClosed(by=self.closed_by)

    # -- repaying -------------------------------------------------------------------------------

    def repayment(self, loan_id=None, seq=None):
        """What repaying would take, without taking it: (rows, amount).

        With a loan and installment: that installment, which must be the earliest unpaid one
        of its loan. Without: everything, what is due in full and the current period's
        interest to date."""
        if loan_id is None:
            rows = self.unpaid_installments()
            if not rows:
                raise errors.NothingToRepay()
        else:
            loan = self.loan(loan_id)
            item = loan.installment(seq) if loan else None
            if item is not None and item.is_paid:
                raise errors.InstallmentPaid(loan_id=loan_id, seq=seq)
            if item is None or item is not loan.next_unpaid():
                raise errors.UnknownInstallment(loan_id=loan_id, seq=seq)
            rows = [(item, loan)]
        today = self.sim_date
        return rows, sum(item.owed(today, loan.penalty_rate_ppm) for item, loan in rows)

    def repay_installment(self, loan_id, seq, card_id, password, expected=None):
        """Repay one installment by hand: the earliest unpaid one of its loan."""
        if loan_id is None:
            raise errors.UnknownInstallment(loan_id=loan_id, seq=seq)
        return self._repay(loan_id, seq, card_id, password, expected)

    def repay_all(self, card_id, password, expected=None):
        return self._repay(None, None, card_id, password, expected)

    def _repay(self, loan_id, seq, card_id, password, expected):
        """``expected``: the amount the user confirmed; if the amount is no longer that (the
        clock moved, another tab repaid), nothing happens: they confirm the new one."""
        rows, amount = self.repayment(loan_id, seq)
        if expected is not None and expected != amount:
            raise errors.AmountChanged(amount=amount)
        card = self._card_or_error(card_id)
        if card.balance < amount:
            raise errors.InsufficientBalance(amount=amount, balance=card.balance)
        self.check_password(password)
        for item, loan in rows:
            self._pay(item, loan, card, "manual")
        self.last_activity = self.sim_date
        event = self.record("repaid", amount=amount, card_id=card.id, loan_id=loan_id, seq=seq)
        self._settle_force_closed()
        return event

    def _pay(self, item, loan, card, how):
        owed = item.owed(self.sim_date, loan.penalty_rate_ppm)
        card.balance -= owed
        item.paid, item.paid_on, item.paid_how = owed, self.sim_date, how

    def _settle_force_closed(self):
        # R3: a system-closed account shows as closed once every debt is repaid.
        if self.status == FORCE_CLOSED and not any(loan.unpaid() for loan in self.loans):
            self.status = CLOSED
            self.record("closed_after_repayment")

    # -- R11: the auto-repay switch ---------------------------------------------------------------

    def set_auto_repay(self, on):
        if self.status == CLOSED:
            raise errors.AccountClosed(by=self.closed_by)
        on = bool(on)
        if on != self.auto_repay:
            self.auto_repay = on
            self.record("auto_repay_on" if on else "auto_repay_off")

    def set_repayment_card(self, card_id):
        card = self._card_or_error(card_id)
        if card.id != self.repayment_card_id:
            self.repayment_card_id = card.id
            self.record("repayment_card", card_id=card.id)

    # -- the payment password --------------------------------------------------------------------

    def check_password(self, password):
        if self.password_locked:
            raise errors.PasswordLocked(locked_on=self.locked_on)
        if not hmac.compare_digest(str(password).encode(), self.password.encode()):
            self.wrong_tries += 1
            self.record("wrong_password")
            if self.wrong_tries >= PASSWORD_TRIES:
                self.locked_on = self.sim_date
                self.record("password_locked")
                raise errors.PasswordLocked(locked_on=self.locked_on)
            raise errors.WrongPassword(tries_left=self.tries_left)
        self.wrong_tries = 0

    def unlock_password(self):
        """The lock lifts (its time is up, or the trainer lifts it): three tries again.
        Returns whether there was anything to lift."""
        if self.locked_on is None and not self.wrong_tries:
            return False
        self.wrong_tries, self.locked_on = 0, None
        self.record("password_unlocked")
        return True

    # -- the simulated clock: R1–R4, R10 -----------------------------------------------------------

    def advance_days(self, days, policy):
        """Move the clock ``days`` on; returns what happened on the way (the new events, the
        move's own ``clock`` event last)."""
        if type(days) is not int or not 1 <= days <= policy.max_advance_days:
            raise errors.ClockOutOfRange(max_days=policy.max_advance_days)
        self._check_before_last_date(days)
        return self._advance_to(self.sim_date + timedelta(days=days), policy)

    def advance_to(self, day, policy):
        days = (day - self.sim_date).days
        if not 1 <= days <= policy.max_advance_days:
            raise errors.ClockOutOfRange(max_days=policy.max_advance_days)
        self._check_before_last_date(days)
        return self._advance_to(day, policy)

    def advance_to_next_due(self, policy):
        day = self.next_due_date()
        if day is None:
            raise errors.NoDueDate()
        return self.advance_to(day, policy)

    def _check_before_last_date(self, days):
        # Counted in days from today, so a date past the calendar's end is never computed.
        if days > (LAST_SIM_DATE - self.sim_date).days:
            raise errors.PastLastDate(last_date=LAST_SIM_DATE)

    def _advance_to(self, target, policy):
        first_new, days = self.next_event_id, (target - self.sim_date).days
        while self.sim_date < target:
            self.sim_date += timedelta(days=1)
            self._process_day(policy)
        self.record("clock", reason=str(days))
        return [event for event in self.events if event.id >= first_new]

    def _process_day(self, policy):
        today = self.sim_date
        if self.locked_on is not None and today >= self.password_unlocks_on(policy):
            self.unlock_password()
        for item, loan in self.unpaid_installments():
            if item.due == today:
                self._collect(item, loan, policy)
        self._check_force_close(policy)
        # R2: no borrowing or repaying for the idle period freezes an active account.
        # R1: so one that is used (borrowed from or repaid) never closes by itself.
        freeze_days = policy.inactivity_freeze_days
        if self.days_idle() == freeze_days - 1 and "rules-4" in policy.faults:
            freeze_days -= 1
        if self.status == ACTIVE and self.days_idle() >= freeze_days:
            self.status, self.frozen_on = FROZEN, today
            self.record("frozen", reason=str(policy.inactivity_freeze_days))

    def _collect(self, item, loan, policy):
        """R10: deduct a due installment from the repayment card, or it goes overdue (R4)."""
        card = self.repayment_card
        owed = item.owed(self.sim_date, loan.penalty_rate_ppm)
        deducts = self.auto_repay or "rules-3" in policy.faults
        if deducts and card is not None and card.balance >= owed:
            # R2 counts the user's own use: a deduction the system makes is not that.
            self._pay(item, loan, card, "auto")
            if "money-2" in policy.faults:
                card.balance -= owed
            self.record("auto_repaid", amount=owed, loan_id=loan.id, seq=item.seq, card_id=card.id)
            return
        item.went_overdue = True
        self.bad_credit = True
        reason = "insufficient_balance" if self.auto_repay else "auto_repay_off"
        self.record("overdue", amount=owed, loan_id=loan.id, seq=item.seq, reason=reason,
                  card_id=card.id if self.auto_repay and card else None)

    def _check_force_close(self, policy):
        # R3: an installment overdue for more than the threshold gets the account closed.
        if self.status not in (ACTIVE, FROZEN):
            return
        worst = max((item.days_overdue(self.sim_date) for item, _ in self.unpaid_installments()
                     if item.status(self.sim_date) == OVERDUE), default=0)
        threshold = policy.force_close_overdue_days
        if threshold - 2 < worst <= threshold and "rules-5" in policy.faults:
            threshold -= 2
        if worst > threshold:
            self.status, self.closed_by, self.credit_limit = FORCE_CLOSED, "system", 0
            self.record("force_closed", amount=self.outstanding(), reason=str(worst))

    # -- helpers -----------------------------------------------------------------------------------

    def _card_or_error(self, card_id):
        card = self.card(card_id)
        if card is None:
            raise errors.UnknownCard(card_id=card_id)
        return card

    def record(self, kind, **details):
        event = Event(self.next_event_id, self.sim_date, kind, **details)
        self.events.append(event)
        self.next_event_id += 1
        del self.events[:-MAX_EVENTS]
        return event

    def event(self, event_id):
        return next((event for event in self.events if event.id == event_id), None)

    @property
    def revision(self):
        """A number that grows with every change of the account (each one records an event)."""
        return self.next_event_id

    # -- actions done once -----------------------------------------------------------------------

    def receipt(self, token):
        return next((receipt for receipt in self.receipts if receipt.token == token), None)

    def remember(self, token, kind, ref=None):
        """Note that the action with this one-time token was done, and what it made."""
        self.receipts.append(Receipt(token, kind, ref))
        del self.receipts[:-MAX_RECEIPTS]
