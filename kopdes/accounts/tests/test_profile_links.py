"""The account page links to the security pages."""

from __future__ import annotations


def test_profile_links_to_two_factor_and_tokens(client, personas):
    client.force_login(personas.pengurus)
    page = client.get("/akun/").content.decode()
    assert 'href="/akun/2fa/"' in page
    assert 'href="/akun/token/"' in page
    assert 'href="/akun/kata-sandi/"' in page


def test_the_two_factor_status_page_explains_what_applies(client, personas):
    client.force_login(personas.pengurus)
    assert "tidak memerlukan" in client.get("/akun/2fa/").content.decode()
    client.force_login(personas.dinas)
    assert "Belum dipasang" in client.get("/akun/2fa/").content.decode()
