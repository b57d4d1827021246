"""Catatan atas Laporan Keuangan (basic): policies and the detail behind the position."""

from __future__ import annotations

from typing import Any

from kopdes.ledger.statements import data
from kopdes.ledger.statements.base import Row, Statement
from kopdes.ledger.statements.periods import ReportPeriod

NOTES = (
    ("aset", "Rincian aset"),
    ("kewajiban", "Rincian kewajiban"),
    ("ekuitas", "Rincian ekuitas"),
)


def notes(cooperative: Any, period: ReportPeriod) -> Statement:
    accounts = data.accounts(cooperative)
    previous = period.previous()
    now = data.net_balances(cooperative, before=None, until=period.end)
    before = data.net_balances(cooperative, before=None, until=previous.end)
    rows: list[Row] = []
    number = 0
    for kind, heading in NOTES:
        number += 1
        rows.append(Row(f"{number}. {heading}", [None, None], style="heading"))
        total = [0, 0]
        sign = 1 if kind == "aset" else -1
        for account in accounts:
            if account.kind != kind:
                continue
            values = [sign * now.get(account.id, 0), sign * before.get(account.id, 0)]
            if any(values):
                rows.append(Row(f"{account.code} {account.name}", values, account_id=account.id))
                total = [t + v for t, v in zip(total, values, strict=True)]
        rows.append(
            Row(f"Jumlah {heading.lower().replace('rincian ', '')}", total, style="subtotal")
        )
    paragraphs = [
        f"{cooperative.name} adalah koperasi desa/kelurahan di {cooperative.primary_village.name}, "
        f"Kecamatan {cooperative.primary_village.parent.name}. Laporan ini mencakup "
        f"{period.label.lower()} ({period.range_label}) "
        f"dibandingkan dengan {previous.label.lower()}.",
        "Laporan keuangan disusun berdasarkan Standar Akuntansi Keuangan Entitas Privat (SAK EP) "
        "dengan dasar akrual dan biaya historis, dalam mata uang Rupiah.",
        "Kas dan setara kas terdiri atas kas di tangan dan saldo rekening bank. Arus kas disajikan "
        "dengan metode langsung; pemindahan antara kas dan bank bukan arus kas.",
        "Simpanan pokok dan simpanan wajib anggota disajikan sebagai ekuitas; simpanan sukarela "
        "dan berjangka sebagai kewajiban. Piutang pinjaman anggota disajikan setelah dikurangi "
        "penyisihan penghapusan (PPAP).",
        "Pendapatan dipisahkan antara transaksi dengan anggota dan dengan bukan anggota. "
        "Sisa hasil usaha (SHU) tahun berjalan dibagi sesuai keputusan Rapat Anggota Tahunan.",
    ]
    return Statement(
        key="catatan",
        title="Catatan atas Laporan Keuangan",
        period=period,
        columns=[f"Per {period.end:%d-%m-%Y}", f"Per {previous.end:%d-%m-%Y}"],
        rows=rows,
        paragraphs=paragraphs,
    )
