"""Monthly periods, created on demand for the months that receive an entry."""

from __future__ import annotations

import calendar
from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from kopdes.ledger.models import BookYear, Period, PeriodStatus
from kopdes.ledger.services.errors import PeriodClosed

if TYPE_CHECKING:
    from kopdes.cooperatives.models import Cooperative

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


def ensure_period(cooperative: Cooperative, year: int, month: int) -> Period:
    """The period of a month, creating it (only it) when missing.

    Months without entries have no period (issue #7: a far date no longer
    fills the gap with empty months). Snapshots still chain, since a month
    with no period has no lines, and closes still go in order over the months
    that exist (docs/ledger.md, "Periods and closes"). A month before a closed
    one cannot be created: it would change figures already closed.
    """
    found = Period.objects.filter(cooperative=cooperative, year=year, month=month).first()
    if found is not None:
        return found
    start, end = month_bounds(year, month)
    if Period.objects.filter(
        cooperative=cooperative, start_date__gt=end, status=PeriodStatus.CLOSED
    ).exists():
        raise PeriodClosed(
            _("Periode %(month)s berada sebelum bulan yang sudah ditutup.")
            % {"month": month_label(year, month)},
            field="business_date",
            code="period_closed",
        )
    if BookYear.objects.filter(cooperative=cooperative, year=year, rat_approved=True).exists():
        raise PeriodClosed(
            _("Tahun buku %(year)s sudah disahkan RAT; tanggal tidak dapat dibukukan.")
            % {"year": year},
            field="business_date",
            code="period_closed",
        )
    Period.objects.bulk_create(
        [Period(cooperative=cooperative, year=year, month=month, start_date=start, end_date=end)],
        ignore_conflicts=True,  # a racing poster created it a moment ago
    )
    return Period.objects.get(cooperative=cooperative, year=year, month=month)
