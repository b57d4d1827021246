"""Login lockout: by username (from any address) and never by address alone."""

from __future__ import annotations

from django.test import Client

from kopdes.accounts.tests.helpers import authenticator, log_in, wrong_code

SHARED_IP = "10.0.0.1"  # a village behind one carrier address


def _fail_five_times(client: Client, username: str, ip: str = SHARED_IP):
    responses = [log_in(client, username, "salah-sandi", ip=ip) for _ in range(5)]
    return responses[-1]


def test_five_wrong_passwords_lock_the_username_even_with_the_right_password(personas):
    client = Client()
    first = log_in(client, "pengurus", "salah-sandi")
    assert first.status_code == 200
    assert "Nama pengguna atau kata sandi salah." in first.content.decode()

    locked = _fail_five_times(client, "pengurus")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Akun terkunci sementara" in page
    assert "Coba lagi dalam 15 menit" in page

    again = log_in(client, "pengurus")
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_another_user_behind_the_same_address_still_signs_in(personas):
    _fail_five_times(Client(), "pengurus")

    neighbour = Client()
    response = log_in(neighbour, "teller", ip=SHARED_IP)

    assert response.status_code == 302
    assert neighbour.session["_auth_user_id"] == str(personas.teller.pk)


def test_the_locked_username_is_locked_from_another_address_too(personas):
    _fail_five_times(Client(), "pengurus", ip=SHARED_IP)

    response = log_in(Client(), "pengurus", ip="10.9.9.9")

    assert response.status_code == 429


def test_the_login_page_warns_about_the_lockout(client, personas):
    page = client.get("/masuk/").content.decode()
    assert "dikunci sementara setelah 5 kali salah" in page


def test_wrong_second_factor_codes_count_toward_the_lockout(client, personas, settings):
    settings.KOPDES_REQUIRE_2FA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device = authenticator(personas.dinas)
    log_in(client, "dinas")

    responses = [
        client.post("/akun/2fa/verifikasi/", {"code": wrong_code(device)}) for _ in range(5)
    ]

    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert responses[-1].status_code == 429
    assert "_auth_user_id" not in client.session
    assert log_in(Client(), "dinas").status_code == 429
