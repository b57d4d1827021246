"""RAT records: record a year's meeting, correct it, attach its minutes."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kopdes.cooperatives import selectors
from kopdes.cooperatives.forms import RatForm
from kopdes.cooperatives.models import DocumentPurpose
from kopdes.cooperatives.services import attach_document, record_rat, update_rat
from kopdes.cooperatives.views._forms import FORM_METHODS, bound_data, editable, form_page

_RAT_FORM_FIELDS = (
    "book_year",
    "held_on",
    "members_total",
    "members_present",
    "statements_approved",
    "shu_decision",
    "shu_amount",
    "pengurus_report",
    "pengawas_report",
    "notes",
)


def _values(data: dict[str, Any]) -> dict[str, Any]:
    values = {name: data.get(name) for name in _RAT_FORM_FIELDS}
    for name in ("shu_decision", "pengurus_report", "pengawas_report", "notes"):
        values[name] = values[name] or ""
    values["statements_approved"] = bool(values["statements_approved"])
    return values


@require_http_methods(FORM_METHODS)
@login_required
def rat_create(request: HttpRequest, slug: str) -> HttpResponse:
    cooperative = editable(request, slug)
    form = RatForm(*bound_data(request))

    def save(data: dict[str, Any]) -> None:
        record_rat(
            cooperative=cooperative,
            actor=request.user,
            minutes=data.get("minutes") or None,
            **_values(data),
        )

    return form_page(
        request,
        cooperative=cooperative,
        form=form,
        title=_("Catat RAT"),
        save=save,
        done=_("RAT disimpan."),
        anchor="rat",
        extra={"multipart": True},
        aliases={"documents": "minutes"},
        once=True,
    )


@require_http_methods(FORM_METHODS)
@login_required
def rat_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cooperative = editable(request, slug)
    rat = selectors.rat_of(cooperative, pk)
    initial = {name: getattr(rat, name) for name in _RAT_FORM_FIELDS}
    form = RatForm(*bound_data(request), initial=initial)

    def save(data: dict[str, Any]) -> None:
        # One transaction: the corrected record and its new minutes stand or fall together.
        with transaction.atomic():
            update_rat(rat=rat, actor=request.user, **_values(data))
            if data.get("minutes"):
                attach_document(
                    cooperative=cooperative,
                    upload=data["minutes"],
                    rat=rat,
                    purpose=DocumentPurpose.RAT_MINUTES,
                    actor=request.user,
                )

    return form_page(
        request,
        cooperative=cooperative,
        form=form,
        title=_("Ubah RAT tahun buku %(year)s") % {"year": rat.book_year},
        save=save,
        done=_("RAT disimpan."),
        anchor="rat",
        extra={"multipart": True, "documents": rat.documents.all()},
        aliases={"documents": "minutes"},
    )
