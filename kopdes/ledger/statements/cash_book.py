"""Buku kas: every movement on the cash and bank accounts with a running balance.

The first row is the saldo awal: cash before the period plus the cash of
opening-balance entries dated inside it (which are never listed as kas masuk).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kopdes.core.money import format_rupiah
from kopdes.core.timeutils import format_date_id
from kopdes.ledger.statements import data
from kopdes.ledger.statements.base import Check, Row, Statement, StatementOptions
from kopdes.ledger.statements.periods import ReportPeriod

if TYPE_CHECKING:
    from kopdes.cooperatives.models import Cooperative


def cash_book(
    cooperative: Cooperative,
    period: ReportPeriod,
    options: StatementOptions | None = None,
    *,
    account_id: int | None = None,
    unit_id: int | None = None,
) -> Statement:
    accounts = data.accounts(cooperative)
    cash_ids = {a.id for a in accounts if a.cash_flow_class == data.KAS}
    if account_id is not None:
        cash_ids &= {account_id}
    balance = data.cash_at_start(
        cooperative, cash_ids, start=period.start, end=period.end, unit_id=unit_id
    )
    rows = [
        Row(
            "Saldo awal",
            [None, None, balance],
            texts=[format_date_id(period.start), "", "Saldo awal"],
        )
    ]
    total_in = total_out = 0
    for line in data.cash_lines(
        cooperative, cash_ids, start=period.start, end=period.end, unit_id=unit_id
    ):
        balance += line.debit - line.credit
        total_in += line.debit
        total_out += line.credit
        rows.append(
            Row(
                line.memo,
                [line.debit or None, line.credit or None, balance],
                texts=[format_date_id(line.business_date), line.number, line.memo],
                account_id=line.entry_id,
            )
        )
    rows.append(
        Row("Jumlah", [total_in, total_out, balance], style="total", texts=["", "", "Jumlah"])
    )
    end = data.cash_balance(cooperative, cash_ids, until=period.end, unit_id=unit_id)
    return Statement(
        key="buku-kas",
        title="Buku Kas",
        period=period,
        text_columns=["Tanggal", "Nomor", "Keterangan"],
        columns=["Kas masuk", "Kas keluar", "Saldo"],
        rows=rows,
        checks=[
            Check(
                "Saldo akhir = saldo kas di buku besar",
                balance == end,
                f"Buku kas {format_rupiah(balance)}; buku besar {format_rupiah(end)}",
            )
        ],
        options=options or StatementOptions(),
    )
