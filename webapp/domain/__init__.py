"""The Weilidai domain: plain Python, no Flask. Rules are cited by their DESIGN.md ids."""

from webapp.domain.account import (
    ACTIVE, CLOSED, DAILY_RATE_PPM, DEMO_PASSWORD, FORCE_CLOSED, FROZEN, LAST_SIM_DATE,
    PASSWORD_TRIES, PENALTY_RATE_PPM, STATUSES, Account, Card, Event, Policy,
)
from webapp.domain.errors import DomainError
from webapp.domain.loans import TERMS, Installment, Loan

__all__ = [
    "ACTIVE", "CLOSED", "DAILY_RATE_PPM", "DEMO_PASSWORD", "FORCE_CLOSED", "FROZEN",
    "LAST_SIM_DATE", "PASSWORD_TRIES", "PENALTY_RATE_PPM", "STATUSES", "TERMS", "Account", "Card",
    "DomainError", "Event", "Installment", "Loan", "Policy",
]
