"""Demo section 3: a year of books for each operating cooperative.

Opening balances twelve months back, then a village outlet's daily life per
business unit (sales to members and others with their cost, stock bought
through the bank, wages, electricity, cash banked each week), posted through
the ledger's ``post_entries`` one month at a time, and every month before
the current one closed. Seeded per cooperative, so the same day gives the
same books; posting keys make a re-run replay instead of doubling.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from kopdes.accounts.models import Grant, Role
from kopdes.cooperatives.models import BusinessUnit, Cooperative, CooperativeStatus, UnitStatus
from kopdes.core.timeutils import business_date
from kopdes.ledger.models import EntryKind, Period, PeriodStatus
from kopdes.ledger.services.periods import close_month
from kopdes.ledger.services.posting import EntryInput, LineInput, post_entries

SOURCE = "ledger"
FALLBACK_OPERATING = 23

# Unit kind -> (sales to members, sales to others, cost of sales, stock) codes,
# and the day's takings range in rupiah. None: a service without stock.
UNIT_BOOKS: dict[str, tuple[str, str, str | None, str | None, int, int]] = {
    "gerai_sembako": ("4-1110", "4-1120", "5-1100", "1-1510", 1_500_000, 4_000_000),
    "apotek": ("4-1410", "4-1420", "5-1200", "1-1520", 300_000, 900_000),
    "klinik": ("4-1310", "4-1320", None, None, 150_000, 600_000),
    "agen_lpg": ("4-1710", "4-1720", None, None, 80_000, 250_000),
    "pupuk": ("4-1710", "4-1720", None, None, 50_000, 200_000),
    "logistik": ("4-1610", "4-1620", None, None, 100_000, 400_000),
    "gudang": ("4-1510", "4-1520", None, None, 50_000, 200_000),
}
COST_RATE = (78, 86)  # cost of goods as a percentage of sales


def rp(amount: float) -> int:
    """Whole rupiah in sen (village prices have no sen)."""
    return round(amount) * 100


def operating_cooperatives() -> list[Cooperative]:
    operating = list(
        Cooperative.objects.filter(status=CooperativeStatus.BEROPERASI).order_by("slug")
    )
    if operating:
        return operating
    # Before the registry marks which outlets operate: a fixed, seeded pick.
    everyone = list(Cooperative.objects.order_by("slug"))
    picked = random.Random("kopdes-books-operating").sample(
        everyone, min(FALLBACK_OPERATING, len(everyone))
    )
    return sorted(picked, key=lambda c: c.slug)


def _units(cooperative: Cooperative) -> list[BusinessUnit]:
    units = [
        u
        for u in BusinessUnit.objects.filter(cooperative=cooperative).order_by("pk")
        if u.kind in UNIT_BOOKS and u.status == UnitStatus.BEROPERASI
    ]
    if not units:
        gerai, _ = BusinessUnit.objects.get_or_create(
            cooperative=cooperative,
            kind="gerai_sembako",
            name="",
            defaults={"status": UnitStatus.BEROPERASI},
        )
        units = [gerai]
    return units


def _actor(cooperative: Cooperative) -> Any:
    grant = (
        Grant.objects.active()
        .filter(cooperative=cooperative, role=Role.PENGURUS)
        .select_related("user")
        .first()
    )
    return grant.user if grant else None


def _month_starts(first: date, last: date) -> list[date]:
    months = []
    current = first.replace(day=1)
    while current <= last:
        months.append(current)
        current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
    return months


def _transfer(amount: int) -> list[LineInput]:
    """Cash banked: kas to bank (not a cash flow)."""
    return [LineInput(account="1-1200", debit=amount), LineInput(account="1-1100", credit=amount)]


def _restock(stock_code: str, amount: int, unit: BusinessUnit) -> list[LineInput]:
    return [
        LineInput(account=stock_code, debit=amount, business_unit=unit.pk),
        LineInput(account="1-1200", credit=amount, business_unit=unit.pk),
    ]


class _Month:
    """The entries of one cooperative-month, with keys unique per cooperative."""

    def __init__(self, slug: str) -> None:
        self.slug = slug
        self.entries: list[EntryInput] = []

    def add(self, on: date, tag: str, memo: str, lines: list[LineInput]) -> None:
        self.entries.append(
            EntryInput(
                business_date=on,
                lines=lines,
                memo=memo,
                source_app=SOURCE,
                source_ref="demo",
                idempotency_key=f"demo-{self.slug}-{on:%Y%m%d}-{tag}",
                kind=EntryKind.GENERAL,
            )
        )


def _day(
    month: _Month,
    rng: random.Random,
    on: date,
    units: list[BusinessUnit],
    sold_cost: dict[int, int],
) -> int:
    """One day's sales per unit; returns the cash taken and adds the cost of goods sold."""
    taken = 0
    for unit in units:
        member_code, other_code, cost_code, stock_code, low, high = UNIT_BOOKS[unit.kind]
        if on.weekday() == 6 and unit.kind != "gerai_sembako":
            continue  # services close on Sunday; the outlet does not
        total = rp(rng.randint(low, high) // 500 * 500)
        members = total * rng.randint(30, 55) // 100 // 100 * 100
        lines = [
            LineInput(account="1-1100", debit=total, business_unit=unit.pk),
            LineInput(account=member_code, credit=members, business_unit=unit.pk),
            LineInput(account=other_code, credit=total - members, business_unit=unit.pk),
        ]
        if cost_code and stock_code:
            cost = total * rng.randint(*COST_RATE) // 100 // 100 * 100
            lines += [
                LineInput(account=cost_code, debit=cost, business_unit=unit.pk),
                LineInput(account=stock_code, credit=cost, business_unit=unit.pk),
            ]
            sold_cost[unit.pk] = sold_cost.get(unit.pk, 0) + cost
        month.add(on, f"jual-{unit.pk}", f"Penjualan harian {unit.display_name}", lines)
        taken += total
    return taken


def _month_entries(
    cooperative: Cooperative, start: date, end: date, units: list[BusinessUnit]
) -> list[EntryInput]:
    rng = random.Random(f"kopdes-books-{cooperative.slug}-{start:%Y%m}")
    month = _Month(cooperative.slug)
    till = 0
    sold_cost: dict[int, int] = {}
    day = start
    while day <= end:
        till += _day(month, rng, day, units, sold_cost)
        if day.weekday() == 5 and till > rp(1_000_000):
            banked = till - rp(1_000_000)
            month.add(day, "setor", "Setor kas ke bank", _transfer(banked))
            till -= banked
        if day.weekday() == 1:
            for unit in units:
                stock = UNIT_BOOKS[unit.kind][3]
                if stock and sold_cost.get(unit.pk):
                    # Restock what the week sold, give or take.
                    amount = (
                        sold_cost.pop(unit.pk) * rng.randint(95, 108) // 100 // 100_000 * 100_000
                    )
                    memo = f"Belanja stok {unit.display_name} (transfer bank)"
                    month.add(day, f"beli-{unit.pk}", memo, _restock(stock, amount, unit))
        if day.day == 25:
            wages = rp(2_300_000) * (len(units) + 1)
            month.add(day, "gaji", "Gaji karyawan", [
                LineInput(account="6-1100", debit=wages), LineInput(account="1-1100", credit=wages),
            ])  # fmt: skip
            till -= wages
        if day.day == 10:
            power = rp(rng.randint(450, 950) * 1000)
            main = units[0].pk
            month.add(day, "listrik", "Listrik dan air gerai", [
                LineInput(account="6-1200", debit=power, business_unit=main),
                LineInput(account="1-1100", credit=power, business_unit=main),
            ])  # fmt: skip
            till -= power
        day += timedelta(days=1)
    if till > rp(1_000_000):
        banked = till - rp(1_000_000)
        month.add(end, "setor-akhir", "Setor kas ke bank akhir bulan", _transfer(banked))
    for unit in units:
        stock = UNIT_BOOKS[unit.kind][3]
        if stock and sold_cost.get(unit.pk):
            # The month's last days are restocked before the books close.
            amount = sold_cost.pop(unit.pk) // 100_000 * 100_000 + 100_000
            memo = f"Belanja stok akhir bulan {unit.display_name}"
            month.add(end, f"beli-akhir-{unit.pk}", memo, _restock(stock, amount, unit))
    return month.entries


def _opening(cooperative: Cooperative, on: date, rng: random.Random) -> EntryInput:
    cash, bank = rp(rng.randint(3, 8) * 1_000_000), rp(rng.randint(40, 90) * 1_000_000)
    stock, equipment = rp(rng.randint(15, 35) * 1_000_000), rp(rng.randint(20, 60) * 1_000_000)
    grant = rp(rng.randint(10, 30) * 1_000_000)
    capital = cash + bank + stock + equipment - grant
    return EntryInput(
        business_date=on,
        lines=[
            LineInput(account="1-1100", debit=cash),
            LineInput(account="1-1200", debit=bank),
            LineInput(account="1-1510", debit=stock),
            LineInput(account="1-2300", debit=equipment),
            LineInput(account="3-1400", credit=grant),
            LineInput(account="3-1300", credit=capital),
        ],
        memo="Saldo awal pembukuan",
        source_app=SOURCE,
        source_ref="demo",
        idempotency_key=f"demo-{cooperative.slug}-saldo-awal",
        kind=EntryKind.OPENING,
    )


def load_cooperative(cooperative: Cooperative, today: date) -> int:
    """A year of books for one cooperative; returns the entries posted or replayed."""
    units = _units(cooperative)
    actor = _actor(cooperative)
    months = _month_starts(date(today.year - 1, today.month, 1), today)
    first = months[0]
    opening_day = first - timedelta(days=1)
    rng = random.Random(f"kopdes-books-{cooperative.slug}")
    count = len(
        post_entries(
            cooperative=cooperative, actor=actor, entries=[_opening(cooperative, opening_day, rng)]
        )
    )
    for start in months:
        next_month = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        end = min(next_month - timedelta(days=1), today - timedelta(days=1))
        if end < start:
            continue
        entries = _month_entries(cooperative, start, end, units)
        count += len(post_entries(cooperative=cooperative, actor=actor, entries=entries))
    this_month = today.replace(day=1)
    periods = Period.objects.filter(
        cooperative=cooperative, status=PeriodStatus.OPEN, end_date__lt=this_month
    ).order_by("start_date")
    for period in periods:
        close_month(cooperative=cooperative, period=period, actor=actor)
    return count


def load(progress: Callable[[str], None]) -> None:
    cooperatives = operating_cooperatives()
    for number, cooperative in enumerate(cooperatives, start=1):
        count = load_cooperative(cooperative, business_date(cooperative))
        progress(f"buku {number}/{len(cooperatives)}: {cooperative.name} ({count} jurnal)")
