"""Statements as web pages, PDF (the same template) and XLSX, for any month, quarter or year."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kopdes.core.documents import pdf_response, xlsx_response
from kopdes.ledger.forms import PeriodForm
from kopdes.ledger.selectors import posted_entries
from kopdes.ledger.statements import (
    STATEMENTS,
    Statement,
    StatementOptions,
    build_statement,
)
from kopdes.ledger.statements.cash_book import cash_book
from kopdes.ledger.statements.periods import ReportPeriod
from kopdes.ledger.statements.printing import pdf_context
from kopdes.ledger.statements.workbook import statement_workbook
from kopdes.ledger.views.common import cooperative_for, page_context, today_for, unit_choices


class _BadPeriod(Exception):
    """The period picker has errors: the page shows them on its fields (status 400)."""

    def __init__(self, response: HttpResponse) -> None:
        self.response = response


def _period(request: HttpRequest, cooperative: Any) -> tuple[PeriodForm, ReportPeriod | None]:
    """The period picker and its period (None when a field is wrong)."""
    form = PeriodForm(request.GET or None, today=today_for(cooperative))
    return form, form.period()


def _statement(request: HttpRequest, slug: str, key: str) -> tuple[Any, Statement, dict[str, Any]]:
    cooperative = cooperative_for(request, slug)
    if key not in STATEMENTS:
        raise Http404(_("Laporan tidak dikenal"))
    period_form, period = _period(request, cooperative)
    if period is None:
        title = STATEMENTS[key][0]
        raise _BadPeriod(
            render(
                request,
                "ledger/statement_page.html",
                page_context(
                    request,
                    cooperative,
                    statement=None,
                    title=title,
                    key=key,
                    period_form=period_form,
                    units=unit_choices(cooperative) if key == "buku-kas" else [],
                ),
                status=400,
            )
        )
    extra: dict[str, Any] = {"period_form": period_form}
    if key == "buku-kas":
        units = unit_choices(cooperative)
        unit_id = request.GET.get("unit")
        unit = next((u for u, _ in units if str(u) == unit_id), None)
        statement = cash_book(cooperative, period, unit_id=unit)
        extra.update({"units": units, "unit_id": unit})
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
    period_form, period = _period(request, cooperative)
    return render(
        request,
        "ledger/statement_index.html",
        page_context(
            request,
            cooperative,
            statements=statements,
            period=period,
            period_form=period_form,
            books_empty=not posted_entries(cooperative).exists(),
        ),
        status=200 if period is not None else 400,
    )


@require_GET
@login_required
def statement_page(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    try:
        return _statement_page(request, slug, key)
    except _BadPeriod as bad:
        return bad.response


def _statement_page(request: HttpRequest, slug: str, key: str) -> HttpResponse:
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
    try:
        return _statement_pdf(request, slug, key)
    except _BadPeriod as bad:
        return bad.response


def _statement_pdf(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    cooperative, statement, _extra = _statement(request, slug, key)
    context = pdf_context(cooperative, statement, printed_on=today_for(cooperative))
    return pdf_response(
        "ledger/statement_pdf.html", context, filename=_filename(cooperative, statement)
    )


@require_GET
@login_required
def statement_xlsx(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    try:
        return _statement_xlsx(request, slug, key)
    except _BadPeriod as bad:
        return bad.response


def _statement_xlsx(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    cooperative, statement, _extra = _statement(request, slug, key)
    return xlsx_response(
        statement_workbook(statement, cooperative), filename=_filename(cooperative, statement)
    )
