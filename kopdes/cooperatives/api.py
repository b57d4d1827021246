"""Cooperatives over the API, scoped exactly as the pages are."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from kopdes.accounts import access

router = Router(tags=["koperasi"])


class CooperativeOut(Schema):
    slug: str
    name: str
    kind: str
    status: str
    village_code: str
    village_name: str
    kecamatan: str

    @staticmethod
    def resolve_village_code(obj: Any) -> str:
        return str(obj.primary_village.code)

    @staticmethod
    def resolve_village_name(obj: Any) -> str:
        return str(obj.primary_village.name)

    @staticmethod
    def resolve_kecamatan(obj: Any) -> str:
        return str(obj.primary_village.parent.name)


class CooperativeDetailOut(CooperativeOut):
    villages: list[str]

    @staticmethod
    def resolve_villages(obj: Any) -> list[str]:
        return [v.code for v in obj.villages.all()]


@router.get("/cooperatives", response=list[CooperativeOut], summary="Koperasi yang terlihat")
def list_cooperatives(request: HttpRequest) -> Any:
    return (
        access.visible_cooperatives(request.user).with_regions().order_by("primary_village__code")
    )


@router.get("/k/{slug}", response=CooperativeDetailOut, summary="Satu koperasi")
def get_cooperative(request: HttpRequest, slug: str) -> Any:
    return access.cooperative_for(request.user, slug)
