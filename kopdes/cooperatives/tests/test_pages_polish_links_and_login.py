"""The profile links to the books and statements; an officer may be linked to a login account."""

from __future__ import annotations

import pytest
from django.test import Client

from kopdes.cooperatives.models import ChangeRecord, Officer
from kopdes.testing import factories
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("persona", ["dinas", "viewer", "ba", "pengurus", "teller", "pengawas"])
def test_every_reader_of_the_profile_sees_the_links_to_the_books(personas, persona):
    coop = personas.coop
    page = _client(personas.by_name(persona)).get(f"/k/{coop.slug}/").content.decode()
    assert f'href="/k/{coop.slug}/buku/"' in page
    assert f'href="/k/{coop.slug}/laporan/"' in page


def test_the_linked_books_open_for_a_pengawas(personas):
    coop = personas.coop
    client = _client(personas.pengawas)
    assert client.get(f"/k/{coop.slug}/buku/").status_code == 200


def _officer_data(**extra: str) -> dict[str, str]:
    return {
        "role": "manajer",
        "name": "Budi Santoso",
        "nik": rf.nik(),
        "term_start": "2025-06-19",
        **extra,
    }


def test_an_officer_can_be_linked_to_an_existing_account_by_username(personas):
    coop = personas.coop
    account = factories.user("budi.santoso")
    # Only a login of this cooperative may be linked (docs/tenancy.md, "People and access").
    factories.grant(account, "teller", coop)
    response = _client(personas.pengurus).post(
        f"/k/{coop.slug}/pengurus/baru/", _officer_data(username=" budi.santoso ")
    )
    assert response.status_code == 302
    assert Officer.objects.get(cooperative=coop, name="Budi Santoso").user == account


def test_an_unknown_or_inactive_account_is_refused_under_the_field(personas):
    coop = personas.coop
    factories.user("pensiun", is_active=False)
    client = _client(personas.pengurus)
    for username in ("tidak.ada", "pensiun"):
        response = client.post(f"/k/{coop.slug}/pengurus/baru/", _officer_data(username=username))
        assert response.status_code == 200
        assert response.context["form"].errors["username"] == [
            f"Akun {username} tidak ditemukan atau tidak aktif."
        ]
    assert not Officer.objects.filter(cooperative=coop).exists()


def test_the_edit_form_shows_the_linked_account_and_can_unlink_it(personas):
    coop = personas.coop
    account = factories.user("budi.santoso")
    # Only a login of this cooperative may be linked (docs/tenancy.md, "People and access").
    factories.grant(account, "teller", coop)
    officer = rf.officer(coop, "manajer", user=account)
    client = _client(personas.dinas)
    url = f"/k/{coop.slug}/pengurus/{officer.pk}/"
    form = client.get(url).context["form"]
    assert form.initial["username"] == "budi.santoso"
    data = {
        name: form.initial[name] or ""
        for name in ("role", "name", "nik", "kk_number", "term_start")
    }
    assert client.post(url, {**data, "username": ""}).status_code == 302
    officer.refresh_from_db()
    assert officer.user is None
    assert ChangeRecord.objects.filter(
        cooperative=coop, object_id=officer.pk, field="user", action="update"
    ).exists()
