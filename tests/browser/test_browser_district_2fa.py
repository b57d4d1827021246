"""The Dinas admin signs in with a password and an authenticator code, and sees the regency.

With the demo loaded (all 54 cooperatives of Penajam Paser Utara) and two-factor
sign-in required, the demo login ``dinas`` is held at the verify page until it
types the current code of its authenticator, then lands on the district home.

``KOPDES_SCREENSHOTS=1`` also saves the district home, as the README shows it,
to ``docs/screenshot-district.png``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from kopdes.accounts.models import User
from kopdes.cooperatives.models import Cooperative
from kopdes.demo.loader import load_demo
from kopdes.demo.sections.people_and_cooperatives import DEMO_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot-district.png"
# RFC 6238's test secret ("12345678901234567890"), as django-otp stores keys: hex.
KNOWN_KEY = "3132333435363738393031323334353637383930"


def current_code(device: TOTPDevice) -> str:
    code = totp(
        device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift
    )
    return f"{code:0{device.digits}d}"


def test_dinas_admin_signs_in_with_totp_and_sees_54_cooperatives(page, log_in, settings):
    settings.KOPDES_REQUIRE_2FA = True
    load_demo(progress=lambda message: None, upto="01_cooperatives_and_people")
    assert Cooperative.objects.count() == 54
    dinas = User.objects.get(username="dinas")
    device = TOTPDevice.objects.create(
        user=dinas, name="Aplikasi autentikator", key=KNOWN_KEY, confirmed=True
    )

    log_in(page, "dinas", DEMO_PASSWORD)

    verify_path = reverse("accounts:otp_verify")
    expect(page).to_have_url(re.compile(rf"{re.escape(verify_path)}(\?.*)?$"))
    code_box = page.locator("input[name=code]")
    expect(code_box).to_be_visible()
    code_box.fill(current_code(device))
    with page.expect_navigation():
        page.get_by_role("button", name="Verifikasi", exact=True).click()

    expect(page).to_have_url(re.compile(rf"{re.escape(reverse('district:home'))}$"))
    expect(page.locator("main, body").first).to_contain_text(
        "54 Koperasi Desa/Kelurahan Merah Putih"
    )
    # Every cooperative is listed with a link to its own home page, whatever
    # else (a map, stage counts) the page shows.
    hrefs = page.locator("a[href^='/k/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    paths = {urlsplit(href).path for href in hrefs}
    listed = {path for path in paths if re.fullmatch(r"/k/\d+/", path)}
    assert listed == {f"/k/{slug}/" for slug in Cooperative.objects.values_list("slug", flat=True)}
    assert len(listed) == 54
    expect(page.get_by_role("link", name=re.compile("Telemow")).first).to_be_visible()
    assert page.foreign_requests == []

    if os.environ.get("KOPDES_SCREENSHOTS") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT))
