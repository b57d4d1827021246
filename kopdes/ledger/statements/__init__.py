"""The statements: each computed from posted lines, shown on the web, in PDF and XLSX.

``STATEMENTS`` maps the URL key to the title and the function that builds
the statement for a cooperative and a ``ReportPeriod``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kopdes.ledger.statements.base import Check, Statement, StatementOptions
from kopdes.ledger.statements.cash_book import cash_book
from kopdes.ledger.statements.cash_flow import cash_flow
from kopdes.ledger.statements.equity import changes_in_equity
from kopdes.ledger.statements.notes import notes
from kopdes.ledger.statements.periods import ReportPeriod, parse_period
from kopdes.ledger.statements.phu import income_statement, income_statement_by_unit
from kopdes.ledger.statements.position import financial_position
from kopdes.ledger.statements.trial_balance import trial_balance

if TYPE_CHECKING:
    from kopdes.cooperatives.models import Cooperative

Builder = Callable[["Cooperative", ReportPeriod, StatementOptions | None], Statement]

STATEMENTS: dict[str, tuple[str, Builder]] = {
    "neraca-saldo": ("Neraca Saldo", trial_balance),
    "posisi-keuangan": ("Laporan Posisi Keuangan", financial_position),
    "phu": ("Perhitungan Hasil Usaha", income_statement),
    "phu-unit": ("PHU per Unit Usaha", income_statement_by_unit),
    "perubahan-ekuitas": ("Laporan Perubahan Ekuitas", changes_in_equity),
    "arus-kas": ("Laporan Arus Kas", cash_flow),
    "buku-kas": ("Buku Kas", cash_book),
    "catatan": ("Catatan atas Laporan Keuangan", notes),
}

__all__ = [
    "STATEMENTS",
    "Check",
    "ReportPeriod",
    "Statement",
    "StatementOptions",
    "build_statement",
    "failed_checks",
    "parse_period",
]


def build_statement(
    key: str,
    cooperative: Cooperative,
    period: ReportPeriod,
    options: StatementOptions | None = None,
) -> Statement:
    _title, builder = STATEMENTS[key]
    return builder(cooperative, period, options)


def failed_checks(
    cooperative: Cooperative, period: ReportPeriod, keys: tuple[str, ...] | None = None
) -> list[tuple[str, Check]]:
    """Every self-check that fails, over the statements named (all by default).

    The invariants a property test can assert after each step: the cash flow
    ends at the cash balance, CaLK totals equal the balance sheet, PHU per
    unit sums to the consolidated PHU, the position balances…
    """
    return [
        (key, check)
        for key in keys or tuple(STATEMENTS)
        for check in build_statement(key, cooperative, period).checks
        if not check.ok
    ]
