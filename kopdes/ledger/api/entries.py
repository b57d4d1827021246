"""Entries over the API: post (idempotent), search, read, reverse, and the cash book's quick entry.

Amounts are integer sen (``debit_sen``/``credit_sen``/``amount_sen``, at most
the money maximum), accounts by chart code.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Query, Schema
from ninja.responses import Status

from kopdes.core.money import MAX_SEN
from kopdes.ledger import selectors
from kopdes.ledger.api.common import (
    CASH,
    LIMIT,
    MANAGE,
    MAX_ID,
    OBJECT_ID,
    OFFSET,
    actor,
    body_doc,
    cooperative_for,
    idempotency_key,
    parse_body,
    require,
    router,
)
from kopdes.ledger.models import Account, Entry
from kopdes.ledger.services.cash import (
    cash_accounts,
    counter_accounts,
    post_cash_entry,
)
from kopdes.ledger.services.posting import LineInput, post_entry, reverse_entry

SOURCE_APP = "ledger"

Sen = Field(0, ge=0, le=MAX_SEN, description="Dalam sen (Rp1 = 100)")
UnitId = Field(None, ge=1, le=MAX_ID, description="Id unit usaha (boleh kosong)")


class LineIn(Schema):
    account: str = Field(..., max_length=20, description="Kode akun, mis. 1-1100")
    debit_sen: int = Sen
    credit_sen: int = Sen
    business_unit: int | None = UnitId
    member_number: str = Field("", max_length=40)
    memo: str = Field("", max_length=200)


class EntryIn(Schema):
    business_date: date
    memo: str = Field(..., max_length=500)
    lines: list[LineIn] = Field(..., max_length=1000)
    source_ref: str = Field("", max_length=100)


class ReverseIn(Schema):
    business_date: date = Field(..., description="Tanggal jurnal pembalik")
    memo: str = Field(..., max_length=400, description="Alasan pembalikan")


class CashEntryIn(Schema):
    direction: Literal["masuk", "keluar"] = Field(..., description="Kas masuk atau kas keluar")
    business_date: date
    amount_sen: int = Field(..., ge=1, le=MAX_SEN, description="Dalam sen (Rp1 = 100)")
    counter_account: str = Field(..., max_length=20, description="Kode akun lawan")
    cash_account: str | None = Field(
        None, max_length=20, description="Kode akun kas/bank (kosong: kas)"
    )
    business_unit: int | None = UnitId
    memo: str = Field(..., max_length=500)


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
    reversed_by: str | None
    total_sen: int
    lines: list[LineOut]


class EntrySummaryOut(Schema):
    id: int
    number: str
    business_date: date
    kind: str
    memo: str
    total_sen: int
    reversed: bool


class AccountRef(Schema):
    code: str
    name: str


class CashAccountsOut(Schema):
    cash_accounts: list[AccountRef]
    counter_accounts: list[AccountRef]


def entry_out(entry: Entry) -> dict[str, Any]:
    lines = selectors.entry_lines(entry)
    reversal = (
        Entry.objects.filter(cooperative_id=entry.cooperative_id, reverses=entry)
        .only("number")
        .first()
    )
    return {
        "id": entry.pk,
        "number": entry.number,
        "business_date": entry.business_date,
        "kind": entry.kind,
        "memo": entry.memo,
        "source_app": entry.source_app,
        "source_ref": entry.source_ref,
        "reverses": entry.reverses.number if entry.reverses is not None else None,
        "reversed_by": reversal.number if reversal is not None else None,
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


def written(cooperative: Any, entry: Entry, replay: bool) -> Status:
    found = selectors.posted_entry(cooperative, entry.pk)
    return Status(200 if replay else 201, entry_out(found or entry))


@router.post(
    "/k/{slug}/entries",
    response={200: EntryOut, 201: EntryOut},
    summary="Catat jurnal (header Idempotency-Key wajib; ulangan menghasilkan jurnal yang sama)",
    openapi_extra=body_doc(EntryIn, idempotent=True),
)
def create_entry(request: HttpRequest, slug: str) -> Any:
    cooperative = cooperative_for(request, slug, MANAGE)
    payload = parse_body(request, EntryIn)
    key = idempotency_key(request)
    replay = selectors.entry_for_key(cooperative, key) is not None
    entry = post_entry(
        cooperative=cooperative,
        actor=actor(request),
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
        source_app=SOURCE_APP,
        source_ref=payload.source_ref or "api",
        idempotency_key=key,
    )
    return written(cooperative, entry, replay)


Q_TEXT = Query("", max_length=100, description="Nomor atau keterangan")
AMOUNT = Query(None, ge=1, le=MAX_SEN, description="Jumlah salah satu baris, dalam sen")


@router.get(
    "/k/{slug}/entries",
    response=list[EntrySummaryOut],
    summary="Cari jurnal (terbaru dulu): nomor/keterangan, tanggal, jumlah",
)
def list_entries(
    request: HttpRequest,
    slug: str,
    start: date | None = None,
    end: date | None = None,
    q: str = Q_TEXT,
    amount_sen: int | None = AMOUNT,
    limit: int = LIMIT,
    offset: int = OFFSET,
) -> Any:
    cooperative = cooperative_for(request, slug)
    found = selectors.search_entries(cooperative, q=q, start=start, end=end, amount=amount_sen)
    return [
        {
            "id": entry.pk,
            "number": entry.number,
            "business_date": entry.business_date,
            "kind": entry.kind,
            "memo": entry.memo,
            "total_sen": entry.total or 0,  # type: ignore[attr-defined]
            "reversed": entry.reversed,  # type: ignore[attr-defined]
        }
        for entry in found[offset : offset + limit]
    ]


def _entry_or_404(cooperative: Any, entry_id: int) -> Entry:
    entry = selectors.posted_entry(cooperative, entry_id)
    if entry is None:
        raise Http404("Jurnal tidak ditemukan")
    return entry


@router.get(
    "/k/{slug}/entries/{entry_id}", response=EntryOut, summary="Satu jurnal dengan barisnya"
)
def get_entry(request: HttpRequest, slug: str, entry_id: int = OBJECT_ID) -> Any:
    cooperative = cooperative_for(request, slug)
    return entry_out(_entry_or_404(cooperative, entry_id))


@router.post(
    "/k/{slug}/entries/{entry_id}/reverse",
    response={200: EntryOut, 201: EntryOut},
    summary="Balik jurnal: jurnal pembalik sekali saja (header Idempotency-Key wajib)",
    openapi_extra=body_doc(ReverseIn, idempotent=True),
)
def reverse_entry_api(request: HttpRequest, slug: str, entry_id: int = OBJECT_ID) -> Any:
    cooperative = cooperative_for(request, slug)
    entry = _entry_or_404(cooperative, entry_id)
    require(request, MANAGE, cooperative)
    payload = parse_body(request, ReverseIn)
    key = idempotency_key(request)
    replay = selectors.entry_for_key(cooperative, key) is not None
    mirror = reverse_entry(
        entry=entry,
        actor=actor(request),
        business_date=payload.business_date,
        memo=payload.memo,
        idempotency_key=key,
    )
    return written(cooperative, mirror, replay)


@router.post(
    "/k/{slug}/cash-entries",
    response={200: EntryOut, 201: EntryOut},
    summary="Buku kas: kas masuk atau kas keluar (header Idempotency-Key wajib)",
    openapi_extra=body_doc(CashEntryIn, idempotent=True),
)
def create_cash_entry(request: HttpRequest, slug: str) -> Any:
    cooperative = cooperative_for(request, slug, CASH)
    payload = parse_body(request, CashEntryIn)
    key = idempotency_key(request)
    replay = selectors.entry_for_key(cooperative, key) is not None
    entry = post_cash_entry(
        cooperative=cooperative,
        actor=actor(request),
        direction=payload.direction,
        business_date=payload.business_date,
        amount=payload.amount_sen,
        counter_account=payload.counter_account,
        cash_account=payload.cash_account,
        business_unit=payload.business_unit,
        memo=payload.memo,
        idempotency_key=key,
    )
    return written(cooperative, entry, replay)


def _refs(accounts: list[Account]) -> list[dict[str, str]]:
    return [{"code": account.code, "name": account.name} for account in accounts]


@router.get(
    "/k/{slug}/cash-entries/accounts",
    response=CashAccountsOut,
    summary="Akun yang boleh dipakai buku kas: kas/bank dan akun lawan",
)
def list_cash_accounts(request: HttpRequest, slug: str) -> Any:
    cooperative = cooperative_for(request, slug)
    return {
        "cash_accounts": _refs(cash_accounts(cooperative)),
        "counter_accounts": _refs(counter_accounts(cooperative)),
    }
