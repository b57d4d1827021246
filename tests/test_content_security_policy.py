"""Every page carries a content security policy, and no template relies on an
inline script that the policy would block (docs/architecture.md, "Security")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db

TEMPLATE_ROOT = Path(settings.BASE_DIR) / "kopdes"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE)


def _policy(response) -> dict[str, str]:
    header = response.headers.get("Content-Security-Policy", "")
    directives = (part.strip().partition(" ") for part in header.split(";") if part.strip())
    return {name: value for name, _space, value in directives}


@pytest.mark.parametrize("path", ["/masuk/", "/api/v1/docs", "/tidak-ada/"])
def test_every_response_carries_the_policy(path):
    response = Client().get(path)
    policy = _policy(response)
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


def test_a_signed_in_page_carries_the_policy(personas):
    client = Client()
    client.force_login(personas.pengurus)
    response = client.get(f"/k/{personas.coop.slug}/")
    assert response.status_code == 200
    assert _policy(response)["script-src"] == "'self'"


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = []
    for template in TEMPLATE_ROOT.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offenders.append(f"{template.relative_to(TEMPLATE_ROOT)}:{line}: {match.group(0)}")
    assert offenders == []
