"""Period pages: the periods by year, month close, the year-end close and the RAT's approval.

They call the ledger's close_month / close_year / mark_year_approved_by_rat
services; reopening a month is a request a pengawas decides
(``kopdes.ledger.views.reopen``). Who may do what: ``kopdes.accounts.access``
(out of scope 404, in scope without the right 403).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from kopdes.accounts import access
from kopdes.cooperatives.models import Cooperative, RatRecord
from kopdes.cooperatives.selectors import rat_records_for
from kopdes.core.errors import DomainError
from kopdes.core.forms import BootstrapFormMixin
from kopdes.core.timeutils import format_date_id
from kopdes.ledger.balances import balances_as_of
from kopdes.ledger.forms import CloseMonthForm
from kopdes.ledger.models import (
    Account,
    AccountType,
    BookYear,
    Entry,
    EntryKind,
    Period,
    PeriodEvent,
    PeriodStatus,
)
from kopdes.ledger.services.calendar import month_label
from kopdes.ledger.services.errors import YearCloseRefused
from kopdes.ledger.services.periods import close_month as close_month_service
from kopdes.ledger.services.periods import close_year as close_year_service
from kopdes.ledger.services.periods import (
    mark_year_approved_by_rat as mark_year_approved_by_rat_service,
)
from kopdes.ledger.services.periods import year_close_blockers
from kopdes.ledger.services.reopen import pending_reopen_requests
from kopdes.ledger.views.common import cooperative_for, page_context, today_for

CLOSE = "ledger.close"
HISTORY_ROWS = 20


def cooperative_to_close(request: HttpRequest, slug: str) -> Cooperative:
    """404 outside the user's scope, 403 inside it for those who may only look."""
    return access.cooperative_for_action(request.user, slug, CLOSE)


def _years(cooperative: Any) -> list[int]:
    return sorted(
        set(Period.objects.filter(cooperative=cooperative).values_list("year", flat=True))
        | set(BookYear.objects.filter(cooperative=cooperative).values_list("year", flat=True)),
        reverse=True,
    )


def _chosen_year(request: HttpRequest, years: list[int], today: date) -> int:
    # Periods exist only for months with entries, so the years need not be contiguous.
    try:
        wanted = int(request.GET.get("tahun", ""))
    except ValueError:
        wanted = None
    if wanted in years:
        return wanted
    if today.year in years:
        return today.year
    return years[0] if years else today.year


@require_GET
@login_required
def periods(request: HttpRequest, slug: str) -> HttpResponse:
    cooperative = cooperative_for(request, slug)
    years = _years(cooperative)
    year = _chosen_year(request, years, today_for(cooperative))
    rows = list(Period.objects.filter(cooperative=cooperative, year=year).order_by("-month"))
    pending = {r.period_id: r for r in pending_reopen_requests(cooperative)}
    for item in pending.values():
        item.label = month_label(item.period.year, item.period.month)  # type: ignore[attr-defined]
    for period in rows:
        period.label = month_label(period.year, period.month)  # type: ignore[attr-defined]
        period.pending_request = pending.get(period.pk)  # type: ignore[attr-defined]
    events = PeriodEvent.objects.filter(cooperative=cooperative).select_related(
        "period", "actor", "cosigner"
    )[:HISTORY_ROWS]
    return render(
        request,
        "ledger/periods.html",
        page_context(
            request,
            cooperative,
            periods=rows,
            year=year,
            years=years,
            events=events,
            pending_requests=list(pending.values()),
            book_years=_book_years(cooperative),
            can_close=access.can(request.user, CLOSE, cooperative),
            can_request_reopen=access.can(request.user, "ledger.reopen_request", cooperative),
            can_decide_reopen=access.can(request.user, "ledger.reopen_approve", cooperative),
        ),
    )


def _period(cooperative: Any, year: int, month: int) -> Period:
    return get_object_or_404(Period, cooperative=cooperative, year=year, month=month)


def _problems(exc: DomainError) -> list[str]:
    if isinstance(exc, YearCloseRefused):
        return list(exc.problems)
    # The service joins reconciliation problems after a colon with "; ".
    _head, _sep, tail = exc.message.partition(": ")
    return (
        [p for p in tail.split("; ") if p]
        if exc.code == "reconciliation_failed" and tail
        else [exc.message]
    )


@require_http_methods(["GET", "POST"])
@login_required
def close_month(request: HttpRequest, slug: str, year: int, month: int) -> HttpResponse:
    cooperative = cooperative_to_close(request, slug)
    period = _period(cooperative, year, month)
    label = month_label(year, month)
    problems: list[str] = []
    form = CloseMonthForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            close_month_service(cooperative=cooperative, period=period, actor=request.user)
        except DomainError as exc:
            problems = _problems(exc)
        else:
            messages.success(request, _("Periode %(month)s ditutup.") % {"month": label})
            return redirect("ledger:periods", slug=slug)
    year_row = next((r for r in _book_years(cooperative) if r.year == year), None)
    return render(
        request,
        "ledger/close_month.html",
        page_context(
            request,
            cooperative,
            form=form,
            label=label,
            problems=problems,
            period=period,
            # December closes behind the year-end close (docs/ledger.md).
            closes_year=month == 12,
            year_closed=year_row is not None and year_row.closed_at is not None,
            preview=_closing_preview(cooperative, year) if month == 12 else None,
        ),
        status=400 if problems else 200,
    )


# --- Book years: the year-end close and the RAT's approval ---------------------------


@dataclass
class BookYearRow:
    """What the periods page shows of one book year."""

    year: int
    open_months: int = 0
    closed_at: Any = None
    rat_approved: bool = False
    rat_reference: str = ""
    rat_approved_at: Any = None
    closing_entries: list[tuple[int, str]] = field(default_factory=list)  # (id, number)

    @property
    def status(self) -> str:
        if self.rat_approved:
            return "approved"
        return "closed" if self.closed_at is not None else "open"


def _book_years(cooperative: Any) -> list[BookYearRow]:
    """Every year with periods or a BookYear row, newest first (three queries)."""
    rows: dict[int, BookYearRow] = {}
    for year, status in Period.objects.filter(cooperative=cooperative).values_list(
        "year", "status"
    ):
        row = rows.setdefault(year, BookYearRow(year))
        row.open_months += status != PeriodStatus.CLOSED
    for book_year in BookYear.objects.filter(cooperative=cooperative):
        row = rows.setdefault(book_year.year, BookYearRow(book_year.year))
        row.closed_at = book_year.closed_at
        row.rat_approved = book_year.rat_approved
        row.rat_reference = book_year.rat_reference
        row.rat_approved_at = book_year.rat_approved_at
    closings = Entry.objects.filter(cooperative=cooperative, kind=EntryKind.CLOSING).order_by(
        "year", "sequence"
    )
    for pk, year, number in closings.values_list("pk", "year", "number"):
        if year in rows:
            rows[year].closing_entries.append((pk, number))
    return [rows[year] for year in sorted(rows, reverse=True)]


def _book_year(cooperative: Any, year: int) -> BookYearRow:
    # A year the cooperative never kept books for is not its year (404, even
    # when another cooperative has it).
    for row in _book_years(cooperative):
        if row.year == year:
            return row
    raise Http404


@dataclass
class ClosingPreview:
    """The income and expense the year-end close would move, per account."""

    income: list[tuple[Account, int]]
    expense: list[tuple[Account, int]]

    @property
    def income_total(self) -> int:
        return sum(amount for _account, amount in self.income)

    @property
    def expense_total(self) -> int:
        return sum(amount for _account, amount in self.expense)

    @property
    def shu(self) -> int:
        return self.income_total - self.expense_total


def _closing_preview(cooperative: Any, year: int) -> ClosingPreview:
    balances = balances_as_of(cooperative=cooperative, as_of=date(year, 12, 31))
    nominal = Account.objects.filter(
        cooperative=cooperative,
        type__in=[AccountType.PENDAPATAN, AccountType.BEBAN],
        pk__in=[account_id for account_id, _unit in balances],
    ).order_by("code")
    preview = ClosingPreview(income=[], expense=[])
    for account in nominal:
        balance = balances[(account.pk, None)]
        if account.type == AccountType.PENDAPATAN:
            preview.income.append((account, -balance))
        else:
            preview.expense.append((account, balance))
    return preview


@require_http_methods(["GET", "POST"])
@login_required
def close_year(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    # Another cooperative's year is 404 for everyone; then the right to close (403).
    cooperative = cooperative_for(request, slug)
    row = _book_year(cooperative, year)
    access.require_in_scope(request.user, CLOSE, cooperative)
    form = CloseMonthForm(request.POST if request.method == "POST" else None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid() and not row.rat_approved:
        try:
            entry = close_year_service(cooperative=cooperative, year=year, actor=request.user)
        except DomainError as exc:
            problems = exc.problems if isinstance(exc, YearCloseRefused) else [exc.message]
        else:
            messages.success(
                request,
                _(
                    "Tahun buku %(year)s ditutup: jurnal penutup %(number)s memindahkan "
                    "pendapatan dan beban ke SHU tahun berjalan."
                )
                % {"year": year, "number": entry.number}
                if entry is not None
                else _(
                    "Tahun buku %(year)s ditutup: tidak ada pendapatan atau beban yang "
                    "perlu dipindahkan."
                )
                % {"year": year},
            )
            return redirect("ledger:periods", slug=slug)
    elif request.method == "GET" and not row.rat_approved:
        problems = year_close_blockers(cooperative=cooperative, year=year)
    december = Period.objects.filter(cooperative=cooperative, year=year, month=12).first()
    return render(
        request,
        "ledger/year_close.html",
        page_context(
            request,
            cooperative,
            form=form,
            row=row,
            year=year,
            problems=problems,
            preview=_closing_preview(cooperative, year),
            december_closed=december is not None and december.status == PeriodStatus.CLOSED,
        ),
        status=400 if problems and request.method == "POST" else 200,
    )


class RatApprovalForm(BootstrapFormMixin, forms.Form):
    reference = forms.CharField(
        label=gettext_lazy("Referensi keputusan RAT (nomor atau tanggal berita acara)"),
        max_length=200,
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("RAT sudah mengesahkan laporan keuangan tahun buku ini"),
        required=True,
    )


def _rat_record(cooperative: Any, year: int) -> RatRecord | None:
    return next((r for r in rat_records_for(cooperative) if r.book_year == year), None)


@require_http_methods(["GET", "POST"])
@login_required
def approve_year(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    # Another cooperative's year is 404 for everyone; then the right to close (403).
    cooperative = cooperative_for(request, slug)
    row = _book_year(cooperative, year)
    access.require_in_scope(request.user, CLOSE, cooperative)
    rat = _rat_record(cooperative, year)
    initial = (
        {
            "reference": _("RAT tahun buku %(year)s, %(date)s")
            % {"year": year, "date": format_date_id(rat.held_on)}
        }
        if rat
        else {}
    )
    form = RatApprovalForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid() and not row.rat_approved:
        try:
            mark_year_approved_by_rat_service(
                cooperative=cooperative,
                year=year,
                actor=request.user,
                reference=form.cleaned_data["reference"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
            status = 400
        else:
            messages.success(
                request,
                _(
                    "Tahun buku %(year)s dicatat sudah disahkan RAT; tahun ini tidak dapat "
                    "dibuka kembali."
                )
                % {"year": year},
            )
            return redirect("ledger:periods", slug=slug)
    return render(
        request,
        "ledger/year_approve.html",
        page_context(
            request,
            cooperative,
            form=form,
            row=row,
            year=year,
            rat=rat,
            rat_held_on=format_date_id(rat.held_on) if rat else "",
        ),
        status=status,
    )
