"""Writes for business units."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from kopdes.cooperatives.history import record_changes, snapshot
from kopdes.cooperatives.models import (
    BusinessUnit,
    ChangeSource,
    Cooperative,
    UnitKind,
    UnitStatus,
)
from kopdes.core.errors import DomainError
from kopdes.core.validators import clean_instance

UNIT_FIELDS = (
    "kind",
    "name",
    "status",
    "started_on",
    "stopped_on",
    "location",
    "latitude",
    "longitude",
    "notes",
)


class UnitError(DomainError):
    pass


# Checked against the model's limits first (docs/registry.md, "Validation");
# the coordinates by their range.
_CHECKED_FIELDS = ("kind", "name", "status", "started_on", "stopped_on", "location", "notes")
_COORDINATE_PLACES = Decimal("0.000001")


def _coordinate(unit: BusinessUnit, name: str, low: int, high: int, label: str) -> Decimal | None:
    """A finite coordinate in range, rounded to the column's 6 decimals (about 10 cm)."""
    value = getattr(unit, name)
    if value is None:
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        number = Decimal("NaN")
    if isinstance(value, bool) or not number.is_finite():
        raise UnitError(
            _("%(field)s harus berupa angka.") % {"field": label}, field=name, code="field_type"
        )
    if not low <= number <= high:
        raise UnitError(
            _("%(field)s harus di antara %(low)s dan %(high)s.")
            % {"field": label, "low": low, "high": high},
            field=name,
            code="unit_coordinates",
        )
    return number.quantize(_COORDINATE_PLACES)


def _clean(unit: BusinessUnit) -> None:
    clean_instance(unit, _CHECKED_FIELDS, error=UnitError)
    if unit.kind not in UnitKind.values:
        raise UnitError("Jenis unit tidak dikenal.", field="kind", code="unit_kind")
    if unit.status not in UnitStatus.values:
        raise UnitError("Status unit tidak dikenal.", field="status", code="unit_status")
    unit.name = " ".join((unit.name or "").split())
    if unit.kind == UnitKind.LAINNYA and not unit.name:
        raise UnitError(
            "Nama unit wajib diisi untuk jenis Lainnya.", field="name", code="unit_name_required"
        )
    if unit.status == UnitStatus.BEROPERASI and unit.started_on is None:
        raise UnitError(
            "Tanggal mulai beroperasi wajib diisi untuk unit yang beroperasi.",
            field="started_on",
            code="unit_started_required",
        )
    if unit.status == UnitStatus.BERHENTI and unit.stopped_on is None:
        raise UnitError(
            "Tanggal berhenti wajib diisi untuk unit yang berhenti.",
            field="stopped_on",
            code="unit_stopped_required",
        )
    if unit.stopped_on and unit.started_on and unit.stopped_on < unit.started_on:
        raise UnitError(
            "Tanggal berhenti tidak boleh sebelum tanggal mulai beroperasi.",
            field="stopped_on",
            code="unit_date_range",
        )
    for name, low, high, label in (
        ("latitude", -90, 90, _("Lintang")),
        ("longitude", -180, 180, _("Bujur")),
    ):
        setattr(unit, name, _coordinate(unit, name, low, high, label))
    if (unit.latitude is None) != (unit.longitude is None):
        raise UnitError(
            "Lintang dan bujur diisi keduanya atau tidak sama sekali.",
            field="latitude" if unit.latitude is None else "longitude",
            code="unit_coordinates_pair",
        )
    clash = BusinessUnit.objects.filter(
        cooperative_id=unit.cooperative_id, kind=unit.kind, name=unit.name
    ).exclude(pk=unit.pk)
    if clash.exists():
        raise UnitError(
            f"Unit {unit.display_name} sudah ada di koperasi ini.",
            field="name",
            code="unit_duplicate",
        )


def add_unit(
    *,
    cooperative: Cooperative,
    actor: Any,
    kind: str,
    name: str = "",
    status: str = UnitStatus.DIRENCANAKAN,
    started_on: date | None = None,
    stopped_on: date | None = None,
    location: str = "",
    latitude: Decimal | float | None = None,
    longitude: Decimal | float | None = None,
    notes: str = "",
    source: str = ChangeSource.WEB,
) -> BusinessUnit:
    unit = BusinessUnit(
        cooperative=cooperative,
        kind=kind,
        name=name,
        status=status,
        started_on=started_on,
        stopped_on=stopped_on,
        location=location,
        latitude=latitude,
        longitude=longitude,
        notes=notes,
    )
    with transaction.atomic():
        _clean(unit)
        unit.save()
        record_changes(
            cooperative=cooperative,
            actor=actor,
            obj=unit,
            before={},
            after=snapshot(unit),
            source=source,
        )
    return unit


def update_unit(
    *, unit: BusinessUnit, actor: Any, source: str = ChangeSource.WEB, **changes: Any
) -> BusinessUnit:
    """Change any of ``UNIT_FIELDS`` (e.g. ``status="beroperasi", started_on=...``)."""
    unknown = set(changes) - set(UNIT_FIELDS)
    if unknown:
        raise TypeError(f"unknown unit fields: {sorted(unknown)}")
    with transaction.atomic():
        # Locked with its cooperative, as every row lock (docs/tenancy.md).
        unit = BusinessUnit.objects.select_for_update().get(
            cooperative_id=unit.cooperative_id, pk=unit.pk
        )
        before = snapshot(unit)
        for name, value in changes.items():
            setattr(unit, name, value)
        _clean(unit)
        unit.save()
        record_changes(
            cooperative=unit.cooperative,
            actor=actor,
            obj=unit,
            before=before,
            after=snapshot(unit),
            source=source,
        )
    return unit


def delete_unit(*, unit: BusinessUnit, actor: Any, source: str = ChangeSource.WEB) -> None:
    """Remove a unit entered by mistake (a closed unit gets status ``berhenti``)."""
    with transaction.atomic():
        record_changes(
            cooperative=unit.cooperative,
            actor=actor,
            obj=unit,
            before=snapshot(unit),
            after={},
            source=source,
        )
        try:
            unit.delete()
        except ProtectedError as exc:
            raise UnitError(
                "Unit ini sudah dipakai di pembukuan; ubah statusnya menjadi Berhenti.",
                field="kind",
                code="unit_in_use",
            ) from exc
