"""Laporan Posisi Keuangan (neraca): current and non-current, at two dates.

Accounts fall into sections by their chart ``report_group`` (aset lancar
with persediaan, aset tetap, other non-current assets, short- and long-term
liabilities, equity); fixed assets show at cost with their accumulated
depreciation and a net book value line. Income and expense not yet closed
into equity show as "SHU tahun berjalan (belum ditutup)" inside equity, so
the position balances before and after the year-end close.

The comparative column is the last year-end (31 December before the
period's end) by default; ``StatementOptions(compare="bulan")`` compares with
the end of the previous period instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from kopdes.core.money import format_rupiah
from kopdes.ledger.selectors import unclosed_result
from kopdes.ledger.statements import data
from kopdes.ledger.statements.base import AccountInfo, Check, Row, Statement, StatementOptions
from kopdes.ledger.statements.periods import ReportPeriod

if TYPE_CHECKING:
    from kopdes.cooperatives.models import Cooperative

CURRENT_SHU = "SHU tahun berjalan (belum ditutup)"
FIXED_NBV = "Nilai buku aset tetap"

# Line keys, their labels, and the sections (kind, heading, subsections, total).
LABELS = {
    "aset_lancar": "Jumlah aset lancar",
    "aset_tidak_lancar": "Jumlah aset tidak lancar",
    "aset": "Jumlah aset",
    "kewajiban_jangka_pendek": "Jumlah kewajiban jangka pendek",
    "kewajiban_jangka_panjang": "Jumlah kewajiban jangka panjang",
    "kewajiban": "Jumlah kewajiban",
    "ekuitas": "Jumlah ekuitas",
    "kewajiban_ekuitas": "Jumlah kewajiban dan ekuitas",
    "aset_tetap": FIXED_NBV,
}


def section_of(account: AccountInfo) -> str | None:
    """The position subsection of an account (None for income and expense)."""
    group = account.report_group
    if account.kind == "aset":
        if group == "aset_tetap":
            return "aset_tetap"
        if group == "aset_tidak_lancar":
            return "aset_tidak_lancar_lain"
        return "aset_lancar"
    if account.kind == "kewajiban":
        return (
            "kewajiban_jangka_panjang"
            if group == "kewajiban_jangka_panjang"
            else "kewajiban_jangka_pendek"
        )
    if account.kind == "ekuitas":
        return "ekuitas"
    return None


def shown_balance(account: AccountInfo, balances: dict[int, int]) -> int:
    """Assets on the debit side, claims on the credit side; contra accounts negative."""
    value = balances.get(account.id, 0)
    return value if account.kind == "aset" else -value


def unclosed_shu(accounts: list[AccountInfo], balances: dict[int, int]) -> int:
    """Income less expense still sitting in the income and expense accounts."""
    return unclosed_result(balances, [a.id for a in accounts if a.kind in ("pendapatan", "beban")])


def position_totals(accounts: list[AccountInfo], balances: dict[int, int]) -> dict[str, int]:
    """The position's lines (keys of ``LABELS`` plus ``shu``) at one date."""
    totals = dict.fromkeys(LABELS, 0)
    totals["aset_tidak_lancar_lain"] = 0
    for account in accounts:
        section = section_of(account)
        if section is not None:
            totals[section] += shown_balance(account, balances)
    totals["shu"] = unclosed_shu(accounts, balances)
    totals["ekuitas"] += totals["shu"]
    totals["aset_tidak_lancar"] = totals["aset_tetap"] + totals["aset_tidak_lancar_lain"]
    totals["aset"] = totals["aset_lancar"] + totals["aset_tidak_lancar"]
    totals["kewajiban"] = totals["kewajiban_jangka_pendek"] + totals["kewajiban_jangka_panjang"]
    totals["kewajiban_ekuitas"] = totals["kewajiban"] + totals["ekuitas"]
    return totals


def comparison_date(period: ReportPeriod, options: StatementOptions) -> date:
    """The comparative column's date: the last year-end, or the previous period's end."""
    if options.compare == "bulan" or period.kind == "year":
        return period.previous().end
    return date(period.year - 1, 12, 31)


@dataclass
class _Builder:
    accounts: list[AccountInfo]
    columns: list[dict[int, int]]
    rows: list[Row]

    def items(self, section: str) -> int:
        """Add the section's account rows (those with a balance); returns how many."""
        count = 0
        for account in self.accounts:
            if section_of(account) != section:
                continue
            values = [shown_balance(account, column) for column in self.columns]
            if any(values):
                self.rows.append(Row(account.name, values, account_id=account.id))
                count += 1
        return count

    def heading(self, label: str) -> None:
        self.rows.append(Row(label, [None] * len(self.columns), style="heading"))

    def line(self, key: str, values: list[int], style: str = "subtotal") -> None:
        self.rows.append(Row(LABELS[key], values, style=style))  # type: ignore[arg-type]


def financial_position(
    cooperative: Cooperative, period: ReportPeriod, options: StatementOptions | None = None
) -> Statement:
    options = options or StatementOptions()
    accounts = data.accounts(cooperative)
    dates = [period.end, comparison_date(period, options)]
    columns = [data.net_balances(cooperative, before=None, until=day) for day in dates]
    totals = [position_totals(accounts, column) for column in columns]

    def t(key: str) -> list[int]:
        return [column[key] for column in totals]

    b = _Builder(accounts, columns, [])
    b.heading("ASET")
    b.heading("Aset lancar")
    b.items("aset_lancar")
    b.line("aset_lancar", t("aset_lancar"))
    b.heading("Aset tidak lancar")
    if b.items("aset_tetap"):
        b.line("aset_tetap", t("aset_tetap"))
    b.items("aset_tidak_lancar_lain")
    b.line("aset_tidak_lancar", t("aset_tidak_lancar"))
    b.line("aset", t("aset"), style="total")
    b.heading("KEWAJIBAN")
    b.heading("Kewajiban jangka pendek")
    b.items("kewajiban_jangka_pendek")
    b.line("kewajiban_jangka_pendek", t("kewajiban_jangka_pendek"))
    b.heading("Kewajiban jangka panjang")
    b.items("kewajiban_jangka_panjang")
    b.line("kewajiban_jangka_panjang", t("kewajiban_jangka_panjang"))
    b.line("kewajiban", t("kewajiban"))
    b.heading("EKUITAS")
    b.items("ekuitas")
    b.rows.append(Row(CURRENT_SHU, t("shu")))
    b.line("ekuitas", t("ekuitas"))
    b.line("kewajiban_ekuitas", t("kewajiban_ekuitas"), style="total")
    checks = []
    for day, column in zip(dates, totals, strict=True):
        checks.append(
            Check(
                f"Aset = kewajiban + ekuitas (per {day:%d-%m-%Y})",
                column["aset"] == column["kewajiban_ekuitas"],
                f"Aset {format_rupiah(column['aset'])}; "
                f"kewajiban + ekuitas {format_rupiah(column['kewajiban_ekuitas'])}",
            )
        )
    return Statement(
        key="posisi-keuangan",
        title="Laporan Posisi Keuangan",
        period=period,
        columns=[f"Per {day:%d-%m-%Y}" for day in dates],
        rows=b.rows,
        checks=checks,
        text_columns=["Uraian"],
        options=options,
    )
