"""Reopen requests: the pengurus asks for a closed month, a pengawas decides in their own session.

Thin pages over ``kopdes.ledger.services.reopen``; who may do what is
decided in ``kopdes.accounts.access`` (out of scope 404, in scope without
the right 403 "Anda hanya dapat melihat data ini"). See docs/ledger.md.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kopdes.accounts import access
from kopdes.core.errors import DomainError
from kopdes.ledger.forms import (
    ApproveReopenForm,
    CancelReopenForm,
    RejectReopenForm,
    ReopenRequestForm,
)
from kopdes.ledger.models import Period, ReopenRequest
from kopdes.ledger.services.calendar import month_label
from kopdes.ledger.services.reopen import (
    approve_reopen,
    cancel_reopen,
    pending_reopen_requests,
    reject_reopen,
    request_reopen,
)
from kopdes.ledger.views.common import cooperative_for, page_context

REQUEST = "ledger.reopen_request"
DECIDE = "ledger.reopen_approve"


def home_notices(*, cooperative: Any, user: Any) -> list[tuple[str, str]]:
    """The ``home_notices`` hook: pending requests on the cooperative's home page.

    A pengawas sees what waits for their decision; the pengurus what waits
    for a pengawas. Everybody else sees nothing here.
    """
    may_decide = access.can(user, DECIDE, cooperative)
    if not may_decide and not access.can(user, REQUEST, cooperative):
        return []
    notices = []
    for item in pending_reopen_requests(cooperative):
        label = month_label(item.period.year, item.period.month)
        values = {"month": label, "who": item.requested_by.display_name}
        message = (
            _("%(who)s meminta %(month)s dibuka kembali: menunggu keputusan Anda.") % values
            if may_decide and item.requested_by_id != getattr(user, "pk", None)
            else _("Permintaan membuka kembali %(month)s menunggu keputusan pengawas.") % values
        )
        notices.append(
            (message, reverse("ledger:reopen_request", args=[cooperative.slug, item.pk]))
        )
    return notices


def _form_error(form: Any, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@require_http_methods(["GET", "POST"])
@login_required
def request_reopen_page(request: HttpRequest, slug: str, year: int, month: int) -> HttpResponse:
    cooperative = access.cooperative_for_action(request.user, slug, REQUEST)
    period = get_object_or_404(Period, cooperative=cooperative, year=year, month=month)
    label = month_label(year, month)
    form = ReopenRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            created = request_reopen(
                cooperative=cooperative,
                actor=request.user,
                period=period,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Permintaan membuka kembali %(month)s dikirim; pengawas memutuskannya dari "
                    "akunnya sendiri."
                )
                % {"month": label},
            )
            return redirect("ledger:reopen_request", slug=slug, request_id=created.pk)
    pending = pending_reopen_requests(cooperative).filter(period=period).first()
    return render(
        request,
        "ledger/reopen_month.html",
        page_context(request, cooperative, form=form, label=label, pending=pending),
        status=400 if form.errors else 200,
    )


def _request_context(
    request: HttpRequest, cooperative: Any, reopen_request: ReopenRequest, **forms: Any
) -> dict[str, Any]:
    user = request.user
    may_decide = (
        reopen_request.is_pending
        and access.can(user, DECIDE, cooperative)
        and getattr(user, "pk", None) != reopen_request.requested_by_id
    )
    may_cancel = reopen_request.is_pending and access.can(user, REQUEST, cooperative)
    period = reopen_request.period
    return page_context(
        request,
        cooperative,
        reopen_request=reopen_request,
        label=month_label(period.year, period.month),
        approve_form=forms.get("approve_form") or (ApproveReopenForm() if may_decide else None),
        reject_form=forms.get("reject_form") or (RejectReopenForm() if may_decide else None),
        cancel_form=forms.get("cancel_form") or (CancelReopenForm() if may_cancel else None),
        own_request_waits=reopen_request.is_pending
        and access.can(user, DECIDE, cooperative)
        and not may_decide,
        refusal=forms.get("refusal", ""),
    )


def _reopen_request(cooperative: Any, request_id: int) -> ReopenRequest:
    return get_object_or_404(
        ReopenRequest.objects.select_related("period", "requested_by", "decided_by"),
        cooperative=cooperative,
        pk=request_id,
    )


@require_GET
@login_required
def reopen_request_page(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    cooperative = cooperative_for(request, slug)
    found = _reopen_request(cooperative, request_id)
    return render(
        request, "ledger/reopen_request.html", _request_context(request, cooperative, found)
    )


def _decision(
    request: HttpRequest,
    slug: str,
    request_id: int,
    *,
    action: str,
    form_class: Any,
    form_name: str,
    service: Any,
    done: str,
) -> HttpResponse:
    # The object first (another cooperative's id is 404 for everyone), then the right (403).
    cooperative = cooperative_for(request, slug)
    found = _reopen_request(cooperative, request_id)
    access.require_in_scope(request.user, action, cooperative)
    form = form_class(request.POST)
    refusal = ""
    if form.is_valid():
        try:
            service(
                cooperative=cooperative,
                actor=request.user,
                reopen_request=found,
                note=form.cleaned_data.get("note", ""),
            )
        except DomainError as exc:
            # A stale page (decided meanwhile, by someone else) says why.
            refusal = exc.message
            found.refresh_from_db()
        else:
            period = found.period
            messages.success(request, done % {"month": month_label(period.year, period.month)})
            return redirect("ledger:periods", slug=slug)
    context = _request_context(request, cooperative, found, **{form_name: form}, refusal=refusal)
    return render(
        request,
        "ledger/reopen_request.html",
        context,
        status=409 if refusal else 200,
    )


@require_POST
@login_required
def approve_reopen_page(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    return _decision(
        request,
        slug,
        request_id,
        action=DECIDE,
        form_class=ApproveReopenForm,
        form_name="approve_form",
        service=approve_reopen,
        done=_("Periode %(month)s dibuka kembali; Dinas Koperasi diberi tahu."),
    )


@require_POST
@login_required
def reject_reopen_page(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    return _decision(
        request,
        slug,
        request_id,
        action=DECIDE,
        form_class=RejectReopenForm,
        form_name="reject_form",
        service=reject_reopen,
        done=_("Permintaan membuka kembali %(month)s ditolak; bulan tetap ditutup."),
    )


@require_POST
@login_required
def cancel_reopen_page(request: HttpRequest, slug: str, request_id: int) -> HttpResponse:
    return _decision(
        request,
        slug,
        request_id,
        action=REQUEST,
        form_class=CancelReopenForm,
        form_name="cancel_form",
        service=cancel_reopen,
        done=_("Permintaan membuka kembali %(month)s dibatalkan."),
    )
