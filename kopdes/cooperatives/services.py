"""Writes to the cooperative registry."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from kopdes.cooperatives.models import Cooperative, default_kind_for, default_name_for, slug_for
from kopdes.core import hooks
from kopdes.core.errors import DomainError
from kopdes.core.models import Region, RegionLevel


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
        cooperative.full_clean()
        cooperative.save()
        cooperative.villages.set([village, *other_villages])
        hooks.cooperative_created.fire(cooperative=cooperative, actor=actor)
    return cooperative
