"""Invariants of the books, checked from the data (``kopdes ledger verify``).

Each check returns a list of violations in Indonesian; an empty list means
the cooperative's books hold. Used by the command, the tests and the
hypothesis state machine after every step.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Count, F, Max, Min, Q, Sum
from django.utils import timezone

from kopdes.core import hooks
from kopdes.ledger.balances import balances_as_of
from kopdes.ledger.models import Entry, EntryStatus, Line, Period, PeriodStatus, Snapshot
from kopdes.ledger.services.calendar import month_label
from kopdes.ledger.services.periods import compute_snapshot
from kopdes.ledger.triggers import missing_triggers


def unbalanced_entries(cooperative: Any) -> list[str]:
    rows = (
        Entry.objects.filter(cooperative=cooperative, status=EntryStatus.POSTED)
        .annotate(d=Sum("lines__debit"), c=Sum("lines__credit"))
        .filter(Q(d__isnull=True) | ~Q(d=F("c")) | Q(d__lte=0))
        .values_list("number", "d", "c")
    )
    return [f"Jurnal {n} tidak seimbang (debit {d or 0}, kredit {c or 0})." for n, d, c in rows]


def drafts_left(cooperative: Any) -> list[str]:
    numbers = Entry.objects.filter(cooperative=cooperative, status=EntryStatus.DRAFT).values_list(
        "number", flat=True
    )
    return [f"Jurnal {n} tertinggal sebagai draf." for n in numbers]


def numbering_gaps(cooperative: Any) -> list[str]:
    problems = []
    per_year = (
        Entry.objects.filter(cooperative=cooperative)
        .values("year")
        .annotate(n=Count("id"), low=Min("sequence"), high=Max("sequence"))
        .order_by("year")
    )
    for row in per_year:
        if row["low"] != 1 or row["high"] != row["n"]:
            problems.append(
                f"Penomoran jurnal tahun {row['year']} berlubang: {row['n']} jurnal, "
                f"nomor {row['low']} sampai {row['high']}."
            )
    bad_format = [
        e.number
        for e in Entry.objects.filter(cooperative=cooperative).only("number", "year", "sequence")
        if e.number != f"JU-{e.year}-{e.sequence:06d}"
    ]
    problems += [f"Nomor jurnal {n} tidak sesuai urutannya." for n in bad_format]
    return problems


def foreign_lines(cooperative: Any) -> list[str]:
    rows = (
        Line.objects.filter(Q(cooperative=cooperative) | Q(entry__cooperative=cooperative))
        .filter(
            ~Q(account__cooperative_id=F("cooperative_id"))
            | ~Q(entry__cooperative_id=F("cooperative_id"))
            | ~Q(entry__business_date=F("business_date"))
        )
        .values_list("entry__number", "account__code")
    )
    return [f"Jurnal {n}: baris pada akun {code} milik koperasi lain." for n, code in rows]


def stale_snapshots(cooperative: Any) -> list[str]:
    problems = []
    for period in Period.objects.filter(
        cooperative=cooperative, status=PeriodStatus.CLOSED, snapshot_valid=True
    ).order_by("start_date"):
        stored = {
            (s.account_id, s.business_unit_id): (s.debit, s.credit, s.balance)
            for s in Snapshot.objects.filter(period=period)
        }
        recomputed = compute_snapshot(period)
        # The chained computation trusts the previous snapshot; compare the
        # balances with a full recomputation as well.
        full = balances_as_of(
            cooperative=cooperative,
            as_of=period.end_date,
            by_business_unit=True,
            use_snapshots=False,
        )
        balances = {key: value[2] for key, value in stored.items() if value[2]}
        if stored != recomputed or balances != full:
            problems.append(
                f"Saldo penutupan periode {month_label(period.year, period.month)} tidak sama "
                "dengan hasil hitung ulang."
            )
    return problems


def trigger_problems() -> list[str]:
    return [f"Trigger basis data {name} tidak ada." for name in missing_triggers(connection)]


def reconciliation_problems(cooperative: Any, on_date: date | None = None) -> list[str]:
    on_date = on_date or timezone.localdate()
    return [
        str(problem)
        for result in hooks.reconciliations.fire(cooperative=cooperative, on_date=on_date)
        for problem in (result or [])
    ]


def verify_cooperative(cooperative: Any, *, include_triggers: bool = True) -> list[str]:
    """Every violation of the ledger's invariants for one cooperative."""
    problems = [
        *unbalanced_entries(cooperative),
        *drafts_left(cooperative),
        *numbering_gaps(cooperative),
        *foreign_lines(cooperative),
        *stale_snapshots(cooperative),
        *reconciliation_problems(cooperative),
    ]
    if include_triggers:
        problems += trigger_problems()
    return problems
