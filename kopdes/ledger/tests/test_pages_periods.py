"""Month close and reopen pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from kopdes.core import hooks
from kopdes.ledger.models import Notice, Period, PeriodStatus
from kopdes.ledger.tests.books_helpers import post, rp
from kopdes.testing.factories import PASSWORD

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


def test_reopening_needs_the_pengawas_password_and_a_reason(personas, october):
    _close(personas)
    url = f"/k/{personas.coop.slug}/buku/periode/2026/10/buka/"
    client = _client(personas.pengurus)
    wrong = client.post(
        url,
        {
            "cosigner": personas.pengawas.pk,
            "cosigner_password": "salah",
            "reason": "Koreksi salah catat",
        },
    )
    assert wrong.context["form"].errors["cosigner_password"] == ["Kata sandi pengawas salah."]
    short = client.post(
        url, {"cosigner": personas.pengawas.pk, "cosigner_password": PASSWORD, "reason": "x"}
    )
    assert "reason" in short.context["form"].errors
    october.refresh_from_db()
    assert october.status == PeriodStatus.CLOSED
    done = client.post(
        url,
        {
            "cosigner": personas.pengawas.pk,
            "cosigner_password": PASSWORD,
            "reason": "Koreksi salah catat gaji",
        },
    )
    assert done.status_code == 302
    october.refresh_from_db()
    assert october.status == PeriodStatus.OPEN
    assert Notice.objects.filter(cooperative=personas.coop, kind="period_reopened").exists()


def test_only_pengawas_of_the_cooperative_are_offered_as_cosigners(personas, october):
    _close(personas)
    form = (
        _client(personas.pengurus)
        .get(f"/k/{personas.coop.slug}/buku/periode/2026/10/buka/")
        .context["form"]
    )
    assert [pk for pk, _name in form.fields["cosigner"].choices[1:]] == [personas.pengawas.pk]


def test_the_period_list_shows_status_and_history(personas, october):
    _close(personas)
    response = _client(personas.viewer).get(f"/k/{personas.coop.slug}/buku/periode/")
    assert [(p.label, p.status) for p in response.context["periods"]] == [
        ("Oktober 2026", "closed")
    ]
    assert response.context["can_manage"] is False
    assert len(response.context["events"]) == 1
