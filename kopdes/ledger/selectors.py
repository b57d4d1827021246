"""Reads of the books: THE definitions the balances, statements, pages and API share.

- ``posted_lines``: the lines that count (every line of a posted entry);
- ``result_lines``: the income and expense movements of a period (without the
  year-end closing entry, which only moves the result into equity);
- ``shu_for_period``: income less expense of a period, the PHU's bottom line;
- ``opening_lines``/``opening_totals``: lines of opening-balance entries
  (kind ``saldo_awal``), shown as *saldo awal* by every statement;
- ``account_running_balance``: one account's lines with a running balance
  (the buku besar);
- ``search_entries``: the journal search, used by the journal page and the API
  (with ``posted_entry``, ``entry_for_key`` and ``entry_lines``).

Everything is integer sen and nothing here writes (docs/ledger.md, "Reading").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Sum

from kopdes.ledger.models import Account, AccountType, Entry, EntryKind, EntryStatus, Line

if TYPE_CHECKING:
    from kopdes.cooperatives.models import Cooperative

Key = tuple[int, int | None]  # (account_id, business_unit_id)


def posted_lines(cooperative: Cooperative) -> QuerySet[Line]:
    """Lines of posted entries: every line except those of (rare, transient) drafts.

    Written as "not a draft" rather than a join on the entry's status so the
    line index alone answers the sums (drafts live only inside a posting
    transaction).
    """
    drafts = Entry.objects.filter(cooperative=cooperative, status=EntryStatus.DRAFT).values("id")
    return Line.objects.filter(cooperative=cooperative).exclude(entry_id__in=drafts)


def lines_between(cooperative: Cooperative, start: date | None, end: date) -> QuerySet[Line]:
    """Posted lines dated from ``start`` (or the beginning) to ``end`` inclusive."""
    lines = posted_lines(cooperative).filter(business_date__lte=end)
    if start is not None:
        lines = lines.filter(business_date__gte=start)
    return lines


def result_lines(cooperative: Cooperative, start: date, end: date) -> QuerySet[Line]:
    """Posted lines of the period without year-end closing entries."""
    return lines_between(cooperative, start, end).exclude(entry__kind=EntryKind.CLOSING)


def opening_lines(cooperative: Cooperative, start: date, end: date) -> QuerySet[Line]:
    """Lines of opening-balance entries dated inside the range."""
    return lines_between(cooperative, start, end).filter(entry__kind=EntryKind.OPENING)


def sum_by(queryset: QuerySet[Line], *keys: str) -> dict[object, tuple[int, int]]:
    """(debit, credit) per value of ``keys`` (a tuple key when there are several)."""
    result: dict[object, tuple[int, int]] = {}
    for row in queryset.values(*keys).annotate(d=Sum("debit"), c=Sum("credit")).order_by():
        key = tuple(row[k] for k in keys) if len(keys) > 1 else row[keys[0]]
        result[key] = (int(row["d"] or 0), int(row["c"] or 0))
    return result


def opening_totals(
    cooperative: Cooperative, start: date, end: date, *, by_business_unit: bool = False
) -> dict[Key, tuple[int, int]]:
    """(debit, credit) per (account, unit) of opening-balance entries inside the range."""
    lines = opening_lines(cooperative, start, end)
    if by_business_unit:
        return sum_by(lines, "account_id", "business_unit_id")  # type: ignore[return-value]
    return {(key, None): value for key, value in sum_by(lines, "account_id").items()}  # type: ignore[misc]


def shu_for_period(*, cooperative: Cooperative, start: date, end: date) -> int:
    """Income less expense of the period, closing entries left out (the PHU's SHU)."""
    totals = (
        result_lines(cooperative, start, end)
        .filter(account__type__in=(AccountType.PENDAPATAN, AccountType.BEBAN))
        .aggregate(d=Sum("debit"), c=Sum("credit"))
    )
    return int(totals["c"] or 0) - int(totals["d"] or 0)


def unclosed_result(balances: dict[int, int], income_expense_ids: Iterable[int]) -> int:
    """Income less expense still sitting in the income and expense accounts.

    ``balances`` are debit-minus-credit per account id: the SHU tahun
    berjalan not yet closed into equity, shown inside equity by the position.
    """
    return -sum(balances.get(account_id, 0) for account_id in income_expense_ids)


@dataclass(frozen=True)
class LedgerLine:
    entry_id: int
    number: str
    business_date: date
    memo: str
    debit: int
    credit: int
    balance: int  # running balance after the line, on the account's normal side


@dataclass(frozen=True)
class AccountLedger:
    account: Account
    opening: int  # on the account's normal side
    lines: list[LedgerLine]
    closing: int
    total_debit: int
    total_credit: int


def account_running_balance(*, account: Account, start: date, end: date) -> AccountLedger:
    """One account's posted lines in the range with its running balance (buku besar).

    The opening is the balance at the end of the day before ``start`` (read
    from the last valid snapshot by ``balances_as_of``); signs are on the
    account's normal side, so a credit-normal account rises with credits.
    """
    from kopdes.ledger.balances import balances_as_of

    before = balances_as_of(cooperative=account.cooperative, as_of=start - timedelta(days=1))
    opening = account.sign * before.get((account.pk, None), 0)
    rows = (
        lines_between(account.cooperative, start, end)
        .filter(account=account)
        .order_by("business_date", "entry__year", "entry__sequence", "id")
        .values(
            "entry_id", "entry__number", "entry__memo", "business_date", "debit", "credit", "memo"
        )
    )
    balance = opening
    lines: list[LedgerLine] = []
    total_debit = total_credit = 0
    for row in rows:
        balance += account.sign * (row["debit"] - row["credit"])
        total_debit += row["debit"]
        total_credit += row["credit"]
        lines.append(
            LedgerLine(
                row["entry_id"],
                row["entry__number"],
                row["business_date"],
                row["memo"] or row["entry__memo"],
                row["debit"],
                row["credit"],
                balance,
            )
        )
    return AccountLedger(account, opening, lines, balance, total_debit, total_credit)


# --- Entries: the one entry search (journal page and API), one entry, a key's entry --------
#
# Only posted entries are found (a draft is an entry being written). The search
# matches the number or memo, a date range, and an amount any line carries on
# either side; newest first, annotated with ``total`` (sen, the sum of the
# debits) and ``reversed`` (a reversal points at it).


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
        # With its cooperative: the link's only index leads with it (ADR 0009).
        reversed=Exists(
            Entry.objects.filter(
                cooperative_id=OuterRef("cooperative_id"), reverses_id=OuterRef("pk")
            )
        ),
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
