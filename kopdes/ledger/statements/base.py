"""The shape every statement shares, so one template renders any of them.

A statement is a table: text columns (code, name, date...) then money
columns (this period, the previous one, units...), rows styled as headers,
items, subtotals or totals, and the checks it ran on itself. Web pages, PDFs
(the same template) and XLSX files are all drawn from this.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from kopdes.ledger.statements.periods import ReportPeriod

RowStyle = Literal["heading", "item", "subtotal", "total"]
Comparison = Literal["tahun", "bulan"]


@dataclass(frozen=True)
class StatementOptions:
    """What a reader may choose beside the period (query ``banding``, ``unit``).

    ``compare``: the position's comparative column is the last year-end
    (``tahun``, the default for interim statements) or the end of the
    previous period (``bulan``). ``all_units``: the PHU per unit shows units
    without activity too (hidden by default).
    """

    compare: Comparison = "tahun"
    all_units: bool = False

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> StatementOptions:
        compare: Comparison = "bulan" if query.get("banding") == "bulan" else "tahun"
        return cls(compare=compare, all_units=query.get("unit") == "semua")

    @property
    def query(self) -> str:
        """The options as a query-string tail (``&banding=bulan``) for links."""
        parts = []
        if self.compare != "tahun":
            parts.append(f"&banding={self.compare}")
        if self.all_units:
            parts.append("&unit=semua")
        return "".join(parts)


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
    cash_flow_class: str  # kas / anggota / pemasok ... (models.CashFlowClass) or ""
    report_group: str = ""  # aset_lancar / persediaan / aset_tetap / hpp ... or ""
    segment: str = ""  # anggota / non_anggota / ""
    control_key: str = ""
    system_key: str = ""

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
    options: StatementOptions = field(default_factory=StatementOptions)

    @property
    def all_ok(self) -> bool:
        return all(check.ok for check in self.checks)

    def row(self, label: str) -> Row:
        """The row with this label (tests and the API read figures by label)."""
        for row in self.rows:
            if row.label == label:
                return row
        raise KeyError(label)

    def check(self, label: str) -> Check:
        """The self-check with this label."""
        for check in self.checks:
            if check.label == label:
                return check
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
            "all_ok": self.all_ok,
            "paragraphs": self.paragraphs,
        }


def shown(account: AccountInfo, net_debit: int) -> int:
    """An account's balance on its normal side (a contra account shows negative)."""
    return net_debit if account.normal_side == DEBIT else -net_debit


def add(values: Sequence[int | None], other: Sequence[int | None]) -> list[int]:
    """Column-wise sum (a missing figure counts as zero)."""
    return [(a or 0) + (b or 0) for a, b in zip(values, other, strict=True)]
