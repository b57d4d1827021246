"""Shared steps for the account tests: sign in, make a device, read a code."""

from __future__ import annotations

from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kopdes.testing.factories import PASSWORD

VILLAGE_IP = "10.0.0.1"


def log_in(
    client: Client, username: str, password: str = PASSWORD, *, ip: str = VILLAGE_IP, next: str = ""
):
    data = {"username": username, "password": password}
    if next:
        data["next"] = next
    # Axes needs the request (and its address) in authenticate(), so sign in
    # through the real login page rather than client.login().
    return client.post("/masuk/", data, REMOTE_ADDR=ip)


def authenticator(user, *, confirmed: bool = True) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Aplikasi autentikator", confirmed=confirmed)


def recovery_device(user, *tokens: str) -> StaticDevice:
    device = StaticDevice.objects.create(user=user, name="Kode pemulihan", confirmed=True)
    for token in tokens:
        StaticToken.objects.create(device=device, token=token)
    return device


def current_code(device: TOTPDevice) -> str:
    """The code the user's phone shows right now, computed from the device key."""
    device.refresh_from_db()
    code = totp(
        device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift
    )
    return f"{code:0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    right = int(current_code(device))
    # Far from the current code and its neighbours in the tolerance window.
    return f"{(right + 500_000) % 1_000_000:06d}"
