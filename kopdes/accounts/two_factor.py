"""Two-factor sign-in (TOTP plus single-use recovery codes) on django-otp.

Who must pass a second factor is decided by ``two_factor_required``; the
middleware holds such users at the verify page until they do. The devices
are django-otp's own: one ``TOTPDevice`` (the authenticator app) and one
``StaticDevice`` whose ``StaticToken`` rows are the recovery codes. See
docs/adr/0003-two-factor-and-lockout.md.
"""

from __future__ import annotations

import logging
import re
import secrets
from base64 import b32encode
from typing import Any

import segno
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kopdes.accounts.access import needs_two_factor
from kopdes.core.errors import DomainError

log = logging.getLogger("kopdes.security")

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Aplikasi autentikator"
RECOVERY_DEVICE_NAME = "Kode pemulihan"
_TOTP_CODE = re.compile(r"^\d{6}$")


class InvalidCode(DomainError):
    def __init__(self) -> None:
        super().__init__(_("Kode tidak valid."), field="code", code="invalid_code")


class CodeThrottled(DomainError):
    """Too many wrong codes in a row: django-otp makes the user wait (1, 2, 4… s)."""

    status_code = 429

    def __init__(self, seconds: int) -> None:
        super().__init__(
            _("Terlalu banyak kode salah. Coba lagi dalam %(seconds)d detik.")
            % {"seconds": max(seconds, 1)},
            field="code",
            code="throttled",
        )
        self.seconds = seconds


# --- Reads -----------------------------------------------------------------


def two_factor_required(user: Any) -> bool:
    """District roles (``TWO_FACTOR_ROLES``) and anyone who can open the admin site.

    Staff are added here because the admin can reset other users' second
    factor and grants: a stolen staff password alone must not reach it.
    """
    if user is None or not user.is_authenticated:
        return False
    return bool(user.is_staff) or needs_two_factor(user)


def confirmed_totp_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def has_confirmed_device(user: Any) -> bool:
    return confirmed_totp_device(user) is not None


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def is_recovery_device(device: Device) -> bool:
    return isinstance(device, StaticDevice)


def manual_entry_secret(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(data: str) -> str:
    """An inline SVG QR code (no image file, no external service)."""
    # Medium error correction and a quiet zone of 4 modules keep phone
    # cameras happy on a cracked or dim screen.
    return str(segno.make(data, error="m").svg_inline(scale=5, border=4, omitsize=True))


def normalize_code(raw: str) -> str:
    """Codes are typed on phones: drop spaces and dashes, ignore case."""
    return re.sub(r"[\s-]+", "", raw or "").lower()


def format_recovery_code(token: str) -> str:
    return f"{token[:4]}-{token[4:]}" if len(token) > 4 else token


# --- Writes ----------------------------------------------------------------


def start_totp_setup(*, user: Any) -> TOTPDevice:
    """The user's pending (unconfirmed) authenticator device, created if needed.

    Re-used across page loads so a reload does not change the secret the user
    may already have scanned.
    """
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update()
            .filter(user=user, confirmed=False)
            .order_by("-pk")
            .first()
        )
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def confirm_totp_device(*, user: Any, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the pending device with a code from the app; returns fresh recovery codes.

    The device replaces any earlier authenticator of the user, and the old
    recovery codes stop working: both are shown once, right now.
    """
    if device.user_id != user.pk or device.confirmed:
        raise DomainError(_("Pemasangan tidak ditemukan. Mulai lagi."), field="code")
    code = normalize_code(code)
    if not _TOTP_CODE.match(code):
        raise InvalidCode()
    codes: list[str] = []
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        _check_throttle(device)
        accepted = device.verify_token(code)
        if accepted:
            _confirm(device)
            codes = _replace_recovery_codes(user)
    # Raised outside the transaction so the failure count django-otp just
    # wrote (its throttle) is kept, not rolled back.
    if not accepted:
        raise InvalidCode()
    log.info("2FA: authenticator confirmed for %s", user.get_username())
    return codes


def regenerate_recovery_codes(*, user: Any) -> list[str]:
    """New recovery codes; every earlier one stops working."""
    if not has_confirmed_device(user):
        raise DomainError(_("Pasang aplikasi autentikator terlebih dahulu."))
    with transaction.atomic():
        codes = _replace_recovery_codes(user)
    log.info("2FA: recovery codes regenerated for %s", user.get_username())
    return codes


def verify_second_factor(*, user: Any, code: str) -> Device:
    """The device that accepts ``code``: a 6-digit app code or a recovery code.

    The shape of the code picks the device, so a typo in an app code does not
    also count against the recovery codes' throttle (and vice versa). A
    recovery code is deleted as it is used.
    """
    code = normalize_code(code)
    model: type[TOTPDevice] | type[StaticDevice] = (
        TOTPDevice if _TOTP_CODE.match(code) else StaticDevice
    )
    with transaction.atomic():
        device = (
            model.objects.select_for_update()
            .filter(user=user, confirmed=True)
            .order_by("-pk")
            .first()
        )
        if device is None or not code:
            raise InvalidCode()
        _check_throttle(device)
        accepted = device.verify_token(code)
    # Outside the transaction: the throttle's failure count must persist.
    if not accepted:
        raise InvalidCode()
    return device


def reset_two_factor(*, user: Any, actor: Any = None) -> int:
    """Admin reset: delete every device of the user; returns how many.

    The user's sessions lose their verified state at once (django-otp looks
    the device up on each request), and the next sign-in leads to setup.
    """
    with transaction.atomic():
        deleted = TOTPDevice.objects.filter(user=user).delete()[1].get(TOTPDevice._meta.label, 0)
        deleted += (
            StaticDevice.objects.filter(user=user).delete()[1].get(StaticDevice._meta.label, 0)
        )
    log.warning(
        "2FA: reset for %s by %s (%d devices deleted)",
        user.get_username(),
        actor.get_username() if actor is not None else "command line",
        deleted,
    )
    return deleted


# --- Helpers ---------------------------------------------------------------


def _check_throttle(device: TOTPDevice | StaticDevice) -> None:
    allowed, info = device.verify_is_allowed()
    if allowed:
        return
    locked_until = (info or {}).get("locked_until")
    seconds = (
        int((locked_until - timezone.now()).total_seconds()) + 1 if locked_until is not None else 1
    )
    raise CodeThrottled(seconds)


def _new_recovery_code() -> str:
    # 40 random bits in lowercase base32 (8 characters, no 0/1/8/9 to confuse
    # with O/I/B/g); only ever 10 alive, and verification is throttled.
    return b32encode(secrets.token_bytes(5)).decode("ascii").lower()


def _confirm(device: TOTPDevice) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # One authenticator per user: the new phone replaces the old one.
    TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()


def _replace_recovery_codes(user: Any) -> list[str]:
    device = StaticDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    device.token_set.all().delete()
    tokens = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=t) for t in tokens])
    return [format_recovery_code(t) for t in tokens]
