"""Setting up the authenticator app: QR code, confirmation, recovery codes."""

from __future__ import annotations

import re

from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kopdes.accounts.tests.helpers import authenticator, current_code, log_in, wrong_code

SETUP = "/akun/2fa/pasang/"


def test_setup_page_shows_a_qr_code_and_the_secret_for_manual_entry(client, personas):
    log_in(client, "dinas")
    response = client.get(SETUP)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<svg" in page
    assert "otpauth://totp/Kopdes%3Adinas?secret=" in page
    device = TOTPDevice.objects.get(user=personas.dinas)
    assert not device.confirmed
    assert response.context["secret"].replace(" ", "") in page.replace(" ", "")


def test_reloading_setup_keeps_the_same_secret(client, personas):
    log_in(client, "dinas")
    first = client.get(SETUP).context["secret"]
    second = client.get(SETUP).context["secret"]
    assert first == second
    assert TOTPDevice.objects.filter(user=personas.dinas).count() == 1


def test_a_correct_code_confirms_the_device_and_shows_ten_recovery_codes_once(client, personas):
    log_in(client, "dinas")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=personas.dinas)

    response = client.post(SETUP, {"code": current_code(device)})

    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    codes = response.context["codes"]
    assert len(codes) == 10
    assert all(re.fullmatch(r"[a-z2-7]{4}-[a-z2-7]{4}", code) for code in codes)
    assert "hanya ditampilkan SEKALI" in response.content.decode()
    assert StaticToken.objects.filter(device__user=personas.dinas).count() == 10
    # The session is verified at once: the recovery page opens without a code.
    assert client.get("/akun/2fa/kode-pemulihan/").status_code == 200


def test_a_wrong_code_is_refused_and_the_device_stays_unconfirmed(client, personas):
    log_in(client, "dinas")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=personas.dinas)

    response = client.post(SETUP, {"code": wrong_code(device)})

    assert response.status_code == 200
    assert "Kode tidak valid." in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticToken.objects.filter(device__user=personas.dinas).exists()


def test_a_role_without_two_factor_has_no_setup_page(client, personas):
    log_in(client, "pengurus")
    assert client.get(SETUP).status_code == 404


def test_replacing_a_device_needs_the_current_one_first(client, personas):
    authenticator(personas.dinas)
    log_in(client, "dinas")
    response = client.get(SETUP)
    assert response.status_code == 302
    assert response["Location"].startswith("/akun/2fa/verifikasi/?next=")
    assert TOTPDevice.objects.filter(user=personas.dinas).count() == 1


def test_a_new_phone_replaces_the_old_authenticator(client, personas, settings):
    old = authenticator(personas.dinas)
    log_in(client, "dinas")
    client.post("/akun/2fa/verifikasi/", {"code": current_code(old)})
    client.get(SETUP)
    new = TOTPDevice.objects.get(user=personas.dinas, confirmed=False)

    client.post(SETUP, {"code": current_code(new)})

    assert list(TOTPDevice.objects.filter(user=personas.dinas)) == [new]
