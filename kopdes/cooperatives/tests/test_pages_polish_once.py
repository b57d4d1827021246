"""Create forms carry a one-time token: a second POST of the same form creates nothing."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from kopdes.cooperatives.models import BusinessUnit, Officer, RatRecord
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _token(client: Client, url: str) -> str:
    page = client.get(url).content.decode()
    match = re.search(r'name="_once" value="([^"]+)"', page)
    assert match, "the form carries no one-time token"
    return match.group(1)


def _officer_data(token: str) -> dict[str, str]:
    return {
        "_once": token,
        "role": "ketua",
        "name": "Siti Aminah",
        "nik": rf.nik(),
        "term_start": "2025-06-19",
    }


def test_a_double_submit_creates_one_officer_and_lands_on_the_first_result(personas):
    coop = personas.coop
    client = _client(personas.pengurus)
    url = f"/k/{coop.slug}/pengurus/baru/"
    data = _officer_data(_token(client, url))
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"] == f"/k/{coop.slug}/#pengurus"
    assert Officer.objects.filter(cooperative=coop, name="Siti Aminah").count() == 1
    shown = [str(m) for m in client.get(second["Location"]).context["messages"]]
    assert "Formulir ini sudah dikirim; data tidak dicatat dua kali." in shown


def test_each_rendered_form_gets_its_own_token(personas):
    coop = personas.coop
    client = _client(personas.pengurus)
    url = f"/k/{coop.slug}/pengurus/baru/"
    assert _token(client, url) != _token(client, url)
    client.post(url, _officer_data(_token(client, url)))
    client.post(url, {**_officer_data(_token(client, url)), "role": "sekretaris"})
    assert Officer.objects.filter(cooperative=coop, name="Siti Aminah").count() == 2


def test_a_form_fixed_after_an_error_keeps_its_token_and_still_counts_once(personas):
    coop = personas.coop
    client = _client(personas.pengurus)
    url = f"/k/{coop.slug}/pengurus/baru/"
    token = _token(client, url)
    wrong = client.post(url, {**_officer_data(token), "nik": "123"})
    assert wrong.status_code == 200
    assert f'value="{token}"' in wrong.content.decode()
    data = _officer_data(token)
    client.post(url, data)
    client.post(url, data)
    assert Officer.objects.filter(cooperative=coop).count() == 1


def test_unit_and_rat_forms_are_idempotent_too(personas):
    coop = personas.coop
    client = _client(personas.dinas)
    unit_url = f"/k/{coop.slug}/unit/baru/"
    unit = {"_once": _token(client, unit_url), "kind": "klinik", "status": "direncanakan"}
    assert client.post(unit_url, unit).status_code == 302
    assert client.post(unit_url, unit).status_code == 302
    assert BusinessUnit.objects.filter(cooperative=coop).count() == 1
    rat_url = f"/k/{coop.slug}/rat/baru/"
    rat = {
        "_once": _token(client, rat_url),
        "book_year": "2025",
        "held_on": "2026-03-14",
        "members_total": "120",
        "members_present": "80",
    }
    assert client.post(rat_url, rat).status_code == 302
    assert client.post(rat_url, rat).status_code == 302
    assert RatRecord.objects.filter(cooperative=coop).count() == 1


def test_the_token_belongs_to_the_session_that_received_the_form(personas):
    coop = personas.coop
    url = f"/k/{coop.slug}/unit/baru/"
    first = _client(personas.pengurus)
    unit = {"_once": _token(first, url), "kind": "klinik", "status": "direncanakan"}
    first.post(url, unit)
    # Another session does not know the token: its POST is a new submission.
    _client(personas.dinas).post(url, {**unit, "kind": "apotek"})
    assert BusinessUnit.objects.filter(cooperative=coop).count() == 2


def test_a_hostile_token_is_replaced_not_echoed(personas):
    coop = personas.coop
    client = _client(personas.pengurus)
    response = client.post(f"/k/{coop.slug}/unit/baru/", {"_once": '"><script>x</script>'})
    assert response.status_code == 200
    assert "<script>x" not in response.content.decode()
