"""post_entry / post_entries / reverse_entry: the checks and what they store."""

from __future__ import annotations

from datetime import date

import pytest

from kopdes.ledger.balances import account_balance, trial_balance
from kopdes.ledger.models import Entry, EntryStatus, Line
from kopdes.ledger.services import (
    AccountRefused,
    AlreadyReversed,
    ControlAccountRefused,
    EntryInput,
    IdempotencyConflict,
    InvalidLine,
    LineInput,
    UnbalancedEntry,
    deactivate_account,
    post_entries,
    post_entry,
    reverse_entry,
)
from kopdes.testing import factories
from kopdes.testing import ledger_factories as lf

pytestmark = pytest.mark.django_db

DAY = date(2026, 1, 15)


@pytest.fixture
def coop():
    return factories.cooperative("64.09.04.2015")


def post(coop, lines, key="k-1", source_app="ledger", **kw):
    return post_entry(
        cooperative=coop,
        actor=None,
        business_date=kw.pop("on", DAY),
        lines=lines,
        memo=kw.pop("memo", "Penjualan tunai"),
        source_app=source_app,
        idempotency_key=key,
        **kw,
    )


def test_a_balanced_entry_is_posted_with_the_first_number_of_its_year(coop):
    entry = post(coop, [LineInput("1-1100", debit=5000), LineInput("4-1110", credit=5000)])
    stored = Entry.objects.get(pk=entry.pk)
    assert stored.status == EntryStatus.POSTED
    assert stored.number == "JU-2026-000001"
    assert entry.number == "JU-2026-000001"
    assert Line.objects.filter(entry=stored).count() == 2
    assert account_balance(account=lf.account(coop, "1-1100"), as_of=DAY) == 5000


def test_numbers_run_on_without_gaps_and_restart_each_year(coop):
    numbers = [
        lf.entry(coop, on=date(2025, 1, 2)).number,
        lf.entry(coop, on=date(2025, 1, 3)).number,
        lf.entry(coop, on=date(2026, 1, 3)).number,
    ]
    assert numbers == ["JU-2025-000001", "JU-2025-000002", "JU-2026-000001"]


def test_an_unbalanced_entry_is_refused_with_both_totals(coop):
    with pytest.raises(UnbalancedEntry) as info:
        post(coop, [LineInput("1-1100", debit=5000), LineInput("4-1110", credit=4000)])
    assert info.value.message == "Jurnal tidak seimbang: debit 5000 sen, kredit 4000 sen."
    assert info.value.field == "lines"
    assert not Entry.objects.exists()


def test_a_line_with_both_sides_or_none_is_refused_naming_the_line(coop):
    with pytest.raises(InvalidLine) as info:
        post(coop, [LineInput("1-1100", debit=5000), LineInput("4-1110")])
    assert info.value.message == "Baris 2: isi debit atau kredit (salah satu, lebih dari nol)."
    assert info.value.field == "lines[1].debit"


def test_negative_and_fractional_amounts_are_refused(coop):
    with pytest.raises(InvalidLine, match=r"Baris 1: jumlah tidak boleh negatif\."):
        post(coop, [LineInput("1-1100", debit=-5), LineInput("4-1110", credit=-5)])
    with pytest.raises(InvalidLine, match=r"Baris 1: jumlah harus bilangan bulat dalam sen\."):
        post(coop, [LineInput("1-1100", debit=5.5), LineInput("4-1110", credit=5.5)])


def test_a_header_account_is_refused(coop):
    with pytest.raises(AccountRefused) as info:
        post(coop, [LineInput("1-1000", debit=5), LineInput("4-1110", credit=5)])
    assert info.value.message == (
        "Baris 1: akun 1-1000 Aset Lancar adalah akun induk; pilih sub-akunnya."
    )


def test_another_cooperatives_account_is_refused(coop):
    other = factories.cooperative("64.09.01.2020")
    foreign = lf.account(other, "1-1100")
    with pytest.raises(AccountRefused) as info:
        post(coop, [LineInput(foreign, debit=5), LineInput("4-1110", credit=5)])
    assert info.value.message == "Baris 1: akun tidak ditemukan di bagan akun koperasi ini."
    assert info.value.field == "lines[0].account"


def test_an_inactive_account_is_refused(coop):
    deactivate_account(account=lf.account(coop, "6-1300"), actor=None)
    with pytest.raises(AccountRefused, match="sudah tidak aktif"):
        post(coop, [LineInput("6-1300", debit=5), LineInput("1-1100", credit=5)])


def test_a_control_account_takes_postings_only_from_its_owner(coop):
    lines = [LineInput("1-1100", debit=5), LineInput("3-1100", credit=5)]
    with pytest.raises(ControlAccountRefused) as info:
        post(coop, lines)
    assert info.value.message == (
        "Baris 2: akun 3-1100 Simpanan Pokok adalah akun kontrol; hanya modul simpanan "
        "yang dapat membukukannya."
    )
    assert post(coop, lines, source_app="savings").is_posted


def test_a_replay_with_the_same_key_and_content_returns_the_first_entry(coop):
    lines = [LineInput("1-1100", debit=5000), LineInput("4-1110", credit=5000)]
    first = post(coop, lines)
    again = post(coop, lines)
    assert again.pk == first.pk
    assert Entry.objects.count() == 1


def test_the_same_key_with_different_content_is_refused_with_409(coop):
    post(coop, [LineInput("1-1100", debit=5000), LineInput("4-1110", credit=5000)])
    with pytest.raises(IdempotencyConflict) as info:
        post(coop, [LineInput("1-1100", debit=6000), LineInput("4-1110", credit=6000)])
    assert info.value.status_code == 409
    assert info.value.message == (
        "Kunci idempotensi k-1 sudah dipakai untuk jurnal JU-2026-000001 dengan isi berbeda."
    )


def test_business_unit_and_member_number_are_kept_on_the_line(coop):
    from kopdes.cooperatives.models import BusinessUnit

    unit = BusinessUnit.objects.create(
        cooperative=coop, kind=BusinessUnit._meta.get_field("kind").choices[0][0]
    )
    entry = post(
        coop,
        [
            LineInput("1-1100", debit=700, business_unit=unit, member_number="A-001"),
            LineInput("4-1110", credit=700, business_unit=unit),
        ],
    )
    line = Line.objects.filter(entry_id=entry.pk).order_by("id").first()
    assert (line.business_unit_id, line.member_number) == (unit.pk, "A-001")


def test_a_unit_of_another_cooperative_is_refused(coop):
    from kopdes.cooperatives.models import BusinessUnit

    other = factories.cooperative("64.09.01.2020")
    unit = BusinessUnit.objects.create(
        cooperative=other, kind=BusinessUnit._meta.get_field("kind").choices[0][0]
    )
    with pytest.raises(InvalidLine, match="Baris 1: unit usaha tidak ditemukan"):
        post(
            coop, [LineInput("1-1100", debit=7, business_unit=unit), LineInput("4-1110", credit=7)]
        )


def test_post_entries_posts_a_batch_all_or_nothing(coop):
    good = EntryInput(
        business_date=DAY,
        lines=[LineInput("1-1100", debit=10), LineInput("4-1110", credit=10)],
        memo="a",
        source_app="ledger",
        idempotency_key="b-1",
    )
    bad = EntryInput(
        business_date=DAY,
        lines=[LineInput("1-1100", debit=10), LineInput("4-1110", credit=9)],
        memo="b",
        source_app="ledger",
        idempotency_key="b-2",
    )
    with pytest.raises(UnbalancedEntry, match="Jurnal ke-2: Jurnal tidak seimbang"):
        post_entries(cooperative=coop, actor=None, entries=[good, bad])
    assert not Entry.objects.exists()
    entries = post_entries(
        cooperative=coop, actor=None, entries=[good, {**good.__dict__, "idempotency_key": "b-3"}]
    )
    assert [e.number for e in entries] == ["JU-2026-000001", "JU-2026-000002"]
    replay = post_entries(cooperative=coop, actor=None, entries=[good])
    assert replay[0].pk == entries[0].pk


def test_reverse_entry_posts_the_mirror_once(coop):
    original = lf.entry(coop, amount=2500)
    mirror = reverse_entry(
        entry=original, actor=None, business_date=DAY, memo="Salah catat", idempotency_key="r-1"
    )
    assert mirror.reverses_id == original.pk
    rows = trial_balance(cooperative=coop, start=date(2026, 1, 1), end=date(2026, 1, 31))
    assert all(row.closing == 0 for row in rows)
    again = reverse_entry(
        entry=original, actor=None, business_date=DAY, memo="Salah catat", idempotency_key="r-1"
    )
    assert again.pk == mirror.pk
    with pytest.raises(AlreadyReversed) as info:
        reverse_entry(
            entry=original, actor=None, business_date=DAY, memo="Lagi", idempotency_key="r-2"
        )
    assert info.value.message == "Jurnal JU-2026-000001 sudah dibalik dengan JU-2026-000002."
