"""The books API: idempotent posting, listing, reading, statements as JSON."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from kopdes.ledger.models import Entry
from kopdes.ledger.tests.books_helpers import hand_built_books

pytestmark = pytest.mark.django_db

BODY = {
    "business_date": "2026-11-05",
    "memo": "Penjualan lewat aplikasi kasir",
    "lines": [
        {"account": "1-1100", "debit_sen": 12_500_050},
        {"account": "4-1120", "credit_sen": 12_500_050},
    ],
}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client, slug, body=BODY, key="kasir-0001"):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(
        f"/api/v1/k/{slug}/entries",
        json.dumps(body),
        content_type="application/json",
        headers=headers,
    )


def test_a_new_key_creates_201_and_a_replay_returns_the_same_entry_200(personas):
    client = _client(personas.pengurus)
    first = _post(client, personas.coop.slug)
    assert first.status_code == 201
    replay = _post(client, personas.coop.slug)
    assert replay.status_code == 200
    assert replay.json()["id"] == first.json()["id"]
    assert first.json()["number"].startswith("JU-2026-")
    assert first.json()["total_sen"] == 12_500_050
    assert Entry.objects.filter(cooperative=personas.coop).count() == 1


def test_the_same_key_with_different_content_is_refused_409(personas):
    client = _client(personas.pengurus)
    _post(client, personas.coop.slug)
    other = {**BODY, "memo": "Lain"}
    response = _post(client, personas.coop.slug, other)
    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_conflict"


def test_a_missing_idempotency_key_is_refused_naming_the_header(personas):
    response = _post(_client(personas.pengurus), personas.coop.slug, key="")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Header Idempotency-Key wajib diisi.",
        "field": "Idempotency-Key",
        "code": "missing_idempotency_key",
    }


def test_an_unbalanced_or_control_account_entry_is_refused_with_the_ledger_message(personas):
    client = _client(personas.pengurus)
    unbalanced = {
        **BODY,
        "lines": [{"account": "1-1100", "debit_sen": 10}, {"account": "4-1120", "credit_sen": 9}],
    }
    response = _post(client, personas.coop.slug, unbalanced, key="k-1")
    assert response.status_code == 400
    assert response.json()["field"] == "lines"
    control = {
        **BODY,
        "lines": [{"account": "1-1300", "debit_sen": 10}, {"account": "1-1100", "credit_sen": 10}],
    }
    refused = _post(client, personas.coop.slug, control, key="k-2")
    assert refused.status_code == 400
    assert refused.json()["code"] == "control_account"
    assert not Entry.objects.exists()


def test_a_bad_body_names_the_field(personas):
    response = _post(_client(personas.pengurus), personas.coop.slug, {"memo": "x", "lines": []})
    assert response.status_code == 422
    assert response.json()["field"] == "business_date"


def test_a_teller_or_an_outsider_cannot_post(personas):
    assert _post(_client(personas.teller), personas.coop.slug).status_code == 404
    assert _post(_client(personas.outsider), personas.coop.slug).status_code == 404
    assert not Entry.objects.exists()


def test_entries_are_listed_and_read_with_their_lines(personas):
    client = _client(personas.pengurus)
    created = _post(client, personas.coop.slug).json()
    reader = _client(personas.ba)
    listed = reader.get(f"/api/v1/k/{personas.coop.slug}/entries").json()
    assert [e["number"] for e in listed] == [created["number"]]
    detail = reader.get(f"/api/v1/k/{personas.coop.slug}/entries/{created['id']}").json()
    assert detail["lines"][0]["account"] == "1-1100"
    assert detail["lines"][0]["debit_sen"] == 12_500_050


def test_another_cooperatives_entry_under_the_own_slug_answers_404(personas):
    created = _post(_client(personas.outsider), personas.other_coop.slug).json()
    response = _client(personas.pengurus).get(
        f"/api/v1/k/{personas.coop.slug}/entries/{created['id']}"
    )
    assert response.status_code == 404


def test_statements_come_as_json_in_sen_with_their_checks(personas):
    hand_built_books(personas.coop)
    response = _client(personas.viewer).get(
        f"/api/v1/k/{personas.coop.slug}/statements/phu", {"periode": "2026-10"}
    )
    body = response.json()
    assert body["period"] == "2026-10"
    assert body["previous_period"] == "2026-09"
    shu = next(row for row in body["rows"] if row["label"] == "Sisa hasil usaha (SHU)")
    assert shu["values"] == [-73_999_975, -100_000_000]
    position = (
        _client(personas.viewer)
        .get(f"/api/v1/k/{personas.coop.slug}/statements/posisi-keuangan", {"periode": "2026-10"})
        .json()
    )
    assert all(check["ok"] for check in position["checks"])


def test_an_unknown_statement_or_period_is_refused(personas):
    client = _client(personas.viewer)
    assert client.get(f"/api/v1/k/{personas.coop.slug}/statements/rahasia").status_code == 404
    bad = client.get(f"/api/v1/k/{personas.coop.slug}/statements/phu", {"periode": "kemarin"})
    assert bad.status_code == 400
    assert bad.json()["field"] == "periode"
