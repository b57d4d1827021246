"""Statements as pages, PDF and XLSX: one template for web and PDF, figures in the workbook."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from kopdes.ledger.statements import STATEMENTS
from kopdes.ledger.tests.books_helpers import hand_built_books

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(personas):
    hand_built_books(personas.coop)
    client = Client()
    client.force_login(personas.pengawas)
    return client


@pytest.mark.parametrize("key", sorted(STATEMENTS))
def test_every_statement_renders_as_a_page_that_says_its_checks_pass(client, personas, key):
    response = client.get(f"/k/{personas.coop.slug}/laporan/{key}/?periode=2026-10")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tidak cocok" not in page
    if response.context["statement"].checks:
        assert "semua cocok" in page


def test_the_phu_pdf_is_a_pdf(client, personas):
    response = client.get(f"/k/{personas.coop.slug}/laporan/phu/pdf/?periode=2026-10")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="phu-6409042015-2026-10.pdf"' in response["Content-Disposition"]


def test_the_phu_xlsx_holds_the_figures_in_rupiah(client, personas):
    response = client.get(f"/k/{personas.coop.slug}/laporan/phu/xlsx/?periode=2026-10")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[1]: row[2:] for row in sheet.iter_rows(values_only=True) if len(row) > 3 and row[1]}
    # The monthly PHU's third column is the year to date.
    assert rows["Sisa hasil usaha (SHU)"][:2] == (-739999.75, -1000000)
    assert rows["Penjualan Sembako - Non-anggota"][:2] == (1850000.5, 6000000)


def test_a_quarter_and_a_year_are_accepted_and_a_bad_period_answers_400(client, personas):
    base = f"/k/{personas.coop.slug}/laporan/posisi-keuangan/"
    assert (
        client.get(base + "?periode=2026-Q4").context["statement"].period.label == "Triwulan 4 2026"
    )
    assert client.get(base + "?periode=2026").context["statement"].columns == [
        "Per 31-12-2026",
        "Per 31-12-2025",
    ]
    # A bad period is an error on the picker's field (400), not a not-found page.
    assert client.get(base + "?periode=2026-13").status_code == 400


def test_an_unknown_statement_answers_404(client, personas):
    assert client.get(f"/k/{personas.coop.slug}/laporan/rahasia/").status_code == 404
