"""Recovery codes: single use, and regenerated only from a verified session."""

from __future__ import annotations

import pytest
from django.test import Client

from kopdes.accounts.tests.helpers import authenticator, current_code, log_in, recovery_device

VERIFY = "/akun/2fa/verifikasi/"
RECOVERY = "/akun/2fa/kode-pemulihan/"


@pytest.fixture(autouse=True)
def _require_2fa(settings):
    settings.KOPDES_REQUIRE_2FA = True
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def test_a_recovery_code_works_once_only(personas):
    authenticator(personas.dinas)
    recovery_device(personas.dinas, "abcdefgh", "ijklmnop")

    first = Client()
    log_in(first, "dinas")
    # Typed as shown on paper, with the dash and in capitals.
    response = first.post(VERIFY, {"code": "ABCD-EFGH", "next": "/kabupaten/"})
    assert response["Location"] == "/kabupaten/"
    assert first.get("/kabupaten/").status_code == 200

    second = Client()
    log_in(second, "dinas")
    response = second.post(VERIFY, {"code": "abcd-efgh"})
    assert "Kode tidak valid." in response.content.decode()
    assert second.get("/kabupaten/").status_code == 302


def test_regenerating_needs_a_verified_session(client, personas):
    authenticator(personas.dinas)
    log_in(client, "dinas")
    response = client.get(RECOVERY)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)


def test_regenerating_replaces_every_old_code(client, personas):
    device = authenticator(personas.dinas)
    recovery_device(personas.dinas, "abcdefgh")
    log_in(client, "dinas")
    client.post(VERIFY, {"code": current_code(device)})

    response = client.post(RECOVERY)

    assert response.status_code == 200
    new_codes = response.context["codes"]
    assert len(new_codes) == 10
    client.post("/keluar/")
    log_in(client, "dinas")
    assert "Kode tidak valid." in client.post(VERIFY, {"code": "abcd-efgh"}).content.decode()
    assert client.post(VERIFY, {"code": new_codes[0]})["Location"] == "/"
