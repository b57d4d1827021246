"""Reads of the cooperative registry."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from kopdes.cooperatives.models import Cooperative
from kopdes.core.models import Region


def cooperatives_by_kecamatan(cooperatives: Any) -> OrderedDict[Region, list[Cooperative]]:
    """Group a cooperative queryset by kecamatan, in code order, in one query."""
    groups: OrderedDict[Region, list[Cooperative]] = OrderedDict()
    rows = cooperatives.with_regions().order_by("primary_village__code")
    for cooperative in rows:
        kecamatan = cooperative.primary_village.parent
        groups.setdefault(kecamatan, []).append(cooperative)
    return groups
