"""Perhitungan Hasil Usaha (PHU): consolidated, and per business unit.

Income and expense movements of the period, without the year-end closing
entry (which only moves the result into equity), grouped by the chart's
``report_group``. Revenue shows member and non-member subtotals (the
accounts' ``segment``), and the SHU is split into the part from business
with members and the rest, in proportion to revenue (exact in sen,
``split_proportionally``). A month or quarter also shows the year to date.

Per unit, every unit's column plus "Tanpa unit" sums to the consolidated
figure, for the period and the previous one; the statement checks that, and
checks both SHU figures against an independent read (``shu_for_period``).
Units without income or expense in either period are hidden unless the
reader asks for all (``StatementOptions(all_units=True)``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from kopdes.core.money import format_rupiah, split_proportionally
from kopdes.ledger.selectors import shu_for_period
from kopdes.ledger.statements import data
from kopdes.ledger.statements.base import (
    AccountInfo,
    Check,
    Row,
    RowStyle,
    Statement,
    StatementOptions,
)
from kopdes.ledger.statements.periods import ReportPeriod

if TYPE_CHECKING:
    from kopdes.cooperatives.models import Cooperative

# (group, heading, subtotal label, sign applied to the net debit)
GROUPS = (
    ("pendapatan_usaha", "PENDAPATAN", "Jumlah pendapatan", -1),
    ("hpp", "HARGA POKOK PENJUALAN", "Jumlah harga pokok penjualan", 1),
    ("beban_usaha", "BEBAN USAHA", "Jumlah beban usaha", 1),
    ("lain", "PENDAPATAN DAN BEBAN LAIN-LAIN", "Jumlah pendapatan (beban) lain-lain", -1),
    ("pajak", "PAJAK", "Jumlah pajak", 1),
)
REPORT_GROUPS = {
    "pendapatan_usaha": "pendapatan_usaha",
    "hpp": "hpp",
    "beban_usaha": "beban_usaha",
    "pendapatan_lain": "lain",
    "beban_lain": "lain",
    "pajak": "pajak",
}
BY_CODE = {"4": "pendapatan_usaha", "5": "hpp", "6": "beban_usaha", "7": "lain", "8": "pajak"}
SEGMENTS = (
    ("anggota", "Jumlah pendapatan dari anggota"),
    ("non_anggota", "Jumlah pendapatan dari non-anggota"),
)
SHU_LABEL = "Sisa hasil usaha (SHU)"
SHU_MEMBERS = "SHU dari transaksi dengan anggota"
SHU_OTHERS = "SHU dari transaksi dengan non-anggota dan lainnya"
TANPA_UNIT = "Tanpa unit"
CONSOLIDATED = "Konsolidasi"


def phu_group(account: AccountInfo) -> str | None:
    """The PHU group of an income or expense account (report group, else code)."""
    if account.kind not in ("pendapatan", "beban"):
        return None
    if account.report_group in REPORT_GROUPS:
        return REPORT_GROUPS[account.report_group]
    if account.group in BY_CODE:
        return BY_CODE[account.group]
    return "pendapatan_usaha" if account.kind == "pendapatan" else "beban_usaha"


def _combine(first: list[int], *minus: list[int]) -> list[int]:
    result = list(first)
    for other in minus:
        result = [a - b for a, b in zip(result, other, strict=True)]
    return result


def member_share(shu: int, member_revenue: int, other_revenue: int) -> int:
    """The part of the SHU from business with members, in proportion to revenue."""
    weights = [max(member_revenue, 0), max(other_revenue, 0)]
    if shu == 0 or not any(weights):
        return 0
    return split_proportionally(shu, weights)[0]


def phu_rows(
    accounts: list[AccountInfo], columns: Sequence[dict[int, int]], *, member_split: bool = True
) -> list[Row]:
    """The PHU rows for any number of columns of net debit movements per account.

    ``member_split`` adds the SHU from members and from the rest (an
    allocation per column, so not additive across unit columns).
    """
    width = len(columns)
    subtotal: dict[str, list[int]] = {}
    segment_totals = {segment: [0] * width for segment, _label in SEGMENTS}
    other_income = [0] * width
    rows: list[Row] = []

    def derived(label: str, values: list[int], style: RowStyle = "subtotal") -> None:
        rows.append(Row(label, list(values), style=style))

    def item(account: AccountInfo, values: list[int]) -> Row:
        return Row(account.name, values, texts=[account.code, account.name], account_id=account.id)

    for group, heading, total_label, sign in GROUPS:
        members = [a for a in accounts if phu_group(a) == group]
        sums = [0] * width
        items: list[Row] = []
        by_segment: dict[str, list[Row]] = {segment: [] for segment, _label in SEGMENTS}
        for account in members:
            values = [sign * column.get(account.id, 0) for column in columns]
            if not any(values):
                continue
            sums = [s + v for s, v in zip(sums, values, strict=True)]
            if group == "pendapatan_usaha" and account.segment in by_segment:
                by_segment[account.segment].append(item(account, values))
                totals = segment_totals[account.segment]
                segment_totals[account.segment] = [
                    t + v for t, v in zip(totals, values, strict=True)
                ]
            else:
                items.append(item(account, values))
                if account.kind == "pendapatan":
                    other_income = [t + v for t, v in zip(other_income, values, strict=True)]
        subtotal[group] = sums
        if not items and group in {"lain", "pajak"}:
            continue
        rows.append(Row(heading, [None] * width, style="heading"))
        for segment, label in SEGMENTS:
            if by_segment[segment]:
                rows.extend(by_segment[segment])
                derived(label, segment_totals[segment])
        rows.extend(items)
        derived(total_label, sums)
        if group == "hpp":
            derived("Hasil usaha bruto", _combine(subtotal["pendapatan_usaha"], subtotal["hpp"]))
        if group == "beban_usaha":
            derived(
                "Hasil usaha",
                _combine(subtotal["pendapatan_usaha"], subtotal["hpp"], subtotal["beban_usaha"]),
            )
    operating = _combine(subtotal["pendapatan_usaha"], subtotal["hpp"], subtotal["beban_usaha"])
    before_tax = [a + b for a, b in zip(operating, subtotal["lain"], strict=True)]
    if any(subtotal["pajak"]):
        derived("SHU sebelum pajak", before_tax)
    shu = _combine(before_tax, subtotal["pajak"])
    derived(SHU_LABEL, shu, style="total")
    members_part = [
        member_share(s, m, o + n)
        for s, m, n, o in zip(
            shu, segment_totals["anggota"], segment_totals["non_anggota"], other_income, strict=True
        )
    ]
    if member_split and (any(members_part) or any(segment_totals["anggota"])):
        derived(SHU_MEMBERS, members_part, style="item")
        derived(SHU_OTHERS, _combine(shu, members_part), style="item")
    return rows


def _periods(period: ReportPeriod) -> list[tuple[str, date, date]]:
    """(label, start, end) of the PHU's columns: the period, the previous, the year to date."""
    previous = period.previous()
    columns: list[tuple[str, date, date]] = [
        (period.label, period.start, period.end),
        (previous.label, previous.start, previous.end),
    ]
    if period.kind != "year" and period.start != period.year_start:
        columns.append((f"Januari s.d. {period.label}", period.year_start, period.end))
    return columns


def _shu_check(label: str, shown: int, independent: int) -> Check:
    return Check(
        f"SHU = pendapatan − beban dari buku besar ({label})",
        shown == independent,
        f"PHU {format_rupiah(shown)}; buku besar {format_rupiah(independent)}",
    )


def income_statement(
    cooperative: Cooperative, period: ReportPeriod, options: StatementOptions | None = None
) -> Statement:
    accounts = data.accounts(cooperative)
    spans = _periods(period)
    columns = [data.net_movements(cooperative, start=s, end=e) for _l, s, e in spans]
    rows = phu_rows(accounts, columns)
    shu = next(r for r in rows if r.label == SHU_LABEL).values
    checks = [
        _shu_check(label, shu[i] or 0, shu_for_period(cooperative=cooperative, start=s, end=e))
        for i, (label, s, e) in enumerate(spans)
    ]
    return Statement(
        key="phu",
        title="Perhitungan Hasil Usaha",
        period=period,
        text_columns=["Kode", "Uraian"],
        columns=[label for label, _s, _e in spans],
        rows=rows,
        checks=checks,
        options=options or StatementOptions(),
    )


def income_statement_by_unit(
    cooperative: Cooperative, period: ReportPeriod, options: StatementOptions | None = None
) -> Statement:
    options = options or StatementOptions()
    accounts = data.accounts(cooperative)
    result_ids = {a.id for a in accounts if a.kind in ("pendapatan", "beban")}
    units = data.business_units(cooperative)
    periods = (period, period.previous())
    by_unit = [data.net_movements_by_unit(cooperative, start=p.start, end=p.end) for p in periods]
    active = {unit for figures in by_unit for (acc, unit), net in figures.items()
              if net and acc in result_ids}  # fmt: skip
    shown = [(uid, name) for uid, name in units if options.all_units or uid in active]
    columns: list[dict[int, int]] = []
    labels: list[str] = []
    for p, figures in zip(periods, by_unit, strict=True):
        for unit_id, name in [*shown, (None, TANPA_UNIT)]:
            columns.append({acc: net for (acc, unit), net in figures.items() if unit == unit_id})
            labels.append(f"{name} · {p.label}")
        columns.append(data.net_movements(cooperative, start=p.start, end=p.end))
        labels.append(f"{CONSOLIDATED} · {p.label}")
    rows = phu_rows(accounts, columns, member_split=False)
    width = len(shown) + 2  # units, tanpa unit, konsolidasi
    checks = []
    shu = next(r for r in rows if r.label == SHU_LABEL).values
    for i, p in enumerate(periods):
        block = slice(i * width, (i + 1) * width)
        bad = [
            row.label
            for row in rows
            if row.style != "heading"
            and sum(v or 0 for v in row.values[block][:-1]) != row.values[block][-1]
        ]
        checks.append(
            Check(
                f"Jumlah kolom unit dan tanpa unit = konsolidasi ({p.label})",
                not bad,
                "Semua baris cocok" if not bad else "Tidak cocok pada: " + ", ".join(bad),
            )
        )
        checks.append(
            _shu_check(
                p.label,
                shu[(i + 1) * width - 1] or 0,
                shu_for_period(cooperative=cooperative, start=p.start, end=p.end),
            )
        )
    hidden = len(units) - len(shown)
    return Statement(
        key="phu-unit",
        title="Perhitungan Hasil Usaha per Unit Usaha",
        period=period,
        text_columns=["Kode", "Uraian"],
        columns=labels,
        rows=rows,
        checks=checks,
        paragraphs=(
            [f"{hidden} unit tanpa pendapatan atau beban pada kedua periode tidak ditampilkan."]
            if hidden
            else []
        ),
        options=options,
    )
