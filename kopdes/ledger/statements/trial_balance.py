"""Neraca saldo (trial balance): opening balance, movements and closing balance per account."""

from __future__ import annotations

from typing import Any

from kopdes.core.money import format_rupiah
from kopdes.ledger.statements import data
from kopdes.ledger.statements.base import Check, Row, Statement
from kopdes.ledger.statements.periods import ReportPeriod


def _split(net: int) -> tuple[int, int]:
    return (net, 0) if net >= 0 else (0, -net)


def trial_balance(cooperative: Any, period: ReportPeriod) -> Statement:
    accounts = data.accounts(cooperative)
    opening = data.net_balances(cooperative, before=period.start)
    moves = data.movements(cooperative, start=period.start, end=period.end)
    rows: list[Row] = []
    totals = [0] * 6
    for account in accounts:
        open_net = opening.get(account.id, 0)
        debit, credit = moves.get(account.id, (0, 0))
        if not (open_net or debit or credit):
            continue
        close_net = open_net + debit - credit
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
    )
