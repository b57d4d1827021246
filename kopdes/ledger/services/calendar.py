"""Monthly periods created on demand, kept contiguous per cooperative."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from kopdes.ledger.models import BookYear, Period, PeriodStatus
from kopdes.ledger.services.errors import PeriodClosed

MONTHS_ID = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip


def month_label(year: int, month: int) -> str:
    return f"{MONTHS_ID[month - 1]} {year}"


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def from_index(index: int) -> tuple[int, int]:
    return index // 12, index % 12 + 1


def ensure_period(cooperative: Any, year: int, month: int) -> Period:
    """The period of a month, creating it (and any gap before it) when missing.

    Periods stay contiguous so snapshots chain month to month. A month before
    a closed one cannot be created: it would change figures already closed.
    """
    found = Period.objects.filter(cooperative=cooperative, year=year, month=month).first()
    if found is not None:
        return found
    wanted = month_index(year, month)
    existing = list(
        Period.objects.filter(cooperative=cooperative).values_list("year", "month", "status")
    )
    if any(
        month_index(y, m) > wanted and status == PeriodStatus.CLOSED for y, m, status in existing
    ):
        raise PeriodClosed(
            f"Periode {month_label(year, month)} berada sebelum bulan yang sudah ditutup.",
            field="business_date",
        )
    if BookYear.objects.filter(cooperative=cooperative, year=year, rat_approved=True).exists():
        raise PeriodClosed(
            f"Tahun buku {year} sudah disahkan RAT; tanggal tidak dapat dibukukan.",
            field="business_date",
        )
    indexes = [month_index(y, m) for y, m, _status in existing]
    low = min([wanted, *indexes])
    high = max([wanted, *indexes])
    have = set(indexes)
    new = []
    for index in range(low, high + 1):
        if index in have:
            continue
        y, m = from_index(index)
        start, end = month_bounds(y, m)
        new.append(Period(cooperative=cooperative, year=y, month=m, start_date=start, end_date=end))
    Period.objects.bulk_create(new)
    return Period.objects.get(cooperative=cooperative, year=year, month=month)
