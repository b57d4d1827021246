"""Personal API tokens: created on the account page, shown once, revocable."""

from __future__ import annotations

import re

from django.test import Client

from kopdes.accounts.models import ApiToken
from kopdes.accounts.tokens import issue_api_token

TOKENS = "/akun/token/"


def _create(client: Client, name: str = "Laporan Excel") -> str:
    response = client.post(TOKENS, {"name": name, "lifetime": "90"})
    assert response.status_code == 200
    match = re.search(r'id="new-token"[^>]*value="([^"]+)"', response.content.decode())
    assert match, "the new key is shown"
    return match.group(1)


def test_creating_a_token_shows_the_key_once_and_lists_it(client, personas):
    client.force_login(personas.pengurus)

    key = _create(client)

    assert key.startswith("kpd_")
    token = ApiToken.objects.get(user=personas.pengurus)
    assert token.expires_at is not None
    listing = client.get(TOKENS).content.decode()
    assert "Laporan Excel" in listing
    assert f"kpd_{token.prefix}" in listing
    assert key not in listing


def test_a_token_needs_a_name(client, personas):
    client.force_login(personas.pengurus)
    response = client.post(TOKENS, {"name": "", "lifetime": "90"})
    assert "Nama token wajib diisi." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_token_authenticates_until_it_is_revoked(client, personas):
    client.force_login(personas.pengurus)
    key = _create(client)
    token = ApiToken.objects.get(user=personas.pengurus)
    api = Client()
    assert (
        api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}").json()["username"] == "pengurus"
    )

    response = client.post(f"/akun/token/{token.pk}/cabut/")

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Dicabut" in client.get(TOKENS).content.decode()
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_revoking_someone_elses_token_answers_404_and_changes_nothing(client, personas):
    token, _key = issue_api_token(user=personas.outsider, name="Milik orang lain")
    client.force_login(personas.pengurus)

    response = client.post(f"/akun/token/{token.pk}/cabut/")

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoke_only_answers_post(client, personas):
    token, _key = issue_api_token(user=personas.pengurus, name="Sendiri")
    client.force_login(personas.pengurus)
    assert client.get(f"/akun/token/{token.pk}/cabut/").status_code == 405
