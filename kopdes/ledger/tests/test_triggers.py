"""The database itself refuses to break the journal, on SQLite and PostgreSQL.

Every statement here bypasses the ORM and the services (``connection.cursor()``).
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


def test_adding_a_line_to_a_posted_entry_is_refused(posted):
    line = Line.objects.filter(entry_id=posted.pk).first()
    message = refused(
        "INSERT INTO ledger_line (entry_id, cooperative_id, business_date, account_id, debit, "
        "credit, member_number, memo) VALUES (%s, %s, %s, %s, 1, 0, '', '')",
        [posted.pk, posted.cooperative_id, "2026-01-15", line.account_id],
    )
    assert "ledger: baris jurnal yang sudah diposting tidak dapat diubah" in message


def test_inserting_an_entry_straight_as_posted_is_refused(posted):
    with (
        pytest.raises(DatabaseError, match="ledger: jurnal harus dibuat sebagai draf"),
        transaction.atomic(),
    ):
        _draft(posted, "straight", status="posted")


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


def test_a_flip_that_also_moves_the_entry_to_another_date_is_refused(posted):
    """Issue #7 defect 8: one UPDATE posting the entry and changing its date."""
    draft = _draft_with_lines(posted, "movedate")
    message = refused(
        "UPDATE ledger_entry SET status = 'posted', business_date = '2026-01-20' WHERE id = %s",
        [draft.pk],
    )
    assert "ledger: baris jurnal tidak cocok dengan jurnal atau akunnya" in message
    assert Entry.objects.get(pk=draft.pk).status == "draft"


def test_a_draft_moved_to_another_date_before_its_flip_is_refused_at_the_flip(posted):
    draft = _draft_with_lines(posted, "movedfirst")
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE ledger_entry SET business_date = '2026-01-20' WHERE id = %s", [draft.pk]
        )
    message = refused("UPDATE ledger_entry SET status = 'posted' WHERE id = %s", [draft.pk])
    assert "ledger: baris jurnal tidak cocok dengan jurnal atau akunnya" in message


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
            "'umum', 'draft', 'x', 'ledger', '', 'umumlink', '', %s, %s)",
            [posted.cooperative_id, posted.pk, "2026-01-15 00:00:00"],
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
            "'pembalik', 'draft', 'x', 'ledger', '', 'asinglink', '', %s, %s)",
            [other.pk, posted.pk, "2026-01-15 00:00:00"],
        )
