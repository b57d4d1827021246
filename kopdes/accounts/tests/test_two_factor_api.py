"""The API refuses a session that has not passed the second factor."""

from __future__ import annotations

from kopdes.accounts.tests.helpers import authenticator, current_code, log_in


def test_a_session_api_call_from_an_unverified_dinas_gets_403(client, personas, settings):
    settings.KOPDES_REQUIRE_2FA = True
    authenticator(personas.dinas)
    log_in(client, "dinas")

    response = client.get("/api/v1/me")

    assert response.status_code == 403
    assert response.json()["code"] == "otp_required"


def test_the_same_session_is_served_once_verified(client, personas, settings):
    settings.KOPDES_REQUIRE_2FA = True
    device = authenticator(personas.dinas)
    log_in(client, "dinas")
    client.post("/akun/2fa/verifikasi/", {"code": current_code(device)})

    response = client.get("/api/v1/me")

    assert response.status_code == 200
    assert response.json()["username"] == "dinas"
