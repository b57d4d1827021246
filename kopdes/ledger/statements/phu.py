"""Perhitungan Hasil Usaha (PHU): consolidated, and per business unit.

Income and expense movements of the period, without the year-end closing
entry (which only moves the result into equity). Per unit, each unit's
column plus "Tanpa unit" sums to the consolidated figure, and the statement
checks that against an independent consolidated read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kopdes.core.money import format_rupiah
from kopdes.ledger.statements import data
from kopdes.ledger.statements.base import AccountInfo, Check, Row, Statement
from kopdes.ledger.statements.periods import ReportPeriod

# (group, heading, subtotal label, sign applied to the net debit)
GROUPS = (
    ("4", "PENDAPATAN", "Jumlah pendapatan", -1),
    ("5", "HARGA POKOK PENJUALAN", "Jumlah harga pokok penjualan", 1),
    ("6", "BEBAN USAHA", "Jumlah beban usaha", 1),
    ("7", "PENDAPATAN DAN BEBAN LAIN-LAIN", "Jumlah pendapatan (beban) lain-lain", -1),
    ("8", "PAJAK", "Jumlah pajak", 1),
)
SHU_LABEL = "Sisa hasil usaha (SHU)"
TANPA_UNIT = "Tanpa unit"


def phu_group(account: AccountInfo) -> str | None:
    if account.kind not in ("pendapatan", "beban"):
        return None
    if account.group in {"4", "5", "6", "7", "8"}:
        return account.group
    return "4" if account.kind == "pendapatan" else "6"


def phu_rows(accounts: list[AccountInfo], columns: Sequence[dict[int, int]]) -> list[Row]:
    """The PHU rows for any number of columns of net debit movements per account."""
    width = len(columns)
    subtotal: dict[str, list[int]] = {}
    rows: list[Row] = []

    def derived(label: str, values: list[int], style: str = "subtotal") -> None:
        rows.append(Row(label, list(values), style=style))  # type: ignore[arg-type]

    for group, heading, total_label, sign in GROUPS:
        members = [a for a in accounts if phu_group(a) == group]
        sums = [0] * width
        items = []
        for account in members:
            values = [sign * column.get(account.id, 0) for column in columns]
            if any(values):
                items.append(
                    Row(
                        account.name,
                        list(values),
                        texts=[account.code, account.name],
                        account_id=account.id,
                    )
                )
                sums = [s + v for s, v in zip(sums, values, strict=True)]
        subtotal[group] = sums
        if not items and group in {"7", "8"}:
            continue
        rows.append(Row(heading, [None] * width, style="heading"))
        rows.extend(items)
        derived(total_label, sums)
        if group == "5":
            derived("Hasil usaha bruto", _combine(subtotal["4"], subtotal["5"]))
        if group == "6":
            derived("Hasil usaha", _combine(subtotal["4"], subtotal["5"], subtotal["6"]))
    before_tax = [
        a + b
        for a, b in zip(
            _combine(subtotal["4"], subtotal["5"], subtotal["6"]), subtotal["7"], strict=True
        )
    ]
    if any(subtotal["8"]):
        derived("SHU sebelum pajak", before_tax)
    derived(SHU_LABEL, _combine(before_tax, subtotal["8"]), style="total")
    return rows


def _combine(first: list[int], *minus: list[int]) -> list[int]:
    result = list(first)
    for other in minus:
        result = [a - b for a, b in zip(result, other, strict=True)]
    return result


def income_statement(cooperative: Any, period: ReportPeriod) -> Statement:
    accounts = data.accounts(cooperative)
    previous = period.previous()
    now = data.net_movements(cooperative, start=period.start, end=period.end)
    before = data.net_movements(cooperative, start=previous.start, end=previous.end)
    return Statement(
        key="phu",
        title="Perhitungan Hasil Usaha",
        period=period,
        text_columns=["Kode", "Uraian"],
        columns=[period.label, previous.label],
        rows=phu_rows(accounts, [now, before]),
    )


def income_statement_by_unit(cooperative: Any, period: ReportPeriod) -> Statement:
    accounts = data.accounts(cooperative)
    units = data.business_units(cooperative)
    by_unit = data.net_movements_by_unit(cooperative, start=period.start, end=period.end)
    columns: list[dict[int, int]] = []
    for unit_id, _name in units:
        columns.append({acc: net for (acc, unit), net in by_unit.items() if unit == unit_id})
    columns.append({acc: net for (acc, unit), net in by_unit.items() if unit is None})
    consolidated = data.net_movements(cooperative, start=period.start, end=period.end)
    columns.append(consolidated)
    rows = phu_rows(accounts, columns)
    bad = [
        row.label
        for row in rows
        if row.style != "heading" and sum(v or 0 for v in row.values[:-1]) != row.values[-1]
    ]
    shu = next(r for r in rows if r.label == SHU_LABEL).values
    check = Check(
        "Jumlah kolom unit dan tanpa unit = konsolidasi",
        not bad,
        "Semua baris cocok; SHU konsolidasi " + format_rupiah(shu[-1] or 0)
        if not bad
        else "Tidak cocok pada: " + ", ".join(bad),
    )
    return Statement(
        key="phu-unit",
        title="Perhitungan Hasil Usaha per Unit Usaha",
        period=period,
        text_columns=["Kode", "Uraian"],
        columns=[name for _id, name in units] + [TANPA_UNIT, "Konsolidasi"],
        rows=rows,
        checks=[check],
    )
