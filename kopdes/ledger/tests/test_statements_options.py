"""The statement pages take the reader's options and keep them in the PDF/XLSX links."""

from __future__ import annotations

import pytest
from django.test import Client

from kopdes.ledger.tests.books_helpers import hand_built_books, unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(personas):
    hand_built_books(personas.coop)
    unit(personas.coop, "klinik")
    client = Client()
    client.force_login(personas.pengawas)
    return client


def test_the_position_compares_with_the_last_year_end_unless_asked_for_the_previous_month(
    client, personas
):
    base = f"/k/{personas.coop.slug}/laporan/posisi-keuangan/?periode=2026-10"
    assert client.get(base).context["statement"].columns[1] == "Per 31-12-2025"
    response = client.get(base + "&banding=bulan")
    assert response.context["statement"].columns[1] == "Per 30-09-2026"
    assert "periode=2026-10&amp;banding=bulan" in response.content.decode()


def test_the_phu_per_unit_hides_idle_units_unless_asked(client, personas):
    base = f"/k/{personas.coop.slug}/laporan/phu-unit/?periode=2026-10"
    hidden = client.get(base).context["statement"]
    shown = client.get(base + "&unit=semua").context["statement"]
    assert not any("Klinik" in column for column in hidden.columns)
    assert any("Klinik" in column for column in shown.columns)
    assert hidden.all_ok
    assert shown.all_ok
