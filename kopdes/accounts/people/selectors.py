"""Reads for the people pages: whose login is whose, and each login's history."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from kopdes.accounts.models import Grant, Role, User
from kopdes.cooperatives.models import ChangeFields, ChangeRecord, Cooperative, DistrictChangeRecord
from kopdes.core.models import Region

USER_TYPE = "accounts.user"
GRANT_TYPE = "accounts.grant"


def _people() -> QuerySet[User]:
    # Staff accounts belong to the Django admin, not to these pages.
    return User.objects.filter(is_staff=False, is_superuser=False)


def cooperative_logins(cooperative: Cooperative) -> QuerySet[User]:
    """The logins of one cooperative: every grant they ever held is here, and none is
    a business assistant's (a BA is the district's, whatever cooperative they serve)."""
    here = Grant.objects.filter(user=OuterRef("pk"), cooperative=cooperative)
    elsewhere = Grant.objects.filter(user=OuterRef("pk")).filter(
        ~Q(cooperative=cooperative) | Q(cooperative__isnull=True) | Q(role=Role.BUSINESS_ASSISTANT)
    )
    return _people().filter(Exists(here)).exclude(Exists(elsewhere))


def regency_people(regencies: Iterable[Region]) -> QuerySet[User]:
    """Every login of these regencies: all their grants lie inside them (or they have none)."""
    ids = [r.pk for r in regencies]
    outside = Grant.objects.filter(user=OuterRef("pk")).exclude(
        Q(regency_id__in=ids) | Q(cooperative__primary_village__parent__parent_id__in=ids)
    )
    return _people().exclude(Exists(outside))


def district_logins(regencies: Iterable[Region]) -> QuerySet[User]:
    """The district's own people: a regency role or a BA assignment, or no grant at all."""
    district = Grant.objects.filter(user=OuterRef("pk")).filter(
        Q(cooperative__isnull=True) | Q(role=Role.BUSINESS_ASSISTANT)
    )
    any_grant = Grant.objects.filter(user=OuterRef("pk"))
    return regency_people(regencies).filter(Q(Exists(district)) | ~Q(Exists(any_grant)))


def search(people: QuerySet[User], query: str) -> QuerySet[User]:
    query = " ".join((query or "").split())[:100]
    if query:
        people = people.filter(
            Q(username__icontains=query) | Q(full_name__icontains=query) | Q(phone__icontains=query)
        )
    return people.order_by("-is_active", "full_name", "username")


def grants_of(user: User) -> QuerySet[Grant]:
    """Every grant of ``user``, in force first, newest first."""
    return (
        Grant.objects.filter(user=user)
        .select_related("cooperative", "regency", "granted_by")
        .order_by("-valid_from", "-pk")
    )


def history_of(user: User, limit: int = 200) -> list[ChangeFields]:
    """The history rows of the login and of its grants, newest first.

    Filed under a cooperative (``ChangeRecord``) or under the district
    (``DistrictChangeRecord``, docs/tenancy.md): both, merged.
    """
    grant_ids = list(Grant.objects.filter(user=user).values_list("pk", flat=True))
    about = Q(object_type=USER_TYPE, object_id=user.pk) | Q(
        object_type=GRANT_TYPE, object_id__in=grant_ids
    )
    rows: list[ChangeFields] = []
    for model in (ChangeRecord, DistrictChangeRecord):
        rows += model.objects.filter(about).select_related("actor").order_by("-at", "-pk")[:limit]
    rows.sort(key=lambda row: (row.at, row.pk), reverse=True)
    return rows[:limit]


def home_cooperative(user: Any) -> Cooperative | None:
    """The one cooperative whose login this is, or None (a district login)."""
    ids = set(Grant.objects.filter(user=user).values_list("cooperative_id", "role"))
    coops = {coop_id for coop_id, _role in ids}
    roles = {role for _coop_id, role in ids}
    if len(coops) != 1 or None in coops or Role.BUSINESS_ASSISTANT in roles:
        return None
    return Cooperative.objects.filter(pk=next(iter(coops))).first()


def officers_without_login(cooperative: Cooperative) -> QuerySet[Any]:
    """Officers in office who have no login yet (the create page offers to link one)."""
    return cooperative.officers.active().filter(user__isnull=True).order_by("role", "name")
