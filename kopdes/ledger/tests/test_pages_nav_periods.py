"""The statements' period picker: month, quarter and year selects; a bad period is an
error on its field (400), never a not-found page (docs/statements.md, "Periods")."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(personas) -> Client:
    client = Client()
    client.force_login(personas.pengurus)
    return client


def test_the_picker_offers_month_quarter_and_year_selects(client, personas):
    html = client.get(f"/k/{personas.coop.slug}/laporan/phu/").content.decode()
    for name in ("jenis", "bulan", "triwulan", "tahun"):
        assert f'<select name="{name}"' in html
    assert '<input class="form-control form-control-sm" id="periode"' not in html  # no free text


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("jenis=bulan&tahun=2026&bulan=3", "Maret 2026"),
        ("jenis=triwulan&tahun=2026&triwulan=3", "Triwulan 3 2026"),
        ("jenis=tahun&tahun=2025", "Tahun 2025"),
        ("periode=2026-Q2", "Triwulan 2 2026"),
    ],
)
def test_the_selects_choose_the_period(client, personas, query, label):
    response = client.get(f"/k/{personas.coop.slug}/laporan/neraca-saldo/?{query}")
    assert response.status_code == 200
    assert response.context["statement"].period.label == label


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("periode=2026-13", "jenis"),
        ("jenis=bulan&tahun=2026&bulan=13", "bulan"),
        ("jenis=triwulan&tahun=2026&triwulan=9", "triwulan"),
        ("jenis=tahun&tahun=1899", "tahun"),
        ("jenis=minggu&tahun=2026", "jenis"),
    ],
)
def test_a_bad_period_is_a_field_error_not_a_not_found_page(client, personas, query, field):
    for path in ("phu/", "phu/pdf/", "phu/xlsx/", ""):
        response = client.get(f"/k/{personas.coop.slug}/laporan/{path}?{query}")
        assert response.status_code == 400, path
        form = response.context["period_form"]
        assert field in form.errors, (path, form.errors)
        assert "Periode belum dapat ditampilkan" in response.content.decode()


def test_the_account_ledger_uses_the_same_picker(client, personas):
    from kopdes.ledger.models import Account

    account = Account.objects.get(cooperative=personas.coop, code="1-1100")
    response = client.get(
        f"/k/{personas.coop.slug}/buku/akun/{account.pk}/?jenis=triwulan&tahun=2026&triwulan=1"
    )
    assert response.context["period"].label == "Triwulan 1 2026"
    bad = client.get(f"/k/{personas.coop.slug}/buku/akun/{account.pk}/?jenis=bulan&bulan=0")
    assert "bulan" in bad.context["period_form"].errors
