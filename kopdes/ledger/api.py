"""The books over the API: post an entry (idempotent), list and read entries, statements as JSON.

Amounts are integer sen (``debit_sen``/``credit_sen``), accounts by chart
code. The body of a post is read after the access check, so a caller outside
the cooperative learns nothing (404) whatever they send.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, Sum
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import ValidationError as NinjaValidationError
from ninja.responses import Status
from pydantic import ValidationError as PydanticValidationError

from kopdes.accounts import access
from kopdes.core.errors import DomainError
from kopdes.core.timeutils import business_date as business_date_of
from kopdes.ledger.models import Entry, EntryStatus
from kopdes.ledger.services.posting import LineInput, post_entry
from kopdes.ledger.statements import STATEMENTS, build_statement, parse_period

router = Router(tags=["pembukuan"])
MAX_LIST = 200


class LineIn(Schema):
    account: str = Field(..., description="Kode akun, mis. 1-1100")
    debit_sen: int = Field(0, ge=0, description="Debit dalam sen")
    credit_sen: int = Field(0, ge=0, description="Kredit dalam sen")
    business_unit: int | None = Field(None, description="Id unit usaha (boleh kosong)")
    member_number: str = ""
    memo: str = ""


class EntryIn(Schema):
    business_date: date
    memo: str
    lines: list[LineIn]
    source_ref: str = ""


class LineOut(Schema):
    account: str
    account_name: str
    debit_sen: int
    credit_sen: int
    business_unit: int | None
    member_number: str
    memo: str


class EntryOut(Schema):
    id: int
    number: str
    business_date: date
    kind: str
    memo: str
    source_app: str
    source_ref: str
    reverses: str | None
    total_sen: int
    lines: list[LineOut]


class EntrySummaryOut(Schema):
    id: int
    number: str
    business_date: date
    kind: str
    memo: str
    total_sen: int


class MissingKey(DomainError):
    pass


def _entry_out(entry: Entry) -> dict[str, Any]:
    lines = list(entry.lines.select_related("account").order_by("id"))
    return {
        "id": entry.pk,
        "number": entry.number,
        "business_date": entry.business_date,
        "kind": entry.kind,
        "memo": entry.memo,
        "source_app": entry.source_app,
        "source_ref": entry.source_ref,
        "reverses": entry.reverses.number if entry.reverses is not None else None,
        "total_sen": sum(line.debit for line in lines),
        "lines": [
            {
                "account": line.account.code,
                "account_name": line.account.name,
                "debit_sen": line.debit,
                "credit_sen": line.credit,
                "business_unit": line.business_unit_id,
                "member_number": line.member_number,
                "memo": line.memo,
            }
            for line in lines
        ],
    }


def _parse(request: HttpRequest) -> EntryIn:
    try:
        return EntryIn.model_validate_json(request.body or b"{}")
    except PydanticValidationError as exc:
        raise NinjaValidationError([dict(e) for e in exc.errors()]) from exc


@router.post(
    "/k/{slug}/entries",
    response={200: EntryOut, 201: EntryOut},
    summary="Catat jurnal (header Idempotency-Key wajib; ulangan menghasilkan jurnal yang sama)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": EntryIn.model_json_schema()}},
        },
        "parameters": [
            {
                "name": "Idempotency-Key",
                "in": "header",
                "required": True,
                "schema": {"type": "string", "maxLength": 100},
            }
        ],
    },
)
def create_entry(request: HttpRequest, slug: str) -> Any:
    cooperative = access.cooperative_for(request.user, slug, "ledger.manage")
    key = (request.headers.get("Idempotency-Key") or "").strip()
    payload = _parse(request)
    if not key:
        raise MissingKey(
            "Header Idempotency-Key wajib diisi.",
            field="Idempotency-Key",
            code="missing_idempotency_key",
        )
    replay = Entry.objects.filter(cooperative=cooperative, idempotency_key=key).exists()
    entry = post_entry(
        cooperative=cooperative,
        actor=request.user,
        business_date=payload.business_date,
        lines=[
            LineInput(
                account=line.account,
                debit=line.debit_sen,
                credit=line.credit_sen,
                business_unit=line.business_unit,
                member_number=line.member_number,
                memo=line.memo,
            )
            for line in payload.lines
        ],
        memo=payload.memo,
        source_app="ledger",
        source_ref=payload.source_ref or "api",
        idempotency_key=key,
    )
    entry = Entry.objects.select_related("reverses").get(pk=entry.pk)
    return Status(200 if replay else 201, _entry_out(entry))


@router.get(
    "/k/{slug}/entries", response=list[EntrySummaryOut], summary="Daftar jurnal (terbaru dulu)"
)
def list_entries(
    request: HttpRequest,
    slug: str,
    start: date | None = None,
    end: date | None = None,
    q: str = "",
    limit: int = 50,
    offset: int = 0,
) -> Any:
    cooperative = access.cooperative_for(request.user, slug)
    entries = Entry.objects.filter(cooperative=cooperative, status=EntryStatus.POSTED)
    if start:
        entries = entries.filter(business_date__gte=start)
    if end:
        entries = entries.filter(business_date__lte=end)
    if q:
        entries = entries.filter(Q(number__icontains=q) | Q(memo__icontains=q))
    limit = max(1, min(limit, MAX_LIST))
    offset = max(0, offset)
    rows = entries.annotate(total_sen=Sum("lines__debit")).order_by(
        "-business_date", "-year", "-sequence"
    )
    return rows[offset : offset + limit]


@router.get(
    "/k/{slug}/entries/{entry_id}", response=EntryOut, summary="Satu jurnal dengan barisnya"
)
def get_entry(request: HttpRequest, slug: str, entry_id: int) -> Any:
    cooperative = access.cooperative_for(request.user, slug)
    entry = (
        Entry.objects.select_related("reverses")
        .filter(pk=entry_id, cooperative=cooperative, status=EntryStatus.POSTED)
        .first()
    )
    if entry is None:
        raise Http404("Jurnal tidak ditemukan")
    return _entry_out(entry)


@router.get(
    "/k/{slug}/statements/{key}", summary="Laporan keuangan sebagai JSON (jumlah dalam sen)"
)
def get_statement(request: HttpRequest, slug: str, key: str, periode: str = "") -> Any:
    cooperative = access.cooperative_for(request.user, slug)
    if key not in STATEMENTS:
        raise Http404("Laporan tidak dikenal")
    period = parse_period(periode, today=business_date_of(cooperative))
    return build_statement(key, cooperative, period).as_dict()
