"""Signing in as a district user with KOPDES_REQUIRE_2FA on."""

from __future__ import annotations

import pytest

from kopdes.accounts.tests.helpers import authenticator, current_code, log_in, wrong_code

VERIFY = "/akun/2fa/verifikasi/"


@pytest.fixture(autouse=True)
def _require_2fa(settings):
    settings.KOPDES_REQUIRE_2FA = True


def test_dinas_is_sent_to_verify_after_login_and_reaches_the_district_after_a_valid_code(
    client, personas
):
    device = authenticator(personas.dinas)

    response = log_in(client, "dinas", next="/kabupaten/")
    assert response["Location"] == "/kabupaten/"
    response = client.get("/kabupaten/")
    assert response.status_code == 302
    assert response["Location"] == "/akun/2fa/verifikasi/?next=%2Fkabupaten%2F"

    response = client.post(VERIFY, {"code": current_code(device), "next": "/kabupaten/"})
    assert response.status_code == 302
    assert response["Location"] == "/kabupaten/"
    assert client.get("/kabupaten/").status_code == 200


def test_a_wrong_code_says_kode_tidak_valid_and_keeps_the_user_out(client, personas):
    device = authenticator(personas.dinas)
    log_in(client, "dinas")

    response = client.post(VERIFY, {"code": wrong_code(device)})

    assert response.status_code == 200
    assert "Kode tidak valid." in response.content.decode()
    assert client.get("/kabupaten/").status_code == 302


def test_codes_typed_too_fast_after_a_wrong_one_are_throttled(client, personas):
    device = authenticator(personas.dinas)
    log_in(client, "dinas")
    client.post(VERIFY, {"code": wrong_code(device)})

    response = client.post(VERIFY, {"code": current_code(device)})

    assert "Terlalu banyak kode salah" in response.content.decode()
    assert client.get("/kabupaten/").status_code == 302


def test_a_district_user_without_a_device_is_sent_to_setup(client, personas):
    log_in(client, "viewer")
    response = client.get("/kabupaten/", follow=True)
    assert response.redirect_chain[-1][0] == "/akun/2fa/pasang/?next=%2Fkabupaten%2F"
    assert response.status_code == 200


def test_a_pengurus_is_not_asked_for_a_code(client, personas):
    response = log_in(client, "pengurus")
    response = client.get(response["Location"], follow=True)
    assert response.status_code == 200
    assert all(VERIFY not in url for url, _ in response.redirect_chain)
    assert client.get(f"/k/{personas.coop.slug}/").status_code == 200


def test_an_outside_next_is_ignored_after_verification(client, personas):
    device = authenticator(personas.dinas)
    log_in(client, "dinas")
    response = client.post(VERIFY, {"code": current_code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_the_verify_page_is_not_a_way_around_the_password(client, personas):
    response = client.get(VERIFY)
    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")
