"""The first screen of each role says what to do next (docs/architecture.md, "First screens")."""

from __future__ import annotations

import pytest
from django.test import Client

from kopdes.ledger.tests.books_helpers import post

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_teller_lands_on_the_cash_book(personas):
    response = _client(personas.teller).get("/")
    assert response.status_code == 302
    assert response["Location"] == f"/k/{personas.coop.slug}/buku/kas/"


def test_a_pengurus_and_a_pengawas_land_on_their_cooperative(personas):
    for user in (personas.pengurus, personas.pengawas):
        assert _client(user).get("/")["Location"] == f"/k/{personas.coop.slug}/"


def test_the_dinas_lands_on_the_district_home_that_lists_what_needs_action(personas):
    from kopdes.cooperatives.models import Cooperative, Stage

    Cooperative.objects.filter(pk=personas.coop.pk).update(stage=Stage.BEROPERASI)
    client = _client(personas.dinas)
    assert client.get("/")["Location"] == "/kabupaten/"
    response = client.get("/kabupaten/")
    html = response.content.decode()
    assert 'id="attention"' in html
    attention = response.context["attention"]
    # An operating cooperative with empty books, and the officer warnings of a
    # cooperative without its board.
    assert personas.coop in attention["empty_books"]
    assert personas.coop.pk in {c.pk for c, _found in attention["warned"]}
    assert 'data-attention="empty-books"' in html


def test_an_empty_cooperatives_books_say_to_import_opening_balances_first(personas):
    slug = personas.coop.slug
    for path in ("buku/", "buku/kas/", "laporan/"):
        html = _client(personas.pengurus).get(f"/k/{slug}/{path}").content.decode()
        assert 'id="books-empty"' in html, path
        assert f'href="/k/{slug}/buku/saldo-awal/"' in html.split('id="books-empty"')[1]
    teller = _client(personas.teller).get(f"/k/{slug}/buku/kas/").content.decode()
    assert "Minta pengurus mengimpor saldo awal" in teller


def test_books_with_entries_say_nothing_about_opening_balances(personas):
    from datetime import date

    post(personas.coop, date(2026, 11, 2), "Setoran modal", ("1-1100", 100, 0), ("3-1300", 0, 100))
    html = _client(personas.pengurus).get(f"/k/{personas.coop.slug}/buku/kas/").content.decode()
    assert 'id="books-empty"' not in html
