"""Changing one's password: Indonesian labels, Bootstrap look, still signed in."""

from __future__ import annotations

from kopdes.testing.factories import PASSWORD


def test_the_form_speaks_indonesian_and_uses_bootstrap(client, personas):
    client.force_login(personas.teller)
    page = client.get("/akun/kata-sandi/").content.decode()
    for label in ("Kata sandi lama", "Kata sandi baru", "Ulangi kata sandi baru"):
        assert label in page
    assert 'class="form-control"' in page


def test_a_wrong_old_password_is_named(client, personas):
    client.force_login(personas.teller)
    response = client.post(
        "/akun/kata-sandi/",
        {
            "old_password": "bukan",
            "new_password1": "Sandi-Baru-2026!",
            "new_password2": "Sandi-Baru-2026!",
        },
    )
    assert "Kata sandi lama salah" in response.content.decode()


def test_changing_the_password_keeps_the_user_signed_in(client, personas):
    client.force_login(personas.teller)
    response = client.post(
        "/akun/kata-sandi/",
        {
            "old_password": PASSWORD,
            "new_password1": "Sandi-Baru-2026!",
            "new_password2": "Sandi-Baru-2026!",
        },
    )
    assert response["Location"] == "/akun/kata-sandi/selesai/"
    personas.teller.refresh_from_db()
    assert personas.teller.check_password("Sandi-Baru-2026!")
    assert client.get("/akun/").status_code == 200
