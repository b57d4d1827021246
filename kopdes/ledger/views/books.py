"""Daily bookkeeping: cash book, general journal, entries, reversal, accounts, buku besar."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kopdes.core.errors import DomainError
from kopdes.core.timeutils import format_date_id
from kopdes.ledger.forms import CashEntryForm, JournalForm, PeriodForm, ReverseForm, SearchForm
from kopdes.ledger.models import Account, Entry, EntryStatus
from kopdes.ledger.selectors import posted_entries, search_entries
from kopdes.ledger.services.cash import CASH_IN, DIRECTIONS, cash_accounts, counter_accounts
from kopdes.ledger.services.errors import AlreadyReversed
from kopdes.ledger.statements import data
from kopdes.ledger.statements.cash_book import cash_book as cash_book_statement
from kopdes.ledger.statements.periods import ReportPeriod, parse_period
from kopdes.ledger.views import posting as entry_posting
from kopdes.ledger.views.common import (
    CASH,
    MANAGE,
    cooperative_for,
    page_context,
    postable_accounts,
    today_for,
    unit_choices,
)

PAGE_SIZE = 25


def _form_error(form: Any, exc: DomainError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


@require_GET
@login_required
def index(request: HttpRequest, slug: str) -> HttpResponse:
    cooperative = cooperative_for(request, slug)
    tiles = [
        (
            _("Buku kas"),
            reverse("ledger:cash_book", args=[slug]),
            _("Kas masuk dan kas keluar per unit usaha"),
        ),
        (
            _("Daftar jurnal"),
            reverse("ledger:entries", args=[slug]),
            _("Cari menurut tanggal, jumlah, keterangan, nomor"),
        ),
        (
            _("Buku besar"),
            reverse("ledger:accounts", args=[slug]),
            _("Saldo dan mutasi setiap akun"),
        ),
        (
            _("Laporan keuangan"),
            reverse("ledger:statements", args=[slug]),
            _("Neraca, PHU, arus kas: web, PDF, XLSX"),
        ),
        (
            _("Tutup bulan"),
            reverse("ledger:periods", args=[slug]),
            _("Periode, penutupan dan pembukaan kembali"),
        ),
    ]
    context = page_context(request, cooperative)
    if context["can_manage"]:
        tiles.insert(
            1,
            (
                _("Jurnal umum"),
                reverse("ledger:journal", args=[slug]),
                _("Jurnal berimbang dengan beberapa baris"),
            ),
        )
        tiles.append(
            (
                _("Saldo awal"),
                reverse("ledger:opening_import", args=[slug]),
                _("Impor saldo awal dari XLSX"),
            )
        )
    context["books_empty"] = not posted_entries(cooperative).exists()
    return render(request, "ledger/index.html", {**context, "tiles": tiles})


@require_http_methods(["GET", "POST"])
@login_required
def cash_book(request: HttpRequest, slug: str) -> HttpResponse:
    cooperative = cooperative_for(
        request, slug, CASH if request.method == "POST" else "cooperative.view"
    )
    context = page_context(request, cooperative)
    units = unit_choices(cooperative)
    unit_id = _int(request.GET.get("unit"))
    if unit_id not in {u for u, _ in units}:
        unit_id = None
    today = today_for(cooperative)
    form = None
    if context["can_cash"]:
        direction = request.POST.get("direction") or request.GET.get("jenis") or "masuk"
        direction = direction if direction in DIRECTIONS else CASH_IN
        # The cash rule's own lists (services.cash): cash/bank, and the
        # counter-accounts of each direction (a teller's narrower ones).
        teller = not context["can_manage"]
        counters = {d: counter_accounts(cooperative, d, teller=teller) for d in DIRECTIONS}
        kwargs: dict[str, Any] = {
            "accounts": cash_accounts(cooperative) + counters[direction],
            "units": units,
            "today": today,
            "direction": direction,
            "counters": counters,
        }
        if request.method == "POST":
            form = CashEntryForm(request.POST, **kwargs)
            if form.is_valid():
                try:
                    entry = entry_posting.post_cash(
                        cooperative=cooperative, actor=request.user, **form.cleaned_data
                    )
                except DomainError as exc:
                    _form_error(form, exc)
                else:
                    messages.success(request, _("Tercatat: %(number)s.") % {"number": entry.number})
                    # The next entry starts with the same direction and unit.
                    query = {"jenis": direction}
                    if unit_id:
                        query["unit"] = str(unit_id)
                    if form.cleaned_data.get("business_unit"):
                        query["unit_isian"] = str(form.cleaned_data["business_unit"])
                    target = reverse("ledger:cash_book", args=[slug])
                    return redirect(f"{target}?{urlencode(query)}")
        else:
            form_unit = _int(request.GET.get("unit_isian"))
            form = CashEntryForm(
                initial={"business_unit": form_unit if form_unit in dict(units) else unit_id},
                **kwargs,
            )
    period = ReportPeriod("month", today.year, today.month)
    statement = cash_book_statement(cooperative, period, unit_id=unit_id)
    unit_name = dict(units).get(unit_id) if unit_id else ""
    return render(
        request,
        "ledger/cash_book.html",
        {
            **context,
            "form": form,
            "statement": statement,
            "units": units,
            "unit_id": unit_id,
            "unit_name": unit_name,
            "books_empty": not posted_entries(cooperative).exists(),
        },
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@require_http_methods(["GET", "POST"])
@login_required
def journal(request: HttpRequest, slug: str) -> HttpResponse:
    cooperative = cooperative_for(request, slug, MANAGE)
    kwargs: dict[str, Any] = {
        "accounts": postable_accounts(cooperative),
        "units": unit_choices(cooperative),
        "today": today_for(cooperative),
    }
    if request.method == "POST":
        form = JournalForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                entry = entry_posting.post_journal(
                    cooperative=cooperative, actor=request.user, **form.cleaned_data
                )
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(
                    request, _("Jurnal %(number)s tercatat.") % {"number": entry.number}
                )
                return redirect("ledger:entry", slug=slug, entry_id=entry.pk)
    else:
        form = JournalForm(**kwargs)
    return render(
        request, "ledger/journal_form.html", page_context(request, cooperative, form=form)
    )


@require_GET
@login_required
def entries(request: HttpRequest, slug: str) -> HttpResponse:
    cooperative = cooperative_for(request, slug)
    form = SearchForm(request.GET or None)
    criteria = form.cleaned_data if form.is_valid() else {}
    paginator = Paginator(search_entries(cooperative, **criteria), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("halaman"))
    for entry in page.object_list:
        entry.date_label = format_date_id(entry.business_date)
    query = request.GET.copy()
    query.pop("halaman", None)
    return render(
        request,
        "ledger/entry_list.html",
        page_context(
            request,
            cooperative,
            form=form,
            entries=page.object_list,
            page=page,
            query=query.urlencode(),
        ),
    )


def _entry_context(
    request: HttpRequest, cooperative: Any, entry: Entry, reverse_form: Any = None
) -> dict[str, Any]:
    lines = list(entry.lines.select_related("account", "business_unit").order_by("id"))
    reversal = (
        Entry.objects.filter(cooperative_id=entry.cooperative_id, reverses=entry)
        .only("pk", "number")
        .first()
    )
    context = page_context(request, cooperative)
    if (
        reverse_form is None
        and context["can_manage"]
        and reversal is None
        and entry.reverses_id is None
    ):
        reverse_form = ReverseForm(
            initial={
                "business_date": today_for(cooperative),
                "memo": _("Pembalikan %(number)s") % {"number": entry.number},
            }
        )
    return {
        **context,
        "entry": entry,
        "lines": lines,
        "total": sum(line.debit for line in lines),
        "reversal": reversal,
        "reverse_form": reverse_form if reversal is None else None,
        "date_label": format_date_id(entry.business_date),
    }


def _entry_or_404(cooperative: Any, entry_id: int) -> Entry:
    return get_object_or_404(
        Entry.objects.select_related("created_by", "reverses"),
        pk=entry_id,
        cooperative=cooperative,
        status=EntryStatus.POSTED,
    )


@require_GET
@login_required
def entry_detail(request: HttpRequest, slug: str, entry_id: int) -> HttpResponse:
    cooperative = cooperative_for(request, slug)
    entry = _entry_or_404(cooperative, entry_id)
    return render(request, "ledger/entry_detail.html", _entry_context(request, cooperative, entry))


@require_POST
@login_required
def reverse_entry(request: HttpRequest, slug: str, entry_id: int) -> HttpResponse:
    cooperative = cooperative_for(request, slug, MANAGE)
    entry = _entry_or_404(cooperative, entry_id)
    form = ReverseForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            mirror = entry_posting.reverse(entry=entry, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            if isinstance(exc, AlreadyReversed):
                # A stale page: the form is gone (the entry has its reversal), so say why.
                messages.error(request, exc.message)
                status = 409
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _("Jurnal %(number)s dibalik dengan %(mirror)s.")
                % {"number": entry.number, "mirror": mirror.number},
            )
            return redirect("ledger:entry", slug=slug, entry_id=mirror.pk)
    return render(
        request,
        "ledger/entry_detail.html",
        _entry_context(request, cooperative, entry, reverse_form=form),
        status=status,
    )


@require_GET
@login_required
def accounts(request: HttpRequest, slug: str) -> HttpResponse:
    cooperative = cooperative_for(request, slug)
    balances = data.net_balances(cooperative, before=None)
    rows = list(Account.objects.filter(cooperative=cooperative).order_by("code"))
    for account in rows:
        account.balance = account.sign * balances.get(account.pk, 0)  # type: ignore[attr-defined]
    return render(
        request, "ledger/account_list.html", page_context(request, cooperative, accounts=rows)
    )


@require_GET
@login_required
def account_ledger(request: HttpRequest, slug: str, account_id: int) -> HttpResponse:
    cooperative = cooperative_for(request, slug)
    account = get_object_or_404(Account, pk=account_id, cooperative=cooperative)
    today = today_for(cooperative)
    period_form = PeriodForm(request.GET or None, today=today)
    # A wrong period shows its field error; the page keeps the current month meanwhile.
    period = period_form.period() or parse_period(None, today=today)
    opening = account.sign * data.net_balances(cooperative, before=period.start).get(account.pk, 0)
    rows = (
        data.posted_lines(cooperative)
        .filter(account=account, business_date__gte=period.start, business_date__lte=period.end)
        .order_by("business_date", "entry__year", "entry__sequence", "id")
        .values(
            "entry_id", "entry__number", "entry__memo", "business_date", "debit", "credit", "memo"
        )
    )
    balance = opening
    lines = []
    total_debit = total_credit = 0
    for row in rows:
        balance += account.sign * (row["debit"] - row["credit"])
        total_debit += row["debit"]
        total_credit += row["credit"]
        lines.append(
            {
                "entry_id": row["entry_id"],
                "number": row["entry__number"],
                "memo": row["memo"] or row["entry__memo"],
                "date_label": format_date_id(row["business_date"]),
                "debit": row["debit"],
                "credit": row["credit"],
                "balance": balance,
            }
        )
    return render(
        request,
        "ledger/account_ledger.html",
        page_context(
            request,
            cooperative,
            account=account,
            period=period,
            period_form=period_form,
            opening=opening,
            lines=lines,
            closing=balance,
            total_debit=total_debit,
            total_credit=total_credit,
        ),
    )
