"""Closing and reopening months, the year-end close and the RAT's approval."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from kopdes.core import hooks
from kopdes.core.money import format_rupiah
from kopdes.ledger.models import (
    Account,
    AccountType,
    BookYear,
    Entry,
    EntryCounter,
    EntryKind,
    EntryStatus,
    Line,
    Period,
    PeriodAction,
    PeriodEvent,
    PeriodStatus,
    Snapshot,
)
from kopdes.ledger.services.calendar import ensure_period, month_label
from kopdes.ledger.services.errors import (
    PeriodError,
    ReconciliationFailed,
    YearCloseRefused,
)
from kopdes.ledger.services.posting import LineInput, post_entry

Key = tuple[int, int | None]  # (account_id, business_unit_id)


def _lock_year(cooperative: Any, year: int) -> None:
    """Take the numbering lock of the year: posters into it wait for us."""
    EntryCounter.objects.get_or_create(cooperative=cooperative, year=year)
    list(EntryCounter.objects.select_for_update().filter(cooperative=cooperative, year=year))


def _movements(cooperative: Any, start: date | None, end: date) -> dict[Key, tuple[int, int]]:
    drafts = Entry.objects.filter(cooperative=cooperative, status=EntryStatus.DRAFT).values("id")
    lines = Line.objects.filter(cooperative=cooperative, business_date__lte=end).exclude(
        entry_id__in=drafts
    )
    if start is not None:
        lines = lines.filter(business_date__gte=start)
    rows = lines.values("account_id", "business_unit_id").annotate(d=Sum("debit"), c=Sum("credit"))
    return {(r["account_id"], r["business_unit_id"]): (r["d"] or 0, r["c"] or 0) for r in rows}


def compute_snapshot(period: Period) -> dict[Key, tuple[int, int, int]]:
    """(debit, credit, closing balance) per account and unit for a month."""
    moves = _movements(period.cooperative, period.start_date, period.end_date)
    previous = (
        Period.objects.filter(cooperative=period.cooperative, end_date__lt=period.start_date)
        .order_by("-end_date")
        .first()
    )
    opening: dict[Key, int] = {}
    if previous is not None and previous.status == PeriodStatus.CLOSED and previous.snapshot_valid:
        for snap in Snapshot.objects.filter(period=previous):
            opening[(snap.account_id, snap.business_unit_id)] = snap.balance
    elif previous is not None:
        for key, (d, c) in _movements(period.cooperative, None, previous.end_date).items():
            opening[key] = d - c
    result = {}
    for key in set(opening) | set(moves):
        d, c = moves.get(key, (0, 0))
        balance = opening.get(key, 0) + d - c
        if d or c or balance:
            result[key] = (d, c, balance)
    return result


def _store_snapshot(period: Period) -> None:
    Snapshot.objects.filter(period=period).delete()
    Snapshot.objects.bulk_create(
        [
            Snapshot(
                cooperative_id=period.cooperative_id,
                period=period,
                account_id=account_id,
                business_unit_id=unit_id,
                debit=d,
                credit=c,
                balance=balance,
            )
            for (account_id, unit_id), (d, c, balance) in compute_snapshot(period).items()
        ],
        batch_size=500,
    )
    period.snapshot_valid = True
    period.save(update_fields=["snapshot_valid"])


def _refuse_before_last_year_closed(cooperative: Any, period: Period) -> None:
    """A new year's month closes only after every earlier year with books had its
    year-end close: otherwise a December with no entries (so no period yet)
    would end up behind a closed month, and the closing entry of 31 December
    could no longer be posted (docs/ledger.md, "Periods and closes")."""
    earlier_years = set(
        Period.objects.filter(cooperative=cooperative, year__lt=period.year).values_list(
            "year", flat=True
        )
    )
    if not earlier_years:
        return
    closed = set(
        BookYear.objects.filter(
            cooperative=cooperative, year__in=earlier_years, closed_at__isnull=False
        ).values_list("year", flat=True)
    )
    unclosed = sorted(earlier_years - closed)
    if unclosed:
        raise PeriodError(
            _(
                "Tutup buku tahun %(year)s dulu (Tutup tahun buku), baru periode %(month)s "
                "dapat ditutup."
            )
            % {"year": unclosed[0], "month": month_label(period.year, period.month)},
            field="period",
            code="year_not_closed",
        )


def close_month(*, cooperative: Any, period: Period, actor: Any) -> Period:
    """Lock a month, store its closing balances, fire ``period_closed``.

    December closes only behind the year-end close (docs/ledger.md, "Periods
    and closes"): closing it runs ``close_year`` first, in the same
    transaction, when the year was never closed or income or expense was
    posted after its close, so nothing nominal is left at 31 December.
    """
    with transaction.atomic():
        _lock_year(cooperative, period.year)
        period = Period.objects.select_for_update().get(pk=period.pk, cooperative=cooperative)
        label = month_label(period.year, period.month)
        if period.status == PeriodStatus.CLOSED:
            raise PeriodError(
                _("Periode %(month)s sudah ditutup.") % {"month": label}, field="period"
            )
        earlier_open = (
            Period.objects.filter(
                cooperative=cooperative, end_date__lt=period.start_date, status=PeriodStatus.OPEN
            )
            .order_by("end_date")
            .first()
        )
        if earlier_open is not None:
            raise PeriodError(
                _("Periode %(earlier)s harus ditutup sebelum %(month)s.")
                % {"earlier": month_label(earlier_open.year, earlier_open.month), "month": label},
                field="period",
            )
        _refuse_before_last_year_closed(cooperative, period)
        problems = [
            problem
            for result in hooks.reconciliations.fire(
                cooperative=cooperative, on_date=period.end_date
            )
            for problem in (result or [])
        ]
        if problems:
            raise ReconciliationFailed(
                _("Periode %(month)s tidak dapat ditutup: %(problems)s")
                % {"month": label, "problems": "; ".join(str(p) for p in problems)},
                field="period",
                code="reconciliation_failed",
            )
        if period.month == 12:
            _close_year_with_december(cooperative, period.year, actor)
        period.status = PeriodStatus.CLOSED
        period.closed_at = timezone.now()
        period.closed_by = actor if getattr(actor, "pk", None) else None
        period.save(update_fields=["status", "closed_at", "closed_by"])
        _store_snapshot(period)
        # Months after a reopened one kept their close but lost their snapshots.
        for later in Period.objects.filter(
            cooperative=cooperative,
            start_date__gt=period.end_date,
            status=PeriodStatus.CLOSED,
            snapshot_valid=False,
        ).order_by("start_date"):
            _store_snapshot(later)
        PeriodEvent.objects.create(
            cooperative=cooperative,
            period=period,
            year=period.year,
            action=PeriodAction.CLOSE,
            actor=period.closed_by,
        )
        hooks.period_closed.fire(cooperative=cooperative, period=period, actor=actor)
    return period


def year_close_blockers(*, cooperative: Any, year: int) -> list[str]:
    """Why the year-end close must wait: January-November still open, or a
    failing reconciliation at 31 December.

    December stays open on purpose: the closing entry is dated 31 December and
    the month is closed after it (the RAT's approval needs every month closed).
    """
    problems = []
    first_open = (
        Period.objects.filter(cooperative=cooperative, year=year, month__lt=12)
        .exclude(status=PeriodStatus.CLOSED)
        .order_by("month")
        .first()
    )
    if first_open is not None:
        problems.append(
            _(
                "Periode %(month)s masih terbuka; tutup bulan Januari sampai November "
                "%(year)s lebih dulu."
            )
            % {"month": month_label(year, first_open.month), "year": year}
        )
    problems.extend(
        str(problem)
        for result in hooks.reconciliations.fire(
            cooperative=cooperative, on_date=date(year, 12, 31)
        )
        for problem in (result or [])
    )
    return problems


def _nominal_ids(cooperative: Any) -> set[int]:
    return set(
        Account.objects.filter(
            cooperative=cooperative, type__in=[AccountType.PENDAPATAN, AccountType.BEBAN]
        ).values_list("id", flat=True)
    )


def _nominal_left(cooperative: Any, year: int) -> dict[Key, int]:
    """Income and expense balances (per account and unit) left at 31 December."""
    nominal = _nominal_ids(cooperative)
    return {
        key: d - c
        for key, (d, c) in _movements(cooperative, None, date(year, 12, 31)).items()
        if key[0] in nominal and d != c
    }


def close_year(*, cooperative: Any, year: int, actor: Any) -> Entry | None:
    """Move the year's income and expense to SHU tahun berjalan (31 December).

    Refused (``YearCloseRefused`` carrying ``problems``) while January-November
    are open or a reconciliation fails. Re-running after adjustments posts only
    what is left; returns None when nothing is left. The year itself stays
    open for adjustments until the RAT. The year's numbering lock is taken
    first, so no posting into the year slips in between reading the movements
    and posting the closing entry.
    """
    with transaction.atomic():
        _lock_year(cooperative, year)
        problems = year_close_blockers(cooperative=cooperative, year=year)
        if problems:
            raise YearCloseRefused(problems)
        return _close_year_locked(cooperative, year, actor)


def _close_year_with_december(cooperative: Any, year: int, actor: Any) -> None:
    # Called by close_month with the year's lock held and January-November closed.
    book_year = BookYear.objects.filter(cooperative=cooperative, year=year).first()
    if book_year is None or book_year.closed_at is None or _nominal_left(cooperative, year):
        problems = year_close_blockers(cooperative=cooperative, year=year)
        if problems:
            raise YearCloseRefused(problems)
        _close_year_locked(cooperative, year, actor)


def _close_year_locked(cooperative: Any, year: int, actor: Any) -> Entry | None:
    end = date(year, 12, 31)
    book_year, _created = BookYear.objects.select_for_update().get_or_create(
        cooperative=cooperative, year=year
    )
    if book_year.rat_approved:
        raise PeriodError(
            _("Tahun buku %(year)s sudah disahkan RAT.") % {"year": year}, field="year"
        )
    shu = Account.objects.get(cooperative=cooperative, system_key="shu_tahun_berjalan")
    lines: list[LineInput] = []
    net_by_unit: dict[int | None, int] = defaultdict(int)
    for (account_id, unit_id), balance in sorted(
        _nominal_left(cooperative, year).items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)
    ):
        lines.append(
            LineInput(
                account=account_id,
                business_unit=unit_id,
                debit=max(-balance, 0),
                credit=max(balance, 0),
            )
        )
        net_by_unit[unit_id] += balance
    for unit_id, net in net_by_unit.items():
        if net:
            lines.append(
                LineInput(
                    account=shu.pk,
                    business_unit=unit_id,
                    debit=max(net, 0),
                    credit=max(-net, 0),
                )
            )
    entry = None
    if lines:
        december = ensure_period(cooperative, year, 12)
        if december.status == PeriodStatus.CLOSED:
            raise YearCloseRefused(
                [
                    _(
                        "Desember %(year)s sudah ditutup padahal pendapatan dan beban belum "
                        "nol; buka kembali Desember lalu tutup lagi agar sisanya dipindahkan."
                    )
                    % {"year": year}
                ]
            )
        count = Entry.objects.filter(
            cooperative=cooperative, kind=EntryKind.CLOSING, year=year
        ).count()
        entry = post_entry(
            cooperative=cooperative,
            actor=actor,
            business_date=end,
            lines=lines,
            memo=f"Jurnal penutup tahun buku {year}",
            source_app="ledger",
            idempotency_key=f"ledger:tutup-tahun:{year}:{count + 1}",
            kind=EntryKind.CLOSING,
        )
    book_year.closed_at = timezone.now()
    book_year.save(update_fields=["closed_at"])
    PeriodEvent.objects.create(
        cooperative=cooperative,
        year=year,
        action=PeriodAction.YEAR_CLOSE,
        actor=actor if getattr(actor, "pk", None) else None,
    )
    return entry


def mark_year_approved_by_rat(
    *, cooperative: Any, year: int, actor: Any, reference: str = ""
) -> BookYear:
    """The RAT approved the year's statements: it never reopens."""
    with transaction.atomic():
        book_year, _created = BookYear.objects.select_for_update().get_or_create(
            cooperative=cooperative, year=year
        )
        if book_year.rat_approved:
            return book_year
        if book_year.closed_at is None:
            raise PeriodError(
                _("Tahun buku %(year)s belum ditutup (jurnal penutup belum dibuat).")
                % {"year": year},
                field="year",
            )
        still_open = Period.objects.filter(
            Q(cooperative=cooperative, year=year) & ~Q(status=PeriodStatus.CLOSED)
        ).order_by("month")
        first = still_open.first()
        if first is not None:
            raise PeriodError(
                _("Periode %(month)s masih terbuka; tutup semua bulan tahun %(year)s lebih dulu.")
                % {"month": month_label(year, first.month), "year": year},
                field="year",
            )
        left = _nominal_left(cooperative, year)
        if left:
            codes = dict(
                Account.objects.filter(pk__in={key[0] for key in left}).values_list("pk", "code")
            )
            raise PeriodError(
                _(
                    "Pendapatan dan beban tahun %(year)s belum nol pada 31 Desember %(year)s: "
                    "%(accounts)s. Buka kembali Desember lalu tutup lagi agar sisanya "
                    "dipindahkan ke SHU tahun berjalan."
                )
                % {
                    "year": year,
                    "accounts": ", ".join(
                        f"{codes[account_id]} {format_rupiah(balance)}"
                        for (account_id, _unit), balance in sorted(
                            left.items(), key=lambda kv: (codes[kv[0][0]], kv[0][1] or 0)
                        )
                    ),
                },
                field="year",
                code="nominal_not_zero",
            )
        book_year.rat_approved = True
        book_year.rat_approved_at = timezone.now()
        book_year.rat_approved_by = actor if getattr(actor, "pk", None) else None
        book_year.rat_reference = reference
        book_year.save()
        PeriodEvent.objects.create(
            cooperative=cooperative,
            year=year,
            action=PeriodAction.RAT_APPROVED,
            actor=book_year.rat_approved_by,
            reason=reference,
        )
    return book_year
