"""Request and response schemas of the registry API (one per operation).

Request schemas bound every value the way the models and services do
(docs/registry.md, "Validation"): text lengths from the model fields, choices
as enums, integers within 64 bits and the app's own caps, finite coordinates
in range. A value outside answers 422 naming the field before any service
runs; the services check again (NUL characters, NIK, NPWP, dates, cross-field
rules), so a caller that skips the API is held to the same rules.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from django.db.models import Model
from ninja import Schema
from pydantic import Field

from kopdes.cooperatives.models import (
    BusinessUnit,
    FormationStep,
    Officer,
    OfficerRole,
    UnitKind,
    UnitStatus,
)
from kopdes.cooperatives.rat import MAX_MEMBERS
from kopdes.core.money import MAX_SEN
from kopdes.core.validators import TEXT_MAX_LENGTH, mask_nik


def _max_length(model: type[Model], name: str) -> int:
    field: Any = model._meta.get_field(name)
    return int(field.max_length or TEXT_MAX_LENGTH)


# Identifiers may arrive with separators ("6409 0417 0580 0001"); the service
# normalises them and checks the digits, so the API only bounds the raw text.
_IDENTIFIER_CHARS = 32

OfficerName = Annotated[str, Field(max_length=_max_length(Officer, "name"))]
Identifier = Annotated[str, Field(max_length=_IDENTIFIER_CHARS)]
Notes = Annotated[str, Field(max_length=TEXT_MAX_LENGTH)]
UnitName = Annotated[str, Field(max_length=_max_length(BusinessUnit, "name"))]
UnitLocation = Annotated[str, Field(max_length=_max_length(BusinessUnit, "location"))]
Latitude = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
Longitude = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]
DocumentNumber = Annotated[str, Field(max_length=_max_length(FormationStep, "document_number"))]
NotaryName = Annotated[str, Field(max_length=_max_length(FormationStep, "notary_name"))]
SkipReason = Annotated[str, Field(max_length=_max_length(FormationStep, "skip_reason"))]
BookYear = Annotated[int, Field(ge=2000, le=2100)]
Members = Annotated[int, Field(ge=0, le=MAX_MEMBERS)]
QuorumFraction = Annotated[Decimal, Field(gt=0, lt=1, max_digits=4, decimal_places=3)]
ShuSen = Annotated[int, Field(ge=0, le=MAX_SEN)]


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
    document_number: DocumentNumber = ""
    notary_name: NotaryName = ""
    notes: Notes = ""
    skipped: bool = False
    skip_reason: SkipReason = ""


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
    role: OfficerRole
    name: OfficerName
    nik: Identifier
    term_start: date
    phone: Identifier = ""
    kk_number: Identifier = ""
    is_kepala_desa: bool = False
    term_end: date | None = None
    notes: Notes = ""


class OfficerPatch(Schema):
    role: OfficerRole | None = None
    name: OfficerName | None = None
    nik: Identifier | None = None
    phone: Identifier | None = None
    kk_number: Identifier | None = None
    is_kepala_desa: bool | None = None
    term_start: date | None = None
    term_end: date | None = None
    ended_on: date | None = None
    notes: Notes | None = None


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
    kind: UnitKind
    name: UnitName = ""
    status: UnitStatus = UnitStatus.DIRENCANAKAN
    started_on: date | None = None
    stopped_on: date | None = None
    location: UnitLocation = ""
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    notes: Notes = ""


class UnitPatch(Schema):
    kind: UnitKind | None = None
    name: UnitName | None = None
    status: UnitStatus | None = None
    started_on: date | None = None
    stopped_on: date | None = None
    location: UnitLocation | None = None
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    notes: Notes | None = None


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
    book_year: BookYear
    held_on: date
    members_total: Members
    members_present: Members
    quorum_fraction: QuorumFraction = Decimal("0.5")
    statements_approved: bool = False
    shu_decision: Notes = ""
    shu_amount_sen: ShuSen | None = None
    pengurus_report: Notes = ""
    pengawas_report: Notes = ""
    notes: Notes = ""


class RatPatch(Schema):
    book_year: BookYear | None = None
    held_on: date | None = None
    members_total: Members | None = None
    members_present: Members | None = None
    quorum_fraction: QuorumFraction | None = None
    statements_approved: bool | None = None
    shu_decision: Notes | None = None
    shu_amount_sen: ShuSen | None = None
    pengurus_report: Notes | None = None
    pengawas_report: Notes | None = None
    notes: Notes | None = None


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
