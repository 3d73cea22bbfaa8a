"""Loans: equal-principal installments with simple daily interest, all in fen."""

import calendar
from dataclasses import dataclass, field
from datetime import date

from webapp.domain.money import per_million

TERMS = (3, 6, 12)

PENDING, OVERDUE, PAID_AUTO, PAID_MANUAL = "pending", "overdue", "paid_auto", "paid_manual"
REPAYING, LOAN_OVERDUE, SETTLED = "repaying", "overdue", "settled"


def add_months(day, months):
    """The same day ``months`` later, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(slots=True)
class Installment:
    seq: int
    start: date
    due: date
    principal: int
    # Interest for the whole period, fixed when the loan is made.
    interest: int
    paid: int = 0
    paid_on: date | None = None
    paid_how: str | None = None
    # R4: set when the due date passed unpaid; it stays after the debt is repaid.
    went_overdue: bool = False

    @property
    def is_paid(self):
        return self.paid_how is not None

    def status(self, today):
        if self.paid_how == "auto":
            return PAID_AUTO
        if self.paid_how == "manual":
            return PAID_MANUAL
        return OVERDUE if self.went_overdue or today > self.due else PENDING

    def interest_to(self, today):
        """Interest accrued by ``today``: it grows day by day over the period."""
        if today >= self.due:
            return self.interest
        elapsed = max(0, (today - self.start).days)
        return self.interest * elapsed // (self.due - self.start).days

    def penalty_to(self, today, penalty_rate_ppm):
        """Penalty interest on what is overdue, for every day past the due date."""
        days_late = (today - self.due).days
        if days_late <= 0:
            return 0
        return per_million(self.principal + self.interest, penalty_rate_ppm, days_late)

    def owed(self, today, penalty_rate_ppm):
        """What repaying it on ``today`` takes: before its due date, the interest accrued so
        far (an early pay-off); from then on, the whole period's and any penalty."""
        if self.is_paid:
            return 0
        return self.principal + self.interest_to(today) + self.penalty_to(today, penalty_rate_ppm)

    @property
    def scheduled(self):
        """What its due date deducts (R10): the principal and the whole period's interest."""
        return self.principal + self.interest

    def amount_due(self, today, penalty_rate_ppm):
        """The one 应还 every screen shows: the scheduled amount, or once overdue what is owed
        now with the penalty. What must be on the card by the due date."""
        if self.is_paid:
            return 0
        if self.status(today) == OVERDUE:
            return self.owed(today, penalty_rate_ppm)
        return self.scheduled

    def early_payoff(self, today, penalty_rate_ppm):
        """What repaying it before its due date takes, or None when that is its 应还."""
        owed = self.owed(today, penalty_rate_ppm)
        return owed if owed != self.amount_due(today, penalty_rate_ppm) else None

    def days_overdue(self, today):
        return 0 if self.is_paid else max(0, (today - self.due).days)


@dataclass(slots=True)
class Loan:
    id: int
    principal: int
    term: int
    card_id: str
    borrowed_on: date
    daily_rate_ppm: int
    penalty_rate_ppm: int
    installments: list[Installment] = field(default_factory=list)

    @classmethod
    def make(cls, loan_id, principal, term, card_id, borrowed_on, daily_rate_ppm, penalty_rate_ppm):
        """A new loan and its plan: equal principal, interest on what is still owed."""
        base, remainder = divmod(principal, term)
        installments, remaining, start = [], principal, borrowed_on
        for seq in range(1, term + 1):
            due = add_months(borrowed_on, seq)
            part = base + (remainder if seq == 1 else 0)
            interest = per_million(remaining, daily_rate_ppm, (due - start).days)
            installments.append(Installment(seq, start, due, part, interest))
            remaining -= part
            start = due
        return cls(loan_id, principal, term, card_id, borrowed_on, daily_rate_ppm,
                   penalty_rate_ppm, installments)

    def unpaid(self):
        return [item for item in self.installments if not item.is_paid]

    def next_unpaid(self):
        return next((item for item in self.installments if not item.is_paid), None)

    def installment(self, seq):
        return next((item for item in self.installments if item.seq == seq), None)

    def outstanding(self, today):
        return sum(item.owed(today, self.penalty_rate_ppm) for item in self.installments)

    def outstanding_principal(self):
        return sum(item.principal for item in self.unpaid())

    def overdue_amount(self, today):
        return sum(item.owed(today, self.penalty_rate_ppm)
                   for item in self.unpaid() if item.status(today) == OVERDUE)

    def status(self, today):
        if not self.unpaid():
            return SETTLED
        if any(item.status(today) == OVERDUE for item in self.unpaid()):
            return LOAN_OVERDUE
        return REPAYING

    def total_cost(self):
        """Principal plus every period's interest, as planned when borrowing."""
        return self.principal + sum(item.interest for item in self.installments)

    @property
    def quote(self):
        """What a borrower confirms of a plan: the total to repay and the first due date."""
        return self.total_cost(), self.installments[0].due
