"""XLSX money is exact: sen become rupiah digit for digit, never a binary float."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from kopdes.core.documents import table_workbook


def saved(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def cell_xml(content: bytes) -> dict[str, str]:
    """Each cell's stored value text, by reference (``B5`` -> ``79680448.76``)."""
    sheet = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    return dict(re.findall(r'<c r="([A-Z]+[0-9]+)"[^>]*><v>([^<]*)</v>', sheet))


def sample() -> bytes:
    return saved(
        table_workbook(
            title="Buku Kas",
            headers=["Tanggal", "Keterangan", "Kas masuk", "Saldo"],
            rows=[
                [date(2026, 10, 2), "Penjualan", 7_968_044_876, 7_968_044_876],
                [date(2026, 10, 3), "Modal", 9_999_999_999_999_999, 99_999_999_999_999],
                [date(2026, 10, 4), "Koreksi", -1, 0],
                [None, "Jumlah", 10_000_007_968_044_875, 0],
            ],
            money_columns=[2, 3],
            notes=["Koperasi Uji", "Kabupaten Penajam Paser Utara"],
            bold_rows=[3],
        )
    )


def test_money_is_stored_as_the_exact_decimal_number():
    cells = cell_xml(sample())
    # Header on row 5 (title, two notes, a blank row); data from row 6.
    assert cells["C6"] == "79680448.76"  # was 79680448.76000001
    assert cells["C7"] == "99999999999999.99"  # was 99999999999999.98 (float)
    assert cells["D7"] == "999999999999.99"
    assert cells["C8"] == "-0.01"
    assert cells["D8"] == "0.00"
    assert cells["C9"] == "100000079680448.75"


def test_the_cells_are_numbers_a_spreadsheet_can_sum():
    sheet = load_workbook(io.BytesIO(sample())).active
    assert sheet["C6"].data_type == "n"
    assert Decimal(str(sheet["C6"].value)) == Decimal("79680448.76")
    assert sheet["C6"].number_format == '"Rp"#,##0.00;-"Rp"#,##0.00'
    assert sheet["A6"].value.date() == date(2026, 10, 2)


def test_header_is_frozen_and_totals_are_bold():
    sheet = load_workbook(io.BytesIO(sample())).active
    assert [c.value for c in sheet[5]] == ["Tanggal", "Keterangan", "Kas masuk", "Saldo"]
    assert all(c.font.b for c in sheet[5])
    assert sheet.freeze_panes == "A6"
    assert all(c.font.b for c in sheet[9])
    assert not any(c.font.b for c in sheet[6])
    assert sheet["A2"].value == "Koperasi Uji"
    assert sheet["A3"].value == "Kabupaten Penajam Paser Utara"
