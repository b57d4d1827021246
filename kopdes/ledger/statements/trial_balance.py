"""Neraca saldo (trial balance): opening balance, movements and closing balance per account.

Opening-balance entries (kind ``saldo_awal``) dated inside the period count
in the opening columns, never as mutasi (``data.opening_balances``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kopdes.core.money import format_rupiah
from kopdes.ledger.statements import data
from kopdes.ledger.statements.base import Check, Row, Statement, StatementOptions
from kopdes.ledger.statements.periods import ReportPeriod

if TYPE_CHECKING:
    from kopdes.cooperatives.models import Cooperative


def _split(net: int) -> tuple[int, int]:
    return (net, 0) if net >= 0 else (0, -net)


def trial_balance(
    cooperative: Cooperative, period: ReportPeriod, options: StatementOptions | None = None
) -> Statement:
    accounts = data.accounts(cooperative)
    opening = data.opening_balances(cooperative, start=period.start, end=period.end)
    moves = data.period_movements(cooperative, start=period.start, end=period.end)
    closing = data.net_balances(cooperative, before=None, until=period.end)
    rows: list[Row] = []
    totals = [0] * 6
    unequal: list[str] = []
    for account in accounts:
        open_net = opening.get(account.id, 0)
        debit, credit = moves.get(account.id, (0, 0))
        if not (open_net or debit or credit):
            continue
        close_net = open_net + debit - credit
        if close_net != closing.get(account.id, 0):
            unequal.append(account.code)
        values = [*_split(open_net), debit, credit, *_split(close_net)]
        totals = [t + v for t, v in zip(totals, values, strict=True)]
        rows.append(
            Row(
                account.name,
                list(values),
                texts=[account.code, account.name],
                account_id=account.id,
            )
        )
    rows.append(Row("Jumlah", list(totals), style="total", texts=["", "Jumlah"]))
    checks = [
        Check(
            f"Saldo {name} seimbang",
            totals[i] == totals[i + 1],
            f"Debit {format_rupiah(totals[i])}, kredit {format_rupiah(totals[i + 1])}",
        )
        for i, name in ((0, "awal"), (2, "mutasi"), (4, "akhir"))
    ]
    shown = {row.account_id for row in rows}
    unequal += [a.code for a in accounts if closing.get(a.id) and a.id not in shown]
    checks.append(
        Check(
            "Saldo akhir = saldo di buku besar",
            not unequal,
            "Semua akun cocok" if not unequal else "Tidak cocok: " + ", ".join(unequal),
        )
    )
    return Statement(
        key="neraca-saldo",
        title="Neraca Saldo",
        period=period,
        text_columns=["Kode", "Nama akun"],
        columns=[
            "Saldo awal debit",
            "Saldo awal kredit",
            "Mutasi debit",
            "Mutasi kredit",
            "Saldo akhir debit",
            "Saldo akhir kredit",
        ],
        rows=rows,
        checks=checks,
        options=options or StatementOptions(),
    )
