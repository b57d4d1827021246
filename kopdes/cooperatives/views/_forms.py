"""The shared shape of every registry form page: parse, call a service, redirect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from kopdes.accounts import access
from kopdes.cooperatives.forms import add_domain_error
from kopdes.cooperatives.models import Cooperative
from kopdes.core.errors import DomainError

FORM_METHODS = ["GET", "POST"]


def bound_data(request: HttpRequest) -> tuple[Any, ...]:
    """Form arguments: the POST data and files (even an empty POST binds), else nothing."""
    return (request.POST, request.FILES) if request.method == "POST" else ()


def editable(request: HttpRequest, slug: str) -> Cooperative:
    """The cooperative if this user may edit it, else 404 (read-only roles included)."""
    return access.cooperative_for(request.user, slug, "cooperative.edit")


def profile_url(cooperative: Cooperative, anchor: str = "") -> str:
    url = reverse("cooperatives:home", args=[cooperative.slug])
    return f"{url}#{anchor}" if anchor else url


def form_page(
    request: HttpRequest,
    *,
    cooperative: Cooperative,
    form: forms.Form,
    title: str,
    save: Callable[[dict[str, Any]], Any],
    done: str,
    anchor: str,
    intro: str = "",
    extra: dict[str, Any] | None = None,
    aliases: dict[str, str] | None = None,
) -> HttpResponse:
    """Show ``form``; on a valid POST call ``save`` and redirect to the profile.

    The redirect after a successful POST (never a page rendered from a POST)
    means a reload or a double tap does not submit the form again. A
    ``DomainError`` from the service lands under the field it names.
    """
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, aliases)
        else:
            messages.success(request, done)
            return redirect(profile_url(cooperative, anchor))
    return render(
        request,
        "cooperatives/form.html",
        {
            "cooperative": cooperative,
            "form": form,
            "title": title,
            "intro": intro,
            "back_url": profile_url(cooperative, anchor),
            **(extra or {}),
        },
    )
