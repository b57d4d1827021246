"""The chart of accounts over the API: read it, add a sub-account, deactivate an account.

Accounts are named by chart code, as everywhere in the books API; writes
call ``kopdes.ledger.services.accounts`` (nothing is deleted).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.responses import Status

from kopdes.ledger.api.common import (
    MANAGE,
    actor,
    body_doc,
    cooperative_for,
    parse_body,
    require,
    router,
)
from kopdes.ledger.models import Account
from kopdes.ledger.services.accounts import add_account, deactivate_account
from kopdes.ledger.services.errors import LedgerError


class AccountOut(Schema):
    id: int
    code: str
    name: str
    type: str
    normal_side: str
    parent: str | None
    is_header: bool
    is_contra: bool
    is_active: bool
    cash_flow_class: str
    segment: str
    control_key: str
    system_key: str


class AccountIn(Schema):
    # A code is digits and dashes; the pattern also keeps a NUL out of the
    # look-up (PostgreSQL refuses it with a server error).
    parent: str = Field(
        ...,
        max_length=20,
        pattern=r"^\s*\d-\d{4}(\.\d{1,3})?\s*$",
        description="Kode akun induk, mis. 6-1100",
    )
    code: str = Field(..., max_length=20, description="Kode sub-akun baru, mis. 6-1110")
    name: str = Field(..., max_length=200)


def account_out(account: Account, parent_code: str | None) -> dict[str, Any]:
    return {
        "id": account.pk,
        "code": account.code,
        "name": account.name,
        "type": account.type,
        "normal_side": account.normal_side,
        "parent": parent_code,
        "is_header": account.is_header,
        "is_contra": account.is_contra,
        "is_active": account.is_active,
        "cash_flow_class": account.cash_flow_class,
        "segment": account.segment,
        "control_key": account.control_key,
        "system_key": account.system_key,
    }


def _chart(cooperative: Any) -> Any:
    return Account.objects.filter(cooperative=cooperative).select_related("parent")


@router.get("/k/{slug}/accounts", response=list[AccountOut], summary="Bagan akun koperasi")
def list_accounts(request: HttpRequest, slug: str) -> Any:
    cooperative = cooperative_for(request, slug)
    return [
        account_out(account, account.parent.code if account.parent else None)
        for account in _chart(cooperative).order_by("code")
    ]


@router.post(
    "/k/{slug}/accounts",
    response={201: AccountOut},
    summary="Tambah sub-akun di bawah akun induk (mewarisi klasifikasinya)",
    openapi_extra=body_doc(AccountIn),
)
def create_account(request: HttpRequest, slug: str) -> Any:
    cooperative = cooperative_for(request, slug, MANAGE)
    payload = parse_body(request, AccountIn)
    parent = _chart(cooperative).filter(code=payload.parent.strip()).first()
    if parent is None:
        raise LedgerError(
            _("Akun induk %(code)s tidak ditemukan di koperasi ini.") % {"code": payload.parent},
            field="parent",
            code="unknown_account",
        )
    account = add_account(
        cooperative=cooperative,
        actor=actor(request),
        parent=parent,
        code=payload.code,
        name=payload.name,
    )
    return Status(201, account_out(account, parent.code))


@router.post(
    "/k/{slug}/accounts/{code}/deactivate",
    response=AccountOut,
    summary="Nonaktifkan akun: tidak menerima jurnal baru, riwayatnya tetap",
)
def deactivate_account_api(request: HttpRequest, slug: str, code: str) -> Any:
    cooperative = cooperative_for(request, slug)
    account = _chart(cooperative).filter(code=code).first()
    if account is None:
        raise Http404("Akun tidak ditemukan")
    require(request, MANAGE, cooperative)
    account = deactivate_account(account=account, actor=actor(request))
    return account_out(account, account.parent.code if account.parent else None)
