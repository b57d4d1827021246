"""Laporan Perubahan Ekuitas: each equity account from the period's start to its end.

Opening-balance entries dated inside the period are part of the saldo awal,
never a penambahan (``data.opening_balances``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kopdes.core.money import format_rupiah
from kopdes.ledger.statements import data
from kopdes.ledger.statements.base import Check, Row, Statement, StatementOptions
from kopdes.ledger.statements.periods import ReportPeriod
from kopdes.ledger.statements.position import CURRENT_SHU, position_totals, unclosed_shu

if TYPE_CHECKING:
    from kopdes.cooperatives.models import Cooperative


def changes_in_equity(
    cooperative: Cooperative, period: ReportPeriod, options: StatementOptions | None = None
) -> Statement:
    accounts = data.accounts(cooperative)
    opening = data.opening_balances(cooperative, start=period.start, end=period.end)
    closing = data.net_balances(cooperative, before=None, until=period.end)
    moves = data.period_movements(cooperative, start=period.start, end=period.end)
    rows: list[Row] = []
    totals = [0, 0, 0, 0]
    for account in accounts:
        if account.kind != "ekuitas":
            continue
        debit, credit = moves.get(account.id, (0, 0))
        start, end = -opening.get(account.id, 0), -closing.get(account.id, 0)
        if not (start or end or debit or credit):
            continue
        values = [start, credit, debit, end]
        totals = [t + v for t, v in zip(totals, values, strict=True)]
        rows.append(Row(account.name, values, account_id=account.id))
    shu_start, shu_end = unclosed_shu(accounts, opening), unclosed_shu(accounts, closing)
    change = shu_end - shu_start
    shu_values = [shu_start, max(change, 0), max(-change, 0), shu_end]
    totals = [t + v for t, v in zip(totals, shu_values, strict=True)]
    rows.append(Row(CURRENT_SHU, shu_values))
    rows.append(Row("Jumlah ekuitas", totals, style="total"))
    in_position = position_totals(accounts, closing)["ekuitas"]
    checks = [
        Check(
            "Saldo awal + penambahan − pengurangan = saldo akhir",
            totals[0] + totals[1] - totals[2] == totals[3],
            f"Saldo akhir {format_rupiah(totals[3])}",
        ),
        Check(
            "Saldo akhir = ekuitas di Laporan Posisi Keuangan",
            totals[3] == in_position,
            f"Posisi keuangan {format_rupiah(in_position)}",
        ),
    ]
    return Statement(
        key="perubahan-ekuitas",
        title="Laporan Perubahan Ekuitas",
        period=period,
        columns=["Saldo awal", "Penambahan", "Pengurangan", "Saldo akhir"],
        rows=rows,
        checks=checks,
        options=options or StatementOptions(),
    )
