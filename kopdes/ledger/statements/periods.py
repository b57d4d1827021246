"""Reporting periods: a month, a quarter or a year, and the one before it.

Written in URLs and API queries as ``2026-11`` (month), ``2026-Q3`` (quarter)
or ``2026`` (year); every statement shows the period asked for beside the
previous period of the same length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from kopdes.core.errors import DomainError
from kopdes.core.timeutils import format_date_id, month_name_id

PeriodKind = Literal["month", "quarter", "year"]

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


class PeriodError(DomainError):
    pass


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


@dataclass(frozen=True)
class ReportPeriod:
    kind: PeriodKind
    year: int
    number: int  # month 1–12, quarter 1–4, or 1 for a year

    @property
    def start(self) -> date:
        if self.kind == "month":
            return date(self.year, self.number, 1)
        if self.kind == "quarter":
            return date(self.year, 3 * self.number - 2, 1)
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        if self.kind == "month":
            return _month_end(self.year, self.number)
        if self.kind == "quarter":
            return _month_end(self.year, 3 * self.number)
        return date(self.year, 12, 31)

    @property
    def year_start(self) -> date:
        return date(self.year, 1, 1)

    @property
    def code(self) -> str:
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        return str(self.year)

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{month_name_id(self.number)} {self.year}"
        if self.kind == "quarter":
            return f"Triwulan {self.number} {self.year}"
        return f"Tahun {self.year}"

    @property
    def range_label(self) -> str:
        return f"{format_date_id(self.start)} s.d. {format_date_id(self.end)}"

    def previous(self) -> ReportPeriod:
        if self.kind == "year":
            return ReportPeriod("year", self.year - 1, 1)
        last = 12 if self.kind == "month" else 4
        if self.number == 1:
            return ReportPeriod(self.kind, self.year - 1, last)
        return ReportPeriod(self.kind, self.year, self.number - 1)


def parse_period(text: str | None, *, today: date) -> ReportPeriod:
    """Read ``2026-11``, ``2026-Q3`` or ``2026``; empty means the current month."""
    value = (text or "").strip()
    if not value:
        return ReportPeriod("month", today.year, today.month)
    if match := _MONTH.match(value):
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12 and 2000 <= year <= 2100:
            return ReportPeriod("month", year, month)
    elif match := _QUARTER.match(value):
        if 2000 <= int(match[1]) <= 2100:
            return ReportPeriod("quarter", int(match[1]), int(match[2]))
    elif (match := _YEAR.match(value)) and 2000 <= int(match[1]) <= 2100:
        return ReportPeriod("year", int(match[1]), 1)
    raise PeriodError(
        "Periode tidak dikenal: tulis 2026-11 (bulan), 2026-Q3 (triwulan) atau 2026 (tahun).",
        field="periode",
        code="invalid_period",
    )
