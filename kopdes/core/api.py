"""Regions, read-only, for any signed-in user."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from kopdes.core.models import Region

router = Router(tags=["wilayah"])


class RegionOut(Schema):
    code: str
    name: str
    level: int
    kind: str
    parent_code: str | None
    is_current: bool
    valid_from: str | None
    valid_to: str | None
    centroid_lat: float | None
    centroid_lng: float | None

    @staticmethod
    def resolve_parent_code(obj: Region) -> str | None:
        return obj.parent.code if obj.parent_id else None  # type: ignore[union-attr]

    @staticmethod
    def resolve_valid_from(obj: Region) -> str | None:
        return obj.valid_from.isoformat() if obj.valid_from else None

    @staticmethod
    def resolve_valid_to(obj: Region) -> str | None:
        return obj.valid_to.isoformat() if obj.valid_to else None


class RegionDetailOut(RegionOut):
    boundary: dict[str, Any] | None


class RegionFilter(Schema):
    level: int | None = None
    parent: str | None = None
    q: str | None = None


@router.get("/regions", response=list[RegionOut], summary="Daftar wilayah (maks. 1000)")
def list_regions(request: HttpRequest, filters: Query[RegionFilter]) -> Any:
    regions = Region.objects.select_related("parent")
    if filters.level is not None:
        regions = regions.filter(level=filters.level)
    if filters.parent:
        regions = regions.filter(parent__code=filters.parent)
    if filters.q:
        regions = regions.filter(name__icontains=filters.q)
    return regions[:1000]


@router.get("/regions/{code}", response=RegionDetailOut, summary="Satu wilayah dengan batasnya")
def get_region(request: HttpRequest, code: str) -> Region:
    return get_object_or_404(Region.objects.select_related("parent"), code=code)
