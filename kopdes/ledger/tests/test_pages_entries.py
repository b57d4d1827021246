"""Entries: search, detail with reversal, the buku besar, and query budgets."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kopdes.ledger.models import Account, Entry
from kopdes.ledger.tests.books_helpers import post, rp

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _sales(coop, count: int, start: int = 1) -> list[Entry]:
    return [
        post(
            coop,
            date(2026, 11, 1 + i % 20),
            f"Penjualan {i}",
            ("1-1100", rp(1000 + i), 0),
            ("4-1120", 0, rp(1000 + i)),
        )
        for i in range(start, start + count)
    ]


def test_search_finds_by_memo_number_amount_and_dates(personas):
    coop = personas.coop
    entries = _sales(coop, 5)
    client = _client(personas.pengawas)
    url = f"/k/{coop.slug}/buku/jurnal/daftar/"
    by_memo = client.get(url, {"q": "Penjualan 3"}).context["entries"]
    assert [e.pk for e in by_memo] == [entries[2].pk]
    by_number = client.get(url, {"q": entries[0].number}).context["entries"]
    assert [e.pk for e in by_number] == [entries[0].pk]
    by_amount = client.get(url, {"amount": "1.004"}).context["entries"]
    assert [e.pk for e in by_amount] == [entries[3].pk]
    by_dates = client.get(url, {"start": "2026-11-02", "end": "2026-11-03"}).context["entries"]
    assert sorted(e.pk for e in by_dates) == [entries[0].pk, entries[1].pk]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "page", ["buku/jurnal/daftar/", "buku/kas/", "buku/akun/", "laporan/phu/", "buku/periode/"]
)
def test_list_pages_keep_their_query_budget_as_rows_grow(personas, page):
    coop = personas.coop
    client = _client(personas.pengurus)
    url = f"/k/{coop.slug}/{page}?periode=2026-11"
    _sales(coop, 3)
    few = _queries(client, url)
    _sales(coop, 30, start=10)
    many = _queries(client, url)
    assert many == few
    assert many <= 25


def test_the_entry_page_reverses_once_through_the_ledger(personas):
    coop = personas.coop
    entry = _sales(coop, 1)[0]
    client = _client(personas.pengurus)
    page = client.get(f"/k/{coop.slug}/buku/jurnal/{entry.pk}/")
    key = page.context["reverse_form"]["idempotency_key"].value()
    data = {"business_date": "2026-11-20", "memo": "Salah catat", "idempotency_key": key}
    response = client.post(f"/k/{coop.slug}/buku/jurnal/{entry.pk}/balik/", data)
    mirror = Entry.objects.get(reverses=entry)
    assert response["Location"] == f"/k/{coop.slug}/buku/jurnal/{mirror.pk}/"
    assert {(line.account.code, line.debit, line.credit) for line in mirror.lines.all()} == {
        ("1-1100", 0, rp(1001)),
        ("4-1120", rp(1001), 0),
    }
    again = client.get(f"/k/{coop.slug}/buku/jurnal/{entry.pk}/")
    assert again.context["reverse_form"] is None
    assert again.context["reversal"].pk == mirror.pk


def test_a_reversal_needs_a_reason(personas):
    coop = personas.coop
    entry = _sales(coop, 1)[0]
    response = _client(personas.pengurus).post(
        f"/k/{coop.slug}/buku/jurnal/{entry.pk}/balik/",
        {"business_date": "2026-11-20", "memo": "", "idempotency_key": "r" * 32},
    )
    assert response.status_code == 400
    assert "memo" in response.context["reverse_form"].errors
    assert not Entry.objects.filter(reverses=entry).exists()


def test_the_buku_besar_runs_the_balance_on_the_normal_side(personas):
    coop = personas.coop
    post(coop, date(2026, 10, 31), "Saldo", ("1-1100", rp(500), 0), ("3-1300", 0, rp(500)))
    post(coop, date(2026, 11, 2), "Masuk", ("1-1100", rp(200), 0), ("4-1120", 0, rp(200)))
    post(coop, date(2026, 11, 3), "Keluar", ("6-1100", rp(50), 0), ("1-1100", 0, rp(50)))
    kas = Account.objects.get(cooperative=coop, code="1-1100")
    response = _client(personas.ba).get(f"/k/{coop.slug}/buku/akun/{kas.pk}/?periode=2026-11")
    assert response.context["opening"] == rp(500)
    assert [line["balance"] for line in response.context["lines"]] == [rp(700), rp(650)]
    assert response.context["closing"] == rp(650)
    equity = Account.objects.get(cooperative=coop, code="4-1120")
    income = _client(personas.ba).get(f"/k/{coop.slug}/buku/akun/{equity.pk}/?periode=2026-11")
    assert income.context["closing"] == rp(200)
