"""API authentication (token or session+CSRF) and who-am-I."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, django_auth

from kopdes.accounts import access
from kopdes.accounts.models import Grant, User
from kopdes.accounts.tokens import READ_METHODS, ReadOnlyToken, token_for_key
from kopdes.core.errors import DomainError
from kopdes.core.validators import normalize_phone


class TokenAuth(HttpBearer):
    """``Authorization: Bearer kpd_…`` — a personal token from the account page."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = token_for_key(token)
        if api_token is None:
            return None
        if api_token.read_only and (request.method or "").upper() not in READ_METHODS:
            # 403 JSON in the API's error shape (docs/tenancy.md, "People and access").
            raise ReadOnlyToken()
        user = api_token.user
        request.user = user
        request.api_token_auth = True  # type: ignore[attr-defined]
        return user


# Every API route accepts either; session calls must carry the CSRF token.
API_AUTH = [TokenAuth(), django_auth]

router = Router(tags=["akun"])


def _signed_in_user(request: HttpRequest) -> User:
    # The router's auth has already refused anonymous callers; this guards
    # a route mounted without auth by mistake.
    if not isinstance(request.user, User):
        raise AuthenticationError()
    return request.user


class GrantOut(Schema):
    role: str
    role_label: str
    cooperative: str | None
    regency: str | None
    valid_from: str
    valid_to: str | None


class MeOut(Schema):
    username: str
    full_name: str
    phone: str
    grants: list[GrantOut]
    cooperatives: list[str]


@router.get("/me", response=MeOut, summary="Siapa saya: pengguna, peran aktif, koperasi terlihat")
def me(request: HttpRequest) -> dict[str, Any]:
    user = _signed_in_user(request)
    grants = Grant.objects.active().filter(user=user).select_related("cooperative", "regency")
    return {
        "username": user.get_username(),
        "full_name": getattr(user, "display_name", ""),
        "phone": getattr(user, "phone", ""),
        "grants": [
            {
                "role": g.role,
                "role_label": str(g.get_role_display()),
                "cooperative": g.cooperative.slug if g.cooperative else None,
                "regency": g.regency.code if g.regency else None,
                "valid_from": g.valid_from.isoformat(),
                "valid_to": g.valid_to.isoformat() if g.valid_to else None,
            }
            for g in grants
        ],
        "cooperatives": list(
            access.visible_cooperatives(user).order_by("slug").values_list("slug", flat=True)
        ),
    }


class MeIn(Schema):
    full_name: str | None = None
    phone: str | None = None


@router.patch("/me", response=MeOut, summary="Ubah nama lengkap dan nomor HP sendiri")
def update_me(request: HttpRequest, payload: MeIn) -> dict[str, Any]:
    user = _signed_in_user(request)
    fields = []
    if payload.full_name is not None:
        full_name = payload.full_name.strip()
        if not full_name or len(full_name) > 150:
            raise DomainError("Nama lengkap wajib diisi (maks. 150 huruf).", field="full_name")
        user.full_name = full_name
        fields.append("full_name")
    if payload.phone is not None:
        try:
            user.phone = normalize_phone(payload.phone) if payload.phone.strip() else ""
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages), field="phone") from exc
        fields.append("phone")
    if fields:
        user.save(update_fields=fields)
    return me(request)
