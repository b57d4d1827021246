"""Opening balances: download the XLSX template, upload it, see every bad row or the entry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kopdes.core.documents import xlsx_response
from kopdes.core.errors import DomainError
from kopdes.ledger.forms import OpeningImportForm
from kopdes.ledger.imports import (
    OpeningImportRefused,
    books_started,
    import_opening_balances,
    template_workbook,
)
from kopdes.ledger.views.common import MANAGE, cooperative_for, page_context, today_for

MAX_BYTES = 5 * 1024 * 1024


@require_GET
@login_required
def opening_template(request: HttpRequest, slug: str) -> HttpResponse:
    cooperative = cooperative_for(request, slug, MANAGE)
    return xlsx_response(template_workbook(cooperative), filename=f"saldo-awal-{cooperative.slug}")


@require_http_methods(["GET", "POST"])
@login_required
def opening_import(request: HttpRequest, slug: str) -> HttpResponse:
    cooperative = cooperative_for(request, slug, MANAGE)
    row_errors: list[str] = []
    refusal = ""
    if request.method == "POST":
        form = OpeningImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > MAX_BYTES:
                form.add_error("file", _("Berkas terlalu besar (paling besar 5 MB)."))
            else:
                try:
                    entry = import_opening_balances(
                        cooperative=cooperative,
                        actor=request.user,
                        business_date=form.cleaned_data["business_date"],
                        content=upload.read(),
                        idempotency_key=form.cleaned_data["idempotency_key"],
                        as_correction=form.cleaned_data["as_correction"],
                    )
                except OpeningImportRefused as exc:
                    if exc.code == "books_started":
                        # Not the rows: the books already started (offer the correction).
                        form.add_error(exc.field, exc.message)
                    else:
                        refusal = exc.message
                        row_errors = [str(error) for error in exc.errors]
                except DomainError as exc:
                    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                else:
                    messages.success(
                        request,
                        _("Saldo awal tercatat sebagai jurnal %(number)s.")
                        % {"number": entry.number},
                    )
                    return redirect("ledger:entry", slug=slug, entry_id=entry.pk)
    else:
        form = OpeningImportForm(initial={"business_date": today_for(cooperative)})
    return render(
        request,
        "ledger/opening_import.html",
        page_context(
            request,
            cooperative,
            form=form,
            row_errors=row_errors,
            refusal=refusal,
            books_started=books_started(cooperative),
        ),
        status=400 if row_errors or "as_correction" in form.errors else 200,
    )
