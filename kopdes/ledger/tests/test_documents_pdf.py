"""Statement PDFs a cooperative can hand to its RAT and its bank (issue #7, documents).

Each test renders a real PDF through the download view and reads it back
with pypdf: letterhead from the registry, "Halaman X dari Y" on every page,
the signature block with the officers in office, the header repeated and no
row lost or cut on a long buku kas, and the widest amount inside the page.
"""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from django.template.loader import render_to_string
from django.test import Client
from pypdf import PdfReader

from kopdes.cooperatives.letterhead import letterhead_for
from kopdes.cooperatives.models import OfficerRole, StepKind
from kopdes.core.documents import render_html
from kopdes.core.money import format_rupiah
from kopdes.core.timeutils import business_date, format_date_id
from kopdes.ledger.models import EntryKind
from kopdes.ledger.services import EntryInput, LineInput, post_entries
from kopdes.ledger.statements import STATEMENTS, build_statement, parse_period
from kopdes.ledger.statements.printing import pdf_context
from kopdes.ledger.tests.books_helpers import hand_built_books, post, rp
from kopdes.testing.registry_factories import officer, steps_through

pytestmark = pytest.mark.django_db

PX_PER_MM = 96 / 25.4


def pages_of(content: bytes) -> list[str]:
    assert content.startswith(b"%PDF")
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture
def client(personas):
    client = Client()
    client.force_login(personas.pengawas)
    return client


def download(client, coop, key: str, period: str) -> bytes:
    response = client.get(f"/k/{coop.slug}/laporan/{key}/pdf/?periode={period}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


@pytest.fixture
def registered(personas):
    """The hand-built books, a legal entity and a board in the registry."""
    coop = personas.coop
    hand_built_books(coop)
    steps_through(coop, StepKind.SK_AHU)  # SK AHU recorded as DOC/5/2025
    officer(coop, OfficerRole.KETUA, name="Hj. Siti Rahmawati")
    officer(coop, OfficerRole.BENDAHARA, name="Muhammad Rizky Pratama")
    officer(coop, OfficerRole.KETUA_PENGAWAS, name="Abdul Kadir Jaelani")
    return coop


@pytest.mark.parametrize("key", sorted(STATEMENTS))
def test_every_statement_pdf_has_letterhead_page_numbers_and_signatures(client, registered, key):
    pages = pages_of(download(client, registered, key, "2026-10"))
    head = letterhead_for(registered)
    first = pages[0]
    assert registered.name in first
    assert "SK AHU DOC/5/2025" in first
    assert head.address in first.replace("\n", " ")
    assert "Kecamatan" in head.address
    assert "Penajam Paser Utara" in head.address
    for number, text in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in text
    last = pages[-1]
    for name in ("Hj. Siti Rahmawati", "Muhammad Rizky Pratama", "Abdul Kadir Jaelani"):
        assert name in last
    for title in ("Ketua", "Bendahara", "Ketua Pengawas"):
        assert title in last
    signed = business_date(registered)
    village = registered.primary_village.name
    assert f"{village}, {format_date_id(signed, 'long')}" in last


def test_signature_lines_stay_blank_where_nobody_is_in_office(client, personas):
    coop = personas.coop
    hand_built_books(coop)
    # A ketua who left office is not asked to sign; nobody else is recorded.
    gone = officer(coop, OfficerRole.KETUA, name="Mantan Ketua", term_start=date(2020, 1, 1))
    gone.ended_on = date(2021, 1, 1)
    gone.save(update_fields=["ended_on"])
    last = pages_of(download(client, coop, "posisi-keuangan", "2026-10"))[-1]
    assert "Mantan Ketua" not in last
    for title in ("Ketua", "Bendahara", "Ketua Pengawas"):
        assert title in last


def busy_october(coop, per_day: int = 9) -> list[str]:
    """A busy October in the buku kas: per_day cash sales a day (one with a long memo)."""
    entries = []
    day = date(2026, 10, 1)
    while day.month == 10:
        for n in range(per_day):
            memo = f"Penjualan tunai gerai {day:%d}/{n}"
            if n == 0:
                memo += " — rekap kasir pagi dan siang, termasuk titipan pembayaran LPG warga " * 2
            amount = rp(100_000 + 997 * n, 25)
            entries.append(
                EntryInput(
                    business_date=day,
                    lines=[
                        LineInput(account="1-1100", debit=amount),
                        LineInput(account="4-1120", credit=amount),
                    ],
                    memo=memo,
                    source_app="ledger",
                    idempotency_key=f"busy-{day:%Y%m%d}-{n}",
                )
            )
        day += timedelta(days=1)
    posted = post_entries(cooperative=coop, actor=None, entries=entries)
    return [entry.number for entry in posted]


def test_a_long_buku_kas_repeats_its_header_and_loses_or_cuts_no_row(client, personas):
    coop = personas.coop
    numbers = busy_october(coop)
    pages = pages_of(download(client, coop, "buku-kas", "2026-10"))
    assert len(pages) > 3
    for text in pages:
        assert re.search(r"Tanggal\s+Nomor\s+Keterangan\s+Kas masuk\s+Kas keluar\s+Saldo", text)
    lines = [line for text in pages for line in text.splitlines()]
    for number in numbers:
        # Each entry once, on one line with its date, amount and running balance.
        found = [line for line in lines if number in line]
        assert len(found) == 1, number
        assert re.match(r"\s*\d{1,2} Okt 2026\s+" + re.escape(number), found[0])
        assert len(re.findall(r"Rp[\d.]+,\d\d", found[0])) == 2
    total = sum(100_000 * 100 + 997 * 100 * n + 25 for n in range(9)) * 31
    assert format_rupiah(total) in pages[-1]
    assert "Cocok" in pages[-1]


def cells_holding(document, needle: str):
    """(page, cell, text box) for every laid-out text box containing ``needle``."""
    from weasyprint.formatting_structure.boxes import TableCellBox, TextBox

    for page in document.pages:
        # The page box is WeasyPrint's layout result (pinned version, pyproject.toml).
        for cell in page._page_box.descendants():
            if isinstance(cell, TableCellBox):
                for box in cell.descendants():
                    if isinstance(box, TextBox) and needle in box.text:
                        yield page, cell, box


def test_the_widest_amount_fits_inside_its_cell_and_page(personas):
    coop = personas.coop
    widest = 99_999_999_999_999  # Rp999.999.999.999,99
    post(
        coop,
        date(2026, 9, 30),
        "Saldo awal",
        ("1-1100", widest, 0),
        ("3-1300", 0, widest),
        kind=EntryKind.OPENING,
    )
    post(coop, date(2026, 10, 2), "Beli tanah", ("1-2300", widest, 0), ("1-1100", 0, widest))
    period = parse_period("2026-10", today=date(2026, 11, 1))
    for key in ("neraca-saldo", "posisi-keuangan", "phu-unit", "buku-kas"):
        statement = build_statement(key, coop, period)
        context = pdf_context(coop, statement, printed_on=date(2026, 11, 1))
        document = render_html(render_to_string("ledger/statement_pdf.html", context))
        found = list(cells_holding(document, format_rupiah(widest)))
        assert found or key == "phu-unit", key
        for page, cell, box in found:
            page_right = page.width - 12 * PX_PER_MM + 0.5
            cell_left = cell.content_box_x() - 0.5
            cell_right = cell.content_box_x() + cell.width + 0.5
            assert cell_left <= box.position_x, (key, box.text)
            assert box.position_x + box.width <= cell_right, (key, box.text)
            assert cell_right <= page_right, (key, box.text)
