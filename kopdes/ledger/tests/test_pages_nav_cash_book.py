"""The cash book's counter-accounts follow the direction, a teller sees a teller's
accounts only, and after saving the form keeps the direction and the unit
(docs/ledger.md, "Cash book")."""

from __future__ import annotations

import pytest
from django.test import Client

from kopdes.ledger.models import Account, AccountType, Entry
from kopdes.ledger.tests.books_helpers import unit

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _offered(response) -> set[str]:
    """The chart codes offered as counter-account."""
    ids = set()
    for value, label in response.context["form"].fields["counter_account"].choices:
        if isinstance(label, list | tuple):
            ids |= {pk for pk, _label in label}
        elif value:
            ids.add(value)
    return set(Account.objects.filter(pk__in=ids).values_list("code", flat=True))


def _types(coop, codes) -> set[str]:
    return set(
        Account.objects.filter(cooperative=coop, code__in=codes).values_list("type", flat=True)
    )


def test_kas_masuk_never_offers_a_cost_and_kas_keluar_never_an_income(personas):
    coop = personas.coop
    client = _client(personas.pengurus)
    masuk = _offered(client.get(f"/k/{coop.slug}/buku/kas/?jenis=masuk"))
    keluar = _offered(client.get(f"/k/{coop.slug}/buku/kas/?jenis=keluar"))
    assert "4-1120" in masuk
    assert "6-1200" not in masuk
    assert "6-1200" in keluar
    assert "4-1120" not in keluar
    assert AccountType.BEBAN not in _types(coop, masuk)
    assert AccountType.PENDAPATAN not in _types(coop, keluar)


def test_a_teller_is_offered_income_for_kas_masuk_and_costs_for_kas_keluar_only(personas):
    coop = personas.coop
    client = _client(personas.teller)
    masuk = _offered(client.get(f"/k/{coop.slug}/buku/kas/?jenis=masuk"))
    keluar = _offered(client.get(f"/k/{coop.slug}/buku/kas/?jenis=keluar"))
    assert masuk
    assert _types(coop, masuk) == {AccountType.PENDAPATAN}
    assert keluar
    assert _types(coop, keluar) == {AccountType.BEBAN}


def test_a_teller_cannot_post_against_an_account_a_teller_does_not_use(personas):
    coop = personas.coop
    debt = Account.objects.get(cooperative=coop, code="2-1300")  # utang usaha
    response = _client(personas.teller).post(
        f"/k/{coop.slug}/buku/kas/",
        {
            "direction": "masuk",
            "business_date": "2026-11-02",
            "amount": "10.000",
            "counter_account": debt.pk,
            "cash_account": Account.objects.get(cooperative=coop, code="1-1100").pk,
            "business_unit": "",
            "memo": "Pinjam dari pemasok",
            "idempotency_key": "a" * 32,
        },
    )
    assert response.status_code == 200
    assert "counter_account" in response.context["form"].errors
    assert not Entry.objects.filter(cooperative=coop).exists()


def test_the_page_carries_each_directions_list_for_the_switch(personas):
    coop = personas.coop
    html = _client(personas.teller).get(f"/k/{coop.slug}/buku/kas/").content.decode()
    assert 'data-counter-choices="masuk"' in html
    assert 'data-counter-choices="keluar"' in html


def test_after_saving_the_form_keeps_the_direction_and_the_unit(personas):
    coop = personas.coop
    gerai = unit(coop)
    client = _client(personas.pengurus)
    response = client.post(
        f"/k/{coop.slug}/buku/kas/",
        {
            "direction": "keluar",
            "business_date": "2026-11-02",
            "amount": "20.000",
            "counter_account": Account.objects.get(cooperative=coop, code="6-1200").pk,
            "cash_account": Account.objects.get(cooperative=coop, code="1-1100").pk,
            "business_unit": gerai.pk,
            "memo": "Bayar listrik",
            "idempotency_key": "b" * 32,
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    form = page.context["form"]
    assert form["direction"].value() == "keluar"
    assert form["business_unit"].value() == gerai.pk
    assert "6-1200" in _offered(page)
