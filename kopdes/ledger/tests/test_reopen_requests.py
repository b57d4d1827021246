"""Reopening a closed month is a request that a pengawas decides in their own session.

docs/ledger.md, "Periods and closes": the pengurus asks with a reason; a
pengawas of the cooperative (never the requester) approves or rejects; the
pengurus may cancel. Every step is in the history; approval reopens the month
and notifies the Dinas.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from kopdes.accounts.models import Role
from kopdes.cooperatives.models import ChangeRecord
from kopdes.core.errors import NotFound
from kopdes.ledger.models import (
    Notice,
    Period,
    PeriodEvent,
    PeriodStatus,
    ReopenRequest,
    ReopenStatus,
)
from kopdes.ledger.services import (
    PeriodError,
    ReopenRefused,
    approve_reopen,
    cancel_reopen,
    close_month,
    reject_reopen,
    request_reopen,
)
from kopdes.ledger.tests.books_helpers import post, rp
from kopdes.testing import factories

pytestmark = pytest.mark.django_db

REASON = "Nota listrik Oktober terlewat"


@pytest.fixture
def october(personas):
    post(
        personas.coop,
        date(2026, 10, 5),
        "Kas masuk",
        ("1-1100", rp(100), 0),
        ("4-1120", 0, rp(100)),
    )
    period = Period.objects.get(cooperative=personas.coop, year=2026, month=10)
    return close_month(cooperative=personas.coop, period=period, actor=personas.pengurus)


def _ask(personas, period, actor=None, reason=REASON):
    return request_reopen(
        cooperative=personas.coop, actor=actor or personas.pengurus, period=period, reason=reason
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_request_changes_nothing_until_a_pengawas_approves(personas, october):
    asked = _ask(personas, october)
    assert asked.status == ReopenStatus.PENDING
    october.refresh_from_db()
    assert october.status == PeriodStatus.CLOSED
    assert PeriodEvent.objects.filter(action="reopen_request", actor=personas.pengurus).exists()

    approved = approve_reopen(
        cooperative=personas.coop, actor=personas.pengawas, reopen_request=asked, note="Setuju"
    )
    assert (approved.status, approved.decided_by, approved.decision_note) == (
        ReopenStatus.APPROVED,
        personas.pengawas,
        "Setuju",
    )
    assert approved.decided_at is not None
    october.refresh_from_db()
    assert october.status == PeriodStatus.OPEN
    event = PeriodEvent.objects.get(action="reopen")
    assert (event.actor, event.cosigner, event.reason) == (
        personas.pengurus,
        personas.pengawas,
        REASON,
    )
    assert REASON in Notice.objects.get(cooperative=personas.coop).message
    changes = ChangeRecord.objects.filter(
        cooperative=personas.coop, object_type__startswith="ledger."
    )
    assert set(changes.values_list("object_type", "new_value")) == {
        ("ledger.reopenrequest", "Menunggu persetujuan"),
        ("ledger.reopenrequest", "Disetujui"),
        ("ledger.period", "Terbuka"),
    }


def test_who_may_ask_and_who_may_decide(personas, october):
    for actor in (personas.pengawas, personas.teller, personas.dinas, personas.outsider):
        with pytest.raises(ReopenRefused) as refused:
            _ask(personas, october, actor=actor)
        assert refused.value.field == "actor"
    asked = _ask(personas, october)
    for actor in (personas.pengurus, personas.teller, personas.dinas, personas.outsider):
        with pytest.raises(ReopenRefused) as refused:
            approve_reopen(cooperative=personas.coop, actor=actor, reopen_request=asked)
        assert refused.value.field == "actor"
    october.refresh_from_db()
    assert october.status == PeriodStatus.CLOSED


def test_the_requester_never_approves_their_own_request(personas, october):
    both = factories.user("ketua.pengawas")
    factories.grant(both, Role.PENGURUS, personas.coop)
    factories.grant(both, Role.PENGAWAS, personas.coop)
    asked = _ask(personas, october, actor=both)
    with pytest.raises(ReopenRefused) as refused:
        approve_reopen(cooperative=personas.coop, actor=both, reopen_request=asked)
    assert refused.value.code == "same_person"
    with pytest.raises(ReopenRefused):
        reject_reopen(cooperative=personas.coop, actor=both, reopen_request=asked, note="Tidak")
    # Another pengawas may.
    approve_reopen(cooperative=personas.coop, actor=personas.pengawas, reopen_request=asked)


def test_a_request_needs_a_reason_a_closed_month_and_no_other_pending_one(personas, october):
    with pytest.raises(PeriodError) as refused:
        _ask(personas, october, reason="   ")
    assert refused.value.field == "reason"
    # Bad input is a 400, not a refusal of the person (403).
    assert not isinstance(refused.value, ReopenRefused)
    assert refused.value.status_code == 400
    _ask(personas, october)
    with pytest.raises(PeriodError) as twice:
        _ask(personas, october)
    assert twice.value.message == (
        "Permintaan membuka kembali Oktober 2026 sudah ada dan menunggu pengawas."
    )
    november = Period.objects.create(
        cooperative=personas.coop,
        year=2026,
        month=11,
        start_date=date(2026, 11, 1),
        end_date=date(2026, 11, 30),
    )
    with pytest.raises(PeriodError, match=r"Periode November 2026 masih terbuka\."):
        _ask(personas, november)


def test_a_rejection_needs_a_note_and_keeps_the_month_closed(personas, october):
    asked = _ask(personas, october)
    with pytest.raises(PeriodError) as refused:
        reject_reopen(cooperative=personas.coop, actor=personas.pengawas, reopen_request=asked)
    assert refused.value.field == "note"
    rejected = reject_reopen(
        cooperative=personas.coop,
        actor=personas.pengawas,
        reopen_request=asked,
        note="Catat sebagai penyesuaian November",
    )
    assert rejected.status == ReopenStatus.REJECTED
    october.refresh_from_db()
    assert october.status == PeriodStatus.CLOSED
    assert PeriodEvent.objects.filter(action="reopen_reject", actor=personas.pengawas).exists()
    # Decided once: a second decision is refused with the reason.
    with pytest.raises(PeriodError) as again:
        approve_reopen(cooperative=personas.coop, actor=personas.pengawas, reopen_request=asked)
    assert again.value.message == "Permintaan membuka kembali Oktober 2026 sudah ditolak."
    # A new request may follow.
    assert _ask(personas, october).status == ReopenStatus.PENDING


def test_the_pengurus_may_cancel_a_pending_request(personas, october):
    asked = _ask(personas, october)
    with pytest.raises(ReopenRefused):
        cancel_reopen(cooperative=personas.coop, actor=personas.teller, reopen_request=asked)
    cancelled = cancel_reopen(
        cooperative=personas.coop, actor=personas.pengurus, reopen_request=asked
    )
    assert cancelled.status == ReopenStatus.CANCELLED
    with pytest.raises(PeriodError):
        approve_reopen(cooperative=personas.coop, actor=personas.pengawas, reopen_request=asked)


def test_another_cooperatives_request_is_not_found(personas, october):
    asked = _ask(personas, october)
    with pytest.raises(NotFound):
        approve_reopen(
            cooperative=personas.other_coop, actor=personas.pengawas, reopen_request=asked.pk
        )


# --- pages -------------------------------------------------------------------------


def _urls(personas, asked):
    base = f"/k/{personas.coop.slug}/buku/periode/permintaan/{asked.pk}/"
    return base, f"{base}setujui/", f"{base}tolak/", f"{base}batal/"


def test_the_pengawas_home_lists_the_pending_request(personas, october):
    asked = _ask(personas, october)
    detail, *_rest = _urls(personas, asked)
    home = _client(personas.pengawas).get(f"/k/{personas.coop.slug}/")
    assert home.context["home_notices"] == [
        ("Pengurus meminta Oktober 2026 dibuka kembali: menunggu keputusan Anda.", detail)
    ]
    assert detail in home.content.decode()
    assert _client(personas.teller).get(f"/k/{personas.coop.slug}/").context["home_notices"] == []


def test_a_teller_gets_403_inside_the_scope_and_an_outsider_404(personas, october):
    asked = _ask(personas, october)
    detail, approve, reject, cancel = _urls(personas, asked)
    teller = _client(personas.teller)
    ask_url = f"/k/{personas.coop.slug}/buku/periode/2026/10/buka/"
    for url in (approve, reject, cancel, ask_url):
        refused = teller.post(url, {"confirm": "on", "note": "Tidak setuju", "reason": REASON})
        assert refused.status_code == 403, url
        assert "Anda hanya dapat melihat data ini." in refused.content.decode()
    outsider = _client(personas.outsider)
    for url in (detail, approve, reject, cancel):
        assert outsider.post(url, {"confirm": "on"}).status_code in (404, 405), url
    assert outsider.get(detail).status_code == 404
    pengawas = _client(personas.pengawas)
    assert pengawas.post(ask_url, {"reason": REASON}).status_code == 403
    asked.refresh_from_db()
    assert asked.status == ReopenStatus.PENDING


def test_a_decision_from_a_stale_page_says_why_it_was_refused(personas, october):
    asked = _ask(personas, october)
    _detail, approve, reject, _cancel = _urls(personas, asked)
    second = factories.user("pengawas.dua")
    factories.grant(second, Role.PENGAWAS, personas.coop)
    first_done = _client(personas.pengawas).post(approve, {"confirm": "on"})
    assert first_done.status_code == 302
    stale = _client(second).post(reject, {"note": "Tidak perlu dibuka"})
    assert stale.status_code == 409
    assert stale.context["refusal"] == "Permintaan membuka kembali Oktober 2026 sudah disetujui."
    assert "sudah disetujui" in stale.content.decode()


def test_an_empty_decision_changes_nothing(personas, october):
    asked = _ask(personas, october)
    _detail, approve, reject, _cancel = _urls(personas, asked)
    client = _client(personas.pengawas)
    assert "confirm" in client.post(approve, {}).context["approve_form"].errors
    assert "note" in client.post(reject, {}).context["reject_form"].errors
    asked.refresh_from_db()
    assert asked.status == ReopenStatus.PENDING
    assert ReopenRequest.objects.count() == 1
