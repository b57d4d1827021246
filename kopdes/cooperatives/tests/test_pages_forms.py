"""Registry forms: Indonesian field errors, redirect after POST, read-only roles, tampered ids."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from kopdes.cooperatives.models import (
    BusinessUnit,
    ChangeRecord,
    FormationStep,
    Officer,
    OfficerRole,
    RatRecord,
    StepKind,
    UnitStatus,
)
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _errors(response, field: str) -> list[str]:
    return [str(e) for e in response.context["form"].errors.get(field, [])]


def test_recording_a_step_redirects_to_the_timeline_and_writes_history(personas):
    coop = personas.coop
    response = _client(personas.pengurus).post(
        f"/k/{coop.slug}/tahap/sosialisasi/",
        {"done_on": "2025-04-10", "document_number": "UND/01/IV/2025", "notes": "Balai desa"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/k/{coop.slug}/#tahapan"
    step = FormationStep.objects.get(cooperative=coop, kind=StepKind.SOSIALISASI)
    assert step.done_on == date(2025, 4, 10)
    assert step.document_number == "UND/01/IV/2025"
    change = ChangeRecord.objects.filter(cooperative=coop, field="document_number").get()
    assert change.actor == personas.pengurus
    assert change.new_value == "UND/01/IV/2025"


def test_a_step_with_an_uploaded_document_is_downloadable_by_readers_only(personas):
    coop = personas.coop
    response = _client(personas.dinas).post(
        f"/k/{coop.slug}/tahap/sosialisasi/",
        {"done_on": "2025-04-10", "documents": rf.pdf("undangan.pdf")},
    )
    assert response.status_code == 302
    document = coop.registry_documents.get()
    url = f"/k/{coop.slug}/dokumen/{document.pk}/"
    download = _client(personas.pengawas).get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert "sandbox" in download["Content-Security-Policy"]
    assert _client(personas.outsider).get(url).status_code == 404


def test_a_step_without_a_date_or_a_skip_reason_gets_field_errors(personas):
    coop = personas.coop
    client = _client(personas.pengurus)
    response = client.post(f"/k/{coop.slug}/tahap/musdesus/", {"document_number": "BA/1"})
    assert response.status_code == 200
    assert _errors(response, "done_on") == [
        "Isi tanggal tahap ini, atau tandai dilewati dengan alasan."
    ]
    response = client.post(f"/k/{coop.slug}/tahap/musdesus/", {"skipped": "on"})
    assert _errors(response, "skip_reason") == ["Isi alasan tahap ini dilewati."]
    assert not FormationStep.objects.filter(cooperative=coop).exists()


def test_a_step_dated_before_an_earlier_step_is_refused_under_the_date_field(personas):
    coop = personas.coop
    rf.steps_through(coop, StepKind.MUSDESUS, start=date(2025, 5, 1))
    response = _client(personas.dinas).post(
        f"/k/{coop.slug}/tahap/rapat_pendirian/", {"done_on": "2025-04-01"}
    )
    assert response.status_code == 200
    [message] = _errors(response, "done_on")
    assert message.startswith("Tanggal tidak boleh sebelum tanggal tahap")
    assert 'aria-invalid="true"' in response.content.decode()


def test_the_deed_needs_a_notary(personas):
    coop = personas.coop
    rf.steps_through(coop, StepKind.RAPAT_PENDIRIAN, start=date(2025, 5, 1))
    response = _client(personas.dinas).post(
        f"/k/{coop.slug}/tahap/akta_pendirian/", {"done_on": "2025-06-19", "document_number": "12"}
    )
    assert _errors(response, "notary_name") == ["Nama notaris wajib diisi untuk akta pendirian."]


def test_adding_an_officer_with_a_bad_nik_shows_the_error_under_nik(personas):
    coop = personas.coop
    response = _client(personas.pengurus).post(
        f"/k/{coop.slug}/pengurus/baru/",
        {"role": OfficerRole.KETUA, "name": "Budi", "nik": "123", "term_start": "2025-06-19"},
    )
    assert response.status_code == 200
    [message] = _errors(response, "nik")
    assert message.startswith("NIK: ")
    assert not Officer.objects.filter(cooperative=coop).exists()


def test_required_officer_fields_are_named_in_indonesian(personas):
    response = _client(personas.pengurus).post(f"/k/{personas.coop.slug}/pengurus/baru/", {})
    assert _errors(response, "name") == ["Bidang ini tidak boleh kosong."]
    assert _errors(response, "term_start") == ["Bidang ini tidak boleh kosong."]


def test_adding_and_editing_an_officer(personas):
    coop = personas.coop
    client = _client(personas.dinas)
    response = client.post(
        f"/k/{coop.slug}/pengurus/baru/",
        {
            "role": OfficerRole.BENDAHARA,
            "name": "Siti Rahma",
            "nik": rf.nik(female=True),
            "phone": "0812-3456-7890",
            "kk_number": rf.kk(),
            "term_start": "2025-06-19",
            "term_end": "2030-06-18",
        },
    )
    assert response.status_code == 302
    officer = Officer.objects.get(cooperative=coop)
    assert officer.phone == "+6281234567890"
    response = client.post(
        f"/k/{coop.slug}/pengurus/{officer.pk}/",
        {
            "role": OfficerRole.BENDAHARA,
            "name": "Siti Rahmawati",
            "nik": officer.nik,
            "term_start": "2025-06-19",
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.name == "Siti Rahmawati"
    assert officer.term_end is None
    change = ChangeRecord.objects.get(object_id=officer.pk, field="name", action="update")
    assert (change.old_value, change.new_value) == ("Siti Rahma", "Siti Rahmawati")


def test_changing_a_unit_status_from_the_profile(personas):
    coop = personas.coop
    unit = rf.unit(coop, "gerai_sembako", status=UnitStatus.PERSIAPAN)
    response = _client(personas.pengurus).post(
        f"/k/{coop.slug}/unit/{unit.pk}/status/", {"status": UnitStatus.BEROPERASI}
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.status == UnitStatus.BEROPERASI
    assert unit.started_on is not None
    change = ChangeRecord.objects.get(object_id=unit.pk, field="status", action="update")
    assert change.actor == personas.pengurus
    assert (change.old_value, change.new_value) == ("Persiapan", "Beroperasi")


def test_a_unit_of_kind_lainnya_needs_a_name(personas):
    response = _client(personas.pengurus).post(
        f"/k/{personas.coop.slug}/unit/baru/",
        {"kind": "lainnya", "status": UnitStatus.DIRENCANAKAN},
    )
    assert _errors(response, "name") == ["Nama unit wajib diisi untuk jenis Lainnya."]
    assert not BusinessUnit.objects.exists()


def test_rat_with_more_present_than_members_is_refused(personas):
    response = _client(personas.pengurus).post(
        f"/k/{personas.coop.slug}/rat/baru/",
        {
            "book_year": "2025",
            "held_on": "2026-03-14",
            "members_total": "80",
            "members_present": "90",
        },
    )
    assert _errors(response, "members_present") == [
        "Anggota hadir tidak boleh lebih dari jumlah anggota."
    ]
    assert not RatRecord.objects.exists()


def test_recording_a_rat_with_its_minutes(personas):
    coop = personas.coop
    response = _client(personas.pengurus).post(
        f"/k/{coop.slug}/rat/baru/",
        {
            "book_year": "2025",
            "held_on": "2026-03-14",
            "members_total": "120",
            "members_present": "80",
            "statements_approved": "on",
            "shu_amount": "Rp12.500.000",
            "minutes": rf.pdf("berita-acara-rat.pdf"),
        },
    )
    assert response.status_code == 302
    rat = RatRecord.objects.get(cooperative=coop)
    assert rat.shu_amount == 12_500_000_00
    assert rat.documents.get().original_name == "berita-acara-rat.pdf"


@pytest.mark.parametrize("reader", ["pengawas", "teller", "viewer", "ba"])
def test_read_only_roles_cannot_open_or_post_any_form(personas, reader):
    coop = personas.coop
    unit = rf.unit(coop)
    officer = rf.officer(coop)
    rat = rf.rat(coop)
    client = _client(getattr(personas, reader))
    for path in (
        f"/k/{coop.slug}/tahap/sosialisasi/",
        f"/k/{coop.slug}/pengurus/baru/",
        f"/k/{coop.slug}/pengurus/{officer.pk}/",
        f"/k/{coop.slug}/unit/baru/",
        f"/k/{coop.slug}/unit/{unit.pk}/",
        f"/k/{coop.slug}/rat/baru/",
        f"/k/{coop.slug}/rat/{rat.pk}/",
    ):
        # Inside their scope: "Anda hanya dapat melihat data ini" (403), not "not found".
        assert client.get(path).status_code == 403, path
        assert client.post(path, {"name": "x"}).status_code == 403, path
    response = client.post(f"/k/{coop.slug}/unit/{unit.pk}/status/", {"status": "berhenti"})
    assert response.status_code == 403
    unit.refresh_from_db()
    assert unit.status == UnitStatus.DIRENCANAKAN


def test_a_pengurus_cannot_touch_another_cooperatives_objects_through_a_tampered_id(personas):
    other = personas.other_coop
    officer = rf.officer(other, name="Orang Lain")
    unit = rf.unit(other)
    rat = rf.rat(other)
    client = _client(personas.pengurus)
    own = personas.coop.slug
    assert (
        client.post(
            f"/k/{own}/pengurus/{officer.pk}/",
            {"role": "ketua", "name": "Diubah", "nik": officer.nik, "term_start": "2025-06-19"},
        ).status_code
        == 404
    )
    assert (
        client.post(f"/k/{own}/unit/{unit.pk}/status/", {"status": "berhenti"}).status_code == 404
    )
    assert client.get(f"/k/{own}/rat/{rat.pk}/").status_code == 404
    officer.refresh_from_db()
    unit.refresh_from_db()
    assert officer.name == "Orang Lain"
    assert unit.status == UnitStatus.DIRENCANAKAN
