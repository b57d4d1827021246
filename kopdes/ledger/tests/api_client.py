"""A JSON client for the books API tests: session login, JSON bodies, the idempotency header."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client


class ApiClient:
    def __init__(self, user: Any = None) -> None:
        self.client = Client()
        if user is not None:
            self.client.force_login(user)

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        return self.client.get(f"/api/v1{path}", params or {})

    def post(
        self, path: str, body: Any = None, *, key: str | None = None, raw: bytes | None = None
    ) -> Any:
        headers = {"Idempotency-Key": key} if key else {}
        data = raw if raw is not None else (b"" if body is None else json.dumps(body))
        return self.client.post(
            f"/api/v1{path}", data, content_type="application/json", headers=headers
        )


def api(user: Any = None) -> ApiClient:
    return ApiClient(user)


def assert_error_shape(
    response: Any, status: int, code: str, field: str | None = ...
) -> dict[str, Any]:  # type: ignore[assignment]
    """The documented error shape: detail (Indonesian), field, code."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert {"detail", "field", "code"} <= set(body), body
    assert body["code"] == code, body
    assert isinstance(body["detail"], str), body
    assert body["detail"], body
    if field is not ...:
        assert body["field"] == field, body
    return body
