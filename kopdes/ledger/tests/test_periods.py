"""Month closes, reopenings with a co-signer, the year-end close and the RAT lock."""

from __future__ import annotations

from datetime import date

import pytest

from kopdes.cooperatives.models import ChangeRecord
from kopdes.core import hooks
from kopdes.ledger.balances import balances_as_of, current_shu, totals_by_type, trial_balance
from kopdes.ledger.models import Entry, Notice, Period, PeriodEvent, PeriodStatus, Snapshot
from kopdes.ledger.services import (
    PeriodClosed,
    PeriodError,
    ReconciliationFailed,
    ReopenRefused,
    close_month,
    close_year,
    ensure_period,
    mark_year_approved_by_rat,
    reopen_month,
)
from kopdes.ledger.services.errors import YearCloseRefused
from kopdes.testing import ledger_factories as lf


def period(coop, year, month):
    return Period.objects.get(cooperative=coop, year=year, month=month)


@pytest.fixture
def books(personas):
    coop = personas.coop
    lf.entry(coop, on=date(2026, 1, 10), amount=10_000)
    lf.entry(coop, on=date(2026, 2, 10), amount=20_000, debit=lf.WAGES, credit=lf.KAS)
    return coop


def test_closing_a_month_stores_snapshots_and_fires_the_hook(books, personas):
    seen = []
    hooks.period_closed.register(lambda **kw: seen.append(kw["period"]), key="test.seen")
    try:
        closed = close_month(
            cooperative=books, period=period(books, 2026, 1), actor=personas.pengurus
        )
    finally:
        hooks.period_closed.unregister("test.seen")
    assert closed.status == PeriodStatus.CLOSED
    assert closed.snapshot_valid
    assert seen == [closed]
    kas = lf.account(books, lf.KAS)
    snap = Snapshot.objects.get(period=closed, account=kas)
    assert (snap.debit, snap.credit, snap.balance) == (10_000, 0, 10_000)
    assert PeriodEvent.objects.filter(period=closed, action="close").exists()


def test_a_closed_month_refuses_postings(books, personas):
    close_month(cooperative=books, period=period(books, 2026, 1), actor=personas.pengurus)
    with pytest.raises(PeriodClosed) as info:
        lf.entry(books, on=date(2026, 1, 31))
    assert info.value.message == (
        "Periode Januari 2026 sudah ditutup; tanggal jurnal harus berada di periode yang terbuka."
    )
    assert info.value.field == "business_date"


def test_a_month_before_a_closed_one_cannot_be_opened(books, personas):
    close_month(cooperative=books, period=period(books, 2026, 1), actor=personas.pengurus)
    with pytest.raises(PeriodClosed, match="Periode Desember 2025 berada sebelum bulan"):
        lf.entry(books, on=date(2025, 12, 31))


def test_months_close_in_order(books, personas):
    with pytest.raises(PeriodError) as info:
        close_month(cooperative=books, period=period(books, 2026, 2), actor=personas.pengurus)
    assert info.value.message == "Periode Januari 2026 harus ditutup sebelum Februari 2026."


def test_a_failing_reconciliation_blocks_the_close(books, personas):
    hooks.reconciliations.register(
        lambda **kw: ["Simpanan wajib: sub-buku Rp10.000 ≠ akun kontrol Rp0"], key="test.recon"
    )
    try:
        with pytest.raises(ReconciliationFailed) as info:
            close_month(cooperative=books, period=period(books, 2026, 1), actor=personas.pengurus)
    finally:
        hooks.reconciliations.unregister("test.recon")
    assert info.value.message == (
        "Periode Januari 2026 tidak dapat ditutup: Simpanan wajib: sub-buku Rp10.000 ≠ akun "
        "kontrol Rp0"
    )
    assert period(books, 2026, 1).status == PeriodStatus.OPEN


def test_reopening_needs_pengurus_and_another_pengawas_and_a_reason(books, personas):
    jan = close_month(cooperative=books, period=period(books, 2026, 1), actor=personas.pengurus)
    cases = [
        (personas.teller, personas.pengawas, "Koreksi", "actor"),
        (personas.pengurus, personas.teller, "Koreksi", "cosigner"),
        (personas.pengurus, personas.pengurus, "Koreksi", "cosigner"),
        (personas.pengurus, personas.pengawas, "  ", "reason"),
        (personas.outsider, personas.pengawas, "Koreksi", "actor"),
    ]
    for actor, cosigner, reason, field in cases:
        with pytest.raises(PeriodError) as info:
            reopen_month(
                cooperative=books, period=jan, actor=actor, cosigner=cosigner, reason=reason
            )
        assert info.value.field == field
    assert period(books, 2026, 1).status == PeriodStatus.CLOSED


def test_reopening_is_recorded_notifies_the_dinas_and_invalidates_later_snapshots(books, personas):
    close_month(cooperative=books, period=period(books, 2026, 1), actor=personas.pengurus)
    close_month(cooperative=books, period=period(books, 2026, 2), actor=personas.pengurus)
    reopen_month(
        cooperative=books,
        period=period(books, 2026, 1),
        actor=personas.pengurus,
        cosigner=personas.pengawas,
        reason="Nota listrik Januari terlewat",
    )
    assert not period(books, 2026, 2).snapshot_valid
    event = PeriodEvent.objects.get(action="reopen")
    assert (event.actor, event.cosigner) == (personas.pengurus, personas.pengawas)
    assert event.reason == "Nota listrik Januari terlewat"
    assert "Nota listrik Januari terlewat" in Notice.objects.get(cooperative=books).message
    assert ChangeRecord.objects.filter(cooperative=books, object_type="ledger.period").exists()
    # The late bill goes in; re-closing recomputes January and the stale February.
    lf.entry(books, on=date(2026, 1, 31), amount=3_000, debit=lf.ELECTRICITY, credit=lf.KAS)
    close_month(cooperative=books, period=period(books, 2026, 1), actor=personas.pengurus)
    assert period(books, 2026, 2).snapshot_valid
    kas = lf.account(books, lf.KAS)
    feb = Snapshot.objects.get(period=period(books, 2026, 2), account=kas)
    assert feb.balance == 10_000 - 3_000 - 20_000


def test_balances_agree_with_and_without_snapshots(books, personas):
    close_month(cooperative=books, period=period(books, 2026, 1), actor=personas.pengurus)
    lf.entry(books, on=date(2026, 2, 11), amount=1_234)
    for as_of in (date(2026, 1, 31), date(2026, 2, 11), date(2026, 3, 1)):
        assert balances_as_of(cooperative=books, as_of=as_of) == balances_as_of(
            cooperative=books, as_of=as_of, use_snapshots=False
        )
    with_snap = trial_balance(cooperative=books, start=date(2026, 1, 1), end=date(2026, 2, 28))
    without = trial_balance(
        cooperative=books, start=date(2026, 1, 1), end=date(2026, 2, 28), use_snapshots=False
    )
    assert with_snap == without
    assert sum(row.closing for row in with_snap) == 0


def _close_january_to_november(books, personas):
    for month in range(1, 12):
        close_month(
            cooperative=books, period=ensure_period(books, 2026, month), actor=personas.pengurus
        )


def test_the_year_end_close_waits_for_january_to_november(books, personas):
    with pytest.raises(YearCloseRefused) as info:
        close_year(cooperative=books, year=2026, actor=personas.pengurus)
    assert info.value.problems == [
        "Periode Januari 2026 masih terbuka; tutup bulan Januari sampai November 2026 lebih dulu."
    ]
    assert not Entry.objects.filter(cooperative=books, kind="penutup").exists()


def test_the_year_end_close_moves_income_and_expense_to_shu_tahun_berjalan(books, personas):
    _close_january_to_november(books, personas)
    close = close_year(cooperative=books, year=2026, actor=personas.pengurus)
    assert close is not None
    assert close.kind == "penutup"
    end = date(2026, 12, 31)
    assert current_shu(cooperative=books, as_of=end) == 0
    shu = lf.account(books, "3-1700")
    totals = totals_by_type(cooperative=books, as_of=end)
    assert totals["aset"] == totals["kewajiban"] + totals["ekuitas"]
    balance = balances_as_of(cooperative=books, as_of=end)
    # Income 10.000, wages 20.000: a loss of 10.000 sen sits (debit) in SHU tahun berjalan.
    assert balance[(shu.pk, None)] == 10_000
    # Nothing left to close: a second run posts nothing.
    assert close_year(cooperative=books, year=2026, actor=personas.pengurus) is None


def test_a_year_the_rat_approved_never_reopens(books, personas):
    _close_january_to_november(books, personas)
    close_year(cooperative=books, year=2026, actor=personas.pengurus)
    with pytest.raises(PeriodError, match="Periode Desember 2026 masih terbuka"):
        mark_year_approved_by_rat(cooperative=books, year=2026, actor=personas.pengurus)
    close_month(cooperative=books, period=ensure_period(books, 2026, 12), actor=personas.pengurus)
    mark_year_approved_by_rat(
        cooperative=books, year=2026, actor=personas.pengurus, reference="BA RAT 2027/01"
    )
    with pytest.raises(ReopenRefused) as info:
        reopen_month(
            cooperative=books,
            period=period(books, 2026, 3),
            actor=personas.pengurus,
            cosigner=personas.pengawas,
            reason="Koreksi",
        )
    assert info.value.message == (
        "Tahun buku 2026 sudah disahkan RAT dan tidak dapat dibuka kembali; koreksi dicatat "
        "sebagai penyesuaian periode lalu."
    )
