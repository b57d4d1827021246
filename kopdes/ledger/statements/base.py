"""The shape every statement shares, so one template renders any of them.

A statement is a table: text columns (code, name, date...) then money
columns (this period, the previous one, units...), rows styled as headers,
items, subtotals or totals, and the checks it ran on itself. Web pages, PDFs
(the same template) and XLSX files are all drawn from this.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from kopdes.ledger.statements.periods import ReportPeriod

RowStyle = Literal["heading", "item", "subtotal", "total"]

DEBIT = "debit"
CREDIT = "kredit"


@dataclass(frozen=True)
class AccountInfo:
    """What a statement needs to know about an account (read from the chart)."""

    id: int
    code: str
    name: str
    kind: str  # aset / kewajiban / ekuitas / pendapatan / beban
    normal_side: str  # debit / kredit
    cash_flow_class: str  # kas / operasi / investasi / pendanaan / ""

    @property
    def group(self) -> str:
        # The first digit of the code is the chart's main group (1 aset … 8 pajak).
        return self.code[:1]


@dataclass
class Row:
    label: str
    values: Sequence[int | None]
    style: RowStyle = "item"
    texts: list[str] = field(default_factory=list)
    account_id: int | None = None


@dataclass(frozen=True)
class Check:
    label: str
    ok: bool
    detail: str


@dataclass
class Statement:
    key: str
    title: str
    period: ReportPeriod
    columns: list[str]
    rows: list[Row]
    checks: list[Check] = field(default_factory=list)
    text_columns: list[str] = field(default_factory=lambda: ["Uraian"])
    paragraphs: list[str] = field(default_factory=list)
    subtitle: str = ""

    @property
    def all_ok(self) -> bool:
        return all(check.ok for check in self.checks)

    def row(self, label: str) -> Row:
        """The row with this label (tests and the API read figures by label)."""
        for row in self.rows:
            if row.label == label:
                return row
        raise KeyError(label)

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "title": self.title,
            "period": self.period.code,
            "period_label": self.period.label,
            "previous_period": self.period.previous().code,
            "columns": self.columns,
            "text_columns": self.text_columns,
            "rows": [
                {"label": r.label, "texts": r.texts, "values": r.values, "style": r.style}
                for r in self.rows
            ],
            "checks": [{"label": c.label, "ok": c.ok, "detail": c.detail} for c in self.checks],
            "paragraphs": self.paragraphs,
        }


def shown(account: AccountInfo, net_debit: int) -> int:
    """An account's balance on its normal side (a contra account shows negative)."""
    return net_debit if account.normal_side == DEBIT else -net_debit
