"""Opening balances over the API: JSON rows checked exactly as the XLSX import checks them.

Each row is an account code with a debit or a credit in sen; the rows go
through ``kopdes.ledger.imports.import_opening_rows`` (every row validated
first, every bad row reported by its number, nothing written unless all
pass; books already started are refused unless ``as_correction``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema

from kopdes.core.money import MAX_SEN, format_rupiah
from kopdes.ledger import selectors
from kopdes.ledger.api.common import (
    MANAGE,
    actor,
    body_doc,
    cooperative_for,
    idempotency_key,
    parse_body,
    router,
)
from kopdes.ledger.api.entries import EntryOut, written
from kopdes.ledger.imports import OpeningImportRefused, import_opening_rows


class OpeningRowIn(Schema):
    account: str = Field(..., max_length=20, description="Kode akun")
    debit_sen: int = Field(0, ge=0, le=MAX_SEN)
    credit_sen: int = Field(0, ge=0, le=MAX_SEN)


class OpeningIn(Schema):
    business_date: date = Field(..., description="Saldo per akhir hari ini")
    rows: list[OpeningRowIn] = Field(..., max_length=5000, description="Baris 1, 2, …")
    as_correction: bool = Field(
        False, description="Buku sudah berisi jurnal: catat sebagai jurnal koreksi saldo awal"
    )


def _cell(sen: int) -> str | None:
    # The import reads rupiah as a person writes it; this text parses back to the same sen.
    return format_rupiah(sen, with_symbol=False) if sen else None


@router.post(
    "/k/{slug}/opening-balances",
    response={200: EntryOut, 201: EntryOut},
    summary="Saldo awal sebagai baris JSON (validasi sama dengan impor XLSX; Idempotency-Key)",
    openapi_extra=body_doc(OpeningIn, idempotent=True),
)
def import_opening_balances_api(request: HttpRequest, slug: str) -> Any:
    cooperative = cooperative_for(request, slug, MANAGE)
    payload = parse_body(request, OpeningIn)
    key = idempotency_key(request)
    replay = selectors.entry_for_key(cooperative, key) is not None
    rows = [
        (number, row.account, _cell(row.debit_sen), _cell(row.credit_sen))
        for number, row in enumerate(payload.rows, start=1)
    ]
    try:
        entry = import_opening_rows(
            cooperative=cooperative,
            actor=actor(request),
            business_date=payload.business_date,
            rows=rows,
            idempotency_key=key,
            as_correction=payload.as_correction,
        )
    except OpeningImportRefused as exc:
        if exc.field == "file":  # the rows are the "file" of this request
            exc.field = "rows"
        raise
    return written(cooperative, entry, replay)
