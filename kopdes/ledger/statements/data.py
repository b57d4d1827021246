"""The reads behind the statements: sums of posted lines, one query each.

These are the statements' own selectors over ``Line`` (posted entries only);
the ledger's balance selectors answer single accounts and the district's
figures. Every sum stays in sen; nothing here writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Sum

from kopdes.cooperatives.models import BusinessUnit
from kopdes.ledger import balances
from kopdes.ledger.models import Account, CashFlowClass, EntryKind, EntryStatus, Line
from kopdes.ledger.statements.base import AccountInfo


def accounts(cooperative: Any) -> list[AccountInfo]:
    """The cooperative's postable accounts, by code (inactive ones too: they may hold history)."""
    rows = (
        Account.objects.filter(cooperative=cooperative, is_header=False)
        .order_by("code")
        .values_list("id", "code", "name", "type", "normal_side", "cash_flow_class")
    )
    return [AccountInfo(*row) for row in rows]


def posted_lines(cooperative: Any) -> QuerySet[Line]:
    return Line.objects.filter(cooperative=cooperative, entry__status=EntryStatus.POSTED)


def _sum_nets(queryset: QuerySet[Line], *keys: str) -> dict[Any, int]:
    result: dict[Any, int] = {}
    for row in queryset.values(*keys).annotate(d=Sum("debit"), c=Sum("credit")).order_by():
        key = tuple(row[k] for k in keys) if len(keys) > 1 else row[keys[0]]
        result[key] = (row["d"] or 0) - (row["c"] or 0)
    return result


def net_balances(
    cooperative: Any, *, before: date | None, until: date | None = None
) -> dict[int, int]:
    """Debit minus credit per account: posted lines before ``before`` (or up to ``until``).

    Read through the ledger's ``balances_as_of`` selector, which starts from
    the last closed month's snapshot and adds only the lines after it.
    """
    if before is not None:
        as_of = before - timedelta(days=1)
    else:
        as_of = until if until is not None else date.max - timedelta(days=1)
    figures = balances.balances_as_of(cooperative=cooperative, as_of=as_of)
    return {account_id: value for (account_id, _unit), value in figures.items()}


def movements(cooperative: Any, *, start: date, end: date) -> dict[int, tuple[int, int]]:
    """(debit, credit) per account for lines dated within the range (the ledger's selector)."""
    figures = balances.movements(cooperative=cooperative, start=start, end=end)
    return {account_id: value for (account_id, _unit), value in figures.items()}


def _result_lines(cooperative: Any, start: date, end: date) -> QuerySet[Line]:
    # The year-end closing entry only moves the result into equity: it is not
    # income or expense of the period.
    return (
        posted_lines(cooperative)
        .filter(business_date__gte=start, business_date__lte=end)
        .exclude(entry__kind=EntryKind.CLOSING)
    )


def net_movements(cooperative: Any, *, start: date, end: date) -> dict[int, int]:
    """Net debit per account of the period, without year-end closing entries."""
    return _sum_nets(_result_lines(cooperative, start, end), "account_id")


def net_movements_by_unit(
    cooperative: Any, *, start: date, end: date
) -> dict[tuple[int, int | None], int]:
    return _sum_nets(_result_lines(cooperative, start, end), "account_id", "business_unit_id")


def business_units(cooperative: Any) -> list[tuple[int, str]]:
    return [
        (unit.pk, str(unit))
        for unit in BusinessUnit.objects.filter(cooperative=cooperative).order_by("pk")
    ]


def cash_account_ids(cooperative: Any) -> set[int]:
    return set(
        Account.objects.filter(
            cooperative=cooperative, cash_flow_class=CashFlowClass.KAS, is_header=False
        ).values_list("id", flat=True)
    )


def cash_flows(cooperative: Any, *, start: date, end: date) -> dict[int, int]:
    """Cash received (+) or paid (−) per counter-account in the period (direct method)."""
    cash = Line.objects.filter(
        entry_id=OuterRef("entry_id"), account__cash_flow_class=CashFlowClass.KAS
    )
    lines = (
        posted_lines(cooperative)
        .filter(business_date__gte=start, business_date__lte=end)
        .exclude(account__cash_flow_class=CashFlowClass.KAS)
        .exclude(entry__kind=EntryKind.OPENING)
        .filter(Exists(cash))
    )
    return {account: -net for account, net in _sum_nets(lines, "account_id").items()}


def cash_balance(
    cooperative: Any,
    cash_ids: Iterable[int],
    *,
    until: date,
    inclusive: bool = True,
    unit_id: int | None = None,
) -> int:
    ids = list(cash_ids)
    if not ids:
        return 0
    date_filter = Q(business_date__lte=until) if inclusive else Q(business_date__lt=until)
    lines = posted_lines(cooperative).filter(date_filter, account_id__in=ids)
    if unit_id is not None:
        lines = lines.filter(business_unit_id=unit_id)
    totals = lines.aggregate(d=Sum("debit"), c=Sum("credit"))
    return (totals["d"] or 0) - (totals["c"] or 0)


def opening_cash(cooperative: Any, cash_ids: Iterable[int], *, start: date, end: date) -> int:
    """Cash brought in by opening-balance entries dated inside the range (not a flow)."""
    totals = (
        posted_lines(cooperative)
        .filter(account_id__in=list(cash_ids), business_date__gte=start, business_date__lte=end)
        .filter(entry__kind=EntryKind.OPENING)
        .aggregate(d=Sum("debit"), c=Sum("credit"))
    )
    return (totals["d"] or 0) - (totals["c"] or 0)


@dataclass(frozen=True)
class CashLine:
    entry_id: int
    number: str
    business_date: date
    memo: str
    debit: int
    credit: int


def cash_lines(
    cooperative: Any, cash_ids: Iterable[int], *, start: date, end: date, unit_id: int | None = None
) -> Iterator[CashLine]:
    """Cash lines in date and number order, one entry's cash lines netted together.

    A kas ↔ bank transfer nets to zero when both accounts are shown, and is
    left out; with one account shown it appears on its side.
    """
    ids = list(cash_ids)
    if not ids:
        return
    lines = posted_lines(cooperative).filter(
        account_id__in=ids, business_date__gte=start, business_date__lte=end
    )
    if unit_id is not None:
        lines = lines.filter(business_unit_id=unit_id)
    rows = (
        lines.values(
            "entry_id",
            "entry__number",
            "business_date",
            "entry__memo",
            "entry__year",
            "entry__sequence",
        )
        .annotate(d=Sum("debit"), c=Sum("credit"))
        .order_by("business_date", "entry__year", "entry__sequence")
    )
    for row in rows:
        net = (row["d"] or 0) - (row["c"] or 0)
        if net == 0:
            continue
        yield CashLine(
            row["entry_id"],
            row["entry__number"],
            row["business_date"],
            row["entry__memo"],
            max(net, 0),
            max(-net, 0),
        )
