"""The reads behind the statements: sums of posted lines, one query each.

Built on the ledger's selectors (``kopdes.ledger.selectors``: posted lines,
result lines, opening-balance lines) and balance selectors
(``kopdes.ledger.balances``: snapshot + later lines). Every sum stays in sen;
nothing here writes.

Opening balances: an entry of kind ``saldo_awal`` is where the books start,
never a movement. ``opening_balances`` is the balance before a period *plus*
the opening entries dated inside it, and ``period_movements`` leaves those
entries out, so the trial balance, the equity statement, the buku kas and
the cash flow all show them as *saldo awal*.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, Sum

from kopdes.cooperatives.models import BusinessUnit, FormationStep, StepKind
from kopdes.core.money import split_proportionally
from kopdes.ledger import balances
from kopdes.ledger.models import Account, CashFlowClass, EntryKind, Line
from kopdes.ledger.selectors import (
    lines_between,
    opening_lines,
    opening_totals,
    posted_lines,
    result_lines,
    sum_by,
)
from kopdes.ledger.statements.base import AccountInfo

if TYPE_CHECKING:
    from kopdes.cooperatives.models import Cooperative

__all__ = ["posted_lines"]  # re-exported for the pages that still import it from here

KAS = CashFlowClass.KAS.value


def accounts(cooperative: Cooperative) -> list[AccountInfo]:
    """The cooperative's postable accounts, by code (inactive ones too: they may hold history)."""
    rows = (
        Account.objects.filter(cooperative=cooperative, is_header=False)
        .order_by("code")
        .values_list(
            "id",
            "code",
            "name",
            "type",
            "normal_side",
            "cash_flow_class",
            "report_group",
            "segment",
            "control_key",
            "system_key",
        )
    )
    return [AccountInfo(*row) for row in rows]


def _nets(sums: dict[object, tuple[int, int]]) -> dict[object, int]:
    return {key: d - c for key, (d, c) in sums.items()}


def net_balances(
    cooperative: Cooperative, *, before: date | None, until: date | None = None
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


def opening_balances(cooperative: Cooperative, *, start: date, end: date) -> dict[int, int]:
    """Saldo awal of a period: the balance before it plus opening entries dated inside it."""
    result = net_balances(cooperative, before=start)
    for (account_id, _unit), (d, c) in opening_totals(cooperative, start, end).items():
        result[account_id] = result.get(account_id, 0) + d - c
    return result


def movements(cooperative: Cooperative, *, start: date, end: date) -> dict[int, tuple[int, int]]:
    """(debit, credit) per account for every line dated within the range."""
    figures = balances.movements(cooperative=cooperative, start=start, end=end)
    return {account_id: value for (account_id, _unit), value in figures.items()}


def period_movements(
    cooperative: Cooperative, *, start: date, end: date
) -> dict[int, tuple[int, int]]:
    """(debit, credit) per account of the period, opening-balance entries left out."""
    result = movements(cooperative, start=start, end=end)
    for (account_id, _unit), (d, c) in opening_totals(cooperative, start, end).items():
        old_d, old_c = result.get(account_id, (0, 0))
        result[account_id] = (old_d - d, old_c - c)
    return {key: value for key, value in result.items() if value != (0, 0)}


def net_movements(cooperative: Cooperative, *, start: date, end: date) -> dict[int, int]:
    """Net debit per account of the period, without year-end closing entries."""
    return _nets(sum_by(result_lines(cooperative, start, end), "account_id"))  # type: ignore[return-value]


def net_movements_by_unit(
    cooperative: Cooperative, *, start: date, end: date
) -> dict[tuple[int, int | None], int]:
    sums = sum_by(result_lines(cooperative, start, end), "account_id", "business_unit_id")
    return _nets(sums)  # type: ignore[return-value]


def additions(
    cooperative: Cooperative, account_ids: Iterable[int], *, start: date, end: date
) -> dict[int, int]:
    """Debits per account in the period, opening entries left out (additions to fixed assets)."""
    lines = (
        lines_between(cooperative, start, end)
        .filter(account_id__in=list(account_ids))
        .exclude(entry__kind=EntryKind.OPENING)
    )
    return {account: d for account, (d, _c) in sum_by(lines, "account_id").items()}  # type: ignore[misc]


def business_units(cooperative: Cooperative) -> list[tuple[int, str]]:
    return [
        (unit.pk, str(unit))
        for unit in BusinessUnit.objects.filter(cooperative=cooperative).order_by("pk")
    ]


def cash_account_ids(cooperative: Cooperative) -> set[int]:
    return set(
        Account.objects.filter(
            cooperative=cooperative, cash_flow_class=KAS, is_header=False
        ).values_list("id", flat=True)
    )


def allocate_entry_cash(cash_net: int, contributions: dict[str, int]) -> dict[str, int]:
    """Class the net cash movement of one entry by its non-cash legs (direct method).

    ``contributions`` is credit minus debit of the entry's non-cash legs per
    cash-flow class; since the entry balances they sum to ``cash_net``. Legs
    of one class net first (HPP against persediaan in a cash sale cancel out,
    as both are ``pemasok``); the classes on the same side as the cash then
    share ``cash_net`` in proportion to their size, exactly in sen
    (``split_proportionally``). Classes on the other side got no cash: they
    were settled inside the entry, so they are no flow.
    """
    if cash_net == 0:
        return {}
    sources = [
        (cls, abs(value))
        for cls, value in sorted(contributions.items())
        if value and (value > 0) == (cash_net > 0)
    ]
    if len(sources) == 1:
        return {sources[0][0]: cash_net}
    shares = split_proportionally(cash_net, [weight for _cls, weight in sources])
    return {cls: share for (cls, _w), share in zip(sources, shares, strict=True) if share}


def cash_flows(cooperative: Cooperative, *, start: date, end: date) -> dict[tuple[str, str], int]:
    """Cash received (+) and paid (−) per (cash-flow class, "in"/"out") in the period.

    Only the cash legs of an entry are flows: each posted entry's net
    movement on the cash accounts (a kas ↔ bank transfer nets to zero),
    classed by ``allocate_entry_cash``. Opening-balance entries are no flow:
    their cash is part of the opening cash.
    """
    has_cash = Line.objects.filter(entry_id=OuterRef("entry_id"), account__cash_flow_class=KAS)
    rows = (
        lines_between(cooperative, start, end)
        .exclude(entry__kind=EntryKind.OPENING)
        .filter(Exists(has_cash))
        .values_list("entry_id", "account__cash_flow_class")
        .annotate(d=Sum("debit"), c=Sum("credit"))
        .order_by("entry_id")
    )
    by_entry: dict[int, dict[str, int]] = defaultdict(dict)
    for entry_id, cls, d, c in rows:
        # Credit minus debit: what the class brought into cash ("" is generic operating).
        by_entry[entry_id][cls or CashFlowClass.OPERASI.value] = int(c or 0) - int(d or 0)
    result: dict[tuple[str, str], int] = defaultdict(int)
    for classes in by_entry.values():
        cash_net = -classes.pop(KAS, 0)  # debit minus credit on the cash accounts
        for cls, amount in allocate_entry_cash(cash_net, classes).items():
            result[(cls, "in" if amount > 0 else "out")] += amount
    return dict(result)


def cash_balance(
    cooperative: Cooperative,
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


def opening_cash(
    cooperative: Cooperative,
    cash_ids: Iterable[int],
    *,
    start: date,
    end: date,
    unit_id: int | None = None,
) -> int:
    """Cash brought in by opening-balance entries dated inside the range (not a flow)."""
    lines = opening_lines(cooperative, start, end).filter(account_id__in=list(cash_ids))
    if unit_id is not None:
        lines = lines.filter(business_unit_id=unit_id)
    totals = lines.aggregate(d=Sum("debit"), c=Sum("credit"))
    return (totals["d"] or 0) - (totals["c"] or 0)


def cash_at_start(
    cooperative: Cooperative,
    cash_ids: Iterable[int],
    *,
    start: date,
    end: date,
    unit_id: int | None = None,
) -> int:
    """Saldo awal of cash for a period: before it, plus opening entries inside it."""
    ids = list(cash_ids)
    return cash_balance(
        cooperative, ids, until=start, inclusive=False, unit_id=unit_id
    ) + opening_cash(cooperative, ids, start=start, end=end, unit_id=unit_id)


@dataclass(frozen=True)
class CashLine:
    entry_id: int
    number: str
    business_date: date
    memo: str
    debit: int
    credit: int


def cash_lines(
    cooperative: Cooperative,
    cash_ids: Iterable[int],
    *,
    start: date,
    end: date,
    unit_id: int | None = None,
) -> Iterator[CashLine]:
    """Cash lines in date and number order, one entry's cash lines netted together.

    A kas ↔ bank transfer nets to zero when both accounts are shown, and is
    left out; with one account shown it appears on its side. Opening-balance
    entries are left out (they are the saldo awal).
    """
    ids = list(cash_ids)
    if not ids:
        return
    lines = (
        lines_between(cooperative, start, end)
        .filter(account_id__in=ids)
        .exclude(entry__kind=EntryKind.OPENING)
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


@dataclass(frozen=True)
class Credit:
    """One posting that credited an account: the source of hibah or modal penyertaan."""

    business_date: date
    number: str
    memo: str
    amount: int


def credits_to(
    cooperative: Cooperative, account_ids: Iterable[int], *, until: date
) -> dict[int, list[Credit]]:
    """Every posted credit to the accounts up to a date, oldest first, per account."""
    rows = (
        posted_lines(cooperative)
        .filter(account_id__in=list(account_ids), business_date__lte=until, credit__gt=0)
        .order_by("business_date", "entry__year", "entry__sequence", "id")
        .values_list(
            "account_id", "business_date", "entry__number", "memo", "entry__memo", "credit"
        )
    )
    result: dict[int, list[Credit]] = defaultdict(list)
    for account_id, on, number, memo, entry_memo, credit in rows:
        result[account_id].append(Credit(on, number, memo or entry_memo, int(credit)))
    return dict(result)


@dataclass(frozen=True)
class LegalIdentity:
    """The registry's record of the cooperative's legal papers (CaLK note 1)."""

    akta_number: str
    akta_date: date | None
    notary: str
    sk_ahu_number: str
    sk_ahu_date: date | None
    nik_koperasi: str
    npwp: str


def legal_identity(cooperative: Cooperative) -> LegalIdentity:
    steps = {
        step.kind: step
        for step in FormationStep.objects.filter(
            cooperative=cooperative,
            skipped=False,
            kind__in=(
                StepKind.AKTA_PENDIRIAN,
                StepKind.SK_AHU,
                StepKind.NIK_KOPERASI,
                StepKind.NPWP,
            ),
        )
    }

    def number(kind: str) -> str:
        step = steps.get(kind)
        return step.document_number if step is not None else ""

    def day(kind: str) -> date | None:
        step = steps.get(kind)
        return step.done_on if step is not None else None

    akta = steps.get(StepKind.AKTA_PENDIRIAN)
    return LegalIdentity(
        akta_number=number(StepKind.AKTA_PENDIRIAN),
        akta_date=day(StepKind.AKTA_PENDIRIAN),
        notary=akta.notary_name if akta is not None else "",
        sk_ahu_number=number(StepKind.SK_AHU),
        sk_ahu_date=day(StepKind.SK_AHU),
        nik_koperasi=number(StepKind.NIK_KOPERASI),
        npwp=number(StepKind.NPWP),
    )
