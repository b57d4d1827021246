"""The database itself refuses to break the journal, on SQLite and PostgreSQL.

Every statement here bypasses the ORM and the services (``connection.cursor()``).
One guarantee set, two mechanisms (ADR 0004, ADR 0008): SQLite inserts a draft
and checks at the flip to posted; PostgreSQL inserts the entry posted and
checks its balance at commit (a deferred constraint trigger). Tests of one
mechanism are marked ``sqlite_only`` / ``postgres_only``; the rest hold on both.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import DatabaseError, connection, models, transaction

from kopdes.ledger.models import Entry, Line
from kopdes.ledger.triggers import (
    drop_before_migrate,
    drop_triggers,
    expected_triggers,
    install_triggers,
    installed_triggers,
    reinstall_after_migrate,
)
from kopdes.testing import factories
from kopdes.testing import ledger_factories as lf

DAY = date(2026, 1, 15)
POSTGRES = connection.vendor == "postgresql"
sqlite_only = pytest.mark.skipif(POSTGRES, reason="SQLite's draft → posted mechanism")
postgres_only = pytest.mark.skipif(not POSTGRES, reason="PostgreSQL's deferred check")
# How a raw INSERT writes an entry the guards accept on this engine.
NEW_STATUS = "posted" if POSTGRES else "draft"


def refused(sql: str, params: list | None = None) -> str:
    """Run raw SQL that must fail in the database; return the error text."""
    with pytest.raises(DatabaseError) as info, transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, params or [])
    return str(info.value)


@pytest.fixture
def posted(db):
    coop = factories.cooperative("64.09.04.2015")
    return lf.entry(coop, amount=5000, on=DAY)


def _draft(entry: Entry, key: str, status: str = "draft") -> None:
    """A raw INSERT of an entry dated 15 January 2026 (no lines)."""
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO ledger_entry (cooperative_id, number, year, sequence, business_date, "
            "kind, status, memo, source_app, source_ref, idempotency_key, content_hash, "
            "created_at) VALUES (%s, %s, 2026, 99, %s, 'umum', %s, 'x', 'ledger', '', %s, '', %s)",
            [
                entry.cooperative_id,
                f"JU-2026-{key}",
                "2026-01-15",
                status,
                key,
                entry.created_at or "2026-01-15 00:00:00",
            ],
        )


def test_the_guards_exist_on_this_engine(db):
    assert installed_triggers() == expected_triggers(connection.vendor)
    assert len(installed_triggers()) >= 2


def test_updating_a_posted_line_is_refused_by_the_database(posted):
    message = refused("UPDATE ledger_line SET debit = debit + 1 WHERE entry_id = %s", [posted.pk])
    assert "ledger: baris jurnal yang sudah diposting tidak dapat diubah" in message


def test_deleting_a_posted_line_is_refused_by_the_database(posted):
    message = refused("DELETE FROM ledger_line WHERE entry_id = %s", [posted.pk])
    assert "ledger: baris jurnal yang sudah diposting tidak dapat diubah" in message
    assert Line.objects.filter(entry_id=posted.pk).count() == 2


@sqlite_only  # PostgreSQL: an entry of an earlier transaction (committed) below
def test_adding_a_line_to_a_posted_entry_is_refused(posted):
    line = Line.objects.filter(entry_id=posted.pk).first()
    message = refused(
        "INSERT INTO ledger_line (entry_id, cooperative_id, business_date, account_id, debit, "
        "credit, member_number, memo) VALUES (%s, %s, %s, %s, 1, 0, '', '')",
        [posted.pk, posted.cooperative_id, "2026-01-15", line.account_id],
    )
    assert "ledger: baris jurnal yang sudah diposting tidak dapat diubah" in message


@sqlite_only
def test_inserting_an_entry_straight_as_posted_is_refused(posted):
    with (
        pytest.raises(DatabaseError, match="ledger: jurnal harus dibuat sebagai draf"),
        transaction.atomic(),
    ):
        _draft(posted, "straight", status="posted")


@sqlite_only
def test_flipping_an_unbalanced_entry_to_posted_is_refused(posted):
    with transaction.atomic():
        _draft(posted, "unbalanced")
    draft = Entry.objects.get(idempotency_key="unbalanced")
    account = lf.account(posted.cooperative, "1-1100")
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO ledger_line (entry_id, cooperative_id, business_date, account_id, "
            "debit, credit, member_number, memo) VALUES (%s, %s, %s, %s, 100, 0, '', '')",
            [draft.pk, draft.cooperative_id, "2026-01-15", account.pk],
        )
    message = refused("UPDATE ledger_entry SET status = 'posted' WHERE id = %s", [draft.pk])
    assert "ledger: jurnal tidak seimbang atau nol, tidak dapat diposting" in message


@sqlite_only
def test_flipping_an_empty_entry_to_posted_is_refused(posted):
    with transaction.atomic():
        _draft(posted, "empty")
    draft = Entry.objects.get(idempotency_key="empty")
    message = refused("UPDATE ledger_entry SET status = 'posted' WHERE id = %s", [draft.pk])
    assert "ledger: jurnal tidak seimbang atau nol" in message


def test_unposting_or_renumbering_a_posted_entry_is_refused(posted):
    for sql in (
        "UPDATE ledger_entry SET status = 'draft' WHERE id = %s",
        "UPDATE ledger_entry SET number = 'JU-2026-999999' WHERE id = %s",
        "UPDATE ledger_entry SET business_date = '2026-01-20' WHERE id = %s",
    ):
        assert "ledger: jurnal yang sudah diposting tidak dapat diubah" in refused(sql, [posted.pk])


def test_deleting_a_posted_entry_is_refused(posted):
    message = refused("DELETE FROM ledger_entry WHERE id = %s", [posted.pk])
    assert "ledger: jurnal yang sudah diposting tidak dapat dihapus" in message


@sqlite_only
def test_a_line_on_another_cooperatives_account_is_refused(posted):
    other = factories.cooperative("64.09.01.2020")
    with transaction.atomic():
        _draft(posted, "foreign")
    draft = Entry.objects.get(idempotency_key="foreign")
    message = refused(
        "INSERT INTO ledger_line (entry_id, cooperative_id, business_date, account_id, debit, "
        "credit, member_number, memo) VALUES (%s, %s, %s, %s, 1, 0, '', '')",
        [draft.pk, draft.cooperative_id, "2026-01-15", lf.account(other, "1-1100").pk],
    )
    assert "ledger: baris jurnal tidak cocok dengan jurnal atau akunnya" in message


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_guards_survive_a_migration_that_rebuilds_the_line_table():
    """The migrate path: pre_migrate drops the guards (SQLite cannot rebuild a table a
    trigger names), the rebuild runs, post_migrate re-creates them."""
    old_field = Line._meta.get_field("memo")
    new_field = models.CharField(max_length=250, blank=True)
    new_field.set_attributes_from_name("memo")
    new_field.model = Line
    try:
        drop_before_migrate(using="default")
        with connection.schema_editor() as editor:
            editor.alter_field(Line, old_field, new_field)
        reinstall_after_migrate(using="default")
        assert installed_triggers() == expected_triggers(connection.vendor)
    finally:
        with connection.schema_editor() as editor:
            drop_triggers()
            editor.alter_field(Line, new_field, old_field)
        install_triggers()
    assert installed_triggers() == expected_triggers(connection.vendor)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrate_recreates_the_guards_after_they_were_lost():
    drop_triggers()
    assert installed_triggers() == []
    from django.core.management import call_command

    call_command("migrate", verbosity=0, skip_checks=True)
    assert installed_triggers() == expected_triggers(connection.vendor)


@sqlite_only
def test_flipping_an_entry_dated_in_a_closed_month_is_refused(posted):
    from kopdes.ledger.models import Period

    with transaction.atomic():
        _draft(posted, "closedmonth")
    draft = Entry.objects.get(idempotency_key="closedmonth")
    with connection.cursor() as cur:
        for account, debit, credit in (("1-1100", 100, 0), ("4-1110", 0, 100)):
            cur.execute(
                "INSERT INTO ledger_line (entry_id, cooperative_id, business_date, account_id, "
                "debit, credit, member_number, memo) VALUES (%s, %s, %s, %s, %s, %s, '', '')",
                [
                    draft.pk,
                    draft.cooperative_id,
                    "2026-01-15",
                    lf.account(posted.cooperative, account).pk,
                    debit,
                    credit,
                ],
            )
    Period.objects.filter(cooperative_id=posted.cooperative_id).update(status="closed")
    message = refused("UPDATE ledger_entry SET status = 'posted' WHERE id = %s", [draft.pk])
    assert "ledger: periode jurnal tidak terbuka" in message


def _draft_with_lines(posted: Entry, key: str) -> Entry:
    """A balanced draft dated 15 January 2026 with its two lines (raw SQL)."""
    with transaction.atomic():
        _draft(posted, key)
    draft = Entry.objects.get(idempotency_key=key)
    with connection.cursor() as cur:
        for account, debit, credit in (("1-1100", 100, 0), ("4-1110", 0, 100)):
            cur.execute(
                "INSERT INTO ledger_line (entry_id, cooperative_id, business_date, account_id, "
                "debit, credit, member_number, memo) VALUES (%s, %s, %s, %s, %s, %s, '', '')",
                [
                    draft.pk,
                    draft.cooperative_id,
                    "2026-01-15",
                    lf.account(posted.cooperative, account).pk,
                    debit,
                    credit,
                ],
            )
    return draft


@sqlite_only
def test_a_flip_that_also_moves_the_entry_to_another_date_is_refused(posted):
    """Issue #7 defect 8: one UPDATE posting the entry and changing its date."""
    draft = _draft_with_lines(posted, "movedate")
    message = refused(
        "UPDATE ledger_entry SET status = 'posted', business_date = '2026-01-20' WHERE id = %s",
        [draft.pk],
    )
    assert "ledger: baris jurnal tidak cocok dengan jurnal atau akunnya" in message
    assert Entry.objects.get(pk=draft.pk).status == "draft"


@sqlite_only
def test_a_draft_moved_to_another_date_before_its_flip_is_refused_at_the_flip(posted):
    draft = _draft_with_lines(posted, "movedfirst")
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE ledger_entry SET business_date = '2026-01-20' WHERE id = %s", [draft.pk]
        )
    message = refused("UPDATE ledger_entry SET status = 'posted' WHERE id = %s", [draft.pk])
    assert "ledger: baris jurnal tidak cocok dengan jurnal atau akunnya" in message


@sqlite_only
def test_a_flip_that_also_moves_the_entry_to_another_cooperative_is_refused(posted):
    other = factories.cooperative("64.09.01.2020")
    lf.entry(other, on=DAY)  # an open January for the other cooperative
    draft = _draft_with_lines(posted, "movecoop")
    message = refused(
        "UPDATE ledger_entry SET status = 'posted', cooperative_id = %s WHERE id = %s",
        [other.pk, draft.pk],
    )
    assert "ledger:" in message
    assert Entry.objects.get(pk=draft.pk).status == "draft"


@sqlite_only
def test_a_reversal_link_cannot_be_set_on_an_existing_entry(posted):
    draft = _draft_with_lines(posted, "linklater")
    for target in (posted.pk, draft.pk):
        message = refused(
            "UPDATE ledger_entry SET reverses_id = %s WHERE id = %s", [posted.pk, target]
        )
        assert "ledger: tautan jurnal pembalik hanya dibuat oleh pembalikan jurnal" in message


def test_a_reversal_link_is_refused_on_an_entry_that_is_not_a_reversal(posted):
    with (
        pytest.raises(DatabaseError, match="ledger: tautan jurnal pembalik"),
        transaction.atomic(),
        connection.cursor() as cur,
    ):
        cur.execute(
            "INSERT INTO ledger_entry (cooperative_id, number, year, sequence, business_date, "
            "kind, status, memo, source_app, source_ref, idempotency_key, content_hash, "
            "reverses_id, created_at) VALUES (%s, 'JU-2026-000077', 2026, 77, '2026-01-15', "
            "'umum', %s, 'x', 'ledger', '', 'umumlink', '', %s, %s)",
            [posted.cooperative_id, NEW_STATUS, posted.pk, "2026-01-15 00:00:00"],
        )


def test_a_reversal_of_another_cooperatives_entry_is_refused(posted):
    other = factories.cooperative("64.09.01.2020")
    with (
        pytest.raises(DatabaseError, match="ledger: tautan jurnal pembalik"),
        transaction.atomic(),
        connection.cursor() as cur,
    ):
        cur.execute(
            "INSERT INTO ledger_entry (cooperative_id, number, year, sequence, business_date, "
            "kind, status, memo, source_app, source_ref, idempotency_key, content_hash, "
            "reverses_id, created_at) VALUES (%s, 'JU-2026-000078', 2026, 78, '2026-01-15', "
            "'pembalik', %s, 'x', 'ledger', '', 'asinglink', '', %s, %s)",
            [other.pk, NEW_STATUS, posted.pk, "2026-01-15 00:00:00"],
        )


# --- PostgreSQL: inserted posted, balance checked at commit (ADR 0008) -----------


def _line(entry_id: int, coop_id: int, account_id: int, debit: int, credit: int,
          day: str = "2026-01-15") -> None:  # fmt: skip
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO ledger_line (entry_id, cooperative_id, business_date, account_id, "
            "debit, credit, member_number, memo) VALUES (%s, %s, %s, %s, %s, %s, '', '')",
            [entry_id, coop_id, day, account_id, debit, credit],
        )


def _at_commit() -> None:
    """Fire the checks deferred to commit now (the test's transaction never commits)."""
    with connection.cursor() as cur:
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _hand_written(posted: Entry, key: str, legs: list[tuple[str, int, int]]) -> Entry:
    """An entry inserted posted with the given (account code, debit, credit) lines."""
    _draft(posted, key, status="posted")
    entry = Entry.objects.get(idempotency_key=key)
    for code, debit, credit in legs:
        account = lf.account(posted.cooperative, code)
        _line(entry.pk, entry.cooperative_id, account.pk, debit, credit)
    return entry


def _written_and_committed(posted: Entry, key: str, legs: list[tuple[str, int, int]]) -> None:
    _hand_written(posted, key, legs)
    _at_commit()


@postgres_only
def test_postgres_refuses_a_draft_and_any_flip(posted):
    with (
        pytest.raises(DatabaseError, match="ledger: jurnal harus dibuat langsung terposting"),
        transaction.atomic(),
    ):
        _draft(posted, "adraft", status="draft")
    message = refused("UPDATE ledger_entry SET status = 'draft' WHERE id = %s", [posted.pk])
    assert "ledger: jurnal yang sudah diposting tidak dapat diubah" in message


@postgres_only
@pytest.mark.parametrize("legs", [[("1-1100", 100, 0)], []], ids=["unbalanced", "empty"])
def test_postgres_refuses_an_unbalanced_or_empty_entry_at_commit(posted, legs):
    with (
        pytest.raises(DatabaseError, match="ledger: jurnal tidak seimbang atau nol"),
        transaction.atomic(),
    ):
        _written_and_committed(posted, "refused", legs)


@postgres_only
def test_postgres_accepts_a_balanced_entry_written_by_hand(posted):
    with transaction.atomic():
        _written_and_committed(posted, "byhand", [("1-1100", 70, 0), ("4-1110", 0, 70)])
    assert Entry.objects.get(idempotency_key="byhand").status == "posted"


@postgres_only
def test_postgres_refuses_lines_dated_unlike_their_entry_or_on_a_foreign_account(posted):
    other = factories.cooperative("64.09.01.2020")
    kas = lf.account(posted.cooperative, "1-1100")
    for account_id, day in ((kas.pk, "2026-01-20"), (lf.account(other, "1-1100").pk, "2026-01-15")):
        with (
            pytest.raises(DatabaseError, match="ledger: baris jurnal tidak cocok"),
            transaction.atomic(),
        ):
            _entry_with_a_line(posted, account_id, day)


def _entry_with_a_line(posted: Entry, account_id: int, day: str) -> None:
    _draft(posted, "mismatch", status="posted")
    entry = Entry.objects.get(idempotency_key="mismatch")
    _line(entry.pk, entry.cooperative_id, account_id, 1, 0, day)


@postgres_only
def test_postgres_refuses_an_entry_in_a_closed_month_at_insert(posted):
    from kopdes.ledger.models import Period

    Period.objects.filter(cooperative_id=posted.cooperative_id).update(status="closed")
    with (
        pytest.raises(DatabaseError, match="ledger: periode jurnal tidak terbuka"),
        transaction.atomic(),
    ):
        _draft(posted, "closedmonth", status="posted")


@postgres_only
def test_postgres_refuses_moving_or_relinking_a_posted_entry(posted):
    other = factories.cooperative("64.09.01.2020")
    for sql, params in (
        ("UPDATE ledger_entry SET cooperative_id = %s WHERE id = %s", [other.pk, posted.pk]),
        ("UPDATE ledger_entry SET posting_xact = NULL WHERE id = %s", [posted.pk]),
    ):
        assert "ledger: jurnal yang sudah diposting tidak dapat diubah" in refused(sql, params)
    message = refused("UPDATE ledger_entry SET reverses_id = id WHERE id = %s", [posted.pk])
    assert "ledger: tautan jurnal pembalik" in message


@postgres_only
def test_postgres_refuses_a_forged_writer_transaction(posted):
    """Only the writing transaction may add lines, so its id cannot be supplied."""
    message = refused(
        "INSERT INTO ledger_entry (cooperative_id, number, year, sequence, "
        "business_date, kind, status, memo, source_app, source_ref, idempotency_key, "
        "content_hash, created_at, posting_xact) VALUES (%s, 'JU-2026-000090', 2026, "
        "90, '2026-01-15', 'umum', 'posted', 'x', 'ledger', '', 'forged', '', now(), "
        "'1'::xid8)",
        [posted.cooperative_id],
    )
    assert "ledger: jurnal yang sudah diposting tidak dapat diubah" in message


def _two_lines(entry: Entry, kas: int, sales: int) -> None:
    _line(entry.pk, entry.cooperative_id, kas, 10, 0)
    _line(entry.pk, entry.cooperative_id, sales, 0, 10)


@postgres_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_postgres_committed_entries_are_closed_to_new_lines_and_bad_ones_never_commit():
    """Real commits: an entry of an earlier transaction takes no line, not even a
    balanced pair; an unbalanced or empty one is refused when its transaction commits."""
    coop = factories.cooperative("64.09.04.2015")
    old = lf.entry(coop, amount=5000, on=DAY)
    kas, sales = lf.account(coop, "1-1100").pk, lf.account(coop, "4-1110").pk
    with (
        pytest.raises(DatabaseError, match="ledger: baris jurnal yang sudah diposting"),
        transaction.atomic(),
    ):
        _two_lines(old, kas, sales)
    for key, legs in (("unbalanced", [("1-1100", 10, 0)]), ("empty", [])):
        # The outermost block: its exit is the COMMIT, where the check runs.
        with (
            pytest.raises(DatabaseError, match="ledger: jurnal tidak seimbang atau nol"),
            transaction.atomic(),
        ):
            _hand_written(old, key, legs)
        assert not Entry.objects.filter(idempotency_key=key).exists()
    assert Line.objects.filter(entry_id=old.pk).count() == 2
