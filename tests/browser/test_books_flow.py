"""A bendahara keeps the cash book on a phone, closes the month and downloads the PHU."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from kopdes.core.timeutils import business_date
from kopdes.ledger.models import Entry, Period, PeriodStatus
from kopdes.testing.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _record(page, *, amount: str, account: str, memo: str, double_tap: bool = False) -> None:
    page.fill("input[name=amount]", amount)
    page.select_option("select[name=counter_account]", label=account)
    page.fill("input[name=memo]", memo)
    with page.expect_navigation():
        if double_tap:
            page.dblclick("form[data-once] button[type=submit]")
        else:
            page.click("form[data-once] button[type=submit]")


def test_bendahara_records_cash_closes_the_month_and_downloads_the_phu(
    phone_page, log_in, personas
):
    page = phone_page
    coop = personas.coop
    today = business_date(coop)
    log_in(page, personas.pengurus.username, PASSWORD)

    page.goto(f"/k/{coop.slug}/buku/kas/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Buku kas")
    _record(
        page,
        amount="250.000",
        account="4-1120 Penjualan Sembako - Non-anggota",
        memo="Penjualan hari ini",
    )
    expect(page.locator(".alert-success")).to_contain_text("Tercatat")

    page.click("label[for=id_direction_1]")  # Kas keluar
    _record(
        page,
        amount="75.000,50",
        account="6-1200 Beban Listrik, Air dan Telepon",
        memo="Bayar listrik",
        double_tap=True,
    )
    expect(page.locator(".alert-success")).to_contain_text("Tercatat")
    assert Entry.objects.filter(cooperative=coop).count() == 2

    table = page.locator("table")
    expect(table).to_contain_text("Penjualan hari ini")
    expect(table).to_contain_text("Bayar listrik")
    expect(table.locator("tr.row-total")).to_contain_text("Rp174.999,50")

    page.goto(f"/k/{coop.slug}/buku/periode/")
    with page.expect_navigation():
        page.get_by_role("link", name="Tutup bulan").last.click()
    page.check("input[name=confirm]")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("ditutup")
    period = Period.objects.get(cooperative=coop, year=today.year, month=today.month)
    assert period.status == PeriodStatus.CLOSED

    page.goto(f"/k/{coop.slug}/laporan/phu/?periode={today:%Y-%m}")
    expect(page.locator("tr.row-total")).to_contain_text("Rp174.999,50")
    with page.expect_download() as pdf:
        page.get_by_role("link", name="PDF").click()
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download() as xlsx:
        page.get_by_role("link", name="XLSX").click()
    sheet = load_workbook(io.BytesIO(Path(xlsx.value.path()).read_bytes())).active
    figures = {
        row[1]: row[2] for row in sheet.iter_rows(values_only=True) if len(row) > 2 and row[1]
    }
    assert figures["Sisa hasil usaha (SHU)"] == 174999.5
    assert figures["Penjualan Sembako - Non-anggota"] == 250000
    assert re.match(r"^phu-\d+-\d{4}-\d{2}\.xlsx$", xlsx.value.suggested_filename)
    assert page.foreign_requests == []
