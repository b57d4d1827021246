"""Issue #7 defects 4, 5, 6 and 9 at the posting service (each failed before its fix)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings

from kopdes.core.money import MAX_SEN
from kopdes.core.timeutils import business_date
from kopdes.ledger.models import Entry, EntryKind, Period, Snapshot
from kopdes.ledger.services import (
    EntryInput,
    IdempotencyConflict,
    InvalidLine,
    LedgerError,
    LineInput,
    PeriodClosed,
    close_month,
    ensure_period,
    post_entries,
    post_entry,
)
from kopdes.testing import factories
from kopdes.testing import ledger_factories as lf

pytestmark = pytest.mark.django_db

DAY = date(2026, 1, 15)


@pytest.fixture
def coop():
    return factories.cooperative("64.09.04.2015")


def item(key: str = "b-1", amount: int = 10, on: date = DAY, memo: str = "a") -> EntryInput:
    return EntryInput(
        business_date=on,
        lines=[LineInput("1-1100", debit=amount), LineInput("4-1110", credit=amount)],
        memo=memo,
        source_app="ledger",
        idempotency_key=key,
    )


def post(coop, lines, on=DAY, key="k-1", kind=EntryKind.GENERAL):
    return post_entry(
        cooperative=coop,
        actor=None,
        business_date=on,
        lines=lines,
        memo="Uji",
        source_app="ledger",
        idempotency_key=key,
        kind=kind,
    )


# --- defect 4: the same key twice in one batch ------------------------------------


def test_the_same_entry_twice_in_one_batch_is_one_entry_returned_twice(coop):
    first, twin = post_entries(cooperative=coop, actor=None, entries=[item(), item()])
    assert first.pk is not None
    assert twin.pk == first.pk
    assert twin.number == first.number == "JU-2026-000001"
    assert Entry.objects.filter(cooperative=coop).count() == 1


def test_the_same_object_twice_with_another_between_keeps_every_result_real(coop):
    a = item("b-1")
    results = post_entries(cooperative=coop, actor=None, entries=[a, item("b-2"), a])
    assert [r.number for r in results] == ["JU-2026-000001", "JU-2026-000002", "JU-2026-000001"]
    assert results[0].pk == results[2].pk
    assert all(Entry.objects.filter(pk=r.pk).exists() for r in results)


def test_the_same_key_twice_in_one_batch_with_other_content_is_refused(coop):
    with pytest.raises(IdempotencyConflict) as info:
        post_entries(cooperative=coop, actor=None, entries=[item(), item(amount=11)])
    assert info.value.field == "idempotency_key"
    assert not Entry.objects.exists()


def test_each_returned_entry_is_the_row_stored_for_it_across_years(coop):
    batch = [
        item("y-1", on=date(2026, 3, 2), memo="Maret 2026"),
        item("y-2", on=date(2025, 5, 2), memo="Mei 2025"),
        item("y-3", on=date(2026, 1, 2), memo="Januari 2026"),
        item("y-4", on=date(2025, 2, 2), memo="Februari 2025"),
    ]
    for result in post_entries(cooperative=coop, actor=None, entries=batch):
        stored = Entry.objects.get(pk=result.pk)
        assert (stored.memo, stored.number) == (result.memo, result.number)
        assert stored.business_date == result.business_date


# --- defect 5: the money module's maximum -------------------------------------------


@pytest.mark.parametrize("amount", [2**64, MAX_SEN + 1])
def test_an_amount_above_the_maximum_is_refused_naming_line_and_field(coop, amount):
    with pytest.raises(InvalidLine) as info:
        post(coop, [LineInput("1-1100", debit=5), LineInput("4-1110", credit=amount)])
    assert info.value.field == "lines[1].credit"
    assert info.value.message == (
        "Baris 2: jumlah terlalu besar; paling banyak Rp1.000.000.000.000.000."
    )
    assert not Entry.objects.exists()


def test_the_maximum_itself_is_accepted(coop):
    entry = post(coop, [LineInput("1-1100", debit=MAX_SEN), LineInput("4-1110", credit=MAX_SEN)])
    assert Entry.objects.get(pk=entry.pk).lines.get(debit=MAX_SEN)


def test_an_entry_total_above_the_maximum_is_refused(coop):
    lines = [
        LineInput("1-1100", debit=MAX_SEN),
        LineInput("1-1200", debit=MAX_SEN),
        LineInput("4-1110", credit=MAX_SEN),
        LineInput("4-1120", credit=MAX_SEN),
    ]
    with pytest.raises(InvalidLine) as info:
        post(coop, lines)
    assert info.value.field == "lines"
    assert "Jumlah jurnal terlalu besar" in info.value.message
    assert not Entry.objects.exists()


# --- defect 6: dates in the future, periods only for months with entries ------------


def test_a_date_after_today_in_the_cooperatives_zone_is_refused(coop):
    tomorrow = business_date(coop) + timedelta(days=1)
    with pytest.raises(LedgerError) as info:
        post(coop, [LineInput("1-1100", debit=5), LineInput("4-1110", credit=5)], on=tomorrow)
    assert info.value.field == "business_date"
    assert "setelah hari ini" in info.value.message
    assert not Entry.objects.exists()
    assert not Period.objects.filter(cooperative=coop, start_date__gt=business_date(coop)).exists()


def test_today_is_accepted(coop):
    today = business_date(coop)
    entry = post(coop, [LineInput("1-1100", debit=5), LineInput("4-1110", credit=5)], on=today)
    assert entry.business_date == today


@override_settings(KOPDES_LEDGER_MAX_DAYS_AHEAD=3)
def test_the_days_allowed_ahead_are_a_setting(coop):
    today = business_date(coop)
    lines = [LineInput("1-1100", debit=5), LineInput("4-1110", credit=5)]
    assert post(coop, lines, on=today + timedelta(days=3), key="k-3").pk
    with pytest.raises(LedgerError, match="setelah hari ini"):
        post(coop, lines, on=today + timedelta(days=4), key="k-4")


def test_the_year_end_closing_entry_may_carry_31_december(coop):
    """The closing entry is dated at the year's end by definition (close_year)."""
    year = business_date(coop).year
    end = date(year, 12, 31)
    lines = [LineInput("4-1110", debit=5), LineInput("3-1700", credit=5)]
    entry = post(coop, lines, on=end, key="tutup", kind=EntryKind.CLOSING)
    assert entry.business_date == end


def test_periods_are_created_only_for_months_that_receive_an_entry(coop):
    lf.entry(coop, on=date(2026, 1, 15))
    lf.entry(coop, on=date(2026, 6, 15))
    months = list(Period.objects.filter(cooperative=coop).values_list("year", "month"))
    assert sorted(months) == [(2026, 1), (2026, 6)]


def test_months_close_in_order_across_a_gap_and_no_month_opens_behind_a_close(coop):
    lf.entry(coop, on=date(2026, 1, 15))
    lf.entry(coop, on=date(2026, 4, 15))
    june = ensure_period(coop, 2026, 6)
    april = Period.objects.get(cooperative=coop, year=2026, month=4)
    january = Period.objects.get(cooperative=coop, year=2026, month=1)
    from kopdes.ledger.services import PeriodError

    with pytest.raises(PeriodError, match="Januari 2026 harus ditutup"):
        close_month(cooperative=coop, period=april, actor=None)
    close_month(cooperative=coop, period=january, actor=None)
    close_month(cooperative=coop, period=april, actor=None)  # Feb and Mar: nothing to close
    close_month(cooperative=coop, period=june, actor=None)
    with pytest.raises(PeriodClosed):
        lf.entry(coop, on=date(2026, 3, 10))
    assert not Period.objects.filter(cooperative=coop, month=3).exists()
    assert lf.entry(coop, on=date(2026, 7, 1)).is_posted


# --- defect 9: snapshots unique, reversal link only through reverse_entry ---------------


@pytest.mark.parametrize("with_unit", [False, True])
def test_a_second_snapshot_of_the_same_period_account_and_unit_is_refused(coop, with_unit):
    from kopdes.cooperatives.models import BusinessUnit

    unit = None
    if with_unit:
        kind = BusinessUnit._meta.get_field("kind").choices[0][0]
        unit = BusinessUnit.objects.create(cooperative=coop, kind=kind)
    period = ensure_period(coop, 2026, 1)
    account = lf.account(coop, "1-1100")
    fields = {"cooperative": coop, "period": period, "account": account, "business_unit": unit}
    Snapshot.objects.create(**fields, balance=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Snapshot.objects.create(**fields, balance=2)


def test_post_entries_cannot_make_a_reversal_link(coop):
    original = lf.entry(coop)
    forged = EntryInput(
        business_date=DAY,
        lines=[LineInput("4-1110", debit=100_000), LineInput("1-1100", credit=100_000)],
        memo="Pembalik palsu",
        source_app="ledger",
        idempotency_key="palsu",
        kind=EntryKind.REVERSAL,
        reverses_id=original.pk,
    )
    with pytest.raises(LedgerError) as info:
        post_entries(cooperative=coop, actor=None, entries=[forged])
    assert info.value.field == "kind"
    assert not Entry.objects.filter(reverses=original).exists()
