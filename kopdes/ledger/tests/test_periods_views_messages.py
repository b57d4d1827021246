"""The ledger pages' messages: translated, and a refusal from a stale page says why."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from django.test import Client

from kopdes.ledger.models import Entry
from kopdes.ledger.tests.books_helpers import post, rp

VIEWS = Path(__file__).resolve().parents[1] / "views"
FORMS = Path(__file__).resolve().parents[1] / "forms.py"
# Calls whose text reaches the user -> the position of that text among their arguments.
USER_TEXT = {
    "success": 1,
    "error": 1,
    "warning": 1,
    "info": 1,
    "add_error": 1,
    "ValidationError": 0,
    "Http404": 0,
}


def _bare_messages(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        position = USER_TEXT.get(name)
        if position is None or len(node.args) <= position:
            continue
        arg = node.args[position]
        if isinstance(arg, ast.JoinedStr) or (
            isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value
        ):
            found.append(f"{path.name}:{node.lineno}")
    return found


def test_no_bare_strings_reach_the_user_from_the_ledger_views_and_forms():
    offenders = [
        hit for path in [*sorted(VIEWS.glob("*.py")), FORMS] for hit in _bare_messages(path)
    ]
    assert offenders == []


@pytest.mark.django_db
def test_a_reversal_refused_from_a_stale_page_says_it_was_already_reversed(personas):
    entry = post(
        personas.coop,
        date(2026, 10, 5),
        "Kas masuk",
        ("1-1100", rp(100), 0),
        ("4-1120", 0, rp(100)),
    )
    client = Client()
    client.force_login(personas.pengurus)
    url = f"/k/{personas.coop.slug}/buku/jurnal/{entry.pk}/balik/"
    data = {"business_date": "2026-10-06", "memo": "Salah catat"}
    first = client.post(url, {**data, "idempotency_key": "balik-1"})
    assert first.status_code == 302
    mirror = Entry.objects.get(reverses=entry)
    # The same page, left open in a second tab, sent again with its own token.
    stale = client.post(url, {**data, "idempotency_key": "balik-2"})
    assert stale.status_code == 409
    message = f"Jurnal {entry.number} sudah dibalik dengan {mirror.number}."
    assert message in stale.content.decode()
