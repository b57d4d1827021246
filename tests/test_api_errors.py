"""Every error on an /api/ path is JSON in one shape (detail, field, code), in Indonesian."""

from __future__ import annotations

import logging

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from config.api import ApiErrorMiddleware
from kopdes.core.money import MAX_SEN
from kopdes.ledger import selectors
from kopdes.ledger.models import Entry
from kopdes.ledger.tests.api_client import api, assert_error_shape

pytestmark = pytest.mark.django_db


def _entry(debit: object = 12_500, credit: object = 12_500) -> dict[str, object]:
    return {
        "business_date": "2026-11-05",
        "memo": "Penjualan",
        "lines": [
            {"account": "1-1100", "debit_sen": debit},
            {"account": "4-1120", "credit_sen": credit},
        ],
    }


def test_malformed_json_is_answered_in_indonesian(personas):
    response = api(personas.pengurus).post(
        f"/k/{personas.coop.slug}/entries", raw=b'{"memo": "tanpa penutup', key="k-1"
    )
    body = assert_error_shape(response, 400, "invalid_json", "body")
    assert body["detail"].startswith("Isi permintaan bukan JSON yang sah")


def test_a_schema_error_is_a_sentence_naming_the_field_and_the_line(personas):
    response = api(personas.pengurus).post(
        f"/k/{personas.coop.slug}/entries", _entry(debit="dua ribu"), key="k-1"
    )
    body = assert_error_shape(response, 422, "invalid", "lines[0].debit_sen")
    assert body["detail"] == "Jumlah debit pada baris 1 harus berupa angka bulat sen."
    assert body["errors"][0]["code"] == "not_integer"


def test_every_schema_error_is_listed(personas):
    response = api(personas.pengurus).post(
        f"/k/{personas.coop.slug}/entries", {"lines": "bukan daftar"}, key="k-1"
    )
    body = assert_error_shape(response, 422, "invalid")
    messages = {error["field"]: error["message"] for error in body["errors"]}
    assert messages == {
        "business_date": "Tanggal wajib diisi.",
        "memo": "Keterangan wajib diisi.",
        "lines": "Baris jurnal harus berupa daftar.",
    }


@pytest.mark.parametrize("amount", [2**64, 10**30, MAX_SEN + 1])
def test_an_amount_beyond_the_money_maximum_answers_422_json_and_stores_nothing(personas, amount):
    response = api(personas.pengurus).post(
        f"/k/{personas.coop.slug}/entries", _entry(amount, amount), key="k-big"
    )
    body = assert_error_shape(response, 422, "invalid", "lines[0].debit_sen")
    assert body["detail"].startswith("Jumlah debit pada baris 1 terlalu besar; paling banyak")
    assert body["errors"][0]["code"] == "too_large"
    assert not Entry.objects.exists()


def test_the_money_maximum_itself_is_accepted(personas):
    response = api(personas.pengurus).post(
        f"/k/{personas.coop.slug}/entries", _entry(MAX_SEN, MAX_SEN), key="k-max"
    )
    assert response.status_code == 201, response.content
    assert response.json()["total_sen"] == MAX_SEN


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"offset": 10**20}, "offset"),
        ({"limit": 10**20}, "limit"),
        ({"offset": -1}, "offset"),
        ({"limit": 0}, "limit"),
        ({"amount_sen": 2**64}, "amount_sen"),
    ],
)
def test_list_bounds_answer_422_json(personas, query, field):
    response = api(personas.ba).get(f"/k/{personas.coop.slug}/entries", query)
    assert_error_shape(response, 422, "invalid", field)


def test_an_id_beyond_64_bits_answers_422_json(personas):
    response = api(personas.ba).get(f"/k/{personas.coop.slug}/entries/{2**64}")
    assert_error_shape(response, 422, "invalid", "entry_id")


def test_a_read_only_role_gets_403_with_the_indonesian_message(personas):
    response = api(personas.pengawas).post(f"/k/{personas.coop.slug}/entries", _entry(), key="k")
    assert response.json() == {
        "detail": "Anda hanya dapat melihat data ini.",
        "field": None,
        "code": "forbidden",
    }
    assert response.status_code == 403


def test_a_service_refusal_without_its_own_code_gets_a_snake_case_one(personas):
    body = {**_entry(), "lines": [{"account": "1-1100", "debit_sen": 10}]}
    response = api(personas.pengurus).post(f"/k/{personas.coop.slug}/entries", body, key="k")
    assert_error_shape(response, 400, "unbalanced", "lines")


def test_an_unknown_api_path_answers_json_404(personas):
    response = api(personas.pengurus).get("/tidak-ada/sama-sekali")
    assert response.json() == {"detail": "Tidak ditemukan.", "field": None, "code": "not_found"}
    assert response.status_code == 404


def test_a_wrong_method_answers_json_405(personas):
    response = api(personas.pengurus).client.delete(f"/api/v1/k/{personas.coop.slug}/entries")
    assert_error_shape(response, 405, "method_not_allowed")


def test_an_unexpected_error_answers_json_500_and_is_logged(personas, monkeypatch, caplog):
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("selector rusak")

    monkeypatch.setattr(selectors, "search_entries", broken)
    with caplog.at_level(logging.ERROR, logger="kopdes.api"):
        response = api(personas.ba).get(f"/k/{personas.coop.slug}/entries")
    body = assert_error_shape(response, 500, "server_error", None)
    assert body["detail"].startswith("Terjadi kesalahan pada server")
    assert "selector rusak" not in response.content.decode()
    assert any(
        "selector rusak" in str(record.exc_info[1]) for record in caplog.records if record.exc_info
    )


def test_the_middleware_turns_an_html_error_page_on_an_api_path_into_json():
    def html_500(request: object) -> HttpResponse:
        return HttpResponse("<h1>Server Error</h1>", status=500, content_type="text/html")

    middleware = ApiErrorMiddleware(html_500)
    response = middleware(RequestFactory().get("/api/v1/apa-saja"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    page = middleware(RequestFactory().get("/buku/"))
    assert page["Content-Type"].startswith("text/html")


def test_the_middleware_answers_json_for_an_exception_outside_the_api_handlers(caplog):
    middleware = ApiErrorMiddleware(lambda request: HttpResponse())
    with caplog.at_level(logging.ERROR, logger="kopdes.api"):
        response = middleware.process_exception(
            RequestFactory().get("/api/v1/x"), RuntimeError("rusak")
        )
    assert response is not None
    assert response.status_code == 500
    assert b"server_error" in response.content
    assert middleware.process_exception(RequestFactory().get("/buku/"), RuntimeError()) is None
