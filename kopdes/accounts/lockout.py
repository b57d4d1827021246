"""Login lockout on django-axes: by username and by username+address, never address alone.

Axes counts failed password logins itself (its authentication backend).
This module adds what axes does not know about: a wrong second-factor code
is a failed login too, and an admin can lift a lock.
"""

from __future__ import annotations

import logging
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse

log = logging.getLogger("kopdes.security")


def _credentials(username: str) -> dict[str, str]:
    return {settings.AXES_USERNAME_FORM_FIELD: username}


def is_username_locked(request: HttpRequest, username: str) -> bool:
    return bool(AxesProxyHandler.is_locked(request, _credentials(username)))


def record_second_factor_failure(request: HttpRequest, username: str) -> bool:
    """Count a wrong 2FA code against the username in axes; True when now locked.

    Sent as Django's own ``user_login_failed`` signal, so the attempt lands in
    the same counters (and the same admin screens and ``unlock_user``) as a
    wrong password. django-otp's per-device throttle still applies on top:
    it survives a fresh password login, which resets axes' counters.
    """
    user_login_failed.send(sender=__name__, credentials=_credentials(username), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def end_locked_session(request: HttpRequest, username: str) -> HttpResponse:
    """Sign a half-signed-in user out and answer with the lockout page (429)."""
    credentials = _credentials(username)
    logout(request)
    # Axes' middleware renders its lockout page for a request marked locked;
    # mark it so the page is the same whichever way the lock was reached.
    request.axes_locked_out = True  # type: ignore[attr-defined]
    request.axes_credentials = credentials  # type: ignore[attr-defined]
    return get_lockout_response(request, None, credentials)


def clear_failures(*, username: str) -> int:
    """Forget this username's failed attempts (from every address)."""
    return int(axes_reset(username=username))


def unlock_user(*, username: str, actor: Any = None) -> int:
    """Admin unlock: lift the lockout of ``username``; returns attempts removed."""
    removed = clear_failures(username=username)
    log.warning(
        "Lockout lifted for %s by %s (%d attempt records removed)",
        username,
        actor.get_username() if actor is not None else "command line",
        removed,
    )
    return removed
