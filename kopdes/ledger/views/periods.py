"""Month close and reopen pages (the ledger's close_month / reopen_month services)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from kopdes.accounts.models import Grant, Role, User
from kopdes.core.errors import DomainError
from kopdes.ledger.forms import CloseMonthForm, ReopenMonthForm
from kopdes.ledger.models import Period, PeriodEvent
from kopdes.ledger.services.calendar import month_label
from kopdes.ledger.services.periods import close_month as close_month_service
from kopdes.ledger.services.periods import reopen_month as reopen_month_service
from kopdes.ledger.views.common import MANAGE, cooperative_for, page_context

MSG_WRONG_PASSWORD = "Kata sandi pengawas salah."  # noqa: S105 - a message, not a secret


@require_GET
@login_required
def periods(request: HttpRequest, slug: str) -> HttpResponse:
    cooperative = cooperative_for(request, slug)
    rows = list(Period.objects.filter(cooperative=cooperative).order_by("-year", "-month")[:36])
    for period in rows:
        period.label = month_label(period.year, period.month)  # type: ignore[attr-defined]
    events = PeriodEvent.objects.filter(cooperative=cooperative).select_related(
        "period", "actor", "cosigner"
    )[:20]
    return render(
        request,
        "ledger/periods.html",
        page_context(request, cooperative, periods=rows, events=events),
    )


def _period(cooperative: Any, year: int, month: int) -> Period:
    return get_object_or_404(Period, cooperative=cooperative, year=year, month=month)


def _problems(exc: DomainError) -> list[str]:
    # The service joins reconciliation problems after a colon with "; ".
    _head, _, tail = exc.message.partition(": ")
    return (
        [p for p in tail.split("; ") if p]
        if exc.code == "reconciliation_failed" and tail
        else [exc.message]
    )


@require_http_methods(["GET", "POST"])
@login_required
def close_month(request: HttpRequest, slug: str, year: int, month: int) -> HttpResponse:
    cooperative = cooperative_for(request, slug, MANAGE)
    period = _period(cooperative, year, month)
    label = month_label(year, month)
    problems: list[str] = []
    form = CloseMonthForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            close_month_service(cooperative=cooperative, period=period, actor=request.user)
        except DomainError as exc:
            problems = _problems(exc)
        else:
            messages.success(request, f"Periode {label} ditutup.")
            return redirect("ledger:periods", slug=slug)
    return render(
        request,
        "ledger/close_month.html",
        page_context(
            request, cooperative, form=form, label=label, problems=problems, period=period
        ),
        status=400 if problems else 200,
    )


def _pengawas(cooperative: Any) -> list[tuple[int, str]]:
    grants = (
        Grant.objects.active()
        .filter(cooperative=cooperative, role=Role.PENGAWAS)
        .select_related("user")
    )
    return sorted({(g.user.pk, g.user.display_name) for g in grants}, key=lambda pair: pair[1])


@require_http_methods(["GET", "POST"])
@login_required
def reopen_month(request: HttpRequest, slug: str, year: int, month: int) -> HttpResponse:
    cooperative = cooperative_for(request, slug, MANAGE)
    period = _period(cooperative, year, month)
    label = month_label(year, month)
    form = ReopenMonthForm(
        request.POST if request.method == "POST" else None, pengawas=_pengawas(cooperative)
    )
    if request.method == "POST" and form.is_valid():
        cosigner = User.objects.filter(pk=form.cleaned_data["cosigner"], is_active=True).first()
        if cosigner is None or not cosigner.check_password(form.cleaned_data["cosigner_password"]):
            form.add_error("cosigner_password", MSG_WRONG_PASSWORD)
        else:
            try:
                reopen_month_service(
                    cooperative=cooperative,
                    period=period,
                    actor=request.user,
                    cosigner=cosigner,
                    reason=form.cleaned_data["reason"],
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(
                    request, f"Periode {label} dibuka kembali; Dinas Koperasi diberi tahu."
                )
                return redirect("ledger:periods", slug=slug)
    return render(
        request,
        "ledger/reopen_month.html",
        page_context(request, cooperative, form=form, label=label),
    )
