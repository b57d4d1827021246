"""Personal API tokens: an expiry by default, a read-only scope, a cheap last-used time,
revocation when the owner is deactivated (docs/tenancy.md, "People and access")."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from kopdes.accounts.models import ApiToken
from kopdes.accounts.people.services import deactivate_user
from kopdes.accounts.tokens import issue_api_token, user_for_key
from kopdes.core.errors import DomainError

pytestmark = pytest.mark.django_db


def _bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_token_issued_without_an_expiry_gets_the_default_of_90_days(personas):
    token, _key = issue_api_token(user=personas.pengurus, name="Tanpa pilihan")

    assert token.expires_at is not None
    days = (token.expires_at - timezone.now()).total_seconds() / 86400
    assert 89.9 < days <= 90


@override_settings(KOPDES_API_TOKEN_DAYS=7)
def test_the_default_expiry_is_configurable(personas):
    token, _key = issue_api_token(user=personas.pengurus, name="Seminggu")

    assert 6.9 < (token.expires_at - timezone.now()).total_seconds() / 86400 <= 7


def test_a_token_may_not_outlive_the_longest_allowed_life(personas):
    with pytest.raises(DomainError) as refused:
        issue_api_token(
            user=personas.pengurus,
            name="Selamanya",
            expires_at=timezone.now() + timedelta(days=366),
        )
    assert refused.value.field == "expires_at"
    assert "365 hari" in refused.value.message
    assert not ApiToken.objects.exists()


def test_a_token_may_not_expire_in_the_past(personas):
    with pytest.raises(DomainError) as refused:
        issue_api_token(
            user=personas.pengurus, name="Basi", expires_at=timezone.now() - timedelta(days=1)
        )
    assert refused.value.field == "expires_at"


def test_a_token_name_is_checked_for_length_and_control_characters(personas):
    for name in ("x" * 81, "nama\x00jahat"):
        with pytest.raises(DomainError) as refused:
            issue_api_token(user=personas.pengurus, name=name)
        assert refused.value.field == "name"
    assert not ApiToken.objects.exists()


def test_a_read_only_token_reads_but_every_other_method_answers_403_json(personas):
    _token, key = issue_api_token(user=personas.pengurus, name="Baca saja", read_only=True)
    client = Client()

    assert client.get("/api/v1/me", **_bearer(key)).status_code == 200
    response = client.patch(
        "/api/v1/me",
        data='{"full_name": "Diubah"}',
        content_type="application/json",
        **_bearer(key),
    )
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == "token_read_only"
    assert "hanya untuk membaca" in body["detail"]
    personas.pengurus.refresh_from_db()
    assert personas.pengurus.full_name != "Diubah"


def test_a_read_only_token_cannot_change_a_cooperative(personas):
    _token, key = issue_api_token(user=personas.pengurus, name="Baca saja", read_only=True)
    response = Client().post(
        f"/api/v1/k/{personas.coop.slug}/units",
        data='{"kind": "gerai_sembako"}',
        content_type="application/json",
        **_bearer(key),
    )
    assert response.status_code == 403
    assert response.json()["code"] == "token_read_only"
    assert not personas.coop.units.exists()


def test_a_full_token_still_writes(personas):
    _token, key = issue_api_token(user=personas.pengurus, name="Penuh")
    response = Client().patch(
        "/api/v1/me",
        data='{"full_name": "Bu Pengurus"}',
        content_type="application/json",
        **_bearer(key),
    )
    assert response.status_code == 200


def test_last_use_is_written_at_most_once_a_minute(personas):
    token, key = issue_api_token(user=personas.pengurus, name="Sering")
    assert user_for_key(key) == personas.pengurus
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None

    assert user_for_key(key) == personas.pengurus
    token.refresh_from_db()
    assert token.last_used_at == first

    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    assert user_for_key(key) == personas.pengurus
    token.refresh_from_db()
    assert token.last_used_at > first - timedelta(minutes=2)


def test_deactivating_a_user_revokes_their_tokens_for_good(personas):
    token, key = issue_api_token(user=personas.teller, name="Teller")

    deactivate_user(actor=personas.pengurus, user=personas.teller, cooperative=personas.coop)

    token.refresh_from_db()
    assert token.revoked_at is not None
    personas.teller.is_active = True
    personas.teller.save(update_fields=["is_active"])
    assert user_for_key(key) is None


def test_the_token_page_creates_a_read_only_token_and_shows_it(client, personas):
    client.force_login(personas.pengawas)
    response = client.post(
        "/akun/token/", {"name": "Untuk Excel", "lifetime": "30", "read_only": "on"}
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(user=personas.pengawas)
    assert token.read_only
    assert 29.9 < (token.expires_at - timezone.now()).total_seconds() / 86400 <= 30
    assert "Hanya baca" in client.get("/akun/token/").content.decode()


def test_the_token_page_offers_no_token_without_an_expiry(client, personas):
    client.force_login(personas.pengurus)
    response = client.post("/akun/token/", {"name": "Abadi", "lifetime": "0"})
    assert response.status_code == 200
    assert not ApiToken.objects.exists()
