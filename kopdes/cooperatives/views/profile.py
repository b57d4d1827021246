"""The cooperative's profile (its home page) and its full history."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kopdes.accounts import access
from kopdes.cooperatives import selectors
from kopdes.cooperatives.forms import UnitStatusForm
from kopdes.cooperatives.models import Stage
from kopdes.cooperatives.warnings import warnings_from_officers
from kopdes.core import hooks
from kopdes.core.timeutils import business_date
from kopdes.core.validators import mask_nik

# How many changes the profile shows; the rest is on the history page.
PROFILE_HISTORY_ROWS = 15
HISTORY_PAGE_ROWS = 50


@require_GET
@login_required
def home(request: HttpRequest, slug: str) -> HttpResponse:
    cooperative = access.cooperative_for(request.user, slug)
    today = business_date(cooperative)
    # Former officers stay listed (greyed): the profile is also the record of who served.
    officers = sorted(
        selectors.officers_for(cooperative, include_ended=True, on=today),
        key=lambda officer: officer.ended_on is not None,
    )
    for officer in officers:
        officer.nik_masked = mask_nik(officer.nik)  # type: ignore[attr-defined]
    in_office = [officer for officer in officers if officer.is_active(today)]
    can_edit = access.can(request.user, "cooperative.edit", cooperative)
    return render(
        request,
        "cooperatives/profile.html",
        {
            "cooperative": cooperative,
            "stage_label": Stage(cooperative.stage).label
            if cooperative.stage in Stage.values
            else cooperative.stage,
            "timeline": selectors.pipeline_timeline(cooperative),
            "officers": officers,
            "in_office_ids": {officer.pk for officer in in_office},
            # Computed from the officers already read: no second officer query.
            "warnings": warnings_from_officers(cooperative, in_office, today),
            "units": selectors.units_for(cooperative),
            "unit_status_form": UnitStatusForm() if can_edit else None,
            "rat": selectors.latest_rat(cooperative),
            "history": list(selectors.history_for(cooperative, limit=PROFILE_HISTORY_ROWS)),
            "can_edit": can_edit,
            # The books and statements have the profile's readers; asked, not assumed.
            "can_see_books": access.can(request.user, "cooperative.view", cooperative),
            # What waits for this user (e.g. a reopen request for a pengawas), from the
            # apps above through a hook: this app may not import them.
            "home_notices": [
                notice
                for result in hooks.home_notices.fire(cooperative=cooperative, user=request.user)
                for notice in (result or [])
            ],
            "today": today,
        },
    )


@require_GET
@login_required
def history(request: HttpRequest, slug: str) -> HttpResponse:
    cooperative = access.cooperative_for(request.user, slug)
    page = Paginator(selectors.history_for(cooperative), HISTORY_PAGE_ROWS).get_page(
        request.GET.get("hal")
    )
    return render(
        request,
        "cooperatives/history.html",
        {"cooperative": cooperative, "page": page, "history": page.object_list},
    )
