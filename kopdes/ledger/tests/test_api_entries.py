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


def test_a_teller_gets_403_and_an_outsider_404(personas):
    refused = _post(_client(personas.teller), personas.coop.slug)
    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"
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
    assert shu["values"][:2] == [-73_999_975, -100_000_000]  # third column: year to date
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


# --- search, reversal and the cash book's quick entry (issue #7) -----------------------------

from kopdes.ledger.tests.api_client import api, assert_error_shape  # noqa: E402


def test_the_search_filters_by_text_date_and_amount_like_the_journal_page(personas):
    client = _client(personas.pengurus)
    _post(client, personas.coop.slug)
    other = {
        **BODY,
        "business_date": "2026-11-20",
        "memo": "Bayar listrik",
        "lines": [
            {"account": "6-1200", "debit_sen": 35_000},
            {"account": "1-1100", "credit_sen": 35_000},
        ],
    }
    _post(client, personas.coop.slug, other, key="kasir-0002")
    reader = api(personas.pengawas)
    path = f"/k/{personas.coop.slug}/entries"

    def memos(**query):
        return [row["memo"] for row in reader.get(path, query).json()]

    assert memos() == ["Bayar listrik", "Penjualan lewat aplikasi kasir"]
    assert memos(q="listrik") == ["Bayar listrik"]
    assert memos(amount_sen=12_500_050) == ["Penjualan lewat aplikasi kasir"]
    assert memos(start="2026-11-10") == ["Bayar listrik"]
    assert memos(end="2026-11-10") == ["Penjualan lewat aplikasi kasir"]
    assert memos(limit=1, offset=1) == ["Penjualan lewat aplikasi kasir"]
    page = _client(personas.pengawas).get(
        f"/k/{personas.coop.slug}/buku/jurnal/daftar/", {"amount": "350"}
    )
    assert [entry.memo for entry in page.context["entries"]] == ["Bayar listrik"]


def _reverse(user, slug, entry_id, key="balik-1", body=None):
    body = body if body is not None else {"business_date": "2026-11-06", "memo": "Salah input"}
    return api(user).post(f"/k/{slug}/entries/{entry_id}/reverse", body, key=key)


def test_a_reversal_posts_the_mirror_once_and_a_replay_returns_it(personas):
    created = _post(_client(personas.pengurus), personas.coop.slug).json()
    first = _reverse(personas.pengurus, personas.coop.slug, created["id"])
    assert first.status_code == 201, first.content
    mirror = first.json()
    assert (mirror["kind"], mirror["reverses"]) == ("pembalik", created["number"])
    assert mirror["lines"][0] == {**created["lines"][0], "debit_sen": 0, "credit_sen": 12_500_050}
    replay = _reverse(personas.pengurus, personas.coop.slug, created["id"])
    assert (replay.status_code, replay.json()["id"]) == (200, mirror["id"])
    again = _reverse(personas.pengurus, personas.coop.slug, created["id"], key="balik-2")
    assert_error_shape(again, 409, "already_reversed", "entry")
    original = api(personas.ba).get(f"/k/{personas.coop.slug}/entries/{created['id']}").json()
    assert original["reversed_by"] == mirror["number"]
    assert Entry.objects.filter(cooperative=personas.coop).count() == 2


def test_a_reversal_needs_a_body_and_a_key_and_the_right(personas):
    created = _post(_client(personas.pengurus), personas.coop.slug).json()
    slug = personas.coop.slug
    missing = _reverse(personas.pengurus, slug, created["id"], body={"memo": "x"})
    assert_error_shape(missing, 422, "invalid", "business_date")
    no_key = _reverse(personas.pengurus, slug, created["id"], key="")
    assert_error_shape(no_key, 400, "missing_idempotency_key", "Idempotency-Key")
    for reader in (personas.pengawas, personas.teller, personas.dinas):
        assert_error_shape(_reverse(reader, slug, created["id"]), 403, "forbidden")
    assert _reverse(personas.outsider, slug, created["id"]).status_code == 404
    assert Entry.objects.filter(cooperative=personas.coop).count() == 1


def test_another_cooperatives_entry_cannot_be_reversed_under_the_own_slug(personas):
    foreign = _post(_client(personas.outsider), personas.other_coop.slug).json()
    response = _reverse(personas.pengurus, personas.coop.slug, foreign["id"])
    assert_error_shape(response, 404, "not_found")
    assert not Entry.objects.filter(reverses_id=foreign["id"]).exists()


CASH = {
    "direction": "keluar",
    "business_date": "2026-11-07",
    "amount_sen": 7_500_000,
    "counter_account": "6-1200",
    "memo": "Bayar listrik gerai",
}


def _cash(user, slug, body=CASH, key="kas-1"):
    return api(user).post(f"/k/{slug}/cash-entries", body, key=key)


def test_a_teller_records_cash_out_on_the_cash_side_once(personas):
    first = _cash(personas.teller, personas.coop.slug)
    assert first.status_code == 201, first.content
    lines = {line["account"]: line for line in first.json()["lines"]}
    assert (lines["1-1100"]["credit_sen"], lines["6-1200"]["debit_sen"]) == (7_500_000, 7_500_000)
    assert first.json()["source_ref"] == "buku-kas"
    replay = _cash(personas.teller, personas.coop.slug)
    assert (replay.status_code, replay.json()["id"]) == (200, first.json()["id"])
    cash_in = _cash(
        personas.pengurus,
        personas.coop.slug,
        {**CASH, "direction": "masuk", "counter_account": "4-1120", "cash_account": "1-1200"},
        key="kas-2",
    )
    lines = {line["account"]: line for line in cash_in.json()["lines"]}
    assert (lines["1-1200"]["debit_sen"], lines["4-1120"]["credit_sen"]) == (7_500_000, 7_500_000)


@pytest.mark.parametrize(
    ("change", "status", "code", "field"),
    [
        ({"counter_account": "1-1200"}, 400, "cash_counter_account", "counter_account"),
        ({"counter_account": "1-1300"}, 400, "control_account", "counter_account"),
        ({"counter_account": "9-9999"}, 400, "unknown_account", "counter_account"),
        ({"cash_account": "6-1200"}, 400, "not_cash_account", "cash_account"),
        ({"business_unit": 999_999}, 400, None, "business_unit"),
        ({"direction": "pindah"}, 422, "invalid", "direction"),
        ({"amount_sen": 0}, 422, "invalid", "amount_sen"),
        ({"amount_sen": 2**64}, 422, "invalid", "amount_sen"),
    ],
)
def test_the_cash_rule_refuses_wrong_accounts_naming_the_field(
    personas, change, status, code, field
):
    response = _cash(personas.pengurus, personas.coop.slug, {**CASH, **change})
    body = assert_error_shape(response, status, code or response.json()["code"], field)
    assert body["detail"]
    assert not Entry.objects.exists()


def test_cash_entries_are_for_pengurus_and_teller_only(personas):
    for reader in (personas.pengawas, personas.ba, personas.viewer):
        assert_error_shape(_cash(reader, personas.coop.slug), 403, "forbidden")
    assert _cash(personas.outsider, personas.coop.slug).status_code == 404
    assert not Entry.objects.exists()


def test_the_cash_book_lists_the_accounts_the_rule_allows(personas):
    body = api(personas.teller).get(f"/k/{personas.coop.slug}/cash-entries/accounts").json()
    cash = {row["code"] for row in body["cash_accounts"]}
    counter = {row["code"] for row in body["counter_accounts"]}
    assert {"1-1100", "1-1200"} <= cash
    assert "6-1200" in counter
    assert not cash & counter
    assert "1-1300" not in counter  # a control account


def test_the_cash_book_page_posts_through_the_same_rule(personas):
    from kopdes.ledger.models import Account

    client = _client(personas.teller)
    bank = Account.objects.get(cooperative=personas.coop, code="1-1200")
    cash = Account.objects.get(cooperative=personas.coop, code="1-1100")
    response = client.post(
        f"/k/{personas.coop.slug}/buku/kas/",
        {
            "direction": "masuk",
            "business_date": "2026-11-07",
            "amount": "1.000",
            "counter_account": bank.pk,
            "cash_account": cash.pk,
            "memo": "Tarik dari bank",
            "idempotency_key": "halaman-1",
        },
    )
    # The page offers no cash account as counter-account, so the choice itself is refused.
    assert response.status_code == 200
    assert response.context["form"].errors["counter_account"]
    assert not Entry.objects.exists()
