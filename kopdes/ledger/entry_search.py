"""Reading entries: the one entry search (journal page and API), one entry, a key's entry.

Only posted entries are found (a draft is an entry being written). The
search matches the number or memo, a date range, and an amount that any line
carries on either side; results are newest first, annotated with ``total``
(sen, the sum of the debits) and ``reversed`` (a reversal points at it).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Sum

from kopdes.cooperatives.models import Cooperative
from kopdes.ledger.models import Entry, EntryStatus, Line


def posted_entries(cooperative: Cooperative) -> QuerySet[Entry]:
    return Entry.objects.filter(cooperative=cooperative, status=EntryStatus.POSTED)


def search_entries(
    cooperative: Cooperative,
    *,
    q: str = "",
    start: date | None = None,
    end: date | None = None,
    amount: int | None = None,
) -> QuerySet[Entry]:
    """The journal search: every criterion optional, newest first."""
    entries = posted_entries(cooperative)
    q = (q or "").strip()
    if q:
        entries = entries.filter(Q(number__icontains=q) | Q(memo__icontains=q))
    if start:
        entries = entries.filter(business_date__gte=start)
    if end:
        entries = entries.filter(business_date__lte=end)
    if amount:
        entries = entries.filter(
            Exists(
                Line.objects.filter(entry_id=OuterRef("pk")).filter(
                    Q(debit=amount) | Q(credit=amount)
                )
            )
        )
    return entries.annotate(
        total=Sum("lines__debit"),
        reversed=Exists(Entry.objects.filter(reverses_id=OuterRef("pk"))),
    ).order_by("-business_date", "-year", "-sequence")


def posted_entry(cooperative: Cooperative, entry_id: int) -> Entry | None:
    """One posted entry of this cooperative (None for another cooperative's id)."""
    return (
        posted_entries(cooperative)
        .select_related("created_by", "reverses")
        .filter(pk=entry_id)
        .first()
    )


def entry_for_key(cooperative: Cooperative, idempotency_key: str) -> Entry | None:
    """The entry an idempotency key already produced, if any (a replay)."""
    return (
        Entry.objects.filter(cooperative=cooperative, idempotency_key=idempotency_key)
        .only("pk")
        .first()
    )


def entry_lines(entry: Entry) -> list[Any]:
    return list(entry.lines.select_related("account", "business_unit").order_by("id"))
