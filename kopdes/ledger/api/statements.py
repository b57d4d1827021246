"""The statements over the API: each one as JSON (``Statement.as_dict()``, amounts in sen).

The period is written as on the pages (``2026-11``, ``2026-Q3``, ``2026``;
empty is the current month) and refused with ``invalid_period`` otherwise.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Schema

from kopdes.core.timeutils import business_date
from kopdes.ledger.api.common import cooperative_for, router
from kopdes.ledger.statements import STATEMENTS, build_statement, parse_period


class StatementRef(Schema):
    key: str
    title: str


PERIOD = Query("", max_length=10, description="2026-11 (bulan), 2026-Q3 (triwulan) atau 2026")


@router.get(
    "/k/{slug}/statements", response=list[StatementRef], summary="Laporan keuangan yang tersedia"
)
def list_statements(request: HttpRequest, slug: str) -> Any:
    cooperative_for(request, slug)
    return [{"key": key, "title": title} for key, (title, _builder) in STATEMENTS.items()]


@router.get(
    "/k/{slug}/statements/{key}", summary="Laporan keuangan sebagai JSON (jumlah dalam sen)"
)
def get_statement(request: HttpRequest, slug: str, key: str, periode: str = PERIOD) -> Any:
    cooperative = cooperative_for(request, slug)
    if key not in STATEMENTS:
        raise Http404("Laporan tidak dikenal")
    period = parse_period(periode, today=business_date(cooperative))
    return build_statement(key, cooperative, period).as_dict()
