"""Reads of the cooperative registry."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Case, IntegerField, Model, Q, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kopdes.cooperatives.models import (
    STEP_ORDER,
    BusinessUnit,
    ChangeRecord,
    Cooperative,
    FormationStep,
    Officer,
    OfficerRole,
    RatRecord,
    RegistryDocument,
    StepKind,
)
from kopdes.cooperatives.registry_list import (
    RegistryCounts,
    RegistryFilters,
    RegistryRow,
    registry_counts,
    registry_rows,
)
from kopdes.cooperatives.warnings import (
    WARNING_LABELS,
    RegistryWarning,
    WarningCode,
    officer_warnings,
    officer_warnings_for,
)
from kopdes.core.models import Region


def cooperatives_by_kecamatan(cooperatives: Any) -> OrderedDict[Region, list[Cooperative]]:
    """Group a cooperative queryset by kecamatan, in code order, in one query."""
    groups: OrderedDict[Region, list[Cooperative]] = OrderedDict()
    rows = cooperatives.with_regions().order_by("primary_village__code")
    for cooperative in rows:
        kecamatan = cooperative.primary_village.parent
        groups.setdefault(kecamatan, []).append(cooperative)
    return groups


# --- the registry (issue #3) -----------------------------------------------------------------


@dataclass
class TimelineEntry:
    """One pipeline step on the profile: recorded (done or skipped) or still to come."""

    kind: str
    label: str
    step: FormationStep | None
    documents: list[RegistryDocument]

    @property
    def state(self) -> str:
        """ "done", "skipped" or "pending"."""
        if self.step is None:
            return "pending"
        return "skipped" if self.step.skipped else "done"


def pipeline_timeline(cooperative: Cooperative) -> list[TimelineEntry]:
    """All fourteen steps in order with what was recorded (2 queries)."""
    steps = {
        s.kind: s
        for s in FormationStep.objects.filter(cooperative=cooperative).prefetch_related("documents")
    }
    return [
        TimelineEntry(
            kind=kind,
            label=str(StepKind(kind).label),
            step=steps.get(kind),
            documents=list(steps[kind].documents.all()) if kind in steps else [],
        )
        for kind in STEP_ORDER
    ]


def next_step(cooperative: Cooperative) -> str | None:
    """The first step not yet recorded (None when all are)."""
    recorded = set(
        FormationStep.objects.filter(cooperative=cooperative).values_list("kind", flat=True)
    )
    return next((k for k in STEP_ORDER if k not in recorded), None)


_ROLE_ORDER = Case(
    *[When(role=role, then=Value(i)) for i, role in enumerate(OfficerRole.values)],
    output_field=IntegerField(),
)


def officers_for(
    cooperative: Cooperative, *, include_ended: bool = False, on: date | None = None
) -> list[Officer]:
    """Officers in role order (ketua first), with their linked login (1 query)."""
    qs = Officer.objects.filter(cooperative=cooperative).select_related("user")
    if not include_ended:
        on = on or timezone.localdate()
        qs = qs.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
    return list(qs.annotate(role_order=_ROLE_ORDER).order_by("role_order", "term_start", "name"))


def units_for(cooperative: Cooperative) -> list[BusinessUnit]:
    return list(BusinessUnit.objects.filter(cooperative=cooperative).order_by("kind", "name"))


def rat_records_for(cooperative: Cooperative) -> list[RatRecord]:
    """Every RAT, newest book year first, with documents (2 queries)."""
    return list(
        RatRecord.objects.filter(cooperative=cooperative)
        .prefetch_related("documents")
        .order_by("-book_year")
    )


def latest_rat(cooperative: Cooperative) -> RatRecord | None:
    """The RAT of the latest book year (shown on the profile)."""
    return (
        RatRecord.objects.filter(cooperative=cooperative)
        .prefetch_related("documents")
        .order_by("-book_year")
        .first()
    )


def history_for(
    cooperative: Cooperative, obj: Model | None = None, *, limit: int | None = None
) -> Any:
    """History rows of a cooperative (or of one of its objects), newest first.

    A queryset with the actor joined, so rendering it needs one query.
    """
    qs = ChangeRecord.objects.filter(cooperative=cooperative).select_related("actor")
    if obj is not None:
        qs = qs.filter(object_type=obj._meta.label_lower, object_id=obj.pk)
    qs = qs.order_by("-at", "-pk")
    return qs[:limit] if limit is not None else qs


# Scoped getters: an id that is not this cooperative's answers 404 (tampered URLs).
def step_of(cooperative: Cooperative, kind: str) -> FormationStep:
    return get_object_or_404(FormationStep, cooperative=cooperative, kind=kind)


def officer_of(cooperative: Cooperative, pk: int) -> Officer:
    return get_object_or_404(Officer, cooperative=cooperative, pk=pk)


def unit_of(cooperative: Cooperative, pk: int) -> BusinessUnit:
    return get_object_or_404(BusinessUnit, cooperative=cooperative, pk=pk)


def rat_of(cooperative: Cooperative, pk: int) -> RatRecord:
    return get_object_or_404(RatRecord, cooperative=cooperative, pk=pk)


def document_of(cooperative: Cooperative, pk: int) -> RegistryDocument:
    return get_object_or_404(
        RegistryDocument.objects.select_related("step", "rat"), cooperative=cooperative, pk=pk
    )


__all__ = [
    "WARNING_LABELS",
    "RegistryCounts",
    "RegistryFilters",
    "RegistryRow",
    "RegistryWarning",
    "TimelineEntry",
    "WarningCode",
    "cooperatives_by_kecamatan",
    "document_of",
    "history_for",
    "latest_rat",
    "next_step",
    "officer_of",
    "officer_warnings",
    "officer_warnings_for",
    "officers_for",
    "pipeline_timeline",
    "rat_of",
    "rat_records_for",
    "registry_counts",
    "registry_rows",
    "step_of",
    "unit_of",
    "units_for",
]
