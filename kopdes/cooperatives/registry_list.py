"""The district list of cooperatives: filters, sorting, rows and counts.

``registry_rows`` runs a fixed number of queries (cooperatives, units,
officers) whatever the number of cooperatives, officers or units: related
rows are read with the filtered queryset as a subquery and grouped in Python.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from kopdes.cooperatives.models import (
    STAGE_PHASE,
    STEP_INDEX,
    BusinessUnit,
    ChangeRecord,
    Cooperative,
    Officer,
    Phase,
    Stage,
    UnitStatus,
)
from kopdes.cooperatives.warnings import WARNING_LABELS, RegistryWarning, warnings_from_officers
from kopdes.core.models import Region

SORTS = ("name", "kecamatan", "stage", "updated")


@dataclass(frozen=True)
class RegistryFilters:
    """The district list's filters; every field empty means "all".

    ``warning``: "" (all), "any" (has a warning), "none" (no warning), or a
    warning code. ``sort``: one of ``SORTS``, "-" in front for descending.
    """

    kecamatan: str = ""  # Region code, e.g. "64.09.04"
    kind: str = ""
    stage: str = ""
    phase: str = ""
    unit_kind: str = ""
    unit_status: str = ""
    warning: str = ""
    q: str = ""
    sort: str = "name"

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> RegistryFilters:
        """Build from a dict or ``request.GET``; unknown or invalid values are ignored."""
        data = data or {}
        values = {f.name: str(data.get(f.name, "") or "").strip() for f in fields(cls)}
        if values["stage"] not in Stage.values:
            values["stage"] = ""
        if values["phase"] not in Phase.values:
            values["phase"] = ""
        if values["warning"] not in ("any", "none", *WARNING_LABELS):
            values["warning"] = ""
        if values["sort"].lstrip("-") not in SORTS:
            values["sort"] = "name"
        return cls(**values)

    @property
    def is_active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "sort")


@dataclass
class RegistryRow:
    cooperative: Cooperative
    stage: str
    stage_label: str
    phase: str
    units: list[BusinessUnit] = field(default_factory=list)
    warnings: list[RegistryWarning] = field(default_factory=list)
    last_changed_at: datetime | None = None

    @property
    def kecamatan(self) -> Region | None:
        return self.cooperative.primary_village.parent

    @property
    def units_by_status(self) -> dict[str, int]:
        return dict(Counter(u.status for u in self.units))

    @property
    def operating_units(self) -> list[BusinessUnit]:
        return [u for u in self.units if u.status == UnitStatus.BEROPERASI]

    @property
    def unit_summary(self) -> str:
        """E.g. "3 beroperasi, 2 persiapan" (empty when there is no unit)."""
        counts = self.units_by_status
        return ", ".join(
            f"{counts[s]} {str(UnitStatus(s).label).lower()}" for s in UnitStatus if s in counts
        )

    @property
    def other_unit_summary(self) -> str:
        """The units not operating, e.g. "2 persiapan, 1 berhenti" (the export's "Unit lain")."""
        counts = self.units_by_status
        return ", ".join(
            f"{counts[s]} {str(UnitStatus(s).label).lower()}"
            for s in UnitStatus
            if s in counts and s != UnitStatus.BEROPERASI
        )


@dataclass
class RegistryCounts:
    total: int
    by_stage: dict[str, int]
    by_phase: dict[str, int]
    by_kecamatan: list[tuple[Region, int]]
    with_warnings: int


def stage_order_expression() -> Case:
    """SQL expression giving a stage's position in the pipeline (for sorting)."""
    return Case(
        *[When(stage=kind, then=Value(i + 1)) for kind, i in STEP_INDEX.items()],
        default=Value(0),
        output_field=IntegerField(),
    )


def filter_cooperatives(cooperatives: Any, filters: RegistryFilters) -> Any:
    """Apply the SQL-side filters (all but warnings) and the sort."""
    qs = cooperatives.with_regions()
    if filters.kecamatan:
        qs = qs.filter(primary_village__parent__code=filters.kecamatan)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    if filters.phase:
        qs = qs.filter(stage__in=[s for s, p in STAGE_PHASE.items() if p == filters.phase])
    if filters.unit_kind or filters.unit_status:
        units = BusinessUnit.objects.filter(cooperative=OuterRef("pk"))
        if filters.unit_kind:
            units = units.filter(kind=filters.unit_kind)
        if filters.unit_status:
            units = units.filter(status=filters.unit_status)
        qs = qs.filter(Exists(units))
    if filters.q:
        qs = qs.filter(
            Q(name__icontains=filters.q)
            | Q(primary_village__name__icontains=filters.q)
            | Q(slug__icontains=filters.q)
        )
    latest_change = ChangeRecord.objects.filter(cooperative=OuterRef("pk")).order_by("-at")
    qs = qs.annotate(
        last_changed_at=Coalesce(Subquery(latest_change.values("at")[:1]), "updated_at"),
        stage_order=stage_order_expression(),
    )
    descending = filters.sort.startswith("-")
    key = filters.sort.lstrip("-")
    order = {
        "name": ["name", "slug"],
        "kecamatan": ["primary_village__parent__code", "name", "slug"],
        "stage": ["stage_order", "name", "slug"],
        "updated": ["last_changed_at", "slug"],
    }[key]
    if descending:
        order = [f"-{o}" for o in order]
    return qs.order_by(*order)


def registry_rows(
    cooperatives: Any,
    *,
    filters: RegistryFilters | Mapping[str, Any] | None = None,
    on: date | None = None,
) -> list[RegistryRow]:
    """Rows of the district list for a queryset of cooperatives (3 queries)."""
    if not isinstance(filters, RegistryFilters):
        filters = RegistryFilters.from_mapping(filters)
    on = on or timezone.localdate()
    qs = filter_cooperatives(cooperatives, filters)
    coops = list(qs)
    if not coops:
        return []
    ids = qs.values("pk")
    units: dict[int, list[BusinessUnit]] = defaultdict(list)
    for unit in BusinessUnit.objects.filter(cooperative__in=ids).order_by("kind", "name"):
        units[unit.cooperative_id].append(unit)
    officers: dict[int, list[Officer]] = defaultdict(list)
    for officer in Officer.objects.active(on).filter(cooperative__in=ids):
        officers[officer.cooperative_id].append(officer)
    rows = []
    for coop in coops:
        warnings = warnings_from_officers(coop, officers.get(coop.pk, []), on)
        if filters.warning == "any" and not warnings:
            continue
        if filters.warning == "none" and warnings:
            continue
        if filters.warning not in ("", "any", "none") and not any(
            w.code == filters.warning for w in warnings
        ):
            continue
        rows.append(
            RegistryRow(
                cooperative=coop,
                stage=coop.stage,
                stage_label=str(Stage(coop.stage).label),
                phase=STAGE_PHASE[coop.stage],
                units=units.get(coop.pk, []),
                warnings=warnings,
                last_changed_at=getattr(coop, "last_changed_at", None),
            )
        )
    return rows


def registry_counts(rows: Sequence[RegistryRow]) -> RegistryCounts:
    """Counts per stage, phase and kecamatan of the rows (no queries)."""
    by_stage = Counter(r.stage for r in rows)
    by_phase = Counter(r.phase for r in rows)
    kecamatan_counts: Counter[int] = Counter()
    kecamatans: dict[int, Region] = {}
    for row in rows:
        kecamatan = row.kecamatan
        if kecamatan is not None:
            kecamatan_counts[kecamatan.pk] += 1
            kecamatans[kecamatan.pk] = kecamatan
    return RegistryCounts(
        total=len(rows),
        by_stage={s: by_stage[s] for s in Stage.values if by_stage[s]},
        by_phase={p: by_phase[p] for p in Phase.values if by_phase[p]},
        by_kecamatan=sorted(
            ((kecamatans[pk], n) for pk, n in kecamatan_counts.items()),
            key=lambda item: item[0].code,
        ),
        with_warnings=sum(1 for r in rows if r.warnings),
    )
