"""Statements as web pages, PDF (the same template) and XLSX, for any month, quarter or year."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kopdes.core.documents import pdf_response, xlsx_response
from kopdes.core.errors import DomainError
from kopdes.ledger.statements import (
    STATEMENTS,
    Statement,
    StatementOptions,
    build_statement,
    parse_period,
)
from kopdes.ledger.statements.cash_book import cash_book
from kopdes.ledger.statements.periods import ReportPeriod
from kopdes.ledger.statements.printing import pdf_context
from kopdes.ledger.statements.workbook import statement_workbook
from kopdes.ledger.views.common import cooperative_for, page_context, today_for, unit_choices


def _period(request: HttpRequest, cooperative: Any) -> ReportPeriod:
    try:
        return parse_period(request.GET.get("periode"), today=today_for(cooperative))
    except DomainError as exc:
        raise Http404(exc.message) from exc


def _statement(request: HttpRequest, slug: str, key: str) -> tuple[Any, Statement, dict[str, Any]]:
    cooperative = cooperative_for(request, slug)
    if key not in STATEMENTS:
        raise Http404(_("Laporan tidak dikenal"))
    period = _period(request, cooperative)
    extra: dict[str, Any] = {}
    if key == "buku-kas":
        units = unit_choices(cooperative)
        unit_id = request.GET.get("unit")
        unit = next((u for u, _ in units if str(u) == unit_id), None)
        statement = cash_book(cooperative, period, unit_id=unit)
        extra = {"units": units, "unit_id": unit}
        if unit is not None:
            statement.subtitle = _("Unit %(name)s") % {"name": dict(units)[unit]}
    else:
        options = StatementOptions.from_query(request.GET)
        statement = build_statement(key, cooperative, period, options)
    return cooperative, statement, {"period": period, **extra}


@require_GET
@login_required
def statement_index(request: HttpRequest, slug: str) -> HttpResponse:
    cooperative = cooperative_for(request, slug)
    statements = [(key, title) for key, (title, _builder) in STATEMENTS.items()]
    return render(
        request,
        "ledger/statement_index.html",
        page_context(
            request, cooperative, statements=statements, period=_period(request, cooperative)
        ),
    )


@require_GET
@login_required
def statement_page(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    cooperative, statement, extra = _statement(request, slug, key)
    return render(
        request,
        "ledger/statement_page.html",
        page_context(request, cooperative, statement=statement, **extra),
    )


def _filename(cooperative: Any, statement: Statement) -> str:
    return f"{statement.key}-{cooperative.slug}-{statement.period.code}"


@require_GET
@login_required
def statement_pdf(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    cooperative, statement, _extra = _statement(request, slug, key)
    context = pdf_context(cooperative, statement, printed_on=today_for(cooperative))
    return pdf_response(
        "ledger/statement_pdf.html", context, filename=_filename(cooperative, statement)
    )


@require_GET
@login_required
def statement_xlsx(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    cooperative, statement, _extra = _statement(request, slug, key)
    return xlsx_response(
        statement_workbook(statement, cooperative), filename=_filename(cooperative, statement)
    )
