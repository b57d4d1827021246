"""The default cooperative chart of accounts (docs/domain.md §5) and its seeding.

The chart is shipped data (``data/default_chart.csv``), copied to each
cooperative: by the ``cooperative_created`` hook for new ones and by a data
migration for those that existed before the ledger. ``seed_chart`` is
idempotent (it adds only the codes a cooperative lacks), so re-running it
after the shipped chart grows is safe.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kopdes.cooperatives.models import Cooperative

CHART_FILE = Path(__file__).resolve().parent / "data" / "default_chart.csv"

CREDIT_TYPES = frozenset({"kewajiban", "ekuitas", "pendapatan"})

# The cash-flow classes of each activity (kopdes.ledger.models.CashFlowClass).
INVESTING_CLASSES = frozenset({"investasi"})
FINANCING_CLASSES = frozenset({"simpanan", "modal", "hibah", "utang", "shu", "pendanaan"})


def activity_of(cash_flow_class: str) -> str:
    """operasi / investasi / pendanaan for a class ("kas" and "" count as operasi)."""
    if cash_flow_class in INVESTING_CLASSES:
        return "investasi"
    if cash_flow_class in FINANCING_CLASSES:
        return "pendanaan"
    return "operasi"


def related_party_codes() -> frozenset[str]:
    """Codes of the default chart's accounts held with the desa (CaLK related parties)."""
    return frozenset(row.code for row in default_chart() if row.related_party)


@dataclass(frozen=True)
class ChartRow:
    code: str
    name: str
    type: str
    is_header: bool
    parent_code: str
    is_contra: bool
    cash_flow_class: str
    segment: str
    report_group: str
    control_key: str
    owner_app: str
    system_key: str
    related_party: str = ""  # "desa": a balance with the village (CaLK related parties)

    @property
    def activity(self) -> str:
        """The cash-flow activity of the row's class (operasi / investasi / pendanaan)."""
        return activity_of(self.cash_flow_class)

    @property
    def normal_side(self) -> str:
        credit = self.type in CREDIT_TYPES
        # A contra account (PPAP, accumulated depreciation) sits on the other side.
        if self.is_contra:
            credit = not credit
        return "kredit" if credit else "debit"


@cache
def default_chart() -> tuple[ChartRow, ...]:
    """The shipped chart, parents before children."""
    with CHART_FILE.open(encoding="utf-8", newline="") as handle:
        rows = tuple(
            ChartRow(
                code=raw["code"],
                name=raw["name"],
                type=raw["type"],
                is_header=raw["header"] == "1",
                parent_code=raw["parent"],
                is_contra=raw["contra"] == "1",
                cash_flow_class=raw["cash_flow"],
                segment=raw["segment"],
                report_group=raw["report_group"],
                control_key=raw["control_key"],
                owner_app=raw["owner_app"],
                system_key=raw["system_key"],
                related_party=raw.get("related_party") or "",
            )
            for raw in csv.DictReader(handle)
        )
    return rows


def _class_for(account_model: Any, row: ChartRow) -> str:
    """The row's cash-flow class, or its activity if the (historical) model predates it.

    Migration 0002 seeds with the model of its day, which knew only the four
    first classes; migration 0008 refines them.
    """
    known = {value for value, _label in account_model._meta.get_field("cash_flow_class").choices}
    if row.cash_flow_class in known or not row.cash_flow_class:
        return row.cash_flow_class
    return row.activity


def seed_chart(cooperative: Cooperative, *, account_model: Any = None) -> int:
    """Copy the default chart to ``cooperative``; returns the number of accounts added.

    ``account_model`` lets a data migration pass its historical model.
    """
    if account_model is None:
        from kopdes.ledger.models import Account

        account_model = Account
    existing = {
        account.code: account
        for account in account_model.objects.filter(cooperative_id=cooperative.pk)
    }
    missing = [row for row in default_chart() if row.code not in existing]
    added = len(missing)
    # Parents precede children in the file, so a few passes of bulk_create
    # (one per depth) give every child its parent's id: ~4 queries, not ~100.
    while missing:
        ready = [r for r in missing if not r.parent_code or r.parent_code in existing]
        if not ready:
            raise ValueError("default chart: parent code missing")
        created = account_model.objects.bulk_create(
            [
                account_model(
                    cooperative_id=cooperative.pk,
                    code=row.code,
                    name=row.name,
                    type=row.type,
                    normal_side=row.normal_side,
                    parent=existing.get(row.parent_code) if row.parent_code else None,
                    is_header=row.is_header,
                    is_contra=row.is_contra,
                    cash_flow_class=_class_for(account_model, row),
                    segment=row.segment,
                    report_group=row.report_group,
                    control_key=row.control_key,
                    owner_app=row.owner_app,
                    system_key=row.system_key,
                )
                for row in ready
            ]
        )
        existing.update({account.code: account for account in created})
        missing = [r for r in missing if r.code not in existing]
    return added


def on_cooperative_created(*, cooperative: Cooperative, actor: Any = None, **_: Any) -> None:
    """Receiver of ``cooperative_created``: a cooperative never exists without books."""
    seed_chart(cooperative)
