"""Balance selectors: the one place statements and the district read the books.

Balances are debit-minus-credit in sen over **posted** entries (the one
definition of "posted lines" is ``kopdes.ledger.selectors.posted_lines``). With
``use_snapshots`` (the default) a figure starts from the closing snapshot of
the last closed month (valid, on or before the date) and adds only the lines
after it, so a statement over a million lines reads a few thousand rows.
``use_snapshots=False`` recomputes from every line (the bench compares both,
the verify command relies on the second).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal, Union

from django.db.models import Sum

from kopdes.ledger.models import (
    Account,
    AccountType,
    NormalSide,
    Period,
    PeriodStatus,
    Snapshot,
)
from kopdes.ledger.selectors import Key, lines_between, posted_lines

if TYPE_CHECKING:
    from kopdes.cooperatives.models import BusinessUnit, Cooperative

__all__ = [
    "Key",
    "TrialBalanceRow",
    "account_balance",
    "balances_as_of",
    "current_shu",
    "movements",
    "posted_lines",
    "totals_by_type",
    "trial_balance",
]


def _last_valid_snapshot_period(cooperative: Cooperative, on_or_before: date) -> Period | None:
    """The latest closed month ending by the date whose snapshot chain is intact."""
    # Months close in order and a reopening invalidates every later snapshot,
    # so any closed month with a valid snapshot is a sound starting point.
    return (
        Period.objects.filter(
            cooperative=cooperative,
            end_date__lte=on_or_before,
            status=PeriodStatus.CLOSED,
            snapshot_valid=True,
        )
        .order_by("-end_date")
        .only("id", "start_date", "end_date")
        .first()
    )


UnitArg = Union["BusinessUnit", int, Literal["none"], None]


def _unit_id(business_unit: UnitArg) -> int | None:
    """None for "all units" or "lines without a unit"; else the unit's id."""
    if business_unit is None or business_unit == "none":
        return None
    if isinstance(business_unit, int):
        return business_unit
    return int(business_unit.pk)


def _line_sums(
    cooperative: Cooperative, start: date | None, end: date, *, by_unit: bool
) -> dict[Key, tuple[int, int]]:
    lines = lines_between(cooperative, start, end)
    group = ["account_id", "business_unit_id"] if by_unit else ["account_id"]
    rows = lines.values_list(*group).annotate(d=Sum("debit"), c=Sum("credit")).order_by()
    result: dict[Key, tuple[int, int]] = {}
    for row in rows:
        key = (row[0], row[1] if by_unit else None)
        result[key] = (int(row[-2] or 0), int(row[-1] or 0))
    return result


def balances_as_of(
    *,
    cooperative: Cooperative,
    as_of: date,
    by_business_unit: bool = False,
    use_snapshots: bool = True,
) -> dict[Key, int]:
    """Debit-minus-credit balance per (account id, unit id or None) at the end of ``as_of``."""
    result: dict[Key, int] = {}
    start = None
    if use_snapshots:
        period = _last_valid_snapshot_period(cooperative, as_of)
        if period is not None:
            snaps = Snapshot.objects.filter(period=period).values_list(
                "account_id", "business_unit_id", "balance"
            )
            for account_id, unit_id, balance in snaps:
                key = (account_id, unit_id if by_business_unit else None)
                result[key] = result.get(key, 0) + balance
            start = period.end_date + timedelta(days=1)
    for key, (d, c) in _line_sums(cooperative, start, as_of, by_unit=by_business_unit).items():
        result[key] = result.get(key, 0) + d - c
    return {key: value for key, value in result.items() if value}


def movements(
    *,
    cooperative: Cooperative,
    start: date,
    end: date,
    by_business_unit: bool = False,
    use_snapshots: bool = True,
) -> dict[Key, tuple[int, int]]:
    """Total debits and credits per account (and unit) between two dates inclusive."""
    covered: list[Period] = []
    if use_snapshots:
        periods = Period.objects.filter(
            cooperative=cooperative, start_date__gte=start, end_date__lte=end
        ).order_by("start_date")
        for period in periods:
            if period.status != PeriodStatus.CLOSED or not period.snapshot_valid:
                break
            if covered and covered[-1].end_date + timedelta(days=1) != period.start_date:
                break
            if not covered and period.start_date != start:
                break
            covered.append(period)
    result: dict[Key, tuple[int, int]] = {}

    def add(key: Key, d: int, c: int) -> None:
        old = result.get(key, (0, 0))
        result[key] = (old[0] + d, old[1] + c)

    rest_start = start
    if covered:
        snaps = (
            Snapshot.objects.filter(period__in=covered)
            .values_list("account_id", "business_unit_id")
            .annotate(d=Sum("debit"), c=Sum("credit"))
            .order_by()
        )
        for account_id, unit_id, d, c in snaps:
            add((account_id, unit_id if by_business_unit else None), int(d or 0), int(c or 0))
        rest_start = covered[-1].end_date + timedelta(days=1)
    if rest_start <= end:
        for key, (d, c) in _line_sums(
            cooperative, rest_start, end, by_unit=by_business_unit
        ).items():
            add(key, d, c)
    return {key: value for key, value in result.items() if value != (0, 0)}


def account_balance(
    *,
    account: Account,
    as_of: date,
    business_unit: UnitArg = None,
    natural: bool = False,
    use_snapshots: bool = True,
) -> int:
    """One account's balance at the end of a date; ``natural`` flips credit-normal accounts.

    ``business_unit``: None for all units together, a unit (or id) for one,
    or the string "none" for lines without a unit.
    """
    by_unit = business_unit is not None
    balances = balances_as_of(
        cooperative=account.cooperative,
        as_of=as_of,
        by_business_unit=by_unit,
        use_snapshots=use_snapshots,
    )
    unit_id = _unit_id(business_unit)
    value = balances.get((account.pk, unit_id), 0)
    return -value if natural and account.normal_side == NormalSide.CREDIT else value


@dataclass(frozen=True)
class TrialBalanceRow:
    account: Account
    opening: int  # debit-minus-credit at the start
    debit: int
    credit: int
    closing: int  # debit-minus-credit at the end

    @property
    def closing_debit(self) -> int:
        return self.closing if self.closing > 0 else 0

    @property
    def closing_credit(self) -> int:
        return -self.closing if self.closing < 0 else 0


def trial_balance(
    *,
    cooperative: Cooperative,
    start: date,
    end: date,
    business_unit: UnitArg = None,
    use_snapshots: bool = True,
    include_zero: bool = False,
) -> list[TrialBalanceRow]:
    """Neraca saldo rows for postable accounts, in code order.

    ``business_unit`` restricts to one unit (a unit, its id, or "none").
    Sum of ``closing`` over all rows is zero when the books balance.
    """
    by_unit = business_unit is not None
    unit_id = _unit_id(business_unit)
    opening = balances_as_of(
        cooperative=cooperative,
        as_of=start - timedelta(days=1),
        by_business_unit=by_unit,
        use_snapshots=use_snapshots,
    )
    moves = movements(
        cooperative=cooperative,
        start=start,
        end=end,
        by_business_unit=by_unit,
        use_snapshots=use_snapshots,
    )
    rows = []
    for account in Account.objects.filter(cooperative=cooperative, is_header=False).order_by(
        "code"
    ):
        key = (account.pk, unit_id)
        before = opening.get(key, 0)
        d, c = moves.get(key, (0, 0))
        if not include_zero and not (before or d or c):
            continue
        rows.append(TrialBalanceRow(account, before, d, c, before + d - c))
    return rows


def totals_by_type(
    *, cooperative: Cooperative, as_of: date, use_snapshots: bool = True
) -> dict[str, int]:
    """Natural-sign totals per account type at a date (the balance-sheet check).

    Assets = liabilities + equity + (income - expense) not yet closed to SHU.
    """
    types = dict(Account.objects.filter(cooperative=cooperative).values_list("id", "type"))
    totals = {choice.value: 0 for choice in AccountType}
    for (account_id, _unit), value in balances_as_of(
        cooperative=cooperative, as_of=as_of, use_snapshots=use_snapshots
    ).items():
        kind = types[account_id]
        totals[kind] += value if kind in (AccountType.ASET, AccountType.BEBAN) else -value
    return totals


def current_shu(*, cooperative: Cooperative, as_of: date, use_snapshots: bool = True) -> int:
    """Income minus expense not yet moved to SHU tahun berjalan."""
    totals = totals_by_type(cooperative=cooperative, as_of=as_of, use_snapshots=use_snapshots)
    return totals[AccountType.PENDAPATAN] - totals[AccountType.BEBAN]
