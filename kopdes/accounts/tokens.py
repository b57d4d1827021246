"""Personal API tokens: issue, check, revoke. Only a hash is stored."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from kopdes.accounts.models import ApiToken
from kopdes.core.errors import DomainError

TOKEN_PREFIX = "kpd"  # noqa: S105 - a public marker, not a secret


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_api_token(*, user: Any, name: str, expires_at: Any = None) -> tuple[ApiToken, str]:
    """Create a token; returns it with the full key, which is never shown again."""
    name = name.strip()
    if not name:
        raise DomainError("Nama token wajib diisi.", field="name")
    with transaction.atomic():
        prefix = secrets.token_hex(4)
        secret = secrets.token_urlsafe(32)
        token = ApiToken.objects.create(
            user=user, name=name, prefix=prefix, key_hash=_hash(secret), expires_at=expires_at
        )
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


def revoke_api_token(*, user: Any, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True).first()
    if token is None:
        raise DomainError("Token tidak ditemukan.", field="token")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token


def tokens_of(user: Any) -> Any:
    """The user's own tokens, newest first (a queryset; others' never appear)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def user_for_key(key: str) -> Any | None:
    """The active user owning this key, or None. Constant-time on the secret."""
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    if token is None or not token.is_usable or not token.user.is_active:
        return None
    if not secrets.compare_digest(token.key_hash, _hash(parts[2])):
        return None
    now = timezone.now()
    # Write last-use at most once a minute: a busy integration must not turn
    # every read into a write.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
