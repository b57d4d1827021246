"""An admin resets a lost second factor and lifts a lockout (commands and admin)."""

from __future__ import annotations

from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from kopdes.accounts.tests.helpers import authenticator, current_code, log_in, recovery_device
from kopdes.testing import factories


def _lock(username: str) -> None:
    client = Client()
    for _ in range(5):
        log_in(client, username, "salah-sandi")


def test_reset_2fa_deletes_the_devices_and_the_user_must_set_up_again(personas, settings):
    settings.KOPDES_REQUIRE_2FA = True
    authenticator(personas.dinas)
    recovery_device(personas.dinas, "abcdefgh")
    out = StringIO()

    call_command("reset_2fa", "dinas", stdout=out)

    assert "telah direset" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=personas.dinas).exists()
    assert not StaticDevice.objects.filter(user=personas.dinas).exists()
    client = Client()
    log_in(client, "dinas")
    response = client.get("/kabupaten/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/akun/2fa/pasang/")


def test_reset_2fa_ends_the_verified_state_of_open_sessions(personas, settings):
    settings.KOPDES_REQUIRE_2FA = True
    device = authenticator(personas.dinas)
    client = Client()
    log_in(client, "dinas")
    client.post("/akun/2fa/verifikasi/", {"code": current_code(device)})
    assert client.get("/kabupaten/").status_code == 200

    call_command("reset_2fa", "dinas", stdout=StringIO())

    assert client.get("/kabupaten/").status_code == 302


def test_reset_2fa_names_an_unknown_user(personas):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("reset_2fa", "tidakada", stdout=StringIO())


def test_unlock_user_lets_a_locked_user_sign_in_again(personas):
    _lock("pengurus")
    assert log_in(Client(), "pengurus").status_code == 429
    out = StringIO()

    call_command("unlock_user", "pengurus", stdout=out)

    assert "dibuka" in out.getvalue()
    assert log_in(Client(), "pengurus").status_code == 302


def test_admin_actions_reset_2fa_and_unlock(personas):
    admin_user = factories.user("superadmin", is_staff=True, is_superuser=True)
    authenticator(personas.dinas)
    _lock("dinas")
    client = Client()
    client.force_login(admin_user)

    for action in ("reset_two_factor_action", "unlock_action"):
        response = client.post(
            "/admin/accounts/user/",
            {"action": action, "_selected_action": [personas.dinas.pk]},
        )
        assert response.status_code == 302

    assert not TOTPDevice.objects.filter(user=personas.dinas).exists()
    assert not AccessAttempt.objects.filter(username="dinas").exists()


def test_admin_lists_users_grants_and_tokens(personas):
    admin_user = factories.user("superadmin", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin_user)
    for path in ("/admin/accounts/user/", "/admin/accounts/grant/", "/admin/accounts/apitoken/"):
        assert client.get(path).status_code == 200, path
    assert client.get(f"/admin/accounts/user/{personas.dinas.pk}/change/").status_code == 200
