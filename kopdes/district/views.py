"""District pages: what the Dinas (and a BA, for their cooperatives) sees.

Every page here needs ``district.view`` and shows only the cooperatives the
user may see (a BA: those assigned to them). The registry list and its exports
live in ``kopdes.district.registry_views``.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kopdes.accounts import access
from kopdes.cooperatives.models import Stage
from kopdes.cooperatives.selectors import cooperatives_by_kecamatan
from kopdes.cooperatives.warnings import officer_warnings_for
from kopdes.core.timeutils import month_name_id
from kopdes.district.map import stage_map
from kopdes.ledger.models import Entry, EntryStatus, ReopenRequest, ReopenStatus

# A village's boundary is a large GeoJSON document that only the map needs
# (and the map reads it once per process, see kopdes.district.map): every
# list leaves it out of its rows, which halves the time to read 54 cooperatives.
_BOUNDARIES = (
    "primary_village__boundary",
    "primary_village__parent__boundary",
    "primary_village__parent__parent__boundary",
)


def visible_cooperatives(user: Any) -> Any:
    """The cooperatives this user may see, without their villages' boundaries."""
    return access.visible_cooperatives(user).defer(*_BOUNDARIES)


def _stage_label(stage: str) -> str:
    try:
        return str(Stage(stage).label)
    except ValueError:
        return stage


def stage_counts(cooperatives: list[Any]) -> list[dict[str, Any]]:
    """How many of these cooperatives stand at each stage, in pipeline order (none: left out)."""
    counts: dict[str, int] = {}
    for cooperative in cooperatives:
        counts[cooperative.stage] = counts.get(cooperative.stage, 0) + 1
    return [
        {"key": stage.value, "label": str(stage.label), "count": counts[stage.value]}
        for stage in Stage
        if counts.get(stage.value)
    ]


def attention(cooperatives: list[Any]) -> dict[str, Any]:
    """What the district should act on first (docs/architecture.md, "First screens").

    The cooperatives with officer warnings, the months waiting for a reopening
    decision, and the operating cooperatives whose books are still empty (no
    opening balances imported): three queries whatever the number of rows.
    """
    ids = [c.pk for c in cooperatives]
    by_id = {c.pk: c for c in cooperatives}
    warned = [
        (by_id[pk], found) for pk, found in officer_warnings_for(cooperatives).items() if found
    ]
    reopen = list(
        ReopenRequest.objects.filter(cooperative_id__in=ids, status=ReopenStatus.PENDING)
        .select_related("period")
        .order_by("requested_at", "id")
    )
    with_books = set(
        Entry.objects.filter(cooperative_id__in=ids, status=EntryStatus.POSTED)
        .values_list("cooperative_id", flat=True)
        .distinct()
    )
    empty_books = [
        c for c in cooperatives if c.stage == Stage.BEROPERASI and c.pk not in with_books
    ]
    return {
        "warned": warned,
        "reopen_requests": [
            (by_id[r.cooperative_id], month_name_id(r.period.month) + f" {r.period.year}")
            for r in reopen
        ],
        "empty_books": empty_books,
        "count": len(warned) + len(reopen) + len(empty_books),
    }


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "district.view")
    groups = cooperatives_by_kecamatan(visible_cooperatives(request.user))
    rows = [cooperative for members in groups.values() for cooperative in members]
    for cooperative in rows:
        cooperative.stage_label = _stage_label(cooperative.stage)  # type: ignore[attr-defined]
    return render(
        request,
        "district/home.html",
        {
            "groups": groups,
            "total": len(rows),
            "regencies": access.visible_regencies(request.user),
            "stage_map": stage_map(rows, title=_("Peta tahap pembentukan koperasi")),
            "stage_counts": stage_counts(rows),
            "attention": attention(rows),
        },
    )


@require_GET
@login_required
def map_page(request: HttpRequest) -> HttpResponse:
    """The printable map (A4 landscape print stylesheet)."""
    access.require(request.user, "district.view")
    cooperatives = list(
        access.visible_cooperatives(request.user)
        .only("pk", "name", "slug", "stage", "primary_village_id")
        .order_by("primary_village__code")
    )
    return render(
        request,
        "district/map.html",
        {
            "regencies": access.visible_regencies(request.user),
            "stage_map": stage_map(cooperatives, title=_("Peta tahap pembentukan koperasi")),
            "today": timezone.localdate(),
        },
    )
