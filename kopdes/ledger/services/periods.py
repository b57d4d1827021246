"""Closing and reopening months, the year-end close and the RAT's approval."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from kopdes.core import hooks
from kopdes.ledger.models import (
    Account,
    AccountType,
    BookYear,
    Entry,
    EntryCounter,
    EntryKind,
    EntryStatus,
    Line,
    Notice,
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
    ReopenRefused,
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


def close_month(*, cooperative: Any, period: Period, actor: Any) -> Period:
    """Lock a month, store its closing balances, fire ``period_closed``."""
    with transaction.atomic():
        _lock_year(cooperative, period.year)
        period = Period.objects.select_for_update().get(pk=period.pk, cooperative=cooperative)
        label = month_label(period.year, period.month)
        if period.status == PeriodStatus.CLOSED:
            raise PeriodError(f"Periode {label} sudah ditutup.", field="period")
        earlier_open = (
            Period.objects.filter(
                cooperative=cooperative, end_date__lt=period.start_date, status=PeriodStatus.OPEN
            )
            .order_by("end_date")
            .first()
        )
        if earlier_open is not None:
            raise PeriodError(
                f"Periode {month_label(earlier_open.year, earlier_open.month)} harus ditutup "
                f"sebelum {label}.",
                field="period",
            )
        problems = [
            problem
            for result in hooks.reconciliations.fire(
                cooperative=cooperative, on_date=period.end_date
            )
            for problem in (result or [])
        ]
        if problems:
            raise ReconciliationFailed(
                f"Periode {label} tidak dapat ditutup: " + "; ".join(str(p) for p in problems),
                field="period",
                code="reconciliation_failed",
            )
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


def _has_grant(user: Any, role: str, cooperative: Any) -> bool:
    from kopdes.accounts.models import Grant

    return Grant.objects.active().filter(user=user, role=role, cooperative=cooperative).exists()


def reopen_month(
    *, cooperative: Any, period: Period, actor: Any, cosigner: Any, reason: str
) -> Period:
    """Reopen a closed month: the ketua (pengurus) with a pengawas co-signing.

    Snapshots of this month and of every later one become invalid; they are
    recomputed when the month closes again. The Dinas is notified.
    """
    from kopdes.accounts.models import Role

    label = month_label(period.year, period.month)
    if not reason or not reason.strip():
        raise ReopenRefused("Alasan membuka kembali periode wajib diisi.", field="reason")
    if actor is None or not _has_grant(actor, Role.PENGURUS, cooperative):
        raise ReopenRefused(
            "Hanya pengurus (ketua) koperasi ini yang dapat membuka kembali periode.",
            field="actor",
        )
    if cosigner is None or getattr(cosigner, "pk", None) == getattr(actor, "pk", None):
        raise ReopenRefused(
            "Pembukaan kembali periode harus disetujui pengawas lain.", field="cosigner"
        )
    if not _has_grant(cosigner, Role.PENGAWAS, cooperative):
        raise ReopenRefused("Penyetuju harus pengawas aktif koperasi ini.", field="cosigner")
    with transaction.atomic():
        _lock_year(cooperative, period.year)
        period = Period.objects.select_for_update().get(pk=period.pk, cooperative=cooperative)
        if BookYear.objects.filter(
            cooperative=cooperative, year=period.year, rat_approved=True
        ).exists():
            raise ReopenRefused(
                f"Tahun buku {period.year} sudah disahkan RAT dan tidak dapat dibuka kembali; "
                "koreksi dicatat sebagai penyesuaian periode lalu.",
                field="period",
            )
        if period.status != PeriodStatus.CLOSED:
            raise PeriodError(f"Periode {label} masih terbuka.", field="period")
        period.status = PeriodStatus.OPEN
        period.closed_at = None
        period.closed_by = None
        period.save(update_fields=["status", "closed_at", "closed_by"])
        Snapshot.objects.filter(period=period).delete()
        Period.objects.filter(cooperative=cooperative, start_date__gte=period.start_date).update(
            snapshot_valid=False
        )
        PeriodEvent.objects.create(
            cooperative=cooperative,
            period=period,
            year=period.year,
            action=PeriodAction.REOPEN,
            actor=actor,
            cosigner=cosigner,
            reason=reason.strip(),
        )
        Notice.objects.create(
            cooperative=cooperative,
            kind="period_reopened",
            message=(
                f"{cooperative} membuka kembali periode {label}. Oleh: {actor}; disetujui "
                f"pengawas: {cosigner}. Alasan: {reason.strip()}"
            ),
        )
        _record_history(cooperative, actor, period)
    return period


def _record_history(cooperative: Any, actor: Any, period: Period) -> None:
    # The registry's change history, so the reopening shows where the Dinas looks.
    from kopdes.cooperatives.models import ChangeAction, ChangeRecord, ChangeSource

    ChangeRecord.objects.create(
        cooperative=cooperative,
        actor=actor,
        source=ChangeSource.WEB,
        action=ChangeAction.UPDATE,
        object_type="ledger.period",
        object_id=period.pk,
        object_label=f"Periode {month_label(period.year, period.month)}",
        field="status",
        field_label="Status periode",
        old_value=str(PeriodStatus.CLOSED.label),
        new_value=str(PeriodStatus.OPEN.label),
    )


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
            f"Periode {month_label(year, first_open.month)} masih terbuka; tutup bulan "
            f"Januari sampai November {year} lebih dulu."
        )
    problems.extend(
        str(problem)
        for result in hooks.reconciliations.fire(
            cooperative=cooperative, on_date=date(year, 12, 31)
        )
        for problem in (result or [])
    )
    return problems


def close_year(*, cooperative: Any, year: int, actor: Any) -> Entry | None:
    """Move the year's income and expense to SHU tahun berjalan (31 December).

    Refused (``PeriodError`` carrying ``problems``) while January-November are
    open or a reconciliation fails. Re-running after adjustments posts only
    what is left; returns None when nothing is left. The year itself stays
    open for adjustments until the RAT.
    """
    end = date(year, 12, 31)
    problems = year_close_blockers(cooperative=cooperative, year=year)
    if problems:
        raise YearCloseRefused(problems)
    with transaction.atomic():
        book_year, _ = BookYear.objects.select_for_update().get_or_create(
            cooperative=cooperative, year=year
        )
        if book_year.rat_approved:
            raise PeriodError(f"Tahun buku {year} sudah disahkan RAT.", field="year")
        shu = Account.objects.get(cooperative=cooperative, system_key="shu_tahun_berjalan")
        nominal = set(
            Account.objects.filter(
                cooperative=cooperative, type__in=[AccountType.PENDAPATAN, AccountType.BEBAN]
            ).values_list("id", flat=True)
        )
        lines: list[LineInput] = []
        net_by_unit: dict[int | None, int] = defaultdict(int)
        for (account_id, unit_id), (d, c) in sorted(
            _movements(cooperative, None, end).items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)
        ):
            if account_id not in nominal or d == c:
                continue
            balance = d - c
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
        ensure_period(cooperative, year, 12)
        entry = None
        if lines:
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
        book_year, _ = BookYear.objects.select_for_update().get_or_create(
            cooperative=cooperative, year=year
        )
        if book_year.rat_approved:
            return book_year
        if book_year.closed_at is None:
            raise PeriodError(
                f"Tahun buku {year} belum ditutup (jurnal penutup belum dibuat).", field="year"
            )
        still_open = Period.objects.filter(
            Q(cooperative=cooperative, year=year) & ~Q(status=PeriodStatus.CLOSED)
        ).order_by("month")
        first = still_open.first()
        if first is not None:
            raise PeriodError(
                f"Periode {month_label(year, first.month)} masih terbuka; tutup semua bulan "
                f"tahun {year} lebih dulu.",
                field="year",
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
