"""Headless Chromium (Debian's, through Playwright) against pytest-django's live server.

Every browser test:

* is marked ``browser`` and ``django_db(transaction=True)`` (module-level
  ``pytestmark``): the live server answers from another thread, so the data
  must be committed; after each test's flush the plugin
  ``kopdes.testing.reference_pytest`` puts back what the migrations loaded
  (the regions) in milliseconds (a ``serialized_rollback=True`` on the
  marker is accepted and means the same);
* gets its pages from ``new_page`` (or ``page``), whose context reaches the
  live server only: any request to another host is aborted and recorded in
  ``page.foreign_requests``, so a page that reaches for a CDN fails its test.

Chromium is ``/usr/bin/chromium`` (Debian's package ``chromium``). It is never
downloaded. ``make test`` installs it (as root) or names the install line;
without it every browser test fails, locally as in CI, never skips: a green
run always includes them. Deselect them knowingly with ``-m "not browser"``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the test thread; Django refuses
# ORM calls from a thread with a running loop unless told it is safe (it is:
# the loop only drives the browser).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("KOPDES_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 20_000


@pytest.fixture(scope="session")
def chromium_browser(django_db_setup) -> Iterator[object]:
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"Debian Chromium not found at {CHROMIUM}: the browser tests need it. "
            "Run `make test` (it installs it as root) or "
            "`sudo apt-get install -y --no-install-recommends chromium`; "
            "Playwright never downloads a browser here. "
            'To leave the browser tests out on purpose: -m "not browser".',
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def live_server(request) -> Iterator[object]:
    """pytest-django's live server, but serving static files as production does.

    pytest-django wraps the server in Django's ``StaticFilesHandler``, which
    looks files up through the finders and so cannot find the hashed names
    that the manifest storage puts in pages. Here requests go straight to the
    WSGI application, where WhiteNoise serves ``STATIC_ROOT`` (filled by
    ``collectstatic``, which ``make test`` runs first), as under gunicorn.
    """
    from django.conf import settings
    from pytest_django.live_server_helper import LiveServer

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    backend = settings.STORAGES["staticfiles"]["BACKEND"]
    if "Manifest" in backend and not manifest.exists():
        pytest.fail(
            f"{manifest} is missing: run `make test` (or `manage.py collectstatic`) "
            "so the live server can serve the hashed static files",
            pytrace=False,
        )
    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr, start=False)
    server.thread.static_handler = _straight_to_the_app
    server.start()
    yield server
    server.stop()


def _straight_to_the_app(application):
    return application


@pytest.fixture
def new_page(chromium_browser, live_server) -> Iterator[Callable[..., object]]:
    """Open a page in a fresh context (own cookies) that can reach the live server only."""
    contexts = []
    server = urlsplit(live_server.url)

    def factory(viewport: dict[str, int] | None = None, **context_options):
        context = chromium_browser.new_context(
            viewport=viewport or DESKTOP,
            base_url=live_server.url,
            locale="id-ID",
            service_workers="block",
            **context_options,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        foreign: list[str] = []

        def only_live_server(route) -> None:
            url = urlsplit(route.request.url)
            local = (url.hostname, url.port) == (server.hostname, server.port)
            if local or url.scheme in {"data", "blob", "about"}:
                route.continue_()
            else:
                foreign.append(route.request.url)
                route.abort("blockedbyclient")

        context.route("**/*", only_live_server)
        page = context.new_page()
        page.foreign_requests = foreign
        return page

    yield factory
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A desktop-sized page (1280×800)."""
    return new_page(DESKTOP)


@pytest.fixture
def phone_page(new_page):
    """A phone-sized page (390×844), as a village officer holds it."""
    return new_page(PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)


@pytest.fixture
def log_in() -> Callable[..., None]:
    """Fill in the sign-in form at /masuk/ the way a person does, and submit it."""

    def submit(page, username: str, password: str) -> None:
        page.goto("/masuk/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        with page.expect_navigation():
            page.click("form button[type=submit]")

    return submit
