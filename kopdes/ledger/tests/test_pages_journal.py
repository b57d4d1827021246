"""The general journal: balanced or refused, no control accounts, posted once."""

from __future__ import annotations

import pytest
from django.test import Client

from kopdes.ledger.models import Account, Entry

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _pk(coop, code: str) -> int:
    return Account.objects.get(cooperative=coop, code=code).pk


def _data(coop, rows, **extra):
    data = {
        "business_date": "2026-11-03",
        "memo": "Penyusutan peralatan",
        "idempotency_key": "j" * 32,
    }
    for number, (code, debit, credit) in enumerate(rows, start=1):
        data[f"account_{number}"] = _pk(coop, code)
        data[f"debit_{number}"] = debit
        data[f"credit_{number}"] = credit
    data.update(extra)
    return data


def test_a_balanced_multi_line_journal_posts_and_shows_the_entry(personas):
    coop = personas.coop
    rows = [("6-1500", "300.000", ""), ("1-2310", "", "250.000"), ("1-2410", "", "50.000")]
    response = _client(personas.pengurus).post(f"/k/{coop.slug}/buku/jurnal/", _data(coop, rows))
    entry = Entry.objects.get(cooperative=coop)
    assert response.status_code == 302
    assert response["Location"] == f"/k/{coop.slug}/buku/jurnal/{entry.pk}/"
    assert entry.lines.count() == 3


def test_an_unbalanced_journal_is_refused_with_the_difference(personas):
    coop = personas.coop
    rows = [("6-1500", "300.000", ""), ("1-2310", "", "250.000")]
    response = _client(personas.pengurus).post(f"/k/{coop.slug}/buku/jurnal/", _data(coop, rows))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Jurnal belum seimbang: debit Rp300.000,00, kredit Rp250.000,00, selisih Rp50.000,00."
    ]
    assert not Entry.objects.exists()


def test_a_line_with_both_sides_is_refused_on_that_line(personas):
    coop = personas.coop
    rows = [("6-1500", "300.000", "1"), ("1-2310", "", "300.000")]
    response = _client(personas.pengurus).post(f"/k/{coop.slug}/buku/jurnal/", _data(coop, rows))
    assert response.context["form"].errors["credit_1"] == [
        "Baris 1: isi debit atau kredit saja, tidak keduanya."
    ]


def test_a_control_account_is_refused(personas):
    coop = personas.coop
    rows = [("1-1300", "100.000", ""), ("1-1100", "", "100.000")]
    response = _client(personas.pengurus).post(f"/k/{coop.slug}/buku/jurnal/", _data(coop, rows))
    assert "account_1" in response.context["form"].errors
    assert not Entry.objects.exists()
    page = _client(personas.pengurus).get(f"/k/{coop.slug}/buku/jurnal/").content.decode()
    assert "Piutang Pinjaman Anggota" not in page


def test_one_line_only_is_refused(personas):
    coop = personas.coop
    response = _client(personas.pengurus).post(
        f"/k/{coop.slug}/buku/jurnal/", _data(coop, [("6-1500", "1", "")])
    )
    assert response.context["form"].non_field_errors() == [
        "Isi paling sedikit dua baris (satu debit dan satu kredit)."
    ]


def test_a_resubmitted_journal_posts_once(personas):
    coop = personas.coop
    rows = [("6-1500", "300.000", ""), ("1-2310", "", "300.000")]
    client = _client(personas.pengurus)
    client.post(f"/k/{coop.slug}/buku/jurnal/", _data(coop, rows))
    again = client.post(f"/k/{coop.slug}/buku/jurnal/", _data(coop, rows))
    assert again.status_code == 302
    assert Entry.objects.filter(cooperative=coop).count() == 1


def test_the_page_shows_the_running_difference_widgets(personas):
    page = _client(personas.pengurus).get(f"/k/{personas.coop.slug}/buku/jurnal/").content.decode()
    assert 'data-total="diff"' in page
    assert "ledger/books" in page
