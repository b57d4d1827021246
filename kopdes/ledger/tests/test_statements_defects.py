"""Issue #7 statement defects: each test failed on the code before the fix.

1. The direct-method cash flow invented flows from non-cash pairs (a cash
   sale booked with its cost) and flipped row labels by the current column.
2. The CaLK equity note left out SHU tahun berjalan, so it did not add up to
   the Laporan Posisi Keuangan.
3. Opening balances (entries of kind ``saldo_awal``) showed as movements in
   the trial balance, the equity statement and the buku kas.
"""

from __future__ import annotations

from datetime import date

import pytest

from kopdes.ledger.models import EntryKind
from kopdes.ledger.statements import build_statement
from kopdes.ledger.statements.periods import ReportPeriod
from kopdes.ledger.tests.books_helpers import post, rp

OCTOBER = ReportPeriod("month", 2026, 10)
PAYMENT_WORDS = ("Pembayaran", "Pencairan", "Penarikan", "Pengembalian")


@pytest.fixture
def coop(personas):
    return personas.coop


def _items(statement):
    return [row for row in statement.rows if row.style == "item"]


def test_a_cash_sale_booked_with_its_cost_is_one_receipt_and_no_supplier_payment(coop):
    post(
        coop, date(2026, 10, 5), "Penjualan tunai dengan HPP",
        ("1-1100", rp(1_000_000), 0), ("4-1120", 0, rp(1_000_000)),
        ("5-1100", rp(600_000), 0), ("1-1510", 0, rp(600_000)),
    )  # fmt: skip
    s = build_statement("arus-kas", coop, OCTOBER)
    flows = [(r.label, r.values[0]) for r in _items(s) if not r.label.startswith("Kas dan")]
    assert flows == [("Penerimaan dari pelanggan lain (non-anggota)", rp(1_000_000))]
    assert not any("HPP" in row.label or "Persediaan" in row.label for row in s.rows)
    assert s.all_ok


def test_a_cash_flow_row_keeps_its_label_whatever_the_sign_of_the_current_column(coop):
    # September: stock bought for cash; October: part of it returned for a refund.
    post(coop, date(2026, 9, 10), "Beli persediaan", ("1-1510", rp(500), 0), ("1-1100", 0, rp(500)))
    post(coop, date(2026, 10, 10), "Retur", ("1-1100", rp(200), 0), ("1-1510", 0, rp(200)))
    s = build_statement("arus-kas", coop, OCTOBER)
    for row in _items(s):
        if row.label.startswith("Penerimaan"):
            assert all(v >= 0 for v in row.values), row
        if row.label.startswith(PAYMENT_WORDS):
            assert all(v <= 0 for v in row.values), row
    assert s.row("Pembayaran kepada pemasok").values == [0, -rp(500)]
    assert s.row("Penerimaan dari pemasok (retur)").values == [rp(200), 0]


def test_the_equity_note_adds_up_to_the_balance_sheet_before_the_year_is_closed(coop):
    post(coop, date(2026, 10, 1), "Modal", ("1-1100", rp(1_000), 0), ("3-1300", 0, rp(1_000)))
    post(coop, date(2026, 10, 2), "Penjualan", ("1-1100", rp(300), 0), ("4-1110", 0, rp(300)))
    position = build_statement("posisi-keuangan", coop, OCTOBER)
    notes = build_statement("catatan", coop, OCTOBER)
    assert position.row("Jumlah ekuitas").values[0] == rp(1_300)
    assert notes.row("Jumlah ekuitas").values[0] == rp(1_300)
    assert notes.checks
    assert notes.all_ok


def _opening_in_october(coop):
    post(
        coop, date(2026, 10, 1), "Saldo awal",
        ("1-1100", rp(7_000), 0), ("1-1200", rp(3_000), 0), ("3-1300", 0, rp(10_000)),
        kind=EntryKind.OPENING,
    )  # fmt: skip
    post(coop, date(2026, 10, 2), "Penjualan", ("1-1100", rp(500), 0), ("4-1110", 0, rp(500)))


def test_an_opening_entry_in_the_period_is_saldo_awal_in_the_trial_balance(coop):
    _opening_in_october(coop)
    s = build_statement("neraca-saldo", coop, OCTOBER)
    assert s.row("Kas").values == [rp(7_000), 0, rp(500), 0, rp(7_500), 0]
    assert s.row("Modal Penyertaan").values == [0, rp(10_000), 0, 0, 0, rp(10_000)]
    assert s.row("Jumlah").values[2:4] == [rp(500), rp(500)]
    assert s.all_ok


def test_an_opening_entry_in_the_period_is_saldo_awal_in_the_equity_statement(coop):
    _opening_in_october(coop)
    s = build_statement("perubahan-ekuitas", coop, OCTOBER)
    assert s.row("Modal Penyertaan").values == [rp(10_000), 0, 0, rp(10_000)]
    assert s.all_ok


def test_an_opening_entry_in_the_period_is_saldo_awal_in_the_cash_book_and_the_cash_flow(coop):
    _opening_in_october(coop)
    book = build_statement("buku-kas", coop, OCTOBER)
    assert book.rows[0].label == "Saldo awal"
    assert book.rows[0].values[2] == rp(10_000)
    assert [row.label for row in _items(book)] == ["Saldo awal", "Penjualan"]
    assert book.row("Jumlah").values == [rp(500), 0, rp(10_500)]
    flow = build_statement("arus-kas", coop, OCTOBER)
    opening = next(row for row in flow.rows if row.label.startswith("Kas dan setara kas awal"))
    assert opening.values[0] == rp(10_000)
    trial = build_statement("neraca-saldo", coop, OCTOBER)
    assert trial.row("Kas").values[0] + trial.row("Bank").values[0] == rp(10_000)
    assert book.all_ok
    assert flow.all_ok
