"""Sign-in, sign-out, the landing redirect and the user's own account page."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy

from kopdes.accounts import access
from kopdes.accounts.forms import LoginForm
from kopdes.accounts.models import Grant


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


def landing_url(user: object) -> str:
    """Where a user starts: the district for district roles, else their cooperative."""
    if access.can(user, "district.view"):
        return reverse("district:home")
    cooperatives = list(access.visible_cooperatives(user)[:2])
    if len(cooperatives) == 1:
        return reverse("cooperatives:home", args=[cooperatives[0].slug])
    return reverse("accounts:profile")


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return redirect(landing_url(request.user))


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    grants = (
        Grant.objects.active()
        .filter(user=request.user)
        .select_related("cooperative", "regency")
        .order_by("role")
    )
    return render(
        request,
        "accounts/profile.html",
        {
            "grants": grants,
            "cooperatives": access.visible_cooperatives(request.user).with_regions()[:50],
        },
    )
