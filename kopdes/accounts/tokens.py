"""Personal API tokens: issue, check, revoke. Only a hash is stored.

A token expires (``KOPDES_API_TOKEN_DAYS`` after it is made unless a shorter
life is chosen, never later than ``KOPDES_API_TOKEN_MAX_DAYS``), may be
read-only, records when it was last used (at most one write a minute), and
is revoked for good when its owner is deactivated. See docs/tenancy.md,
"People and access".
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kopdes.accounts.models import ApiToken
from kopdes.core.errors import DomainError
from kopdes.core.validators import clean_value

TOKEN_PREFIX = "kpd"  # noqa: S105 - a public marker, not a secret
# Methods a read-only token may use.
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class TokenError(DomainError):
    pass


class ReadOnlyToken(DomainError):
    """A read-only token asked to change something: 403 on the API."""

    status_code = 403

    def __init__(self) -> None:
        super().__init__(
            _(
                "Token ini hanya untuk membaca data; buat token tanpa pilihan "
                "“hanya baca” untuk mengubah data."
            ),
            field="Authorization",
            code="token_read_only",
        )


def default_lifetime() -> timedelta:
    return timedelta(days=int(getattr(settings, "KOPDES_API_TOKEN_DAYS", 90)))


def _max_days() -> int:
    return int(getattr(settings, "KOPDES_API_TOKEN_MAX_DAYS", 365))


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_api_token(
    *,
    user: Any,
    name: str,
    expires_at: datetime | None = None,
    read_only: bool = False,
) -> tuple[ApiToken, str]:
    """Create a token; returns it with the full key, which is never shown again.

    Without ``expires_at`` the token lives ``KOPDES_API_TOKEN_DAYS``; there is
    no token without an expiry.
    """
    name = clean_value(ApiToken, "name", name, error=TokenError)
    if not name:
        raise TokenError(_("Nama token wajib diisi."), field="name", code="token_name")
    if not isinstance(read_only, bool):
        raise TokenError(_("Pilihan “hanya baca” harus ya atau tidak."), field="read_only")
    now = timezone.now()
    if expires_at is None:
        expires_at = now + default_lifetime()
    if not isinstance(expires_at, datetime):
        raise TokenError(_("Tanggal kedaluwarsa token tidak sah."), field="expires_at")
    if expires_at <= now:
        raise TokenError(
            _("Tanggal kedaluwarsa token harus setelah saat ini."),
            field="expires_at",
            code="token_expiry",
        )
    if expires_at > now + timedelta(days=_max_days()):
        raise TokenError(
            _("Token berlaku paling lama %(days)d hari.") % {"days": _max_days()},
            field="expires_at",
            code="token_expiry",
        )
    with transaction.atomic():
        prefix = secrets.token_hex(4)
        secret = secrets.token_urlsafe(32)
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=prefix,
            key_hash=_hash(secret),
            expires_at=expires_at,
            read_only=read_only,
        )
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


def revoke_api_token(*, user: Any, token_id: int) -> ApiToken:
    with transaction.atomic():
        token = (
            ApiToken.objects.select_for_update()
            .filter(user=user, pk=token_id, revoked_at__isnull=True)
            .first()
        )
        if token is None:
            raise TokenError(_("Token tidak ditemukan."), field="token")
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def revoke_all_tokens(*, user: Any) -> int:
    """Revoke every token of ``user`` still in force (on deactivation); returns how many.

    Call inside the caller's transaction (the deactivation service).
    """
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def tokens_of(user: Any) -> Any:
    """The user's own tokens, newest first (a queryset; others' never appear)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def token_for_key(key: str) -> ApiToken | None:
    """The usable token of an active user for this key, or None. Constant-time on the secret."""
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
        token.last_used_at = now
    return token


def user_for_key(key: str) -> Any | None:
    """The active user owning this key, or None."""
    token = token_for_key(key)
    return token.user if token is not None else None
