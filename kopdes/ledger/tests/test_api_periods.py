"""Periods over the API: list, month close, year-end close, the RAT's approval."""

from __future__ import annotations

from datetime import date

import pytest

from kopdes.ledger.models import BookYear, Entry, EntryKind, Period, PeriodStatus
from kopdes.ledger.tests.api_client import api, assert_error_shape
from kopdes.ledger.tests.books_helpers import post

pytestmark = pytest.mark.django_db


def _october(cooperative) -> None:
    post(cooperative, date(2026, 10, 5), "Modal", ("1-1100", 10_000, 0), ("3-1300", 0, 10_000))


def _december_2025(cooperative) -> None:
    post(cooperative, date(2025, 12, 5), "Penjualan", ("1-1100", 9_000, 0), ("4-1120", 0, 9_000))
    post(cooperative, date(2025, 12, 6), "Listrik", ("6-1200", 2_000, 0), ("1-1100", 0, 2_000))


def test_periods_are_listed_newest_first_with_bounds(personas):
    _october(personas.coop)
    post(personas.coop, date(2026, 11, 5), "Lagi", ("1-1100", 1, 0), ("3-1300", 0, 1))
    client = api(personas.teller)
    rows = client.get(f"/k/{personas.coop.slug}/periods").json()
    assert [(r["year"], r["month"], r["status"]) for r in rows][:2] == [
        (2026, 11, "open"),
        (2026, 10, "open"),
    ]
    assert rows[0]["label"] == "November 2026"
    assert client.get(f"/k/{personas.coop.slug}/periods", {"year": 2025}).json() == []
    assert len(client.get(f"/k/{personas.coop.slug}/periods", {"limit": 1}).json()) == 1
    too_far = client.get(f"/k/{personas.coop.slug}/periods", {"offset": 10**20})
    assert_error_shape(too_far, 422, "invalid", "offset")


def test_the_pengurus_closes_a_month_once(personas):
    _october(personas.coop)
    client = api(personas.pengurus)
    path = f"/k/{personas.coop.slug}/periods/2026/10/close"
    closed = client.post(path)
    assert closed.status_code == 200, closed.content
    assert (closed.json()["status"], closed.json()["label"]) == ("closed", "Oktober 2026")
    again = client.post(path)
    assert_error_shape(again, 400, "period_error", "period")
    refused = client.post(
        f"/k/{personas.coop.slug}/entries",
        {
            "business_date": "2026-10-20",
            "memo": "Terlambat",
            "lines": [
                {"account": "1-1100", "debit_sen": 5},
                {"account": "3-1300", "credit_sen": 5},
            ],
        },
        key="terlambat",
    )
    assert_error_shape(refused, 400, "period_closed")


def test_closing_is_for_the_pengurus_and_a_month_without_books_is_404(personas):
    _october(personas.coop)
    path = f"/k/{personas.coop.slug}/periods/2026/10/close"
    for reader in (personas.pengawas, personas.teller, personas.ba):
        assert_error_shape(api(reader).post(path), 403, "forbidden")
    assert api(personas.outsider).post(path).status_code == 404
    assert_error_shape(
        api(personas.pengurus).post(f"/k/{personas.coop.slug}/periods/2026/3/close"),
        404,
        "not_found",
    )
    assert_error_shape(
        api(personas.pengurus).post(f"/k/{personas.coop.slug}/periods/2026/13/close"),
        422,
        "invalid",
        "month",
    )
    assert Period.objects.get(cooperative=personas.coop, year=2026, month=10).status == "open"


def test_a_year_close_that_must_wait_lists_every_reason(personas):
    _october(personas.coop)
    response = api(personas.pengurus).post(f"/k/{personas.coop.slug}/years/2026/close")
    body = assert_error_shape(response, 400, "year_close_refused", "year")
    assert body["problems"]
    assert "Oktober 2026" in body["problems"][0]
    assert not Entry.objects.filter(kind=EntryKind.CLOSING).exists()


def test_the_year_closes_then_december_then_the_rat_approves(personas):
    _december_2025(personas.coop)
    client = api(personas.pengurus)
    slug = personas.coop.slug
    early = client.post(f"/k/{slug}/years/2025/rat-approval", {"reference": "BA RAT 1/2026"})
    assert_error_shape(early, 400, "period_error", "year")
    closed = client.post(f"/k/{slug}/years/2025/close")
    assert closed.status_code == 200, closed.content
    [closing] = closed.json()["closing_entries"]
    assert closing["total_sen"] == 9_000
    # Re-running the close posts nothing more: the closing entry is made once.
    assert len(client.post(f"/k/{slug}/years/2025/close").json()["closing_entries"]) == 1
    december = Period.objects.get(cooperative=personas.coop, year=2025, month=12)
    if december.status != PeriodStatus.CLOSED:
        assert client.post(f"/k/{slug}/periods/2025/12/close").status_code == 200
    missing = client.post(f"/k/{slug}/years/2025/rat-approval", {})
    assert_error_shape(missing, 422, "invalid", "reference")
    approved = client.post(f"/k/{slug}/years/2025/rat-approval", {"reference": "BA RAT 1/2026"})
    assert approved.status_code == 200, approved.content
    assert (approved.json()["rat_approved"], approved.json()["rat_reference"]) == (
        True,
        "BA RAT 1/2026",
    )
    year = api(personas.pengawas).get(f"/k/{slug}/years/2025").json()
    assert year["rat_approved"] is True
    periods = api(personas.pengawas).get(f"/k/{slug}/periods", {"year": 2025}).json()
    assert periods[0]["rat_approved"] is True


def test_year_writes_are_for_the_pengurus_and_an_unknown_year_is_404(personas):
    _december_2025(personas.coop)
    slug = personas.coop.slug
    for reader in (personas.pengawas, personas.dinas):
        assert_error_shape(api(reader).post(f"/k/{slug}/years/2025/close"), 403, "forbidden")
        refused = api(reader).post(f"/k/{slug}/years/2025/rat-approval", {"reference": "x"})
        assert_error_shape(refused, 403, "forbidden")
    assert api(personas.outsider).post(f"/k/{slug}/years/2025/close").status_code == 404
    assert_error_shape(api(personas.pengurus).post(f"/k/{slug}/years/2019/close"), 404, "not_found")
    assert_error_shape(api(personas.ba).get(f"/k/{slug}/years/2019"), 404, "not_found")
    assert not BookYear.objects.filter(cooperative=personas.coop, closed_at__isnull=False).exists()
