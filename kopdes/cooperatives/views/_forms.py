"""The shared shape of every registry form page: parse, call a service, redirect.

Create forms are made idempotent with a one-time token: ``form_page(once=True)``
puts a random token in a hidden field when the form is shown; the first
successful POST with it remembers (in the session) where it led, and any
later POST with the same token (a double tap, a resubmitted tab, a replay
after a lost response) goes there instead of creating a second row.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kopdes.accounts import access
from kopdes.cooperatives.forms import add_domain_error
from kopdes.cooperatives.models import ChangeRecord, Cooperative
from kopdes.core.errors import DomainError

FORM_METHODS = ["GET", "POST"]
# The hidden field carrying the one-time token of a create form.
ONCE_FIELD = "_once"
_ONCE_SESSION_KEY = "kopdes_form_once"
# Tokens remembered per session (oldest dropped): enough for any open tabs.
_ONCE_REMEMBERED = 50


def once_token(request: HttpRequest) -> str:
    """The token of this submission: the posted one, or a fresh one for a new form."""
    posted = request.POST.get(ONCE_FIELD, "") if request.method == "POST" else ""
    # Only our own token shape is kept (it is echoed back into the page).
    if posted and len(posted) <= 64 and posted.replace("-", "").replace("_", "").isalnum():
        return posted
    return secrets.token_urlsafe(16)


def once_done_url(request: HttpRequest, token: str) -> str | None:
    """Where the first successful POST with ``token`` led, if there was one."""
    remembered: dict[str, str] = request.session.get(_ONCE_SESSION_KEY, {})
    return remembered.get(token)


def remember_once(request: HttpRequest, token: str, url: str) -> None:
    remembered: dict[str, str] = dict(request.session.get(_ONCE_SESSION_KEY, {}))
    remembered[token] = url
    # JSON keeps insertion order: the oldest tokens are first.
    for stale in list(remembered)[:-_ONCE_REMEMBERED]:
        del remembered[stale]
    request.session[_ONCE_SESSION_KEY] = remembered


def bound_data(request: HttpRequest) -> tuple[Any, ...]:
    """Form arguments: the POST data and files (even an empty POST binds), else nothing."""
    return (request.POST, request.FILES) if request.method == "POST" else ()


def editable(request: HttpRequest, slug: str) -> Cooperative:
    """The cooperative if this user may edit it: 404 outside the user's scope, 403
    ("Anda hanya dapat melihat data ini") for a role that only sees it (docs/tenancy.md)."""
    return access.cooperative_for_action(request.user, slug, "cooperative.edit")


def _last_change(cooperative: Cooperative) -> int:
    """The newest history row of this cooperative (0 for none): a save that
    leaves it unchanged changed nothing (docs/registry.md, "History")."""
    last = (
        ChangeRecord.objects.filter(cooperative=cooperative)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    return last or 0


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
    once: bool = False,
) -> HttpResponse:
    """Show ``form``; on a valid POST call ``save`` and redirect to the profile.

    The redirect after a successful POST (never a page rendered from a POST)
    means a reload does not submit the form again; ``once=True`` (create
    forms) also stops a second POST of the same rendered form. A
    ``DomainError`` from the service lands under the field it names.
    """
    token = once_token(request) if once else ""
    if token and request.method == "POST":
        first = once_done_url(request, token)
        if first:
            messages.info(request, _("Formulir ini sudah dikirim; data tidak dicatat dua kali."))
            return redirect(first)
    if request.method == "POST" and form.is_valid():
        last = _last_change(cooperative)
        try:
            save(form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error, aliases)
        else:
            # Every registry write records its changes in the history; none
            # recorded means the form changed nothing, and says so.
            if _last_change(cooperative) != last:
                messages.success(request, done)
            else:
                messages.info(request, _("Tidak ada yang berubah."))
            url = profile_url(cooperative, anchor)
            if token:
                remember_once(request, token, url)
            return redirect(url)
    return render(
        request,
        "cooperatives/form.html",
        {
            "cooperative": cooperative,
            "form": form,
            "title": title,
            "intro": intro,
            "back_url": profile_url(cooperative, anchor),
            # Kept across a re-shown form, so fixing an error still counts as one submission.
            "once_field": ONCE_FIELD,
            "once_token": token,
            **(extra or {}),
        },
    )


# The posted field a confirmation page sends; a POST without it only shows the page.
CONFIRM_FIELD = "konfirmasi"


def confirm_page(
    request: HttpRequest,
    *,
    cooperative: Cooperative,
    title: str,
    question: str,
    action: Callable[[], Any],
    done: str,
    anchor: str,
    button: str = "",
) -> HttpResponse:
    """Ask before a removal (GET); remove on a POST that carries the confirmation.

    A POST without ``CONFIRM_FIELD`` shows the question again rather than
    deleting, so nothing is removed by a stray or replayed empty POST. A
    service's refusal is shown on the page, where the user reads why.
    """
    error = ""
    if request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "ya":
        try:
            action()
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, done)
            return redirect(profile_url(cooperative, anchor))
    return render(
        request,
        "cooperatives/confirm.html",
        {
            "cooperative": cooperative,
            "title": title,
            "question": question,
            "error": error,
            "button": button or _("Hapus"),
            "confirm_field": CONFIRM_FIELD,
            "back_url": profile_url(cooperative, anchor),
        },
    )
