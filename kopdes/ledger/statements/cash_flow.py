"""Laporan Arus Kas, direct method.

Only the cash legs of an entry are flows: each posted entry's net movement
on the cash accounts (kas and bank, cash-flow class ``kas``), classed by the
entry's non-cash legs (``data.allocate_entry_cash``: legs of one class net,
several classes share the cash pro rata, exactly in sen). A cash sale booked
with its cost is one receipt; a kas ↔ bank transfer is no flow; an
opening-balance entry is part of the opening cash.

Each class has two fixed rows, one for receipts and one for payments (an
entry's flow goes to the row of its own direction), so a label never
depends on the sign of a column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kopdes.core.money import format_rupiah
from kopdes.ledger.chart import activity_of
from kopdes.ledger.statements import data
from kopdes.ledger.statements.base import Check, Row, Statement, StatementOptions
from kopdes.ledger.statements.periods import ReportPeriod

if TYPE_CHECKING:
    from kopdes.cooperatives.models import Cooperative

ACTIVITIES = (
    ("operasi", "ARUS KAS DARI AKTIVITAS OPERASI", "Arus kas bersih dari aktivitas operasi"),
    ("investasi", "ARUS KAS DARI AKTIVITAS INVESTASI", "Arus kas bersih dari aktivitas investasi"),
    ("pendanaan", "ARUS KAS DARI AKTIVITAS PENDANAAN", "Arus kas bersih dari aktivitas pendanaan"),
)

# class -> (receipt label, payment label), in the order the statement lists them.
CLASS_LABELS: dict[str, tuple[str, str]] = {
    "anggota": ("Penerimaan dari anggota", "Pembayaran kepada anggota"),
    "pelanggan": (
        "Penerimaan dari pelanggan lain (non-anggota)",
        "Pembayaran kepada pelanggan lain (non-anggota)",
    ),
    "pinjaman": (
        "Penerimaan angsuran pinjaman anggota",
        "Pencairan pinjaman kepada anggota",
    ),
    "pemasok": ("Penerimaan dari pemasok (retur)", "Pembayaran kepada pemasok"),
    "karyawan": ("Penerimaan dari karyawan", "Pembayaran kepada karyawan"),
    "beban": ("Penerimaan kembali beban operasional", "Pembayaran untuk beban operasional"),
    "bunga": ("Penerimaan bunga dan jasa", "Pembayaran bunga dan jasa"),
    "pajak": ("Penerimaan restitusi pajak", "Pembayaran pajak"),
    "operasi": ("Penerimaan operasi lainnya", "Pembayaran operasi lainnya"),
    "investasi": (
        "Penerimaan dari pelepasan aset tetap dan investasi",
        "Pembayaran untuk perolehan aset tetap dan investasi",
    ),
    "simpanan": ("Penerimaan simpanan anggota", "Penarikan simpanan anggota"),
    "modal": ("Penerimaan modal penyertaan", "Pengembalian modal penyertaan"),
    "hibah": ("Penerimaan hibah", "Pengembalian hibah"),
    "utang": ("Penerimaan pinjaman", "Pembayaran pinjaman"),
    "shu": ("Penerimaan terkait SHU dan cadangan", "Pembayaran SHU dan dana-dana SHU"),
    "pendanaan": ("Penerimaan pendanaan lainnya", "Pembayaran pendanaan lainnya"),
}
NET_CHANGE = "Kenaikan (penurunan) kas bersih"
OPENING = "Kas dan setara kas awal periode (termasuk saldo awal)"
CLOSING = "Kas dan setara kas akhir periode"
CLOSING_CHECK = "Kas akhir menurut arus kas = saldo kas di buku"


def cash_flow(
    cooperative: Cooperative, period: ReportPeriod, options: StatementOptions | None = None
) -> Statement:
    accounts = data.accounts(cooperative)
    cash_ids = {a.id for a in accounts if a.cash_flow_class == data.KAS}
    periods = (period, period.previous())
    flows = [data.cash_flows(cooperative, start=p.start, end=p.end) for p in periods]
    rows: list[Row] = []
    net = [0, 0]
    for activity, heading, total_label in ACTIVITIES:
        rows.append(Row(heading, [None, None], style="heading"))
        sums = [0, 0]
        classes = [cls for cls in CLASS_LABELS if activity_of(cls) == activity]
        for direction, label_index in (("in", 0), ("out", 1)):
            for cls in classes:
                values = [column.get((cls, direction), 0) for column in flows]
                if any(values):
                    rows.append(Row(CLASS_LABELS[cls][label_index], values))
                    sums = [s + v for s, v in zip(sums, values, strict=True)]
        rows.append(Row(total_label, sums, style="subtotal"))
        net = [n + s for n, s in zip(net, sums, strict=True)]
    # Opening balances imported inside the period are where the books start, not a flow.
    opening = [data.cash_at_start(cooperative, cash_ids, start=p.start, end=p.end) for p in periods]
    ends = [data.cash_balance(cooperative, cash_ids, until=p.end) for p in periods]
    computed = [o + n for o, n in zip(opening, net, strict=True)]
    rows.append(Row(NET_CHANGE, net, style="subtotal"))
    rows.append(Row(OPENING, list(opening)))
    rows.append(Row(CLOSING, computed, style="total"))
    checks = [
        Check(
            f"{CLOSING_CHECK} ({p.label})",
            computed[i] == ends[i],
            f"Arus kas {format_rupiah(computed[i])}; saldo kas {format_rupiah(ends[i])}",
        )
        for i, p in enumerate(periods)
    ]
    return Statement(
        key="arus-kas",
        title="Laporan Arus Kas (metode langsung)",
        period=period,
        columns=[p.label for p in periods],
        rows=rows,
        checks=checks,
        options=options or StatementOptions(),
    )
