"""Writes for grants (a role held over a scope for a span of dates), with history."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from kopdes.accounts import access
from kopdes.accounts.models import COOPERATIVE_ROLES, REGENCY_ROLES, Grant, Role
from kopdes.cooperatives.history import record_changes, snapshot
from kopdes.cooperatives.models import ChangeSource, Cooperative
from kopdes.core.errors import DomainError
from kopdes.core.models import Region, RegionLevel

GRANT_FIELDS = ("user", "role", "cooperative", "regency", "valid_from", "valid_to", "note")


class GrantError(DomainError):
    pass


def _check_scope(role: str, cooperative: Cooperative | None, regency: Region | None) -> None:
    if role not in Role.values:
        raise GrantError("Peran tidak dikenal.", field="role", code="grant_role")
    if role in REGENCY_ROLES:
        if regency is None or cooperative is not None:
            raise GrantError(
                f"Peran {Role(role).label} diberikan untuk satu kabupaten/kota, bukan koperasi.",
                field="regency",
                code="grant_scope",
            )
        if regency.level != RegionLevel.KABUPATEN:
            raise GrantError(
                "Wilayah hak akses harus kabupaten/kota.", field="regency", code="grant_scope"
            )
    elif role in COOPERATIVE_ROLES and (cooperative is None or regency is not None):
        raise GrantError(
            f"Peran {Role(role).label} diberikan untuk satu koperasi.",
            field="cooperative",
            code="grant_scope",
        )


def grant_role(
    *,
    user: Any,
    role: str,
    valid_from: date,
    actor: Any,
    cooperative: Cooperative | None = None,
    regency: Region | None = None,
    valid_to: date | None = None,
    note: str = "",
    source: str = ChangeSource.WEB,
) -> Grant:
    """Give ``user`` the ``role`` over a cooperative or a regency, from ``valid_from``."""
    _check_scope(role, cooperative, regency)
    if valid_to is not None and valid_to < valid_from:
        raise GrantError(
            "Tanggal berakhir tidak boleh sebelum tanggal mulai berlaku.",
            field="valid_to",
            code="grant_valid_range",
        )
    with transaction.atomic():
        grant = Grant.objects.create(
            user=user,
            role=role,
            cooperative=cooperative,
            regency=regency,
            valid_from=valid_from,
            valid_to=valid_to,
            note=note.strip(),
            granted_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record_changes(
            cooperative=cooperative,
            actor=actor,
            obj=grant,
            before={},
            after=snapshot(grant, GRANT_FIELDS),
            source=source,
        )
    access.forget_grants(user)
    return grant


def end_grant(*, grant: Grant, valid_to: date, actor: Any, source: str = ChangeSource.WEB) -> Grant:
    """End a grant on ``valid_to`` (the last day it is in force)."""
    given = grant
    with transaction.atomic():
        grant = Grant.objects.select_for_update().select_related("user").get(pk=grant.pk)
        if valid_to < grant.valid_from:
            raise GrantError(
                "Tanggal berakhir tidak boleh sebelum tanggal mulai berlaku.",
                field="valid_to",
                code="grant_valid_range",
            )
        before = snapshot(grant, GRANT_FIELDS)
        grant.valid_to = valid_to
        grant.save(update_fields=["valid_to"])
        record_changes(
            cooperative=grant.cooperative,
            actor=actor,
            obj=grant,
            before=before,
            after=snapshot(grant, GRANT_FIELDS),
            source=source,
        )
    # Forget on the caller's user object too: it may be the one serving this request.
    given.valid_to = valid_to
    access.forget_grants(given.user)
    access.forget_grants(grant.user)
    return grant
