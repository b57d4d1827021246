"""The cooperative's header form: name, kind, formation model and the "tidak aktif" toggle."""

from __future__ import annotations

import pytest
from django.test import Client

from kopdes.cooperatives.models import ChangeRecord, Cooperative, CooperativeStatus

pytestmark = pytest.mark.django_db

DATA = {"name": "Koperasi Desa Merah Putih Telemow Jaya", "kind": "KDMP", "formation_model": "baru"}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_profile_links_editors_to_the_header_form(personas):
    coop = personas.coop
    url = f"/k/{coop.slug}/ubah/"
    assert url in _client(personas.pengurus).get(f"/k/{coop.slug}/").content.decode()
    assert url not in _client(personas.pengawas).get(f"/k/{coop.slug}/").content.decode()


def test_the_form_shows_the_current_values(personas):
    coop = personas.coop
    form = _client(personas.dinas).get(f"/k/{coop.slug}/ubah/").context["form"]
    assert form.initial["name"] == coop.name
    assert form.initial["kind"] == coop.kind
    assert form.initial["inactive"] is False


def test_renaming_writes_history_with_the_acting_user(personas):
    coop = personas.coop
    old_name = coop.name
    response = _client(personas.dinas).post(f"/k/{coop.slug}/ubah/", DATA)
    assert response.status_code == 302
    assert response["Location"] == f"/k/{coop.slug}/#data"
    coop.refresh_from_db()
    assert coop.name == DATA["name"]
    change = ChangeRecord.objects.get(cooperative=coop, field="name", action="update")
    assert (change.old_value, change.new_value) == (old_name, DATA["name"])
    assert change.actor == personas.dinas


def test_the_inactive_toggle_sets_and_clears_tidak_aktif(personas):
    coop = personas.coop
    before = coop.status
    client = _client(personas.pengurus)
    client.post(f"/k/{coop.slug}/ubah/", {**DATA, "inactive": "on"})
    assert Cooperative.objects.get(pk=coop.pk).status == CooperativeStatus.TIDAK_AKTIF
    assert client.get(f"/k/{coop.slug}/ubah/").context["form"].initial["inactive"] is True
    client.post(f"/k/{coop.slug}/ubah/", DATA)
    # Unticked: the status follows the formation stage again.
    assert Cooperative.objects.get(pk=coop.pk).status == before
    statuses = ChangeRecord.objects.filter(
        cooperative=coop, field="status", action="update"
    ).count()
    assert statuses == 2


def test_an_empty_name_is_refused_under_the_field(personas):
    coop = personas.coop
    response = _client(personas.dinas).post(f"/k/{coop.slug}/ubah/", {**DATA, "name": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["Bidang ini tidak boleh kosong."]


def test_read_only_roles_get_403_and_other_cooperatives_404(personas):
    coop = personas.coop
    assert _client(personas.pengawas).post(f"/k/{coop.slug}/ubah/", DATA).status_code == 403
    assert _client(personas.outsider).get(f"/k/{coop.slug}/ubah/").status_code == 404
    assert Cooperative.objects.get(pk=coop.pk).name != DATA["name"]
