"""A hand-built cooperative's statements equal the hand-computed figures, to the sen.

Opening balances on 30 Sep 2026 (income and expense so far in the year
included), then thirteen October entries: cash sales, a kas → bank transfer,
purchases, a five-line sale with its cost, wages, electricity, equipment, a
grant, bank interest and fees. The figures below were computed by hand.
"""

from __future__ import annotations

import pytest

from kopdes.ledger.models import Account
from kopdes.ledger.statements import StatementOptions, build_statement
from kopdes.ledger.statements.periods import ReportPeriod
from kopdes.ledger.tests.books_helpers import hand_built_books, rp

OCTOBER = ReportPeriod("month", 2026, 10)
PREVIOUS_MONTH = StatementOptions(compare="bulan")


@pytest.fixture
def books(personas):
    hand_built_books(personas.coop)
    return personas.coop


def test_the_balance_sheet_has_the_hand_figures_and_balances(books):
    s = build_statement("posisi-keuangan", books, OCTOBER, PREVIOUS_MONTH)
    assert s.row("Kas").values == [rp(5_000_000, 25), rp(5_000_000)]
    assert s.row("Bank").values == [rp(20_010_000), rp(20_000_000)]
    assert s.row("Piutang Usaha").values == [rp(200_000), 0]
    assert s.row("Persediaan Gerai Sembako").values == [rp(8_050_000), rp(8_000_000)]
    assert s.row("Peralatan dan Inventaris").values == [rp(14_500_000), rp(12_000_000)]
    assert s.row("Jumlah aset").values == [rp(47_760_000, 25), rp(45_000_000)]
    assert s.row("Jumlah kewajiban").values == [rp(1_500_000), rp(3_000_000)]
    assert s.row("SHU tahun berjalan (belum ditutup)").values == [
        -rp(1_739_999, 75),
        -rp(1_000_000),
    ]
    assert s.row("Jumlah ekuitas").values == [rp(46_260_000, 25), rp(42_000_000)]
    assert s.row("Jumlah kewajiban dan ekuitas").values == [rp(47_760_000, 25), rp(45_000_000)]
    assert s.row("Jumlah aset lancar").values == [rp(33_260_000, 25), rp(33_000_000)]
    assert s.row("Nilai buku aset tetap").values == [rp(14_500_000), rp(12_000_000)]
    assert s.all_ok
    assert len(s.checks) == 2


def test_the_phu_has_the_hand_figures(books):
    s = build_statement("phu", books, OCTOBER)
    assert s.columns == ["Oktober 2026", "September 2026", "Januari s.d. Oktober 2026"]

    def two(label):
        return s.row(label).values[:2]

    assert two("Penjualan Sembako - Non-anggota") == [rp(1_850_000, 50), rp(6_000_000)]
    assert two("Penjualan Sembako - Anggota") == [rp(800_000), 0]
    assert two("Jumlah pendapatan") == [rp(2_650_000, 50), rp(6_000_000)]
    assert two("HPP Gerai Sembako") == [rp(1_950_000), rp(4_500_000)]
    assert two("Hasil usaha bruto") == [rp(700_000, 50), rp(1_500_000)]
    assert two("Jumlah beban usaha") == [rp(1_550_000, 25), rp(2_500_000)]
    assert two("Hasil usaha") == [-rp(849_999, 75), -rp(1_000_000)]
    assert two("Beban Administrasi Bank") == [-rp(5_000), 0]
    assert two("Jumlah pendapatan (beban) lain-lain") == [rp(110_000), 0]
    assert two("Sisa hasil usaha (SHU)") == [-rp(739_999, 75), -rp(1_000_000)]
    # The year to date includes the income and expense brought in by the opening entry.
    assert s.row("Sisa hasil usaha (SHU)").values[2] == -rp(1_739_999, 75)
    assert s.all_ok


def test_the_phu_per_unit_columns_sum_to_the_consolidated_figure(books):
    s = build_statement("phu-unit", books, OCTOBER)
    assert s.columns[:3] == [
        "Gerai/kios sembako · Oktober 2026",
        "Tanpa unit · Oktober 2026",
        "Konsolidasi · Oktober 2026",
    ]
    assert s.row("Sisa hasil usaha (SHU)").values[:3] == [
        rp(350_000, 25),
        -rp(1_090_000),
        -rp(739_999, 75),
    ]
    assert s.row("Beban Gaji dan Tunjangan").values[:3] == [0, rp(1_200_000), rp(1_200_000)]
    assert s.all_ok


def test_the_cash_flow_ends_at_the_cash_balance_and_ignores_the_kas_bank_transfer(books):
    s = build_statement("arus-kas", books, OCTOBER)
    assert s.row("Arus kas bersih dari aktivitas operasi").values[0] == -rp(2_489_999, 75)
    assert s.row("Arus kas bersih dari aktivitas investasi").values[0] == -rp(2_500_000)
    assert s.row("Arus kas bersih dari aktivitas pendanaan").values[0] == rp(5_000_000)
    assert s.row("Kenaikan (penurunan) kas bersih").values == [rp(10_000, 25), 0]
    assert s.row("Kas dan setara kas akhir periode").values == [rp(25_010_000, 25), rp(25_000_000)]
    # The non-member sale of 12 Oct was partly on credit: only its 400,000 cash is a receipt.
    assert s.row("Penerimaan dari pelanggan lain (non-anggota)").values[0] == rp(1_650_000, 50)
    cash_ids = set(
        Account.objects.filter(cooperative=books, cash_flow_class="kas").values_list(
            "id", flat=True
        )
    )
    assert not {row.account_id for row in s.rows} & cash_ids
    assert s.all_ok


def test_the_trial_balance_balances_with_the_hand_movements(books):
    s = build_statement("neraca-saldo", books, OCTOBER)
    total = s.row("Jumlah").values
    assert total[2] == total[3] == rp(18_265_000, 75)
    assert total[0] == total[1] == rp(52_000_000)
    assert s.all_ok


def test_the_changes_in_equity_follow_the_grant_and_the_loss(books):
    s = build_statement("perubahan-ekuitas", books, OCTOBER)
    assert s.row("Hibah (saldo sebelum SAK EP)").values == [
        rp(10_000_000),
        rp(5_000_000),
        0,
        rp(15_000_000),
    ]
    assert s.row("SHU tahun berjalan (belum ditutup)").values == [
        -rp(1_000_000),
        0,
        rp(739_999, 75),
        -rp(1_739_999, 75),
    ]
    assert s.row("Jumlah ekuitas").values[3] == rp(46_260_000, 25)
    assert s.all_ok


def test_the_cash_book_lists_each_movement_and_nets_the_transfer_out(books):
    s = build_statement("buku-kas", books, OCTOBER)
    items = [row for row in s.rows if row.style == "item"]
    assert len(items) == 11 + 1  # eleven entries moving cash, plus the opening row
    assert s.row("Jumlah").values == [rp(7_560_000, 50), rp(7_550_000, 25), rp(25_010_000, 25)]
    assert s.all_ok


def test_the_notes_and_the_quarter_and_year_statements_build(books):
    for key in ("catatan", "posisi-keuangan", "phu", "arus-kas"):
        for period in (ReportPeriod("quarter", 2026, 4), ReportPeriod("year", 2026, 1)):
            statement = build_statement(key, books, period)
            assert statement.all_ok, (key, period, statement.checks)
    year = build_statement("phu", books, ReportPeriod("year", 2026, 1))
    assert year.row("Sisa hasil usaha (SHU)").values == [-rp(1_739_999, 75), 0]


def test_closing_the_months_changes_no_figure(books, personas):
    from kopdes.ledger.models import Period
    from kopdes.ledger.services.periods import close_month

    keys = ("posisi-keuangan", "phu", "phu-unit", "arus-kas", "neraca-saldo", "perubahan-ekuitas")
    before = {key: build_statement(key, books, OCTOBER).as_dict() for key in keys}
    for period in Period.objects.filter(cooperative=books).order_by("start_date"):
        close_month(cooperative=books, period=period, actor=personas.pengurus)
    after = {key: build_statement(key, books, OCTOBER).as_dict() for key in keys}
    assert after == before


def test_the_year_end_close_moves_the_result_into_equity_without_changing_the_phu(books, personas):
    from kopdes.ledger.models import Period
    from kopdes.ledger.services.periods import close_month, close_year

    year = ReportPeriod("year", 2026, 1)
    phu_before = build_statement("phu", books, year).row("Sisa hasil usaha (SHU)").values
    for period in Period.objects.filter(cooperative=books, year=2026, month__lt=12):
        close_month(cooperative=books, period=period, actor=personas.pengurus)
    close_year(cooperative=books, year=2026, actor=personas.pengurus)
    assert build_statement("phu", books, year).row("Sisa hasil usaha (SHU)").values == phu_before
    position = build_statement("posisi-keuangan", books, year)
    assert position.row("SHU Tahun Berjalan").values[0] == -rp(1_739_999, 75)
    assert position.row("SHU tahun berjalan (belum ditutup)").values[0] == 0
    assert position.row("Jumlah ekuitas").values[0] == rp(46_260_000, 25)
    assert position.all_ok
    assert build_statement("perubahan-ekuitas", books, year).all_ok
