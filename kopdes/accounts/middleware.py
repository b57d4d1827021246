"""Hold district users at the second-factor step until they pass it."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from kopdes.accounts.two_factor import two_factor_required

# Paths a half-signed-in user may still reach.
_OPEN_PREFIXES = ("/akun/2fa/", "/keluar/", "/static/", "/i18n/")


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            settings.KOPDES_REQUIRE_2FA
            and user is not None
            and user.is_authenticated
            and not getattr(request, "api_token_auth", False)
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
            and two_factor_required(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Verifikasi dua langkah diperlukan.", "code": "otp_required"},
                    status=403,
                )
            target = reverse("accounts:otp_verify")
            # Come back to the page asked for; a POST cannot be replayed, so
            # its target is not worth remembering.
            if request.method in ("GET", "HEAD"):
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return self.get_response(request)
