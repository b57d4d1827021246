"""The ledger's refusals: one ``DomainError`` subclass per reason."""

from __future__ import annotations

from kopdes.core.errors import Conflict, DomainError


class LedgerError(DomainError):
    pass


class InvalidLine(LedgerError):
    pass


class UnbalancedEntry(LedgerError):
    pass


class AccountRefused(LedgerError):
    """Not the cooperative's, a header, inactive, or a control account of another app."""


class ControlAccountRefused(AccountRefused):
    pass


class PeriodClosed(LedgerError):
    pass


class IdempotencyConflict(Conflict, LedgerError):
    pass


class AlreadyReversed(Conflict, LedgerError):
    pass


class PeriodError(LedgerError):
    pass


class ReconciliationFailed(PeriodError):
    pass


class ReopenRefused(PeriodError):
    status_code = 403


class YearCloseRefused(PeriodError):
    """The year-end close must wait; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems), field="year")
        self.problems = problems
