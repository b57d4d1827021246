"""Periods over the API: the list, the month close, the year-end close and the RAT's approval.

The order is the one the services enforce (``docs/ledger.md``, "Periods and
closes"); a refusal answers 400 with the service's message, and a refused
year-end close lists every reason under ``problems``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Schema

from kopdes.ledger.api.common import (
    CLOSE,
    LIMIT,
    MONTH,
    OFFSET,
    YEAR,
    actor,
    body_doc,
    cooperative_for,
    parse_body,
    require,
    router,
)
from kopdes.ledger.api.entries import EntrySummaryOut
from kopdes.ledger.models import BookYear, Entry, EntryKind, Period
from kopdes.ledger.services.calendar import month_label
from kopdes.ledger.services.periods import close_month, close_year, mark_year_approved_by_rat


class PeriodOut(Schema):
    year: int
    month: int
    label: str
    start_date: str
    end_date: str
    status: str
    closed_at: datetime | None
    year_closed: bool
    rat_approved: bool


class BookYearOut(Schema):
    year: int
    closed_at: datetime | None
    rat_approved: bool
    rat_reference: str
    rat_approved_at: datetime | None
    closing_entries: list[EntrySummaryOut]


class RatApprovalIn(Schema):
    reference: str = Field(
        ..., min_length=1, max_length=200, description="Nomor atau tanggal berita acara RAT"
    )


def period_out(period: Period, book_year: BookYear | None) -> dict[str, Any]:
    return {
        "year": period.year,
        "month": period.month,
        "label": month_label(period.year, period.month),
        "start_date": period.start_date.isoformat(),
        "end_date": period.end_date.isoformat(),
        "status": period.status,
        "closed_at": period.closed_at,
        "year_closed": bool(book_year and book_year.closed_at),
        "rat_approved": bool(book_year and book_year.rat_approved),
    }


def _book_years(cooperative: Any) -> dict[int, BookYear]:
    return {b.year: b for b in BookYear.objects.filter(cooperative=cooperative)}


def book_year_out(cooperative: Any, year: int) -> dict[str, Any]:
    book_year = _book_years(cooperative).get(year)
    closings = Entry.objects.filter(cooperative=cooperative, kind=EntryKind.CLOSING, year=year)
    return {
        "year": year,
        "closed_at": book_year.closed_at if book_year else None,
        "rat_approved": bool(book_year and book_year.rat_approved),
        "rat_reference": book_year.rat_reference if book_year else "",
        "rat_approved_at": book_year.rat_approved_at if book_year else None,
        "closing_entries": [
            {
                "id": entry.pk,
                "number": entry.number,
                "business_date": entry.business_date,
                "kind": entry.kind,
                "memo": entry.memo,
                "total_sen": sum(line.debit for line in entry.lines.all()),
                "reversed": False,
            }
            for entry in closings.prefetch_related("lines").order_by("sequence")
        ],
    }


YEAR_FILTER = Query(None, ge=2000, le=2100, description="Hanya periode tahun ini")


@router.get(
    "/k/{slug}/periods",
    response=list[PeriodOut],
    summary="Periode bulanan (terbaru dulu) dengan status tutup buku tahunnya",
)
def list_periods(
    request: HttpRequest,
    slug: str,
    year: int | None = YEAR_FILTER,
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> Any:
    cooperative = cooperative_for(request, slug)
    periods = Period.objects.filter(cooperative=cooperative)
    if year is not None:
        periods = periods.filter(year=year)
    book_years = _book_years(cooperative)
    return [
        period_out(period, book_years.get(period.year))
        for period in periods.order_by("-year", "-month")[offset : offset + limit]
    ]


def _period_or_404(cooperative: Any, year: int, month: int) -> Period:
    period = Period.objects.filter(cooperative=cooperative, year=year, month=month).first()
    if period is None:
        raise Http404("Periode tidak ditemukan")
    return period


@router.post(
    "/k/{slug}/periods/{year}/{month}/close",
    response=PeriodOut,
    summary="Tutup bulan: saldo penutupan disimpan, bulan terkunci",
)
def close_month_api(request: HttpRequest, slug: str, year: int = YEAR, month: int = MONTH) -> Any:
    cooperative = cooperative_for(request, slug)
    period = _period_or_404(cooperative, year, month)
    require(request, CLOSE, cooperative)
    period = close_month(cooperative=cooperative, period=period, actor=actor(request))
    return period_out(period, _book_years(cooperative).get(period.year))


def _year_or_404(cooperative: Any, year: int) -> None:
    # A year the cooperative never kept books for is not its year.
    if not Period.objects.filter(cooperative=cooperative, year=year).exists():
        raise Http404("Tahun buku tidak ditemukan")


@router.get("/k/{slug}/years/{year}", response=BookYearOut, summary="Satu tahun buku")
def get_book_year(request: HttpRequest, slug: str, year: int = YEAR) -> Any:
    cooperative = cooperative_for(request, slug)
    _year_or_404(cooperative, year)
    return book_year_out(cooperative, year)


@router.post(
    "/k/{slug}/years/{year}/close",
    response=BookYearOut,
    summary="Tutup tahun buku: pendapatan dan beban dipindah ke SHU tahun berjalan",
)
def close_year_api(request: HttpRequest, slug: str, year: int = YEAR) -> Any:
    cooperative = cooperative_for(request, slug)
    _year_or_404(cooperative, year)
    require(request, CLOSE, cooperative)
    close_year(cooperative=cooperative, year=year, actor=actor(request))
    return book_year_out(cooperative, year)


@router.post(
    "/k/{slug}/years/{year}/rat-approval",
    response=BookYearOut,
    summary="Catat pengesahan RAT: tahun buku tidak dapat dibuka kembali",
    openapi_extra=body_doc(RatApprovalIn),
)
def approve_year_api(request: HttpRequest, slug: str, year: int = YEAR) -> Any:
    cooperative = cooperative_for(request, slug)
    _year_or_404(cooperative, year)
    require(request, CLOSE, cooperative)
    payload = parse_body(request, RatApprovalIn)
    mark_year_approved_by_rat(
        cooperative=cooperative, year=year, actor=actor(request), reference=payload.reference
    )
    return book_year_out(cooperative, year)
