"""Laporan Arus Kas, direct method.

Every posted line on a non-cash account in an entry that moves cash is a
flow, classed by that counter-account's cash-flow class: the sum of those
lines' (credit − debit) is exactly the entry's net cash movement, because
the entry balances. An entry with cash lines only (kas ↔ bank) has no
counter-account, so it is no flow.
"""

from __future__ import annotations

from typing import Any

from kopdes.core.money import format_rupiah
from kopdes.ledger.statements import data
from kopdes.ledger.statements.base import Check, Row, Statement
from kopdes.ledger.statements.periods import ReportPeriod

ACTIVITIES = (
    ("operasi", "ARUS KAS DARI AKTIVITAS OPERASI", "Arus kas bersih dari aktivitas operasi"),
    ("investasi", "ARUS KAS DARI AKTIVITAS INVESTASI", "Arus kas bersih dari aktivitas investasi"),
    ("pendanaan", "ARUS KAS DARI AKTIVITAS PENDANAAN", "Arus kas bersih dari aktivitas pendanaan"),
)
NET_CHANGE = "Kenaikan (penurunan) kas bersih"
OPENING = "Kas dan setara kas awal periode (termasuk saldo awal)"
CLOSING = "Kas dan setara kas akhir periode"


def activity_of(cash_flow_class: str) -> str:
    return cash_flow_class if cash_flow_class in ("investasi", "pendanaan") else "operasi"


def cash_flow(cooperative: Any, period: ReportPeriod) -> Statement:
    accounts = data.accounts(cooperative)
    cash_ids = {a.id for a in accounts if a.cash_flow_class == "kas"}
    previous = period.previous()
    now = data.cash_flows(cooperative, start=period.start, end=period.end)
    before = data.cash_flows(cooperative, start=previous.start, end=previous.end)
    rows: list[Row] = []
    net = [0, 0]
    for activity, heading, total_label in ACTIVITIES:
        rows.append(Row(heading, [None, None], style="heading"))
        sums = [0, 0]
        for account in accounts:
            if account.id in cash_ids or activity_of(account.cash_flow_class) != activity:
                continue
            values = [now.get(account.id, 0), before.get(account.id, 0)]
            if any(values):
                label = (
                    "Penerimaan dari " if values[0] >= 0 else "Pembayaran untuk "
                ) + account.name
                rows.append(Row(label, values, account_id=account.id))
                sums = [s + v for s, v in zip(sums, values, strict=True)]
        rows.append(Row(total_label, sums, style="subtotal"))
        net = [n + s for n, s in zip(net, sums, strict=True)]
    # Opening balances imported inside the period are where the books start, not a flow.
    balances = [
        data.cash_balance(cooperative, cash_ids, until=p.start, inclusive=False)
        + data.opening_cash(cooperative, cash_ids, start=p.start, end=p.end)
        for p in (period, previous)
    ]
    ends = [data.cash_balance(cooperative, cash_ids, until=p.end) for p in (period, previous)]
    computed = [o + n for o, n in zip(balances, net, strict=True)]
    rows.append(Row(NET_CHANGE, net, style="subtotal"))
    rows.append(Row(OPENING, list(balances)))
    rows.append(Row(CLOSING, computed, style="total"))
    checks = [
        Check(
            f"Kas akhir menurut arus kas = saldo kas di buku ({label})",
            computed[i] == ends[i],
            f"Arus kas {format_rupiah(computed[i])}; saldo kas {format_rupiah(ends[i])}",
        )
        for i, label in enumerate((period.label, previous.label))
    ]
    return Statement(
        key="arus-kas",
        title="Laporan Arus Kas (metode langsung)",
        period=period,
        columns=[period.label, previous.label],
        rows=rows,
        checks=checks,
    )
