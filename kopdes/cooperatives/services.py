"""Writes to the cooperative registry.

The registry's services live in topic modules (pipeline, officers, units,
rat) and are re-exported here, so callers import every write from one place.
Each writes its history rows (``kopdes.cooperatives.history``) in its own
transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from kopdes.cooperatives.history import record_changes, snapshot
from kopdes.cooperatives.models import (
    ChangeSource,
    Cooperative,
    CooperativeKind,
    CooperativeStatus,
    FormationModel,
    default_kind_for,
    default_name_for,
    slug_for,
)
from kopdes.cooperatives.officers import (
    OFFICER_FIELDS,
    OfficerError,
    add_officer,
    delete_officer,
    end_officer,
    update_officer,
)
from kopdes.cooperatives.pipeline import (
    PipelineError,
    attach_document,
    delete_document,
    delete_step,
    derive_stage,
    record_step,
    refresh_stage,
    status_for_stage,
)
from kopdes.cooperatives.rat import RAT_FIELDS, RatError, record_rat, update_rat
from kopdes.cooperatives.units import UNIT_FIELDS, UnitError, add_unit, delete_unit, update_unit
from kopdes.cooperatives.uploads import UploadError, check_upload
from kopdes.core import hooks
from kopdes.core.errors import DomainError
from kopdes.core.models import Region, RegionLevel
from kopdes.core.validators import clean_instance


class CooperativeError(DomainError):
    pass


def create_cooperative(
    *,
    village: Region,
    actor: Any,
    kind: str | None = None,
    name: str | None = None,
    other_villages: Iterable[Region] = (),
    status: str | None = None,
    source: str = ChangeSource.WEB,
) -> Cooperative:
    """Create the cooperative of a village and fire ``cooperative_created``."""
    if village.level != RegionLevel.DESA:
        raise CooperativeError("Wilayah utama koperasi harus desa atau kelurahan.", field="village")
    if Cooperative.objects.filter(slug=slug_for(village)).exists():
        raise CooperativeError(f"{village.display_name} sudah memiliki koperasi.", field="village")
    with transaction.atomic():
        kind = kind or default_kind_for(village)
        cooperative = Cooperative(
            primary_village=village,
            kind=kind,
            name=name or default_name_for(kind, village),
            slug=slug_for(village),
        )
        if status:
            cooperative.status = status
        clean_instance(cooperative, COOPERATIVE_FIELDS, error=CooperativeError)
        cooperative.full_clean()
        cooperative.save()
        cooperative.villages.set([village, *other_villages])
        record_changes(
            cooperative=cooperative,
            actor=actor,
            obj=cooperative,
            before={},
            after=snapshot(cooperative, COOPERATIVE_FIELDS),
            source=source,
        )
        hooks.cooperative_created.fire(cooperative=cooperative, actor=actor)
    return cooperative


COOPERATIVE_FIELDS = ("name", "kind", "formation_model", "status")


def update_cooperative(
    *, cooperative: Cooperative, actor: Any, source: str = ChangeSource.WEB, **changes: Any
) -> Cooperative:
    """Change the cooperative's own fields (``COOPERATIVE_FIELDS``), with history.

    ``status`` may only be set to or from "tidak aktif" by hand; the other
    statuses follow the formation stage.
    """
    unknown = set(changes) - set(COOPERATIVE_FIELDS)
    if unknown:
        raise TypeError(f"unknown cooperative fields: {sorted(unknown)}")
    with transaction.atomic():
        cooperative = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
        before = snapshot(cooperative, COOPERATIVE_FIELDS)
        for name, value in changes.items():
            setattr(cooperative, name, value)
        clean_instance(cooperative, COOPERATIVE_FIELDS, error=CooperativeError)
        cooperative.name = " ".join(cooperative.name.split())
        if not cooperative.name:
            raise CooperativeError("Nama wajib diisi.", field="name", code="cooperative_name")
        if cooperative.kind not in CooperativeKind.values:
            raise CooperativeError("Jenis koperasi tidak dikenal.", field="kind")
        if cooperative.formation_model not in FormationModel.values:
            raise CooperativeError("Model pembentukan tidak dikenal.", field="formation_model")
        if cooperative.status not in CooperativeStatus.values:
            raise CooperativeError("Status tidak dikenal.", field="status")
        if "status" in changes and cooperative.status != CooperativeStatus.TIDAK_AKTIF:
            # Back from "tidak aktif" (or any other value): the stage decides.
            cooperative.status = status_for_stage(cooperative.stage, "")
        cooperative.save()
        record_changes(
            cooperative=cooperative,
            actor=actor,
            obj=cooperative,
            before=before,
            after=snapshot(cooperative, COOPERATIVE_FIELDS),
            source=source,
        )
    return cooperative


__all__ = [
    "COOPERATIVE_FIELDS",
    "OFFICER_FIELDS",
    "RAT_FIELDS",
    "UNIT_FIELDS",
    "CooperativeError",
    "OfficerError",
    "PipelineError",
    "RatError",
    "UnitError",
    "UploadError",
    "add_officer",
    "add_unit",
    "attach_document",
    "check_upload",
    "create_cooperative",
    "delete_document",
    "delete_officer",
    "delete_step",
    "delete_unit",
    "derive_stage",
    "end_officer",
    "record_changes",
    "record_rat",
    "record_step",
    "refresh_stage",
    "snapshot",
    "status_for_stage",
    "update_cooperative",
    "update_officer",
    "update_rat",
    "update_unit",
]
