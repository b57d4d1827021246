"""Reopen requests over the API: the pengurus asks, a pengawas decides from their own session.

The services are ``kopdes.ledger.services.reopen`` (``docs/ledger.md``,
"Periods and closes"); rights are ``ledger.reopen_request`` (pengurus: ask,
withdraw) and ``ledger.reopen_approve`` (pengawas: approve, reject).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Query, Schema
from ninja.responses import Status

from kopdes.cooperatives.models import ChangeSource
from kopdes.ledger.api.common import (
    LIMIT,
    MONTH,
    OBJECT_ID,
    OFFSET,
    YEAR,
    actor,
    body_doc,
    cooperative_for,
    parse_body,
    require,
    router,
)
from kopdes.ledger.models import Period, ReopenRequest
from kopdes.ledger.services.calendar import month_label
from kopdes.ledger.services.reopen import (
    approve_reopen,
    cancel_reopen,
    reject_reopen,
    request_reopen,
)

ASK = "ledger.reopen_request"
DECIDE = "ledger.reopen_approve"
API = ChangeSource.API


class ReopenRequestIn(Schema):
    reason: str = Field(..., min_length=1, max_length=1000, description="Alasan membuka kembali")


class DecisionIn(Schema):
    note: str = Field("", max_length=1000, description="Catatan keputusan")


class RejectionIn(Schema):
    note: str = Field(..., min_length=1, max_length=1000, description="Alasan penolakan")


class ReopenRequestOut(Schema):
    id: int
    year: int
    month: int
    label: str
    status: str
    reason: str
    requested_by: str
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    decision_note: str


def request_out(found: ReopenRequest) -> dict[str, Any]:
    period = found.period
    return {
        "id": found.pk,
        "year": period.year,
        "month": period.month,
        "label": month_label(period.year, period.month),
        "status": found.status,
        "reason": found.reason,
        "requested_by": found.requested_by.display_name,
        "requested_at": found.requested_at,
        "decided_by": found.decided_by.display_name if found.decided_by else None,
        "decided_at": found.decided_at,
        "decision_note": found.decision_note,
    }


def _requests(cooperative: Any) -> Any:
    return ReopenRequest.objects.filter(cooperative=cooperative).select_related(
        "period", "requested_by", "decided_by"
    )


STATUS = Query(None, description="pending, approved, rejected atau cancelled")


@router.get(
    "/k/{slug}/reopen-requests",
    response=list[ReopenRequestOut],
    summary="Permintaan membuka kembali periode (terbaru dulu)",
)
def list_reopen_requests(
    request: HttpRequest,
    slug: str,
    status: Literal["pending", "approved", "rejected", "cancelled"] | None = STATUS,
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> Any:
    cooperative = cooperative_for(request, slug)
    found = _requests(cooperative)
    if status:
        found = found.filter(status=status)
    return [request_out(r) for r in found.order_by("-requested_at", "-id")[offset : offset + limit]]


@router.post(
    "/k/{slug}/periods/{year}/{month}/reopen-requests",
    response={201: ReopenRequestOut},
    summary="Minta membuka kembali bulan yang ditutup (pengawas yang memutuskan)",
    openapi_extra=body_doc(ReopenRequestIn),
)
def create_reopen_request(
    request: HttpRequest, slug: str, year: int = YEAR, month: int = MONTH
) -> Any:
    cooperative = cooperative_for(request, slug)
    period = Period.objects.filter(cooperative=cooperative, year=year, month=month).first()
    if period is None:
        raise Http404("Periode tidak ditemukan")
    require(request, ASK, cooperative)
    payload = parse_body(request, ReopenRequestIn)
    created = request_reopen(
        cooperative=cooperative,
        actor=actor(request),
        period=period,
        reason=payload.reason,
        source=API,
    )
    return Status(201, request_out(_requests(cooperative).get(pk=created.pk)))


def _decision(
    request: HttpRequest,
    slug: str,
    request_id: int,
    action: str,
    decide: Any,
    schema: type[DecisionIn] | type[RejectionIn] = DecisionIn,
) -> Any:
    cooperative = cooperative_for(request, slug)
    found = _requests(cooperative).filter(pk=request_id).first()
    if found is None:
        raise Http404("Permintaan tidak ditemukan")
    require(request, action, cooperative)
    payload = parse_body(request, schema)
    decide(
        cooperative=cooperative,
        actor=actor(request),
        reopen_request=found,
        note=payload.note,
        source=API,
    )
    return request_out(_requests(cooperative).get(pk=found.pk))


@router.post(
    "/k/{slug}/reopen-requests/{request_id}/approve",
    response=ReopenRequestOut,
    summary="Pengawas menyetujui: bulan dibuka kembali, Dinas diberi tahu",
    openapi_extra=body_doc(DecisionIn),
)
def approve_reopen_request(request: HttpRequest, slug: str, request_id: int = OBJECT_ID) -> Any:
    return _decision(request, slug, request_id, DECIDE, approve_reopen)


@router.post(
    "/k/{slug}/reopen-requests/{request_id}/reject",
    response=ReopenRequestOut,
    summary="Pengawas menolak dengan catatan: bulan tetap ditutup",
    openapi_extra=body_doc(RejectionIn),
)
def reject_reopen_request(request: HttpRequest, slug: str, request_id: int = OBJECT_ID) -> Any:
    return _decision(request, slug, request_id, DECIDE, reject_reopen, RejectionIn)


@router.post(
    "/k/{slug}/reopen-requests/{request_id}/cancel",
    response=ReopenRequestOut,
    summary="Pengurus menarik permintaannya",
    openapi_extra=body_doc(DecisionIn),
)
def cancel_reopen_request(request: HttpRequest, slug: str, request_id: int = OBJECT_ID) -> Any:
    return _decision(request, slug, request_id, ASK, cancel_reopen)
