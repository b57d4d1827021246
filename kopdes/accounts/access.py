"""Every access decision in Kopdes is made here.

Two questions, asked everywhere:
- ``visible_cooperatives(user)``: which cooperatives may this user see at all?
- ``can(user, action, scope)``: may this user do ``action`` on ``scope`` (a
  cooperative, a regency ``Region``, or ``None`` for "anywhere")?

The answer comes from the user's *active* grants (role × scope × dates) and
the action table below. Views never check roles themselves: they call
``cooperative_for`` / ``require`` which answer 404 when the user may not
see the object, so a tampered URL learns nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopdes.accounts.models import Grant, Role
from kopdes.cooperatives.models import Cooperative
from kopdes.core.models import Region

_ALL_COOP_STAFF = frozenset({Role.PENGURUS, Role.TELLER, Role.PENGAWAS})

# action -> roles that may perform it (within the scope of their grant).
ACTIONS: dict[str, frozenset[str]] = {
    # Read a cooperative's pages and data.
    "cooperative.view": frozenset(
        {Role.DINAS_ADMIN, Role.DISTRICT_VIEWER, Role.BUSINESS_ASSISTANT} | _ALL_COOP_STAFF
    ),
    # Change a cooperative's registry data and settings.
    "cooperative.edit": frozenset({Role.DINAS_ADMIN, Role.PENGURUS}),
    # Move money: deposits, withdrawals, repayments, sales.
    "cooperative.transact": frozenset({Role.PENGURUS, Role.TELLER}),
    # The district overview pages (a BA sees the cooperatives assigned to them).
    "district.view": frozenset({Role.DINAS_ADMIN, Role.DISTRICT_VIEWER, Role.BUSINESS_ASSISTANT}),
    # Regency-wide administration: registry, grants, BA assignments.
    "regency.manage": frozenset({Role.DINAS_ADMIN}),
    "grants.manage": frozenset({Role.DINAS_ADMIN}),
    # People and access (docs/tenancy.md): who sees the logins of a scope, and who
    # changes them (the pengurus only within COOPERATIVE_GRANTABLE_ROLES below).
    "people.view": frozenset(
        {Role.DINAS_ADMIN, Role.DISTRICT_VIEWER, Role.PENGURUS, Role.PENGAWAS}
    ),
    "people.manage": frozenset({Role.DINAS_ADMIN, Role.PENGURUS}),
    # The books' own work: general journal, reversals, opening balances,
    # closing and reopening months (the cash book needs cooperative.transact).
    "ledger.manage": frozenset({Role.PENGURUS}),
    # The books' calendar (docs/ledger.md, "Periods and closes"): the pengurus
    # closes months and the year and asks to reopen a closed month; a pengawas
    # of the cooperative decides that request from their own session and
    # co-signs. Nobody else does either (a teller, the district: read only).
    "ledger.close": frozenset({Role.PENGURUS}),
    "ledger.reopen_request": frozenset({Role.PENGURUS}),
    "ledger.reopen_approve": frozenset({Role.PENGAWAS}),
    "ledger.cosign": frozenset({Role.PENGAWAS}),
}

# The 403 answer inside a user's scope (docs/tenancy.md).
READ_ONLY_MESSAGE = _("Anda hanya dapat melihat data ini.")


class UnknownAction(KeyError):
    pass


@dataclass(frozen=True)
class ActiveGrant:
    role: str
    cooperative_id: int | None
    regency_id: int | None


def active_grants(user: Any, on: date | None = None) -> tuple[ActiveGrant, ...]:
    """The user's grants in force today, read once per user object (request)."""
    if user is None or not user.is_authenticated:
        return ()
    on = on or timezone.localdate()
    cache = getattr(user, "_kopdes_grants", None)
    if cache is not None and cache[0] == on:
        cached: tuple[ActiveGrant, ...] = cache[1]
        return cached
    grants = tuple(
        ActiveGrant(g["role"], g["cooperative_id"], g["regency_id"])
        for g in Grant.objects.active(on)
        .filter(user=user)
        .values("role", "cooperative_id", "regency_id")
    )
    user._kopdes_grants = (on, grants)
    return grants


def forget_grants(user: Any) -> None:
    """Drop the cached grants after a grant of this user changed."""
    if hasattr(user, "_kopdes_grants"):
        del user._kopdes_grants


def roles_of(user: Any) -> set[str]:
    return {grant.role for grant in active_grants(user)}


def _regency_id_of(cooperative: Cooperative) -> int | None:
    kecamatan = cooperative.primary_village.parent
    return kecamatan.parent_id if kecamatan is not None else None


def _covers(grant: ActiveGrant, scope: Cooperative | Region | None) -> bool:
    if scope is None:
        return True
    if isinstance(scope, Cooperative):
        if grant.cooperative_id is not None:
            return grant.cooperative_id == scope.pk
        return grant.regency_id == _regency_id_of(scope)
    if isinstance(scope, Region):
        # Only a regency grant covers a regency; a cooperative grant never does.
        return grant.regency_id is not None and grant.regency_id == scope.pk
    raise TypeError(f"unsupported scope {type(scope).__name__}")


def can(user: Any, action: str, scope: Cooperative | Region | None = None) -> bool:
    if action not in ACTIONS:
        raise UnknownAction(action)
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    allowed = ACTIONS[action]
    return any(g.role in allowed and _covers(g, scope) for g in active_grants(user))


def visible_cooperatives(user: Any, action: str = "cooperative.view") -> Any:
    """The cooperatives this user may ``action`` (default: see), as a queryset."""
    if action not in ACTIONS:
        raise UnknownAction(action)
    if user is None or not user.is_authenticated or not user.is_active:
        return Cooperative.objects.none()
    allowed = ACTIONS[action]
    grants = [g for g in active_grants(user) if g.role in allowed]
    coop_ids = {g.cooperative_id for g in grants if g.cooperative_id is not None}
    regency_ids = {g.regency_id for g in grants if g.regency_id is not None}
    if not coop_ids and not regency_ids:
        return Cooperative.objects.none()
    return Cooperative.objects.filter(
        Q(pk__in=coop_ids) | Q(primary_village__parent__parent_id__in=regency_ids)
    )


def visible_regencies(user: Any, action: str = "district.view") -> Any:
    """Regencies over which the user holds a regency grant allowing ``action``."""
    allowed = ACTIONS[action]
    ids = {g.regency_id for g in active_grants(user) if g.role in allowed and g.regency_id}
    return Region.objects.filter(pk__in=ids)


def cooperative_for(user: Any, slug: str, action: str = "cooperative.view") -> Cooperative:
    """Load a cooperative by slug for this user, or 404 (never 403: no hints)."""
    cooperative = Cooperative.objects.with_regions().filter(slug=slug).first()
    if cooperative is None or not can(user, action, cooperative):
        raise Http404("Koperasi tidak ditemukan")
    return cooperative


def require(user: Any, action: str, scope: Cooperative | Region | None = None) -> None:
    if not can(user, action, scope):
        raise Http404("Tidak ditemukan")


def cooperative_for_action(user: Any, slug: str, action: str) -> Cooperative:
    """The cooperative when the user may ``action`` on it; 404 outside the user's
    scope, 403 ("Anda hanya dapat melihat data ini") when the user may see it
    but not do this."""
    cooperative = cooperative_for(user, slug)
    require_in_scope(user, action, cooperative)
    return cooperative


def require_in_scope(user: Any, action: str, cooperative: Cooperative) -> None:
    """For a cooperative the user can already see: 403 unless they may ``action``."""
    if not can(user, action, cooperative):
        raise PermissionDenied(str(READ_ONLY_MESSAGE))


def needs_two_factor(user: Any) -> bool:
    from kopdes.accounts.models import TWO_FACTOR_ROLES

    return bool(roles_of(user) & TWO_FACTOR_ROLES)


# --- People and access (docs/tenancy.md, "People and access") ----------------

# What a cooperative's own pengurus may grant to the logins of their cooperative:
# never a district role, never a role elsewhere, and never the pengawas who
# checks them (a pengurus-made pengawas login could co-sign its own reopening).
COOPERATIVE_GRANTABLE_ROLES = frozenset({Role.PENGURUS, Role.TELLER})
# What the Dinas admin grants over a cooperative of their regency.
DISTRICT_GRANTABLE_COOPERATIVE_ROLES = frozenset(
    {Role.BUSINESS_ASSISTANT, Role.PENGURUS, Role.TELLER, Role.PENGAWAS}
)
# Roles that only read; a user holding nothing else sees a "read only" badge.
READ_ONLY_ROLES = frozenset({Role.PENGAWAS, Role.DISTRICT_VIEWER})


def is_read_only(user: Any) -> bool:
    """True when every role the user holds today only reads (the top bar's badge)."""
    roles = roles_of(user)
    return bool(roles) and roles <= READ_ONLY_ROLES


def grantable_roles(user: Any, scope: Cooperative | Region) -> frozenset[str]:
    """The roles ``user`` may grant (and end) over ``scope``; empty when none."""
    from kopdes.accounts.models import REGENCY_ROLES

    if isinstance(scope, Region):
        return frozenset(REGENCY_ROLES) if can(user, "grants.manage", scope) else frozenset()
    if can(user, "grants.manage", scope):
        return DISTRICT_GRANTABLE_COOPERATIVE_ROLES
    if can(user, "people.manage", scope):
        return COOPERATIVE_GRANTABLE_ROLES
    return frozenset()


def can_manage_user(actor: Any, target: Any) -> bool:
    """May ``actor`` change ``target``'s login (details, password, status, grants)?

    Only when the actor could have granted every grant the target ever held
    (past ones included): a pengurus manages the pengurus and teller logins of
    their own cooperative, the Dinas admin every login of their regency. A
    login without any grant is the Dinas admin's. Nobody manages themselves
    here, nor a staff account (the Django admin's).
    """
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return False
    if target.pk == actor.pk or target.is_staff or target.is_superuser:
        return False
    grants = list(Grant.objects.filter(user=target).values("role", "cooperative_id", "regency_id"))
    if not grants:
        return visible_regencies(actor, "grants.manage").exists()
    coop_ids = {g["cooperative_id"] for g in grants if g["cooperative_id"] is not None}
    region_ids = {g["regency_id"] for g in grants if g["regency_id"] is not None}
    scopes: dict[tuple[str, int], Cooperative | Region] = {
        ("c", c.pk): c for c in Cooperative.objects.with_regions().filter(pk__in=coop_ids)
    }
    scopes.update({("r", r.pk): r for r in Region.objects.filter(pk__in=region_ids)})
    for grant in grants:
        if grant["cooperative_id"] is not None:
            scope = scopes.get(("c", grant["cooperative_id"]))
        else:
            scope = scopes.get(("r", grant["regency_id"]))
        if scope is None or grant["role"] not in grantable_roles(actor, scope):
            return False
    return True


def require_user_manageable(actor: Any, target: Any) -> None:
    """For a login the actor can already see: 403 unless they may change it."""
    if not can_manage_user(actor, target):
        raise PermissionDenied(str(READ_ONLY_MESSAGE))


def regencies_for_action(user: Any, action: str) -> list[Region]:
    """The regencies where ``user`` may ``action``; 403 for another regency role, else 404."""
    regencies = list(visible_regencies(user, action))
    if regencies:
        return regencies
    if any(g.regency_id is not None for g in active_grants(user)):
        raise PermissionDenied(str(READ_ONLY_MESSAGE))
    raise Http404("Tidak ditemukan")


# --- Personal data in exports (UU 27/2022; docs/registry.md, "Exports") ------

# Who needs NIK and KK numbers in full in a file they download: the Dinas admin
# (the registry, reports to the province and SIMKOPDES). Everybody else who may
# download (a district viewer, a business assistant) gets them masked.
FULL_IDENTITY_ROLES = frozenset({Role.DINAS_ADMIN})


def sees_full_identity_numbers(user: Any, scope: Cooperative | Region | None = None) -> bool:
    """May ``user`` download the NIK and KK numbers of ``scope``'s people unmasked?

    Every such download is recorded in the history (``record_personal_data_export``).
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return any(g.role in FULL_IDENTITY_ROLES and _covers(g, scope) for g in active_grants(user))
