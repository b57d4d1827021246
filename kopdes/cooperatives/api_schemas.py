"""Request and response schemas of the registry API (one per operation)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ninja import Schema

from kopdes.core.validators import mask_nik


class DocumentOut(Schema):
    id: int
    purpose: str
    name: str
    content_type: str
    size: int
    uploaded_at: datetime

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.original_name)


class StepOut(Schema):
    kind: str
    label: str
    state: str
    done_on: date | None = None
    document_number: str = ""
    notary_name: str = ""
    notes: str = ""
    skip_reason: str = ""
    documents: list[DocumentOut] = []


class StepIn(Schema):
    done_on: date | None = None
    document_number: str = ""
    notary_name: str = ""
    notes: str = ""
    skipped: bool = False
    skip_reason: str = ""


class PipelineOut(Schema):
    stage: str
    stage_label: str
    status: str
    formation_model: str
    steps: list[StepOut]


class OfficerOut(Schema):
    id: int
    role: str
    role_label: str
    name: str
    nik_masked: str
    phone: str
    kk_masked: str
    is_kepala_desa: bool
    term_start: date
    term_end: date | None
    ended_on: date | None
    user: str | None

    @staticmethod
    def resolve_role_label(obj: Any) -> str:
        return str(obj.get_role_display())

    @staticmethod
    def resolve_nik_masked(obj: Any) -> str:
        return mask_nik(obj.nik)

    @staticmethod
    def resolve_kk_masked(obj: Any) -> str:
        return mask_nik(obj.kk_number) if obj.kk_number else ""

    @staticmethod
    def resolve_user(obj: Any) -> str | None:
        return obj.user.get_username() if obj.user_id else None


class OfficerIn(Schema):
    role: str
    name: str
    nik: str
    term_start: date
    phone: str = ""
    kk_number: str = ""
    is_kepala_desa: bool = False
    term_end: date | None = None
    notes: str = ""


class OfficerPatch(Schema):
    role: str | None = None
    name: str | None = None
    nik: str | None = None
    phone: str | None = None
    kk_number: str | None = None
    is_kepala_desa: bool | None = None
    term_start: date | None = None
    term_end: date | None = None
    ended_on: date | None = None
    notes: str | None = None


class WarningOut(Schema):
    code: str
    label: str
    message: str
    officer_id: int | None = None


class UnitOut(Schema):
    id: int
    kind: str
    kind_label: str
    name: str
    display_name: str
    status: str
    started_on: date | None
    stopped_on: date | None
    location: str
    latitude: Decimal | None
    longitude: Decimal | None
    notes: str

    @staticmethod
    def resolve_kind_label(obj: Any) -> str:
        return str(obj.get_kind_display())


class UnitIn(Schema):
    kind: str
    name: str = ""
    status: str = "direncanakan"
    started_on: date | None = None
    stopped_on: date | None = None
    location: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    notes: str = ""


class UnitPatch(Schema):
    kind: str | None = None
    name: str | None = None
    status: str | None = None
    started_on: date | None = None
    stopped_on: date | None = None
    location: str | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    notes: str | None = None


class RatOut(Schema):
    id: int
    book_year: int
    held_on: date
    members_total: int
    members_present: int
    quorum_fraction: Decimal
    quorum_reached: bool
    statements_approved: bool
    shu_decision: str
    shu_amount_sen: int | None
    pengurus_report: str
    pengawas_report: str
    notes: str
    documents: list[DocumentOut]

    @staticmethod
    def resolve_shu_amount_sen(obj: Any) -> int | None:
        return obj.shu_amount

    @staticmethod
    def resolve_documents(obj: Any) -> list[Any]:
        return list(obj.documents.all())


class RatIn(Schema):
    book_year: int
    held_on: date
    members_total: int
    members_present: int
    quorum_fraction: Decimal = Decimal("0.5")
    statements_approved: bool = False
    shu_decision: str = ""
    shu_amount_sen: int | None = None
    pengurus_report: str = ""
    pengawas_report: str = ""
    notes: str = ""


class RatPatch(Schema):
    book_year: int | None = None
    held_on: date | None = None
    members_total: int | None = None
    members_present: int | None = None
    quorum_fraction: Decimal | None = None
    statements_approved: bool | None = None
    shu_decision: str | None = None
    shu_amount_sen: int | None = None
    pengurus_report: str | None = None
    pengawas_report: str | None = None
    notes: str | None = None


class ChangeOut(Schema):
    at: datetime
    actor: str | None
    source: str
    action: str
    object_type: str
    object_id: int
    object_label: str
    field: str
    field_label: str
    old_value: str
    new_value: str

    @staticmethod
    def resolve_actor(obj: Any) -> str | None:
        return obj.actor.get_username() if obj.actor_id else None
