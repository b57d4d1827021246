"""Month close and reopen pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from kopdes.core import hooks
from kopdes.ledger.models import Notice, Period, PeriodStatus, ReopenRequest
from kopdes.ledger.tests.books_helpers import post, rp

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def october(personas):
    post(
        personas.coop,
        date(2026, 10, 5),
        "Kas masuk",
        ("1-1100", rp(100), 0),
        ("4-1120", 0, rp(100)),
    )
    return Period.objects.get(cooperative=personas.coop, year=2026, month=10)


def test_closing_a_month_needs_the_confirmation_then_locks_it(personas, october):
    url = f"/k/{personas.coop.slug}/buku/periode/2026/10/tutup/"
    client = _client(personas.pengurus)
    refused = client.post(url, {})
    assert refused.context["form"].errors["confirm"] == ["Bidang ini tidak boleh kosong."]
    done = client.post(url, {"confirm": "on"})
    assert done.status_code == 302
    october.refresh_from_db()
    assert october.status == PeriodStatus.CLOSED


def test_a_failing_reconciliation_is_shown_and_the_month_stays_open(personas, october):
    def failing(**kwargs):
        return ["Simpanan sukarela: sub-ledger Rp10,00 ≠ akun kontrol Rp0,00"]

    hooks.reconciliations.register(failing, key="test.books.failing")
    try:
        response = _client(personas.pengurus).post(
            f"/k/{personas.coop.slug}/buku/periode/2026/10/tutup/", {"confirm": "on"}
        )
    finally:
        hooks.reconciliations.unregister("test.books.failing")
    assert response.status_code == 400
    assert response.context["problems"] == [
        "Simpanan sukarela: sub-ledger Rp10,00 ≠ akun kontrol Rp0,00"
    ]
    october.refresh_from_db()
    assert october.status == PeriodStatus.OPEN


def _close(personas):
    _client(personas.pengurus).post(
        f"/k/{personas.coop.slug}/buku/periode/2026/10/tutup/", {"confirm": "on"}
    )


def test_reopening_is_a_request_the_pengawas_approves_from_their_own_session(personas, october):
    _close(personas)
    url = f"/k/{personas.coop.slug}/buku/periode/2026/10/buka/"
    pengurus = _client(personas.pengurus)
    page = pengurus.get(url)
    # No one types another person's password: the form asks for a reason only.
    assert list(page.context["form"].fields) == ["reason"]
    assert 'type="password"' not in page.content.decode()
    short = pengurus.post(url, {"reason": "x"})
    assert "reason" in short.context["form"].errors
    sent = pengurus.post(url, {"reason": "Koreksi salah catat gaji"})
    request = ReopenRequest.objects.get(cooperative=personas.coop)
    assert sent["Location"] == f"/k/{personas.coop.slug}/buku/periode/permintaan/{request.pk}/"
    october.refresh_from_db()
    assert october.status == PeriodStatus.CLOSED

    pengawas = _client(personas.pengawas)
    detail = pengawas.get(sent["Location"])
    assert detail.context["approve_form"] is not None
    done = pengawas.post(f"{sent['Location']}setujui/", {"confirm": "on"})
    assert done.status_code == 302
    october.refresh_from_db()
    assert october.status == PeriodStatus.OPEN
    assert Notice.objects.filter(cooperative=personas.coop, kind="period_reopened").exists()


def test_the_periods_page_shows_pending_requests(personas, october):
    _close(personas)
    _client(personas.pengurus).post(
        f"/k/{personas.coop.slug}/buku/periode/2026/10/buka/",
        {"reason": "Nota listrik Oktober terlewat"},
    )
    page = _client(personas.pengawas).get(f"/k/{personas.coop.slug}/buku/periode/")
    (pending,) = page.context["pending_requests"]
    assert pending.reason == "Nota listrik Oktober terlewat"
    assert "Nota listrik Oktober terlewat" in page.content.decode()


def test_the_period_list_shows_status_and_history(personas, october):
    _close(personas)
    response = _client(personas.viewer).get(f"/k/{personas.coop.slug}/buku/periode/")
    assert [(p.label, p.status) for p in response.context["periods"]] == [
        ("Oktober 2026", "closed")
    ]
    assert response.context["can_manage"] is False
    assert len(response.context["events"]) == 1


def test_periods_are_grouped_by_year_and_years_need_not_be_contiguous(personas, october):
    post(
        personas.coop,
        date(2024, 3, 5),
        "Kas masuk lama",
        ("1-1100", rp(100), 0),
        ("4-1120", 0, rp(100)),
    )
    client = _client(personas.viewer)
    url = f"/k/{personas.coop.slug}/buku/periode/"
    page = client.get(url)
    assert page.context["year"] == 2026
    assert {p.year for p in page.context["periods"]} == {2026}
    assert 2024 in page.context["years"]
    older = client.get(f"{url}?tahun=2024")
    assert {p.year for p in older.context["periods"]} == {2024}
    assert client.get(f"{url}?tahun=abc").context["year"] == 2026
