"""What every ledger endpoint shares: the router, access, the body, keys, bounds.

Access (``kopdes.accounts.access``): a cooperative outside the caller's
scope answers 404 whatever is sent; inside it, an action the caller's role
may not take answers 403 "Anda hanya dapat melihat data ini". The body of
a write is read only after that check (so the JSON schema is given to
OpenAPI by hand, ``body_doc``), and money writes need an ``Idempotency-Key``
header: a replay answers 200 with the first result, a new key 201.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError

from kopdes.accounts import access
from kopdes.accounts.models import User
from kopdes.cooperatives.models import Cooperative
from kopdes.core.errors import DomainError

router = Router(tags=["pembukuan"])

VIEW = "cooperative.view"
CASH = "cooperative.transact"
MANAGE = "ledger.manage"
CLOSE = "ledger.close"

MAX_LIST = 200
MAX_OFFSET = 1_000_000_000
MAX_ID = 2**63 - 1  # a 64-bit primary key; larger ids are refused (422), never a 500
KEY_MAX_LENGTH = 100

# Ninja reads parameter kinds from defaults; module-level so they are built once.
LIMIT = Query(50, ge=1, le=MAX_LIST, description=f"Paling banyak {MAX_LIST} baris")
OFFSET = Query(0, ge=0, le=MAX_OFFSET, description="Lewati sekian baris pertama")
OBJECT_ID = Path(..., ge=1, le=MAX_ID)
YEAR = Path(..., ge=2000, le=2100)
MONTH = Path(..., ge=1, le=12)

S = TypeVar("S", bound=Schema)


class MissingKey(DomainError):
    pass


def cooperative_for(request: HttpRequest, slug: str, action: str = VIEW) -> Cooperative:
    """404 outside the caller's scope; 403 inside it without the right to ``action``."""
    if action == VIEW:
        return access.cooperative_for(request.user, slug)
    return access.cooperative_for_action(request.user, slug, action)


def actor(request: HttpRequest) -> User:
    """The signed-in user (the router's auth has refused anyone else)."""
    if not isinstance(request.user, User):
        raise AuthenticationError()
    return request.user


def require(request: HttpRequest, action: str, cooperative: Cooperative) -> None:
    """403 unless the caller may ``action`` (for a cooperative they already see)."""
    access.require_in_scope(request.user, action, cooperative)


def parse_body(request: HttpRequest, schema: type[S]) -> S:
    """Read the JSON body into ``schema``; errors name the field (config/api.py)."""
    try:
        return schema.model_validate_json(request.body or b"{}")
    except PydanticValidationError as exc:
        raise NinjaValidationError([dict(error) for error in exc.errors()]) from exc


def idempotency_key(request: HttpRequest) -> str:
    key = (request.headers.get("Idempotency-Key") or "").strip()
    if not key:
        raise MissingKey(
            _("Header Idempotency-Key wajib diisi."),
            field="Idempotency-Key",
            code="missing_idempotency_key",
        )
    if len(key) > KEY_MAX_LENGTH:
        raise MissingKey(
            _("Header Idempotency-Key paling panjang %(n)s karakter.") % {"n": KEY_MAX_LENGTH},
            field="Idempotency-Key",
            code="invalid_idempotency_key",
        )
    return key


def body_doc(schema: type[Schema], *, idempotent: bool = False) -> dict[str, Any]:
    """OpenAPI for a body read by hand after the access check."""
    extra: dict[str, Any] = {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema.model_json_schema()}},
        }
    }
    if idempotent:
        extra["parameters"] = [
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": True,
                "description": "Kunci unik per transaksi; ulangan dengan kunci sama aman.",
                "schema": {"type": "string", "maxLength": KEY_MAX_LENGTH},
            }
        ]
    return extra
