"""District pages: what the Dinas (and a BA, for their cooperatives) sees."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kopdes.accounts import access
from kopdes.cooperatives.selectors import cooperatives_by_kecamatan


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "district.view")
    cooperatives = access.visible_cooperatives(request.user)
    groups = cooperatives_by_kecamatan(cooperatives)
    total = sum(len(rows) for rows in groups.values())
    return render(
        request,
        "district/home.html",
        {
            "groups": groups,
            "total": total,
            "regencies": access.visible_regencies(request.user),
        },
    )
