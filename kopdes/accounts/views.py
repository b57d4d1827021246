"""Sign-in, sign-out, the landing redirect and the user's own account pages.

Two-factor and token pages only parse the request, call the services in
``two_factor``, ``lockout`` and ``tokens``, and render.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kopdes.accounts import access, lockout, two_factor
from kopdes.accounts.forms import (
    ApiTokenForm,
    LoginForm,
    OtpCodeForm,
    PasswordChangeForm,
    SetupCodeForm,
)
from kopdes.accounts.models import Grant
from kopdes.accounts.tokens import issue_api_token, revoke_api_token, tokens_of
from kopdes.core.errors import DomainError

# Pages answer only the methods they use; anything else is 405 (Django's
# form views would otherwise treat PUT as POST).
_FORM_METHODS = ["get", "post", "head", "options"]
_READ_METHODS = ["get", "head", "options"]


class LoginView(auth_views.LoginView):
    http_method_names = _FORM_METHODS
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Django sends a signed-in user on before its own method check runs.
        if (request.method or "").lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["failure_limit"] = settings.AXES_FAILURE_LIMIT
        return context


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    http_method_names = _FORM_METHODS
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    http_method_names = _READ_METHODS
    template_name = "accounts/password_change_done.html"


def landing_url(user: object) -> str:
    """Where a user starts: the district for district roles; a teller at the cash
    book (their day's work); anyone else of one cooperative at its home page."""
    if access.can(user, "district.view"):
        return reverse("district:home")
    cooperatives = list(access.visible_cooperatives(user)[:2])
    if len(cooperatives) == 1:
        cooperative = cooperatives[0]
        if access.can(user, "cooperative.transact", cooperative) and not access.can(
            user, "ledger.manage", cooperative
        ):
            return reverse("ledger:cash_book", args=[cooperative.slug])
        return reverse("cooperatives:home", args=[cooperative.slug])
    return reverse("accounts:profile")


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    return redirect(landing_url(request.user))


@require_safe
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    grants = (
        Grant.objects.active()
        .filter(user=user)
        .select_related("cooperative", "regency")
        .order_by("role")
    )
    return render(
        request,
        "accounts/profile.html",
        {
            "grants": grants,
            "cooperatives": access.visible_cooperatives(user).with_regions()[:50],
            "people_links": _people_links(user),
        },
    )


def _people_links(user: Any) -> list[tuple[str, str]]:
    """The people pages this user may open (docs/tenancy.md, "People and access")."""
    links = []
    if access.visible_regencies(user, "people.view").exists():
        links.append((_("Pengguna kabupaten"), reverse("accounts:people")))
    own = {
        g.cooperative_id
        for g in access.active_grants(user)
        if g.cooperative_id is not None and g.role in access.ACTIONS["people.view"]
    }
    for cooperative in access.visible_cooperatives(user, "people.view").filter(pk__in=own):
        links.append(
            (
                _("Pengguna %(name)s") % {"name": cooperative.name},
                reverse("accounts:coop_people", args=[cooperative.slug]),
            )
        )
    return links


# --- Two-factor sign-in -----------------------------------------------------


def _next_url(request: HttpRequest) -> str:
    """The safe ``next`` of this request (same host only), else the home page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("home")


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}"


def _mark_verified(request: HttpRequest, device: Any) -> None:
    django_otp.login(request, device)
    # A new privilege level gets a new session id, as a password login does.
    request.session.cycle_key()


@require_safe
@login_required
def otp_status(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/two_factor_status.html",
        {
            "required": two_factor.two_factor_required(user),
            "device": two_factor.confirmed_totp_device(user),
            "verified": user.is_verified(),  # type: ignore[union-attr]
            "codes_left": two_factor.recovery_codes_left(user),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    next_url = _next_url(request)
    if not two_factor.two_factor_required(user):
        raise Http404(_("Peran Anda tidak memakai verifikasi dua langkah."))
    if two_factor.has_confirmed_device(user) and not user.is_verified():  # type: ignore[union-attr]
        # Replacing an authenticator needs the current one first; otherwise a
        # stolen password alone could pair the thief's phone.
        return redirect(_with_next(reverse("accounts:otp_verify"), request.get_full_path()))
    device = two_factor.start_totp_setup(user=user)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.confirm_totp_device(
                user=user, device=device, code=form.cleaned_data["code"]
            )
        except DomainError as exc:
            form.add_error("code", exc.message)
        else:
            _mark_verified(request, device)
            # Rendered, not redirected: the codes are never stored in the session.
            return render(
                request,
                "accounts/recovery_codes_shown.html",
                {"codes": codes, "next": next_url, "after_setup": True},
            )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": next_url,
            "config_url": device.config_url,
            "qr_svg": two_factor.qr_svg(device.config_url),
            "secret": two_factor.manual_entry_secret(device),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    username = user.get_username()
    next_url = _next_url(request)
    if user.is_verified():  # type: ignore[union-attr]
        return redirect(next_url)
    if lockout.is_username_locked(request, username):
        return lockout.end_locked_session(request, username)
    if not two_factor.has_confirmed_device(user):
        if two_factor.two_factor_required(user):
            return redirect(_with_next(reverse("accounts:otp_setup"), next_url))
        return redirect(next_url)
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = two_factor.verify_second_factor(user=user, code=form.cleaned_data["code"])
        except two_factor.InvalidCode as exc:
            if lockout.record_second_factor_failure(request, username):
                return lockout.end_locked_session(request, username)
            form.add_error("code", exc.message)
        except DomainError as exc:  # throttled: wait, no extra lockout count
            form.add_error("code", exc.message)
        else:
            _mark_verified(request, device)
            lockout.clear_failures(username=username)
            if two_factor.is_recovery_device(device):
                messages.warning(
                    request,
                    _(
                        "Anda masuk dengan kode pemulihan; kode itu kini tidak berlaku. "
                        "Sisa kode pemulihan: %(n)d."
                    )
                    % {"n": two_factor.recovery_codes_left(user)},
                )
            return redirect(next_url)
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


@require_http_methods(["GET", "POST"])
@login_required
def recovery_codes(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not two_factor.has_confirmed_device(user):
        return redirect("accounts:otp_status")
    if not user.is_verified():  # type: ignore[union-attr]
        return redirect(_with_next(reverse("accounts:otp_verify"), request.get_full_path()))
    if request.method == "POST":
        codes = two_factor.regenerate_recovery_codes(user=user)
        return render(
            request,
            "accounts/recovery_codes_shown.html",
            {"codes": codes, "next": reverse("accounts:otp_status"), "after_setup": False},
        )
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes_left": two_factor.recovery_codes_left(user)},
    )


# --- Personal API tokens ----------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = issue_api_token(
                user=request.user,
                name=form.cleaned_data["name"],
                expires_at=form.expires_at(),
                read_only=form.cleaned_data["read_only"],
            )
        except DomainError as exc:
            field = {"expires_at": "lifetime"}.get(exc.field or "", exc.field)
            form.add_error(field if field in form.fields else None, exc.message)
        else:
            form = ApiTokenForm()
    return render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "new_key": new_key, "tokens": tokens_of(request.user)},
    )


@require_POST
@login_required
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    # Someone else's id answers 404, like a token that never existed.
    token = get_object_or_404(tokens_of(request.user), pk=token_id)
    if token.revoked_at is None:
        revoke_api_token(user=request.user, token_id=token.pk)
        messages.success(request, _("Token “%(name)s” dicabut.") % {"name": token.name})
    else:
        messages.info(request, _("Token “%(name)s” sudah dicabut.") % {"name": token.name})
    return redirect("accounts:api_tokens")
