"""Opening balances as JSON rows: the XLSX import's validation, one entry, once."""

from __future__ import annotations

from datetime import date

import pytest

from kopdes.core.money import MAX_SEN
from kopdes.ledger.models import Entry, EntryKind
from kopdes.ledger.tests.api_client import api, assert_error_shape
from kopdes.ledger.tests.books_helpers import post

pytestmark = pytest.mark.django_db

GOOD = {
    "business_date": "2026-06-30",
    "rows": [
        {"account": "1-1100", "debit_sen": 1_500_050},
        {"account": "1-1200", "debit_sen": 20_000_000},
        {"account": "3-1300", "credit_sen": 21_500_050},
    ],
}


def _send(user, slug, body=GOOD, key="saldo-awal-1"):
    return api(user).post(f"/k/{slug}/opening-balances", body, key=key)


def test_balanced_rows_post_one_opening_entry_and_a_replay_returns_it(personas):
    first = _send(personas.pengurus, personas.coop.slug)
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["kind"] == EntryKind.OPENING
    assert body["total_sen"] == 21_500_050
    lines = {line["account"]: line for line in body["lines"]}
    assert lines["1-1100"]["debit_sen"] == 1_500_050  # exact to the sen
    replay = _send(personas.pengurus, personas.coop.slug)
    assert (replay.status_code, replay.json()["id"]) == (200, body["id"])
    assert Entry.objects.filter(cooperative=personas.coop).count() == 1


def test_every_bad_row_is_reported_by_number_and_nothing_is_written(personas):
    body = {
        "business_date": "2026-06-30",
        "rows": [
            {"account": "1-1100", "debit_sen": 100},
            {"account": "9-9999", "debit_sen": 100},
            {"account": "1-1300", "debit_sen": 100},
            {"account": "1-1100", "credit_sen": 300},
            {"account": "3-1300", "debit_sen": 5, "credit_sen": 5},
        ],
    }
    response = _send(personas.pengurus, personas.coop.slug, body)
    result = assert_error_shape(response, 400, "import_refused", "rows")
    rows = [error["row"] for error in result["errors"]]
    assert rows == [2, 3, 4, 5]
    assert result["errors"][0]["message"] == "Baris 2: kode akun 9-9999 tidak dikenal."
    assert not Entry.objects.exists()


def test_unbalanced_rows_are_refused_with_the_imports_message(personas):
    body = {**GOOD, "rows": GOOD["rows"][:2]}
    response = _send(personas.pengurus, personas.coop.slug, body)
    result = assert_error_shape(response, 400, "import_refused", "rows")
    assert result["detail"].startswith("Saldo awal tidak seimbang")
    assert not Entry.objects.exists()


def test_books_already_started_need_the_correction_choice(personas):
    post(personas.coop, date(2026, 7, 2), "Penjualan", ("1-1100", 10, 0), ("4-1120", 0, 10))
    refused = _send(personas.pengurus, personas.coop.slug)
    assert_error_shape(refused, 400, "books_started", "as_correction")
    correction = _send(personas.pengurus, personas.coop.slug, {**GOOD, "as_correction": True})
    assert correction.status_code == 201, correction.content
    assert correction.json()["kind"] == EntryKind.GENERAL
    assert correction.json()["memo"].startswith("Koreksi saldo awal")


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ({"account": "1-1100", "debit_sen": -1}, "rows[0].debit_sen"),
        ({"account": "1-1100", "debit_sen": MAX_SEN + 1}, "rows[0].debit_sen"),
        ({"account": "1-1100", "credit_sen": "seratus"}, "rows[0].credit_sen"),
        ({"debit_sen": 1}, "rows[0].account"),
    ],
)
def test_a_bad_row_shape_answers_422_naming_the_row(personas, row, field):
    response = _send(personas.pengurus, personas.coop.slug, {**GOOD, "rows": [row]})
    assert_error_shape(response, 422, "invalid", field)


def test_opening_balances_are_for_the_pengurus_with_a_key(personas):
    for reader in (personas.teller, personas.pengawas, personas.viewer):
        assert_error_shape(_send(reader, personas.coop.slug), 403, "forbidden")
    assert _send(personas.outsider, personas.coop.slug).status_code == 404
    no_key = _send(personas.pengurus, personas.coop.slug, key="")
    assert_error_shape(no_key, 400, "missing_idempotency_key", "Idempotency-Key")
    assert not Entry.objects.exists()
