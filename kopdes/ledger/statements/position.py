"""Laporan Posisi Keuangan (neraca) at the end of the period and of the previous one."""

from __future__ import annotations

from typing import Any

from kopdes.core.money import format_rupiah
from kopdes.ledger.statements import data
from kopdes.ledger.statements.base import AccountInfo, Check, Row, Statement
from kopdes.ledger.statements.periods import ReportPeriod

SECTIONS = (
    ("aset", "ASET", "Jumlah aset"),
    ("kewajiban", "KEWAJIBAN", "Jumlah kewajiban"),
    ("ekuitas", "EKUITAS", "Jumlah ekuitas"),
)
CURRENT_SHU = "SHU tahun berjalan (belum ditutup)"


def unclosed_shu(accounts: list[AccountInfo], balances: dict[int, int]) -> int:
    """Income less expense still sitting in the income and expense accounts."""
    return -sum(balances.get(a.id, 0) for a in accounts if a.kind in ("pendapatan", "beban"))


def position_totals(accounts: list[AccountInfo], balances: dict[int, int]) -> dict[str, int]:
    totals = {kind: 0 for kind, _, _ in SECTIONS}
    for account in accounts:
        if account.kind in totals:
            # Assets are shown on the debit side, claims on the credit side.
            sign = 1 if account.kind == "aset" else -1
            totals[account.kind] += sign * balances.get(account.id, 0)
    totals["shu"] = unclosed_shu(accounts, balances)
    totals["ekuitas"] += totals["shu"]
    return totals


def financial_position(cooperative: Any, period: ReportPeriod) -> Statement:
    accounts = data.accounts(cooperative)
    previous = period.previous()
    now = data.net_balances(cooperative, before=None, until=period.end)
    before = data.net_balances(cooperative, before=None, until=previous.end)
    rows: list[Row] = []
    for kind, heading, total_label in SECTIONS:
        rows.append(Row(heading, [None, None], style="heading"))
        for account in accounts:
            if account.kind != kind:
                continue
            a, b = now.get(account.id, 0), before.get(account.id, 0)
            if a or b:
                # Contra accounts (PPAP) show as negatives inside their section.
                sign = 1 if kind == "aset" else -1
                rows.append(Row(account.name, [sign * a, sign * b], account_id=account.id))
        if kind == "ekuitas":
            rows.append(
                Row(CURRENT_SHU, [unclosed_shu(accounts, now), unclosed_shu(accounts, before)])
            )
        totals_now, totals_before = (
            position_totals(accounts, now),
            position_totals(accounts, before),
        )
        rows.append(Row(total_label, [totals_now[kind], totals_before[kind]], style="subtotal"))
    t_now, t_before = position_totals(accounts, now), position_totals(accounts, before)
    rows.append(
        Row(
            "Jumlah kewajiban dan ekuitas",
            [t_now["kewajiban"] + t_now["ekuitas"], t_before["kewajiban"] + t_before["ekuitas"]],
            style="total",
        )
    )
    checks = []
    for label, totals in ((period.label, t_now), (previous.label, t_before)):
        claims = totals["kewajiban"] + totals["ekuitas"]
        checks.append(
            Check(
                f"Aset = kewajiban + ekuitas ({label})",
                totals["aset"] == claims,
                f"Aset {format_rupiah(totals['aset'])}; "
                f"kewajiban + ekuitas {format_rupiah(claims)}",
            )
        )
    return Statement(
        key="posisi-keuangan",
        title="Laporan Posisi Keuangan",
        period=period,
        columns=[f"Per {period.end:%d-%m-%Y}", f"Per {previous.end:%d-%m-%Y}"],
        rows=rows,
        checks=checks,
        text_columns=["Uraian"],
    )
