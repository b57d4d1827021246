"""The API docs work on a closed network: Swagger UI comes from the app itself."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_api_docs_render_with_only_the_live_server_reachable(page, live_server):
    server = (urlsplit(live_server.url).hostname, urlsplit(live_server.url).port)
    requested: list[str] = []
    failed: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("requestfailed", lambda request: failed.append(f"{request.url} {request.failure}"))

    response = page.goto("/api/v1/docs")

    assert response is not None
    assert response.status == 200
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Kopdes API")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    # Nothing was even attempted beyond the live server (the route aborts and
    # records any such request; the request log shows every one made).
    assert page.foreign_requests == []
    elsewhere = [
        url
        for url in requested
        if urlsplit(url).scheme in {"http", "https", "ws", "wss"}
        and (urlsplit(url).hostname, urlsplit(url).port) != server
    ]
    assert elsewhere == []
    assert any("/static/ninja/" in url for url in requested), "Swagger UI not served locally"
    assert failed == []
