"""A hand-built cooperative's direct-method cash flow equals the hand figures by class.

Opening balances on 30 Sep 2026 (kas 10,000,000; bank 50,000,000; stock
5,000,000; modal penyertaan 65,000,000), then in October: a non-member and a
member cash sale each booked with its cost in one entry, a fixed-asset
purchase, a government grant (deferred, ADR 0007), an equity injection from
the desa, a restock through the bank, wages, electricity, tax, bank interest
net of its fee, a mixed receipt whose cash two classes share pro rata (to the
sen), depreciation, and a kas → bank transfer. Every figure below was
computed by hand.
"""

from __future__ import annotations

from datetime import date

import pytest

from kopdes.cooperatives.models import FormationStep
from kopdes.core.money import split_proportionally
from kopdes.ledger.models import EntryKind
from kopdes.ledger.statements import (
    STATEMENTS,
    StatementOptions,
    build_statement,
    failed_checks,
)
from kopdes.ledger.statements.data import allocate_entry_cash
from kopdes.ledger.statements.periods import ReportPeriod
from kopdes.ledger.tests.books_helpers import post, rp, unit

OCTOBER = ReportPeriod("month", 2026, 10)
SHU = "Sisa hasil usaha (SHU)"


@pytest.fixture
def books(personas):
    coop = personas.coop
    gerai = unit(coop)
    unit(coop, "klinik")  # no activity: hidden from the PHU per unit by default
    post(
        coop, date(2026, 9, 30), "Saldo awal",
        ("1-1100", rp(10_000_000), 0), ("1-1200", rp(50_000_000), 0),
        ("1-1510", rp(5_000_000), 0), ("3-1300", 0, rp(65_000_000)),
        kind=EntryKind.OPENING,
    )  # fmt: skip
    day = date(2026, 10, 1).replace
    post(
        coop, day(day=2), "Penjualan tunai non-anggota dengan HPP",
        ("1-1100", rp(1_000_000, 50), 0), ("4-1120", 0, rp(1_000_000, 50)),
        ("5-1100", rp(700_000), 0), ("1-1510", 0, rp(700_000)), unit=gerai,
    )  # fmt: skip
    post(
        coop, day(day=3), "Penjualan tunai anggota dengan HPP",
        ("1-1100", rp(300_000), 0), ("4-1110", 0, rp(300_000)),
        ("5-1100", rp(200_000), 0), ("1-1510", 0, rp(200_000)), unit=gerai,
    )  # fmt: skip
    post(coop, day(day=5), "Beli freezer", ("1-2300", rp(12_000_000), 0),
         ("1-1200", 0, rp(12_000_000)))  # fmt: skip
    post(coop, day(day=8), "Hibah Kementerian Koperasi untuk gerai",
         ("1-1200", rp(20_000_000), 0), ("2-2300", 0, rp(20_000_000)))  # fmt: skip
    post(coop, day(day=9), "Modal penyertaan Pemerintah Desa (APBDes 2026)",
         ("1-1200", rp(15_000_000), 0), ("3-1300", 0, rp(15_000_000)))  # fmt: skip
    post(coop, day(day=10), "Beli persediaan", ("1-1510", rp(2_000_000), 0),
         ("1-1200", 0, rp(2_000_000)))  # fmt: skip
    post(coop, day(day=15), "Setor kas ke bank", ("1-1200", rp(500_000), 0),
         ("1-1100", 0, rp(500_000)))  # fmt: skip
    post(coop, day(day=20), "Listrik", ("6-1200", rp(250_000, 25), 0),
         ("1-1100", 0, rp(250_000, 25)))  # fmt: skip
    post(coop, day(day=25), "Gaji", ("6-1100", rp(1_500_000), 0), ("1-1100", 0, rp(1_500_000)))
    post(
        coop, day(day=28), "Bunga bank dikurangi administrasi",
        ("1-1200", rp(8_000), 0), ("7-2100", rp(2_000), 0), ("7-1100", 0, rp(10_000)),
    )  # fmt: skip
    post(
        coop, day(day=29), "Penerimaan campuran dengan potongan",
        ("1-1100", 101, 0), ("4-1110", 0, 101), ("4-1120", 0, 100), ("6-1800", 100, 0),
    )  # fmt: skip
    post(coop, day(day=30), "Penyusutan", ("6-1500", rp(100_000), 0), ("1-2310", 0, rp(100_000)))
    post(coop, day(day=31), "PPh final", ("8-1100", rp(6_500), 0), ("1-1100", 0, rp(6_500)))
    return coop


def test_the_cash_flow_equals_the_hand_figures_by_class(books):
    s = build_statement("arus-kas", books, OCTOBER)
    flows = {
        row.label: row.values[0]
        for row in s.rows
        if row.style == "item" and not row.label.startswith("Kas dan")
    }
    assert flows == {
        "Penerimaan dari anggota": rp(300_000, 51),
        "Penerimaan dari pelanggan lain (non-anggota)": rp(1_000_001),
        "Penerimaan bunga dan jasa": rp(8_000),
        "Pembayaran kepada pemasok": -rp(2_000_000),
        "Pembayaran kepada karyawan": -rp(1_500_000),
        "Pembayaran untuk beban operasional": -rp(250_000, 25),
        "Pembayaran pajak": -rp(6_500),
        "Pembayaran untuk perolehan aset tetap dan investasi": -rp(12_000_000),
        "Penerimaan hibah": rp(20_000_000),
        "Penerimaan modal penyertaan": rp(15_000_000),
    }
    assert s.row("Arus kas bersih dari aktivitas operasi").values[0] == -rp(2_448_498, 74)
    assert s.row("Arus kas bersih dari aktivitas investasi").values[0] == -rp(12_000_000)
    assert s.row("Arus kas bersih dari aktivitas pendanaan").values[0] == rp(35_000_000)
    assert s.row("Kenaikan (penurunan) kas bersih").values == [rp(20_551_501, 26), 0]
    # The opening entry is the opening cash (of September, the period it falls in).
    assert s.row("Kas dan setara kas awal periode (termasuk saldo awal)").values == [
        rp(60_000_000),
        rp(60_000_000),
    ]
    assert s.row("Kas dan setara kas akhir periode").values == [
        rp(80_551_501, 26),
        rp(60_000_000),
    ]
    assert s.all_ok


def test_one_entry_s_cash_is_shared_pro_rata_exactly_in_sen():
    # 101 sen in: members 101, others 100 on the same side; a 100 sen discount on the other.
    assert allocate_entry_cash(101, {"anggota": 101, "pelanggan": 100, "beban": -100}) == {
        "anggota": 51,
        "pelanggan": 50,
    }
    # HPP against persediaan in a cash sale are one class: they cancel, no flow.
    assert allocate_entry_cash(1000, {"pelanggan": 1000, "pemasok": 0}) == {"pelanggan": 1000}
    assert allocate_entry_cash(0, {"pemasok": 5, "beban": -5}) == {}
    assert allocate_entry_cash(-7, {"pemasok": -4, "karyawan": -3}) == {
        "karyawan": -3,
        "pemasok": -4,
    }


def test_the_position_shows_current_and_non_current_and_the_net_book_value(books):
    s = build_statement("posisi-keuangan", books, OCTOBER)
    assert s.columns == ["Per 31-10-2026", "Per 31-12-2025"]  # interim: the last year-end
    assert s.row("Jumlah aset lancar").values == [rp(86_651_501, 26), 0]
    assert s.row("Peralatan dan Inventaris").values[0] == rp(12_000_000)
    assert s.row("Akumulasi Penyusutan Peralatan dan Inventaris").values[0] == -rp(100_000)
    assert s.row("Nilai buku aset tetap").values[0] == rp(11_900_000)
    assert s.row("Jumlah kewajiban jangka panjang").values[0] == rp(20_000_000)
    assert s.row("Jumlah ekuitas").values[0] == rp(78_551_501, 26)
    assert s.row("Jumlah aset").values[0] == rp(98_551_501, 26)
    assert s.all_ok
    monthly = build_statement("posisi-keuangan", books, OCTOBER, StatementOptions(compare="bulan"))
    assert monthly.columns == ["Per 31-10-2026", "Per 30-09-2026"]
    assert monthly.row("Jumlah aset").values == [rp(98_551_501, 26), rp(65_000_000)]


def test_the_phu_splits_member_revenue_and_the_shu_from_members(books):
    s = build_statement("phu", books, OCTOBER)
    assert s.row("Jumlah pendapatan dari anggota").values[0] == rp(300_001, 1)
    assert s.row("Jumlah pendapatan dari non-anggota").values[0] == rp(1_000_001, 50)
    shu = s.row(SHU).values[0]
    assert shu == -rp(1_448_498, 74)
    members = s.row("SHU dari transaksi dengan anggota").values[0]
    others = s.row("SHU dari transaksi dengan non-anggota dan lainnya").values[0]
    assert members == split_proportionally(shu, [rp(300_001, 1), rp(1_000_001, 50) + rp(10_000)])[0]
    assert members + others == shu
    assert s.all_ok


def test_the_phu_per_unit_sums_to_the_consolidated_phu_in_both_periods(books):
    s = build_statement("phu-unit", books, OCTOBER)
    assert not any("Klinik" in column for column in s.columns)
    assert s.paragraphs  # says that a unit is hidden
    consolidated = build_statement("phu", books, OCTOBER).row(SHU).values[:2]
    values = s.row(SHU).values
    assert [values[2], values[5]] == consolidated
    assert values[0] + values[1] == values[2]
    assert s.all_ok
    every = build_statement("phu-unit", books, OCTOBER, StatementOptions(all_units=True))
    assert any("Klinik" in column for column in every.columns)
    assert every.all_ok


def test_the_notes_add_up_to_the_position_and_name_the_sources(books, personas):
    FormationStep.objects.create(
        cooperative=books, kind="akta_pendirian", done_on=date(2025, 7, 1),
        document_number="12", notary_name="Siti Aminah, S.H., M.Kn.",
    )  # fmt: skip
    FormationStep.objects.create(
        cooperative=books, kind="npwp", done_on=date(2025, 8, 1),
        document_number="01.234.567.8-901.000",
    )  # fmt: skip
    s = build_statement("catatan", books, OCTOBER)
    assert s.all_ok, [c for c in s.checks if not c.ok]
    assert len(s.checks) >= 7
    assert s.row("Nilai buku aset tetap").values[0] == rp(11_900_000)
    assert s.row("Penambahan: Peralatan dan Inventaris").values[0] == rp(12_000_000)
    assert s.row("Jumlah ekuitas").values[0] == rp(78_551_501, 26)
    assert s.row("Jumlah kewajiban jangka panjang").values[0] == rp(20_000_000)
    labels = [row.label for row in s.rows]
    assert any("Hibah Kementerian Koperasi" in label for label in labels)
    assert any("APBDes 2026" in label for label in labels)
    text = " ".join(s.paragraphs)
    assert "nomor 12" in text
    assert "Siti Aminah" in text
    assert "01.234.567.8-901.000" in text
    assert "SK AHU): belum tercatat di registri" in text
    assert "SAK EP" in text


def test_every_statement_of_the_hand_built_books_passes_its_checks(books):
    for period in (OCTOBER, ReportPeriod("quarter", 2026, 4), ReportPeriod("year", 2026, 1)):
        assert failed_checks(books, period) == []
    assert set(STATEMENTS) >= {"arus-kas", "catatan", "phu-unit"}
