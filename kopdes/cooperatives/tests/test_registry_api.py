"""The registry API writes through the same services: same rules, same history."""

import pytest
from django.test import Client

from kopdes.accounts.tokens import issue_api_token
from kopdes.cooperatives.models import ChangeRecord, Officer, OfficerRole, StepKind, UnitKind
from kopdes.cooperatives.selectors import history_for
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _, key = issue_api_token(user=user, name="uji")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def _officer_body(**fields):
    body = {
        "role": OfficerRole.SEKRETARIS,
        "name": "Wayan Sudarsana",
        "nik": rf.nik(regency="5201", kecamatan="02"),
        "phone": "0812 5555 1234",
        "kk_number": rf.kk(),
        "term_start": "2025-06-19",
        "term_end": "2030-06-18",
    }
    body.update(fields)
    return body


def test_a_pengurus_adds_an_officer_and_history_names_them_and_the_api(personas):
    response = api(personas.pengurus).post(
        f"/api/v1/k/{personas.coop.slug}/officers",
        _officer_body(),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["phone"] == "+6281255551234"
    assert body["nik_masked"].startswith("5201")
    officer = Officer.objects.get(pk=body["id"])
    changes = list(history_for(personas.coop, officer))
    assert changes
    assert {(c.actor, c.source, c.action) for c in changes} == {
        (personas.pengurus, "api", "create")
    }


def test_a_unit_status_change_through_the_api_is_in_the_history(personas):
    unit = rf.unit(personas.coop, UnitKind.GERAI_SEMBAKO)
    response = api(personas.dinas).patch(
        f"/api/v1/k/{personas.coop.slug}/units/{unit.pk}",
        {"status": "beroperasi", "started_on": "2026-03-02"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    change = history_for(personas.coop, unit).get(field="status", action="update")
    assert (change.old_value, change.new_value) == ("Direncanakan", "Beroperasi")
    assert (change.actor, change.source) == (personas.dinas, "api")
    listed = api(personas.pengawas).get(f"/api/v1/k/{personas.coop.slug}/history").json()
    assert listed[0]["actor"] == "dinas"
    assert {row["field"] for row in listed} >= {"status", "started_on"}


def test_a_refused_write_answers_400_naming_the_field(personas):
    unit = rf.unit(personas.coop, UnitKind.KLINIK)
    response = api(personas.pengurus).patch(
        f"/api/v1/k/{personas.coop.slug}/units/{unit.pk}",
        {"status": "beroperasi"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Tanggal mulai beroperasi wajib diisi untuk unit yang beroperasi.",
        "field": "started_on",
        "code": "unit_started_required",
    }


def test_the_pengawas_reads_but_cannot_write(personas):
    officer = rf.officer(personas.coop, OfficerRole.KETUA)
    client = api(personas.pengawas)
    assert client.get(f"/api/v1/k/{personas.coop.slug}/officers").status_code == 200
    response = client.patch(
        f"/api/v1/k/{personas.coop.slug}/officers/{officer.pk}",
        {"name": "Diubah Pengawas"},
        content_type="application/json",
    )
    assert response.status_code == 404
    response = client.post(
        f"/api/v1/k/{personas.coop.slug}/officers", _officer_body(), content_type="application/json"
    )
    assert response.status_code == 404
    officer.refresh_from_db()
    assert officer.name != "Diubah Pengawas"
    assert Officer.objects.filter(cooperative=personas.coop).count() == 1


def test_a_pengurus_cannot_touch_another_cooperatives_officer_through_a_tampered_id(personas):
    theirs = rf.officer(personas.other_coop, OfficerRole.KETUA, name="Ketua Giri Mukti")
    before = ChangeRecord.objects.count()
    client = api(personas.pengurus)
    path = f"/api/v1/k/{personas.coop.slug}/officers/{theirs.pk}"
    assert client.get(path).status_code == 404
    response = client.patch(path, {"name": "Dibajak"}, content_type="application/json")
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Ketua Giri Mukti"
    assert ChangeRecord.objects.count() == before


def test_steps_are_recorded_and_read_through_the_api(personas):
    client = api(personas.pengurus)
    base = f"/api/v1/k/{personas.coop.slug}/pipeline"
    response = client.put(
        f"{base}/{StepKind.SOSIALISASI}",
        {"done_on": "2025-04-20", "document_number": "BA/01/2025"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "done"
    response = client.put(
        f"{base}/{StepKind.RAPAT_PENDIRIAN}",
        {"done_on": "2025-05-20"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["field"] == "kind"
    upload = client.post(
        f"{base}/{StepKind.SOSIALISASI}/documents", {"file": rf.pdf("undangan.pdf")}
    )
    assert upload.status_code == 201, upload.content
    pipeline = client.get(base).json()
    assert pipeline["stage"] == "sosialisasi"
    first = pipeline["steps"][0]
    assert (first["kind"], first["done_on"], first["documents"][0]["name"]) == (
        "sosialisasi",
        "2025-04-20",
        "undangan.pdf",
    )
    assert pipeline["steps"][1]["state"] == "pending"


def test_a_rat_is_recorded_through_the_api_with_its_quorum(personas):
    client = api(personas.dinas)
    response = client.post(
        f"/api/v1/k/{personas.coop.slug}/rat",
        {
            "book_year": 2025,
            "held_on": "2026-03-14",
            "members_total": 150,
            "members_present": 90,
            "statements_approved": True,
            "shu_amount_sen": 1_250_000_00,
            "shu_decision": "SHU dibagi sesuai AD/ART",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["quorum_reached"], body["shu_amount_sen"]) == (True, 125_000_000)
    minutes = client.post(
        f"/api/v1/k/{personas.coop.slug}/rat/{body['id']}/documents",
        {"file": rf.pdf("ba-rat.pdf"), "purpose": "rat_minutes"},
    )
    assert minutes.status_code == 201, minutes.content
    latest = client.get(f"/api/v1/k/{personas.coop.slug}/rat").json()[0]
    assert latest["documents"][0]["purpose"] == "rat_minutes"


def test_warnings_are_served_per_cooperative(personas):
    rf.board(personas.coop, kepala_desa=False)
    warnings = api(personas.ba).get(f"/api/v1/k/{personas.coop.slug}/warnings").json()
    assert [w["code"] for w in warnings] == ["ketua_pengawas_bukan_kades"]
    assert warnings[0]["label"] == "Ketua pengawas bukan kepala desa"


def test_a_session_write_needs_the_csrf_token_and_then_records_the_user(personas):
    unit = rf.unit(personas.coop, UnitKind.APOTEK)
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.pengurus)
    path = f"/api/v1/k/{personas.coop.slug}/units/{unit.pk}"
    refused = client.patch(path, {"notes": "tanpa token"}, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["code"] == "csrf_failed"
    client.get("/akun/")  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    response = client.patch(
        path, {"notes": "dengan token"}, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200, response.content
    change = history_for(personas.coop, unit).get(field="notes")
    assert (change.new_value, change.actor, change.source) == (
        "dengan token",
        personas.pengurus,
        "api",
    )
