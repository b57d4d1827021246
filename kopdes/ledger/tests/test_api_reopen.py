"""Reopen requests over the API: the pengurus asks, a pengawas decides in their own session."""

from __future__ import annotations

from datetime import date

import pytest

from kopdes.ledger.models import Period, PeriodStatus, ReopenRequest
from kopdes.ledger.services import close_month
from kopdes.ledger.tests.api_client import api, assert_error_shape
from kopdes.ledger.tests.books_helpers import post

pytestmark = pytest.mark.django_db

REASON = {"reason": "Nota pembelian 28 Oktober tertinggal"}


@pytest.fixture
def closed_october(personas) -> Period:
    post(personas.coop, date(2026, 10, 5), "Modal", ("1-1100", 10_000, 0), ("3-1300", 0, 10_000))
    period = Period.objects.get(cooperative=personas.coop, year=2026, month=10)
    return close_month(cooperative=personas.coop, period=period, actor=personas.pengurus)


def _ask(user, slug, body=REASON):
    return api(user).post(f"/k/{slug}/periods/2026/10/reopen-requests", body)


def test_the_pengurus_asks_and_the_pengawas_approves_and_the_month_reopens(
    personas, closed_october
):
    slug = personas.coop.slug
    asked = _ask(personas.pengurus, slug)
    assert asked.status_code == 201, asked.content
    created = asked.json()
    assert (created["status"], created["label"]) == ("pending", "Oktober 2026")
    pending = api(personas.pengawas).get(f"/k/{slug}/reopen-requests", {"status": "pending"})
    assert [r["id"] for r in pending.json()] == [created["id"]]
    approved = api(personas.pengawas).post(
        f"/k/{slug}/reopen-requests/{created['id']}/approve", {"note": "Setuju"}
    )
    assert approved.status_code == 200, approved.content
    assert (approved.json()["status"], approved.json()["decision_note"]) == ("approved", "Setuju")
    closed_october.refresh_from_db()
    assert closed_october.status == PeriodStatus.OPEN


def test_a_rejection_needs_a_note_and_keeps_the_month_closed(personas, closed_october):
    slug = personas.coop.slug
    created = _ask(personas.pengurus, slug).json()
    path = f"/k/{slug}/reopen-requests/{created['id']}/reject"
    missing = assert_error_shape(api(personas.pengawas).post(path, {}), 422, "invalid", "note")
    assert missing["detail"] == "Catatan keputusan wajib diisi."
    rejected = api(personas.pengawas).post(path, {"note": "Buat jurnal koreksi di November"})
    assert rejected.json()["status"] == "rejected"
    closed_october.refresh_from_db()
    assert closed_october.status == PeriodStatus.CLOSED


def test_the_pengurus_may_withdraw_but_not_approve(personas, closed_october):
    slug = personas.coop.slug
    created = _ask(personas.pengurus, slug).json()
    own = api(personas.pengurus).post(f"/k/{slug}/reopen-requests/{created['id']}/approve")
    assert_error_shape(own, 403, "forbidden")
    cancelled = api(personas.pengurus).post(f"/k/{slug}/reopen-requests/{created['id']}/cancel")
    assert cancelled.json()["status"] == "cancelled"
    closed_october.refresh_from_db()
    assert closed_october.status == PeriodStatus.CLOSED


def test_asking_twice_or_for_an_open_month_is_refused(personas, closed_october):
    slug = personas.coop.slug
    _ask(personas.pengurus, slug)
    assert_error_shape(_ask(personas.pengurus, slug), 400, "already_requested", "period")
    post(personas.coop, date(2026, 11, 5), "Lagi", ("1-1100", 1, 0), ("3-1300", 0, 1))
    november = api(personas.pengurus).post(f"/k/{slug}/periods/2026/11/reopen-requests", REASON)
    assert_error_shape(november, 400, "period_open", "period")
    assert_error_shape(_ask(personas.pengurus, slug, {}), 422, "invalid", "reason")


def test_only_the_right_people_ask_or_decide(personas, closed_october):
    slug = personas.coop.slug
    for reader in (personas.teller, personas.pengawas, personas.dinas):
        assert_error_shape(_ask(reader, slug), 403, "forbidden")
    assert _ask(personas.outsider, slug).status_code == 404
    created = _ask(personas.pengurus, slug).json()
    for reader in (personas.teller, personas.ba, personas.viewer):
        path = f"/k/{slug}/reopen-requests/{created['id']}/approve"
        assert_error_shape(api(reader).post(path), 403, "forbidden")
    assert ReopenRequest.objects.get(pk=created["id"]).status == "pending"


def test_another_cooperatives_request_is_404_under_the_own_slug(personas):
    post(personas.other_coop, date(2026, 10, 5), "M", ("1-1100", 1, 0), ("3-1300", 0, 1))
    period = Period.objects.get(cooperative=personas.other_coop, year=2026, month=10)
    close_month(cooperative=personas.other_coop, period=period, actor=personas.outsider)
    foreign = _ask(personas.outsider, personas.other_coop.slug).json()
    response = api(personas.pengawas).post(
        f"/k/{personas.coop.slug}/reopen-requests/{foreign['id']}/approve"
    )
    assert_error_shape(response, 404, "not_found")
    assert ReopenRequest.objects.get(pk=foreign["id"]).status == "pending"
