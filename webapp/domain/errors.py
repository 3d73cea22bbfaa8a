"""What the domain refuses, as exceptions with a stable code.

The code is what the web layer turns into words (in the user's language); the attributes
carry the figures the message needs. Nothing here is user-facing text.
"""


class DomainError(Exception):
    code = "domain_error"
    # True when the refusal itself changed the account (a wrong password counts a try),
    # so the caller must save it before reporting the error.
    persist = False

    def __init__(self, **details):
        super().__init__(self.code, details)
        self.details = details


class AccountFrozen(DomainError):
    code = "account_frozen"


class AccountClosed(DomainError):
    code = "account_closed"


class OutstandingDebt(DomainError):
    code = "outstanding_debt"


class WrongPassword(DomainError):
    code = "wrong_password"
    persist = True


class PasswordLocked(DomainError):
    code = "password_locked"
    persist = True


class InvalidAmount(DomainError):
    code = "invalid_amount"


class OverCreditLimit(DomainError):
    code = "over_credit_limit"


class InvalidTerm(DomainError):
    code = "invalid_term"


class UnknownCard(DomainError):
    code = "unknown_card"


class UnknownInstallment(DomainError):
    code = "unknown_installment"


class InstallmentPaid(UnknownInstallment):
    """The installment asked for is repaid already (its due date took it meanwhile)."""
    code = "installment_paid"


class NothingToRepay(DomainError):
    code = "nothing_to_repay"


class InsufficientBalance(DomainError):
    code = "insufficient_balance"


class ClockOutOfRange(DomainError):
    code = "clock_out_of_range"


class PastLastDate(DomainError):
    code = "past_last_date"


class NoDueDate(DomainError):
    code = "no_due_date"


class AmountChanged(DomainError):
    """The amount to repay is no longer the one the user confirmed."""

    code = "amount_changed"


class PlanChanged(DomainError):
    """The loan's plan is no longer the one the user confirmed."""

    code = "plan_changed"
