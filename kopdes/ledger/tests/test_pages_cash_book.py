"""The cash book page: kas masuk / kas keluar per unit, posted once per form."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from kopdes.ledger.models import Account, Entry
from kopdes.ledger.tests.books_helpers import unit

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(coop, **overrides):
    data = {
        "direction": "masuk",
        "business_date": "2026-11-02",
        "amount": "150.000",
        "counter_account": Account.objects.get(cooperative=coop, code="4-1120").pk,
        "cash_account": Account.objects.get(cooperative=coop, code="1-1100").pk,
        "business_unit": "",
        "memo": "Penjualan harian",
        "idempotency_key": "f" * 32,
    }
    data.update(overrides)
    return data


def test_kas_masuk_posts_cash_against_the_counter_account_and_redirects(personas):
    coop = personas.coop
    gerai = unit(coop)
    response = _client(personas.pengurus).post(
        f"/k/{coop.slug}/buku/kas/", _form(coop, business_unit=gerai.pk)
    )
    assert response.status_code == 302
    entry = Entry.objects.get(cooperative=coop)
    lines = {
        (line.account.code, line.debit, line.credit, line.business_unit_id)
        for line in entry.lines.all()
    }
    assert lines == {("1-1100", 15_000_000, 0, gerai.pk), ("4-1120", 0, 15_000_000, gerai.pk)}
    assert entry.business_date == date(2026, 11, 2)
    assert entry.created_by == personas.pengurus


def test_kas_keluar_credits_cash(personas):
    coop = personas.coop
    wages = Account.objects.get(cooperative=coop, code="6-1100")
    _client(personas.teller).post(
        f"/k/{coop.slug}/buku/kas/",
        _form(coop, direction="keluar", counter_account=wages.pk, memo="Gaji"),
    )
    entry = Entry.objects.get(cooperative=coop)
    assert {(line.account.code, line.debit, line.credit) for line in entry.lines.all()} == {
        ("6-1100", 15_000_000, 0),
        ("1-1100", 0, 15_000_000),
    }


def test_a_double_tap_or_a_resubmission_posts_once(personas):
    coop = personas.coop
    client = _client(personas.pengurus)
    first = client.post(f"/k/{coop.slug}/buku/kas/", _form(coop))
    second = client.post(f"/k/{coop.slug}/buku/kas/", _form(coop))
    assert first.status_code == second.status_code == 302
    assert Entry.objects.filter(cooperative=coop).count() == 1


def test_each_rendered_form_carries_a_fresh_idempotency_token(personas):
    client = _client(personas.pengurus)
    first = (
        client.get(f"/k/{personas.coop.slug}/buku/kas/").context["form"]["idempotency_key"].value()
    )
    second = (
        client.get(f"/k/{personas.coop.slug}/buku/kas/").context["form"]["idempotency_key"].value()
    )
    assert first
    assert second
    assert first != second


def test_field_errors_name_the_field_and_post_nothing(personas):
    coop = personas.coop
    response = _client(personas.pengurus).post(
        f"/k/{coop.slug}/buku/kas/", _form(coop, amount="-5", memo="")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"amount", "memo"}
    assert not Entry.objects.filter(cooperative=coop).exists()


def test_a_control_account_is_not_offered_nor_accepted(personas):
    coop = personas.coop
    loans = Account.objects.get(cooperative=coop, code="1-1300")
    client = _client(personas.pengurus)
    page = client.get(f"/k/{coop.slug}/buku/kas/").content.decode()
    assert "Piutang Pinjaman Anggota" not in page
    response = client.post(f"/k/{coop.slug}/buku/kas/", _form(coop, counter_account=loans.pk))
    assert "counter_account" in response.context["form"].errors
    assert not Entry.objects.filter(cooperative=coop).exists()


def test_the_common_counter_accounts_come_first(personas):
    response = _client(personas.pengurus).get(f"/k/{personas.coop.slug}/buku/kas/?jenis=keluar")
    choices = response.context["form"].fields["counter_account"].choices
    assert choices[1][0] == "Sering dipakai"
    assert [label for _pk, label in choices[1][1]][:2] == [
        "1-1510 Persediaan Gerai Sembako",
        "5-1100 HPP Gerai Sembako",
    ]


def test_readers_see_the_cash_book_without_a_form(personas):
    response = _client(personas.pengawas).get(f"/k/{personas.coop.slug}/buku/kas/")
    assert response.status_code == 200
    assert response.context["form"] is None


def test_a_closed_month_refuses_with_the_ledger_message_on_the_form(personas):
    from kopdes.ledger.services.calendar import ensure_period
    from kopdes.ledger.services.periods import close_month

    coop = personas.coop
    period = ensure_period(coop, 2026, 10)
    close_month(cooperative=coop, period=period, actor=personas.pengurus)
    response = _client(personas.pengurus).post(
        f"/k/{coop.slug}/buku/kas/", _form(coop, business_date="2026-10-15")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["business_date"] == [
        "Periode Oktober 2026 sudah ditutup; tanggal jurnal harus berada di periode yang terbuka."
    ]
