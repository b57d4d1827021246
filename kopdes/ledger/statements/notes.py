"""Catatan atas Laporan Keuangan (CaLK): identity, policies and the notes behind the figures.

The cooperative's legal identity comes from the registry (akta pendirian,
SK AHU, Nomor Induk Koperasi, NPWP: ``data.legal_identity``); the policies
are those the statements apply (SAK EP; hibah per ADR 0007). Balance notes
are at the same two dates as the Laporan Posisi Keuangan, and **every note
total is checked against its line in that statement** (built independently),
so a note that leaves something out (SHU tahun berjalan, say) fails its
check. Flow notes (fixed-asset additions, tax expense, revenue) cover the
period and the previous one; revenue is checked against the PHU.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from kopdes.core.money import format_rupiah
from kopdes.core.timeutils import format_date_id
from kopdes.ledger.chart import related_party_codes
from kopdes.ledger.statements import data
from kopdes.ledger.statements.base import AccountInfo, Check, Row, Statement, StatementOptions
from kopdes.ledger.statements.periods import ReportPeriod
from kopdes.ledger.statements.phu import income_statement
from kopdes.ledger.statements.position import (
    CURRENT_SHU,
    FIXED_NBV,
    LABELS,
    comparison_date,
    financial_position,
    section_of,
    shown_balance,
    unclosed_shu,
)

if TYPE_CHECKING:
    from kopdes.cooperatives.models import Cooperative

MISSING = "belum tercatat di registri"


@dataclass
class _Notes:
    accounts: list[AccountInfo]
    columns: list[dict[int, int]]
    rows: list[Row] = field(default_factory=list)
    number: int = 0
    totals: dict[str, list[int]] = field(default_factory=dict)

    def heading(self, title: str) -> None:
        self.number += 1
        self.rows.append(Row(f"{self.number}. {title}", [None, None], style="heading"))

    def sub(self, title: str) -> None:
        self.rows.append(Row(title, [None, None], style="heading"))

    def balances(
        self, keep: Callable[[AccountInfo], bool], label: str = "{code} {name}"
    ) -> list[int]:
        total = [0, 0]
        for account in self.accounts:
            if not keep(account):
                continue
            values = [shown_balance(account, column) for column in self.columns]
            if any(values):
                self.rows.append(
                    Row(label.format(code=account.code, name=account.name), values,
                        account_id=account.id)
                )  # fmt: skip
                total = [t + v for t, v in zip(total, values, strict=True)]
        return total

    def total(self, key: str, label: str, values: list[int]) -> None:
        self.totals[key] = list(values)
        self.rows.append(Row(label, list(values), style="subtotal"))


def _identity(cooperative: Cooperative) -> list[str]:
    legal = data.legal_identity(cooperative)
    village = cooperative.primary_village
    kecamatan = village.parent
    regency = kecamatan.parent if kecamatan is not None else None

    def dated(number: str, on: date | None) -> str:
        if not number:
            return MISSING
        return f"nomor {number}" + (f" tanggal {format_date_id(on)}" if on else "")

    akta = dated(legal.akta_number, legal.akta_date)
    if legal.akta_number and legal.notary:
        akta += f" (notaris {legal.notary})"
    place = f"{village.name}, Kecamatan {kecamatan.name if kecamatan else '-'}"
    if regency is not None:
        place += f", {regency.name}"
    return [
        f"{cooperative.name} ({cooperative.get_kind_display()}) berkedudukan di {place}.",
        f"Akta pendirian: {akta}. Pengesahan badan hukum (SK AHU): "
        f"{dated(legal.sk_ahu_number, legal.sk_ahu_date)}. Nomor Induk Koperasi (NIK): "
        f"{legal.nik_koperasi or MISSING}. NPWP: {legal.npwp or MISSING}.",
    ]


POLICIES = [
    "Kebijakan akuntansi: laporan keuangan disusun berdasarkan Standar Akuntansi Keuangan "
    "Entitas Privat (SAK EP) dengan dasar akrual dan biaya historis, dalam mata uang Rupiah.",
    "Kas dan setara kas terdiri atas kas di tangan dan saldo rekening bank. Arus kas disajikan "
    "dengan metode langsung: hanya kaki kas suatu jurnal yang menjadi arus kas, dikelompokkan "
    "menurut akun lawannya; pemindahan antara kas dan bank bukan arus kas. Saldo awal yang "
    "diimpor disajikan sebagai saldo awal, bukan mutasi.",
    "Piutang pinjaman anggota disajikan setelah dikurangi penyisihan penghapusan (PPAP). "
    "Persediaan diukur pada biaya perolehan atau harga jual dikurangi biaya untuk menjual, "
    "mana yang lebih rendah. Aset tetap dicatat sebesar biaya perolehan dikurangi akumulasi "
    "penyusutan.",
    "Simpanan pokok dan simpanan wajib anggota disajikan sebagai ekuitas; simpanan sukarela dan "
    "berjangka sebagai kewajiban. Modal penyertaan disajikan sebagai ekuitas menurut sumbernya.",
    "Hibah pemerintah yang masih bersyarat disajikan sebagai kewajiban (hibah ditangguhkan) dan "
    "diakui sebagai pendapatan saat syaratnya terpenuhi; hibah tanpa syarat kinerja diakui "
    "sebagai pendapatan saat diterima (SAK EP, hibah pemerintah). Saldo akun Hibah di ekuitas "
    "berasal dari pembukuan sebelum SAK EP.",
    "Pendapatan dipisahkan antara transaksi dengan anggota dan dengan bukan anggota. SHU dari "
    "transaksi dengan anggota dihitung menurut porsi pendapatan dari anggota. SHU tahun berjalan "
    "dibagi sesuai keputusan Rapat Anggota Tahunan.",
]


def _checks(notes: _Notes, position: Statement, phu: Statement, dates: list[date]) -> list[Check]:
    pairs = [
        ("aset_lancar", LABELS["aset_lancar"]),
        ("aset_tetap", FIXED_NBV),
        ("aset_tidak_lancar", LABELS["aset_tidak_lancar"]),
        ("kewajiban_jangka_pendek", LABELS["kewajiban_jangka_pendek"]),
        ("kewajiban_jangka_panjang", LABELS["kewajiban_jangka_panjang"]),
        ("ekuitas", LABELS["ekuitas"]),
    ]
    checks = []
    for key, label in pairs:
        try:
            line = [v or 0 for v in position.row(label).values]
        except KeyError:
            line = [0, 0]
        ours = notes.totals.get(key, [0, 0])
        checks.append(
            Check(
                f"Catatan = Laporan Posisi Keuangan: {label.lower()}",
                ours == line,
                "; ".join(
                    f"per {day:%d-%m-%Y} catatan {format_rupiah(a)}, posisi {format_rupiah(b)}"
                    for day, a, b in zip(dates, ours, line, strict=True)
                ),
            )
        )
    revenue = notes.totals.get("pendapatan_usaha", [0, 0])
    try:
        in_phu = [v or 0 for v in phu.row("Jumlah pendapatan").values[:2]]
    except KeyError:
        in_phu = [0, 0]
    checks.append(
        Check(
            "Catatan = PHU: jumlah pendapatan usaha",
            revenue == in_phu,
            f"Catatan {format_rupiah(revenue[0])}; PHU {format_rupiah(in_phu[0])}",
        )
    )
    return checks


def notes(
    cooperative: Cooperative, period: ReportPeriod, options: StatementOptions | None = None
) -> Statement:
    options = options or StatementOptions()
    accounts = data.accounts(cooperative)
    previous = period.previous()
    dates = [period.end, comparison_date(period, options)]
    columns = [data.net_balances(cooperative, before=None, until=day) for day in dates]
    n = _Notes(accounts, columns)
    cash = data.KAS

    n.heading("Kas dan setara kas")
    cash_total = n.balances(lambda a: a.kind == "aset" and a.cash_flow_class == cash)
    n.total("kas", "Jumlah kas dan setara kas", cash_total)
    n.heading("Piutang dan aset lancar lain")
    other = n.balances(
        lambda a: (
            section_of(a) == "aset_lancar"
            and a.cash_flow_class != cash
            and a.report_group != "persediaan"
        )
    )
    n.total("piutang", "Jumlah piutang dan aset lancar lain", other)
    n.heading("Persediaan")
    stock = n.balances(lambda a: section_of(a) == "aset_lancar" and a.report_group == "persediaan")
    n.total("persediaan", "Jumlah persediaan", stock)
    n.total(
        "aset_lancar",
        "Jumlah aset lancar (catatan 1–3)",
        [a + b + c for a, b, c in zip(cash_total, other, stock, strict=True)],
    )

    n.heading("Aset tetap")
    fixed = [a for a in accounts if section_of(a) == "aset_tetap"]
    cost = n.balances(lambda a: a in fixed and a.normal_side == "debit", "Harga perolehan: {name}")
    n.total("aset_tetap_biaya", "Jumlah harga perolehan", cost)
    depreciation = n.balances(
        lambda a: a in fixed and a.normal_side != "debit", "Akumulasi: {name}"
    )
    n.total("aset_tetap_akumulasi", "Jumlah akumulasi penyusutan", depreciation)
    n.total("aset_tetap", FIXED_NBV, [a + b for a, b in zip(cost, depreciation, strict=True)])
    cost_ids = [a.id for a in fixed if a.normal_side == "debit"]
    added = [
        data.additions(cooperative, cost_ids, start=p.start, end=p.end) for p in (period, previous)
    ]
    n.sub(f"Penambahan aset tetap ({period.label}; {previous.label})")
    added_total = [0, 0]
    for account in fixed:
        values = [column.get(account.id, 0) for column in added]
        if any(values):
            n.rows.append(Row(f"Penambahan: {account.name}", values, account_id=account.id))
            added_total = [t + v for t, v in zip(added_total, values, strict=True)]
    n.rows.append(Row("Jumlah penambahan aset tetap", added_total, style="subtotal"))
    n.heading("Aset tidak lancar lain")
    other_fixed = n.balances(lambda a: section_of(a) == "aset_tidak_lancar_lain")
    n.total(
        "aset_tidak_lancar",
        "Jumlah aset tidak lancar (catatan 4–5)",
        [a + b for a, b in zip(n.totals["aset_tetap"], other_fixed, strict=True)],
    )

    n.heading("Utang usaha dan kewajiban jangka pendek lain")
    short = n.balances(
        lambda a: section_of(a) == "kewajiban_jangka_pendek" and a.cash_flow_class != "pajak"
    )
    n.total("utang", "Jumlah kewajiban jangka pendek selain pajak", short)
    n.heading("Perpajakan")
    taxes = n.balances(
        lambda a: section_of(a) == "kewajiban_jangka_pendek" and a.cash_flow_class == "pajak"
    )
    n.total("utang_pajak", "Jumlah utang pajak", taxes)
    n.total(
        "kewajiban_jangka_pendek",
        "Jumlah kewajiban jangka pendek (catatan 6–7)",
        [a + b for a, b in zip(short, taxes, strict=True)],
    )
    tax_ids = {a.id for a in accounts if a.kind == "beban" and a.cash_flow_class == "pajak"}
    tax_expense = [
        sum(v for k, v in data.net_movements(cooperative, start=p.start, end=p.end).items()
            if k in tax_ids)
        for p in (period, previous)
    ]  # fmt: skip
    n.rows.append(Row(f"Beban pajak ({period.label}; {previous.label})", tax_expense))
    n.heading("Kewajiban jangka panjang")
    long = n.balances(lambda a: section_of(a) == "kewajiban_jangka_panjang")
    n.total("kewajiban_jangka_panjang", "Jumlah kewajiban jangka panjang", long)

    n.heading("Ekuitas")
    equity = n.balances(lambda a: section_of(a) == "ekuitas")
    shu = [unclosed_shu(accounts, column) for column in columns]
    n.rows.append(Row(CURRENT_SHU, shu))
    n.total("ekuitas", "Jumlah ekuitas", [a + b for a, b in zip(equity, shu, strict=True)])
    sources = [a for a in accounts if a.cash_flow_class in ("modal", "hibah")
               and a.kind in ("ekuitas", "kewajiban")]  # fmt: skip
    credits = data.credits_to(cooperative, [a.id for a in sources], until=period.end)
    if credits:
        n.sub("Sumber modal penyertaan dan hibah (penerimaan sampai akhir periode)")
        for account in sources:
            for credit in credits.get(account.id, []):
                n.rows.append(
                    Row(
                        f"{account.name}: {credit.memo or '-'} ({credit.number}, "
                        f"{format_date_id(credit.business_date)})",
                        [credit.amount, None],
                        account_id=account.id,
                    )
                )

    n.heading(f"Pendapatan dari anggota dan non-anggota ({period.label}; {previous.label})")
    moves = [data.net_movements(cooperative, start=p.start, end=p.end) for p in (period, previous)]
    revenue = [a for a in accounts if a.kind == "pendapatan" and a.report_group in
               ("pendapatan_usaha", "")]  # fmt: skip
    revenue_total = [0, 0]
    for segment, label in (
        ("anggota", "Pendapatan dari anggota"),
        ("non_anggota", "Pendapatan dari non-anggota"),
        ("", "Pendapatan usaha tanpa segmen"),
    ):
        values = [
            -sum(column.get(a.id, 0) for a in revenue if a.segment == segment) for column in moves
        ]
        if any(values) or segment:
            n.rows.append(Row(label, values))
            revenue_total = [t + v for t, v in zip(revenue_total, values, strict=True)]
    n.total("pendapatan_usaha", "Jumlah pendapatan usaha", revenue_total)

    n.heading("Pihak berelasi")
    related = related_party_codes()
    party = n.balances(lambda a: a.code in related)
    n.total("pihak_berelasi", "Jumlah saldo dengan pihak berelasi", party)

    position = financial_position(cooperative, period, options)
    phu = income_statement(cooperative, period, options)
    village = cooperative.primary_village.name
    paragraphs = [
        *_identity(cooperative),
        f"Laporan ini mencakup {period.label.lower()} ({period.range_label}); saldo "
        f"dibandingkan dengan posisi per {format_date_id(dates[1])}.",
        *POLICIES,
        f"Pihak berelasi: Pemerintah Desa/Kelurahan {village} (kepala desa memimpin pengawas "
        "koperasi desa). Saldo dengan desa (imbal jasa desa, utang kepada pemerintah desa) "
        "dirinci pada catatan Pihak berelasi.",
    ]
    return Statement(
        key="catatan",
        title="Catatan atas Laporan Keuangan",
        period=period,
        columns=[f"Per {day:%d-%m-%Y}" for day in dates],
        rows=n.rows,
        paragraphs=paragraphs,
        checks=_checks(n, position, phu, dates),
        options=options,
    )
