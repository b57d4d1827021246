"""The ledger's write side. Import from here: ``from kopdes.ledger.services import post_entry``."""

from kopdes.ledger.chart import seed_chart
from kopdes.ledger.services.accounts import activate_account, add_account, deactivate_account
from kopdes.ledger.services.calendar import ensure_period, month_bounds, month_label
from kopdes.ledger.services.errors import (
    AccountRefused,
    AlreadyReversed,
    ControlAccountRefused,
    IdempotencyConflict,
    InvalidLine,
    LedgerError,
    PeriodClosed,
    PeriodError,
    ReconciliationFailed,
    ReopenRefused,
    UnbalancedEntry,
)
from kopdes.ledger.services.periods import (
    close_month,
    close_year,
    compute_snapshot,
    mark_year_approved_by_rat,
)
from kopdes.ledger.services.posting import (
    EntryInput,
    LineInput,
    post_entries,
    post_entry,
    reverse_entry,
)
from kopdes.ledger.services.reopen import (
    approve_reopen,
    cancel_reopen,
    reject_reopen,
    reopen_month,
    request_reopen,
)

__all__ = [
    "AccountRefused",
    "AlreadyReversed",
    "ControlAccountRefused",
    "EntryInput",
    "IdempotencyConflict",
    "InvalidLine",
    "LedgerError",
    "LineInput",
    "PeriodClosed",
    "PeriodError",
    "ReconciliationFailed",
    "ReopenRefused",
    "UnbalancedEntry",
    "activate_account",
    "add_account",
    "approve_reopen",
    "cancel_reopen",
    "close_month",
    "close_year",
    "compute_snapshot",
    "deactivate_account",
    "ensure_period",
    "mark_year_approved_by_rat",
    "month_bounds",
    "month_label",
    "post_entries",
    "post_entry",
    "reject_reopen",
    "reopen_month",
    "request_reopen",
    "reverse_entry",
    "seed_chart",
]
