"""Removing a step, an officer, a unit or a document: ask first, confirm by POST, keep history."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from kopdes.cooperatives.models import (
    BusinessUnit,
    ChangeRecord,
    FormationStep,
    Officer,
    RegistryDocument,
    StepKind,
)
from kopdes.cooperatives.services import attach_document
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db

CONFIRM = {"konfirmasi": "ya"}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _deleted(coop, obj) -> ChangeRecord:
    # One row per field removed; any of them names the actor.
    return ChangeRecord.objects.filter(
        cooperative=coop, action="delete", object_type=obj._meta.label_lower, object_id=obj.pk
    ).first()


def test_the_confirmation_page_removes_nothing_until_confirmed(personas):
    coop = personas.coop
    officer = rf.officer(coop)
    client = _client(personas.pengurus)
    page = client.get(f"/k/{coop.slug}/pengurus/{officer.pk}/hapus/")
    assert page.status_code == 200
    assert 'name="konfirmasi" value="ya"' in page.content.decode()
    # An empty POST (replayed, or without the button) only asks again.
    assert client.post(f"/k/{coop.slug}/pengurus/{officer.pk}/hapus/").status_code == 200
    assert Officer.objects.filter(pk=officer.pk).exists()


def test_deleting_an_officer_entered_by_mistake_leaves_a_history_row(personas):
    coop = personas.coop
    officer = rf.officer(coop, name="Salah Ketik")
    response = _client(personas.pengurus).post(
        f"/k/{coop.slug}/pengurus/{officer.pk}/hapus/", CONFIRM
    )
    assert response.status_code == 302
    assert response["Location"] == f"/k/{coop.slug}/#pengurus"
    assert not Officer.objects.filter(pk=officer.pk).exists()
    assert _deleted(coop, officer).actor == personas.pengurus
    history = _client(personas.pengawas).get(f"/k/{coop.slug}/riwayat/").content.decode()
    assert "Salah Ketik" in history


def test_ending_a_term_keeps_the_officer_with_the_date(personas):
    coop = personas.coop
    officer = rf.officer(coop)
    url = f"/k/{coop.slug}/pengurus/{officer.pk}/berhenti/"
    client = _client(personas.dinas)
    assert client.get(url).context["form"].initial["ended_on"] is not None
    empty = client.post(url, {})
    assert empty.context["form"].errors["ended_on"] == ["Bidang ini tidak boleh kosong."]
    response = client.post(url, {"ended_on": "2026-10-31"})
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.ended_on == date(2026, 10, 31)
    change = ChangeRecord.objects.get(cooperative=coop, field="ended_on", object_id=officer.pk)
    assert change.actor == personas.dinas


def test_deleting_a_unit_not_in_the_books_writes_history(personas):
    coop = personas.coop
    unit = rf.unit(coop, "klinik")
    response = _client(personas.pengurus).post(f"/k/{coop.slug}/unit/{unit.pk}/hapus/", CONFIRM)
    assert response.status_code == 302
    assert response["Location"] == f"/k/{coop.slug}/#unit"
    assert not BusinessUnit.objects.filter(pk=unit.pk).exists()
    assert _deleted(coop, unit).actor == personas.pengurus


def test_a_unit_used_in_the_books_is_kept_and_the_page_says_why(personas):
    from kopdes.testing import ledger_factories as lf

    coop = personas.coop
    unit = rf.unit(coop, "gerai_sembako")
    lf.entry(coop, unit=unit)
    response = _client(personas.pengurus).post(f"/k/{coop.slug}/unit/{unit.pk}/hapus/", CONFIRM)
    assert response.status_code == 200
    assert response.context["error"] == (
        "Unit ini sudah dipakai di pembukuan; ubah statusnya menjadi Berhenti."
    )
    assert BusinessUnit.objects.filter(pk=unit.pk).exists()
    # The refused removal left no history row behind (one transaction).
    assert not ChangeRecord.objects.filter(cooperative=coop, action="delete").exists()


def test_deleting_the_last_step_moves_the_stage_back(personas):
    coop = personas.coop
    rf.steps_through(coop, StepKind.RAPAT_PENDIRIAN)
    coop.refresh_from_db()
    stage_before = coop.stage
    client = _client(personas.dinas)
    # An earlier step is refused while a later one is recorded.
    refused = client.post(f"/k/{coop.slug}/tahap/{StepKind.SOSIALISASI}/hapus/", CONFIRM)
    assert refused.status_code == 200
    assert refused.context["error"] == (
        "Tahap ini tidak dapat dihapus karena tahap sesudahnya sudah dicatat."
    )
    response = client.post(f"/k/{coop.slug}/tahap/{StepKind.RAPAT_PENDIRIAN}/hapus/", CONFIRM)
    assert response.status_code == 302
    assert response["Location"] == f"/k/{coop.slug}/#tahapan"
    assert not FormationStep.objects.filter(
        cooperative=coop, kind=StepKind.RAPAT_PENDIRIAN
    ).exists()
    coop.refresh_from_db()
    assert coop.stage != stage_before
    assert ChangeRecord.objects.filter(
        cooperative=coop, action="delete", object_type="cooperatives.formationstep"
    ).exists()


def test_an_unrecorded_step_has_no_removal_page(personas):
    coop = personas.coop
    assert _client(personas.dinas).get(f"/k/{coop.slug}/tahap/nib/hapus/").status_code == 404


def test_deleting_a_document_writes_history_on_its_step(personas):
    coop = personas.coop
    (step,) = rf.steps_through(coop, StepKind.SOSIALISASI)
    document = attach_document(
        cooperative=coop, upload=rf.pdf("undangan.pdf"), step=step, actor=None
    )
    response = _client(personas.pengurus).post(
        f"/k/{coop.slug}/dokumen/{document.pk}/hapus/", CONFIRM
    )
    assert response.status_code == 302
    assert response["Location"] == f"/k/{coop.slug}/#tahapan"
    assert not RegistryDocument.objects.filter(pk=document.pk).exists()
    change = ChangeRecord.objects.filter(
        cooperative=coop, field="documents", old_value="undangan.pdf"
    ).get()
    assert change.actor == personas.pengurus


def test_the_profile_offers_removals_to_editors_only(personas):
    coop = personas.coop
    officer = rf.officer(coop)
    unit = rf.unit(coop, "apotek")
    links = (
        f"/k/{coop.slug}/pengurus/{officer.pk}/hapus/",
        f"/k/{coop.slug}/pengurus/{officer.pk}/berhenti/",
        f"/k/{coop.slug}/unit/{unit.pk}/hapus/",
    )
    editor = _client(personas.pengurus).get(f"/k/{coop.slug}/").content.decode()
    reader = _client(personas.pengawas).get(f"/k/{coop.slug}/").content.decode()
    for link in links:
        assert link in editor
        assert link not in reader


@pytest.mark.parametrize(
    "path",
    ["pengurus/{officer}/hapus/", "pengurus/{officer}/berhenti/", "unit/{unit}/hapus/"],
)
def test_another_cooperatives_object_under_the_own_slug_is_404(personas, path):
    coop, other = personas.coop, personas.other_coop
    officer, unit = rf.officer(other), rf.unit(other)
    url = f"/k/{coop.slug}/" + path.format(officer=officer.pk, unit=unit.pk)
    assert (
        _client(personas.pengurus).post(url, {**CONFIRM, "ended_on": "2026-10-31"}).status_code
        == 404
    )
    assert Officer.objects.filter(pk=officer.pk, ended_on=None).exists()
    assert BusinessUnit.objects.filter(pk=unit.pk).exists()


def test_a_read_only_role_cannot_confirm_a_removal(personas):
    coop = personas.coop
    officer = rf.officer(coop)
    response = _client(personas.pengawas).post(
        f"/k/{coop.slug}/pengurus/{officer.pk}/hapus/", CONFIRM
    )
    assert response.status_code == 403
    assert Officer.objects.filter(pk=officer.pk).exists()
