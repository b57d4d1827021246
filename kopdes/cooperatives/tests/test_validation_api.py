"""Bad input to the registry API answers 4xx JSON naming the field, never a 500 (issue #8, §1).

The schemas bound what they can (lengths, 64-bit and the app's own caps,
finite coordinates) so the answer is a 422 before any service runs; what only
the service can judge (NUL characters, an NPWP) answers 400 from the service.
Either way nothing is stored.
"""

import json

import pytest
from django.test import Client

from kopdes.accounts.tokens import issue_api_token
from kopdes.cooperatives.models import (
    BusinessUnit,
    ChangeRecord,
    FormationStep,
    Officer,
    OfficerRole,
    RatRecord,
    StepKind,
    UnitKind,
)
from kopdes.core.money import MAX_SEN
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db

HUGE = 2**64


def api(user) -> Client:
    _, key = issue_api_token(user=user, name="uji")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def send(client: Client, method: str, path: str, body) -> object:
    data = body if isinstance(body, str) else json.dumps(body)
    return getattr(client, method)(path, data, content_type="application/json")


def refused(response, status: int, field: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    fields = {body.get("field")} | {e.get("field") for e in body.get("errors", [])}
    assert field in fields, body
    return body


def officer_body(**fields):
    body = {
        "role": OfficerRole.SEKRETARIS,
        "name": "Wayan Sudarsana",
        "nik": rf.nik(),
        "term_start": "2025-06-19",
    }
    body.update(fields)
    return body


def rat_body(**fields):
    body = {"book_year": 2025, "held_on": "2026-03-14", "members_total": 150, "members_present": 90}
    body.update(fields)
    return body


@pytest.fixture
def client(personas):
    return api(personas.pengurus)


@pytest.fixture
def base(personas):
    return f"/api/v1/k/{personas.coop.slug}"


def test_a_5000_character_officer_name_answers_422_and_is_not_stored(client, base):
    refused(send(client, "post", f"{base}/officers", officer_body(name="x" * 5000)), 422, "name")
    assert not Officer.objects.exists()


def test_a_5000_character_unit_name_answers_422(client, base, personas):
    body = {"kind": UnitKind.LAINNYA, "name": "x" * 5000}
    refused(send(client, "post", f"{base}/units", body), 422, "name")
    unit = rf.unit(personas.coop, UnitKind.KLINIK)
    refused(
        send(client, "patch", f"{base}/units/{unit.pk}", {"location": "y" * 301}), 422, "location"
    )


def test_a_nul_character_is_refused_naming_the_field(client, base):
    history = ChangeRecord.objects.count()
    response = send(client, "post", f"{base}/officers", officer_body(name="Wayan\x00Sudarsana"))
    assert response.status_code in (400, 422), response.content
    refused(response, response.status_code, "name")
    assert not Officer.objects.exists()
    assert ChangeRecord.objects.count() == history


def test_rat_members_of_a_trillion_and_an_shu_above_the_cap_answer_422(client, base):
    refused(
        send(client, "post", f"{base}/rat", rat_body(members_total=10**12)), 422, "members_total"
    )
    refused(
        send(client, "post", f"{base}/rat", rat_body(shu_amount_sen=MAX_SEN + 1)),
        422,
        "shu_amount_sen",
    )
    assert not RatRecord.objects.exists()


@pytest.mark.parametrize("field", ["book_year", "members_total", "members_present"])
def test_2_to_the_64_in_an_integer_field_answers_422(client, base, field):
    refused(send(client, "post", f"{base}/rat", rat_body(**{field: HUGE})), 422, field)


def test_2_to_the_64_in_a_patch_answers_422(client, base, personas):
    rat = rf.rat(personas.coop)
    refused(
        send(client, "patch", f"{base}/rat/{rat.pk}", {"members_total": HUGE}), 422, "members_total"
    )
    rat.refresh_from_db()
    assert rat.members_total == 120


def test_null_for_a_required_value_in_a_patch_is_refused_not_a_500(client, base, personas):
    rat = rf.rat(personas.coop)
    response = send(client, "patch", f"{base}/rat/{rat.pk}", {"members_total": None})
    assert response.status_code in (400, 422), response.content
    refused(response, response.status_code, "members_total")
    officer = rf.officer(personas.coop, OfficerRole.KETUA_PENGAWAS)
    response = send(client, "patch", f"{base}/officers/{officer.pk}", {"is_kepala_desa": None})
    refused(response, response.status_code, "is_kepala_desa")
    assert response.status_code in (400, 422)


@pytest.mark.parametrize("raw", ["1e400", '"1e400"', "-1e400", "91", "NaN", '"Infinity"'])
def test_a_latitude_that_is_not_a_finite_coordinate_answers_422(client, base, raw):
    body = '{"kind": "klinik", "latitude": ' + raw + ', "longitude": 116.7}'
    response = send(client, "post", f"{base}/units", body)
    refused(response, 422, "latitude")
    assert not BusinessUnit.objects.exists()


def test_an_unknown_choice_answers_422_naming_the_field(client, base):
    refused(send(client, "post", f"{base}/officers", officer_body(role="raja")), 422, "role")
    refused(send(client, "post", f"{base}/units", {"kind": "kasino"}), 422, "kind")


def test_an_npwp_that_is_not_an_npwp_is_refused(client, base, personas):
    rf.steps_through(personas.coop, StepKind.SK_AHU)
    response = send(
        client,
        "put",
        f"{base}/pipeline/{StepKind.NPWP}",
        {"done_on": "2025-09-01", "document_number": "BUKAN-NPWP-123"},
    )
    refused(response, 400, "document_number")
    assert not FormationStep.objects.filter(kind=StepKind.NPWP).exists()


@pytest.mark.parametrize("kind", ["officers", "units", "rat"])
def test_an_object_id_beyond_64_bits_answers_404_json(client, base, kind):
    for method, body in (("get", None), ("patch", {"notes": "x"})):
        path = f"{base}/{kind}/{HUGE}"
        response = client.get(path) if body is None else send(client, method, path, body)
        assert response.status_code == 404, (method, response.content)
        assert response.json()["code"] == "not_found"


def test_a_huge_history_limit_is_not_a_500(client, base):
    response = client.get(f"{base}/history", {"limit": str(10**20)})
    assert response.status_code in (200, 422), response.content
    assert response["Content-Type"].startswith("application/json")
