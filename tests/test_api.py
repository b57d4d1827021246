"""The API: authentication, scoping, error shape and the OpenAPI schema."""

import json
import re

import pytest
from django.test import Client

from kopdes.accounts.tokens import issue_api_token, revoke_api_token


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_token_identifies_its_user_and_scopes_the_cooperatives(personas):
    _, key = issue_api_token(user=personas.pengurus, name="integrasi")
    response = Client().get("/api/v1/me", **bearer(key))
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "pengurus"
    assert body["cooperatives"] == [personas.coop.slug]
    assert [g["role"] for g in body["grants"]] == ["pengurus"]


def test_the_cooperative_list_follows_visibility(personas):
    for persona, expected in [
        (personas.dinas, {personas.coop.slug, personas.other_coop.slug}),
        (personas.ba, {personas.coop.slug}),
        (personas.outsider, {personas.other_coop.slug}),
        (personas.trainer, set()),
    ]:
        client = Client()
        client.force_login(persona)
        slugs = {row["slug"] for row in client.get("/api/v1/cooperatives").json()}
        assert slugs == expected, persona


def test_another_cooperative_answers_404_with_an_indonesian_message(personas):
    client = Client()
    client.force_login(personas.pengurus)
    response = client.get(f"/api/v1/k/{personas.other_coop.slug}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Tidak ditemukan.", "field": None, "code": "not_found"}


def test_a_wrong_or_revoked_token_is_refused(personas):
    token, key = issue_api_token(user=personas.teller, name="kasir")
    assert Client().get("/api/v1/me", **bearer(key)).status_code == 200
    revoke_api_token(user=personas.teller, token_id=token.pk)
    response = Client().get("/api/v1/me", **bearer(key))
    assert response.status_code == 401
    assert "token tidak valid" in response.json()["detail"]
    assert Client().get("/api/v1/me", **bearer(key[:-1] + "x")).status_code == 401
    assert Client().get("/api/v1/me", **bearer("bukan-token")).status_code == 401


def test_a_deactivated_user_token_stops_working(personas):
    _, key = issue_api_token(user=personas.teller, name="kasir")
    personas.teller.is_active = False
    personas.teller.save()
    assert Client().get("/api/v1/me", **bearer(key)).status_code == 401


def test_bad_query_input_names_the_field_in_indonesian(personas):
    client = Client()
    client.force_login(personas.dinas)
    response = client.get("/api/v1/regions?level=dua")
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == "level"
    assert body["detail"] == "level harus berupa bilangan bulat."


def test_region_detail_carries_the_boundary(personas):
    client = Client()
    client.force_login(personas.pengurus)
    body = client.get("/api/v1/regions/64.09.04.2015").json()
    assert body["name"] == "Telemow"
    assert body["parent_code"] == "64.09.04"
    assert body["boundary"]["type"] in {"Polygon", "MultiPolygon"}


@pytest.mark.django_db
def test_the_openapi_schema_generates_and_names_no_external_host():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Kopdes API"
    paths = set(schema["paths"])
    assert {"/api/v1/me", "/api/v1/cooperatives", "/api/v1/k/{slug}", "/api/v1/regions"} <= paths
    hosts = set(re.findall(r"https?://([^/\"' ]+)", json.dumps(schema)))
    assert hosts == set(), hosts


@pytest.mark.django_db
def test_the_docs_page_loads_its_assets_locally():
    html = Client().get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle" in html
    assert not re.search(r"(src|href)=\"https?://", html)


def test_a_session_write_without_csrf_is_refused_and_changes_nothing(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.pengurus)
    response = client.patch("/api/v1/me", {"full_name": "Diubah"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    assert response.json()["detail"].startswith("Permintaan ditolak")
    personas.pengurus.refresh_from_db()
    assert personas.pengurus.full_name != "Diubah"


def test_a_session_write_with_csrf_succeeds(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.pengurus)
    client.get("/akun/")  # sets the csrftoken cookie
    token = client.cookies["csrftoken"].value
    response = client.patch(
        "/api/v1/me",
        {"full_name": "Ibu Pengurus", "phone": "0812-3456-7890"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200, response.content
    assert response.json()["phone"] == "+6281234567890"


def test_a_token_write_needs_no_csrf_and_bad_input_names_the_field(personas):
    _, key = issue_api_token(user=personas.teller, name="kasir")
    response = Client(enforce_csrf_checks=True).patch(
        "/api/v1/me", {"phone": "12ab"}, content_type="application/json", **bearer(key)
    )
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "phone"
    assert body["detail"]
    personas.teller.refresh_from_db()
    assert personas.teller.phone == ""
