"""Cooperative-scoped pages: everything under /k/<slug>/."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kopdes.accounts import access
from kopdes.accounts.models import Grant


@require_GET
@login_required
def home(request: HttpRequest, slug: str) -> HttpResponse:
    cooperative = access.cooperative_for(request.user, slug)
    officers = (
        Grant.objects.active()
        .filter(cooperative=cooperative)
        .select_related("user")
        .order_by("role", "user__full_name")
    )
    return render(
        request,
        "cooperatives/home.html",
        {
            "cooperative": cooperative,
            "officers": officers,
            "can_edit": access.can(request.user, "cooperative.edit", cooperative),
        },
    )
