"""The database guards of the journal, on SQLite and PostgreSQL (docs/design.md rule 4).

One set of guarantees, two mechanisms (ADR 0004, ADR 0008):

* SQLite (no deferred triggers): an entry is inserted as *draft*, its lines
  are added, then one UPDATE flips it to *posted*; the flip checks that
  sum(debit) = sum(credit) > 0, that every line agrees with the entry as
  posted (the same UPDATE may have changed its date or cooperative) and that
  its month is an open period.
* PostgreSQL: an entry is inserted already *posted* (a draft, or any flip,
  is refused) into an open month; its lines follow in the same transaction,
  and a constraint trigger deferred to commit refuses it unless it balances
  (sum > 0). A line may be added only by the transaction that wrote its entry
  (``posting_xact``, set from the column's default and never changed), so an
  entry committed earlier takes no new line, balanced or not.

On both, the triggers refuse

* a reversal link (``reverses_id``) except on the insert of a reversal
  ("pembalik") of a posted entry of the same cooperative, and any change of
  it afterwards;
* un-posting a posted entry, changing its key fields, deleting it;
* inserting, updating or deleting a line of a posted entry;
* a line whose cooperative or date differs from its entry's, or whose
  account belongs to another cooperative.

SQLite drops a table's triggers when a migration rebuilds the table, and
refuses to rebuild a table that another table's trigger names, so the guards
are dropped before every ``migrate`` (``pre_migrate``) and re-created after
it (``post_migrate``), as well as installed by a migration. All idempotent.
"""

# The SQL here is DDL assembled from this module's own constants, never input.
# ruff: noqa: S608

from __future__ import annotations

from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

# Messages start with "ledger:" so a caller (and a test) can recognise them.
MSG_INSERT_POSTED = "ledger: jurnal harus dibuat sebagai draf"
# PostgreSQL: the other way round (no draft, no flip; balance checked at commit).
MSG_INSERT_DRAFT = "ledger: jurnal harus dibuat langsung terposting, tanpa draf"
MSG_UNBALANCED = "ledger: jurnal tidak seimbang atau nol, tidak dapat diposting"
MSG_POSTED_FROZEN = "ledger: jurnal yang sudah diposting tidak dapat diubah"
MSG_POSTED_DELETE = "ledger: jurnal yang sudah diposting tidak dapat dihapus"
MSG_LINE_POSTED = "ledger: baris jurnal yang sudah diposting tidak dapat diubah"
MSG_LINE_MISMATCH = "ledger: baris jurnal tidak cocok dengan jurnal atau akunnya"
MSG_PERIOD_CLOSED = "ledger: periode jurnal tidak terbuka"
MSG_REVERSAL_LINK = (
    "ledger: tautan jurnal pembalik hanya dibuat oleh pembalikan jurnal "
    "(saat jurnal pembalik dibuat, ke jurnal terposting koperasi yang sama)"
)

# Fields of a posted entry that identify it; changing any is refused. The
# reversal link (reverses_id) has a guard of its own, for drafts too.
KEY_FIELDS = (
    "cooperative_id",
    "number",
    "year",
    "sequence",
    "business_date",
    "kind",
    "idempotency_key",
    "content_hash",
)

# Inserted with a link, the entry must be a reversal ("pembalik") of a posted
# entry of its own cooperative; a reversal always carries its link.
_SQLITE_BAD_LINK = """(NEW.kind IS 'pembalik') <> (NEW.reverses_id IS NOT NULL)
            OR (NEW.reverses_id IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM ledger_entry r WHERE r.id = NEW.reverses_id
                  AND r.cooperative_id = NEW.cooperative_id AND r.status = 'posted'))"""
# The flip: from anything but posted to anything but draft.
_SQLITE_FLIP = "OLD.status IS NOT 'posted' AND NEW.status IS NOT 'draft'"

SQLITE_TRIGGERS: dict[str, str] = {
    "ledger_entry_insert_draft": f"""
        CREATE TRIGGER ledger_entry_insert_draft BEFORE INSERT ON ledger_entry
        WHEN NEW.status IS NOT 'draft'
        BEGIN SELECT RAISE(ABORT, '{MSG_INSERT_POSTED}'); END""",
    "ledger_entry_insert_link": f"""
        CREATE TRIGGER ledger_entry_insert_link BEFORE INSERT ON ledger_entry
        WHEN {_SQLITE_BAD_LINK}
        BEGIN SELECT RAISE(ABORT, '{MSG_REVERSAL_LINK}'); END""",
    "ledger_entry_link_frozen": f"""
        CREATE TRIGGER ledger_entry_link_frozen BEFORE UPDATE OF reverses_id ON ledger_entry
        WHEN NEW.reverses_id IS NOT OLD.reverses_id
        BEGIN SELECT RAISE(ABORT, '{MSG_REVERSAL_LINK}'); END""",
    # The lines by their entry only, all of them (a line of another cooperative
    # is refused by the next trigger): with the cooperative in the WHERE, SQLite
    # summed through the balances index, i.e. every line of the cooperative, on
    # every flip, and posting slowed as the books grew (issue #7).
    "ledger_entry_post_balanced": f"""
        CREATE TRIGGER ledger_entry_post_balanced BEFORE UPDATE ON ledger_entry
        WHEN {_SQLITE_FLIP} AND (
            SELECT COALESCE(SUM(debit), 0) <> COALESCE(SUM(credit), 0)
                OR COALESCE(SUM(debit), 0) <= 0
            FROM ledger_line WHERE entry_id = NEW.id)
        BEGIN SELECT RAISE(ABORT, '{MSG_UNBALANCED}'); END""",
    # Issue #7 defect 8: the flip may come with a new date or cooperative in
    # the same UPDATE; every line must still agree with the entry as posted.
    "ledger_entry_post_lines_match": f"""
        CREATE TRIGGER ledger_entry_post_lines_match BEFORE UPDATE ON ledger_entry
        WHEN {_SQLITE_FLIP} AND EXISTS (
            SELECT 1 FROM ledger_line WHERE entry_id = NEW.id
              AND (cooperative_id IS NOT NEW.cooperative_id
                   OR business_date IS NOT NEW.business_date))
        BEGIN SELECT RAISE(ABORT, '{MSG_LINE_MISMATCH}'); END""",
    "ledger_entry_post_open_period": f"""
        CREATE TRIGGER ledger_entry_post_open_period BEFORE UPDATE ON ledger_entry
        WHEN {_SQLITE_FLIP} AND NOT EXISTS (
            SELECT 1 FROM ledger_period
            WHERE cooperative_id = NEW.cooperative_id AND status = 'open'
              AND year = CAST(strftime('%Y', NEW.business_date) AS INTEGER)
              AND month = CAST(strftime('%m', NEW.business_date) AS INTEGER))
        BEGIN SELECT RAISE(ABORT, '{MSG_PERIOD_CLOSED}'); END""",
    "ledger_entry_posted_frozen": f"""
        CREATE TRIGGER ledger_entry_posted_frozen BEFORE UPDATE ON ledger_entry
        WHEN OLD.status IS 'posted' AND NEW.reverses_id IS OLD.reverses_id
            AND (NEW.status IS NOT 'posted'
                 OR {" OR ".join(f"NEW.{f} IS NOT OLD.{f}" for f in KEY_FIELDS)})
        BEGIN SELECT RAISE(ABORT, '{MSG_POSTED_FROZEN}'); END""",
    "ledger_entry_posted_delete": f"""
        CREATE TRIGGER ledger_entry_posted_delete BEFORE DELETE ON ledger_entry
        WHEN OLD.status IS 'posted'
        BEGIN SELECT RAISE(ABORT, '{MSG_POSTED_DELETE}'); END""",
    "ledger_line_insert_draft": f"""
        CREATE TRIGGER ledger_line_insert_draft BEFORE INSERT ON ledger_line
        WHEN EXISTS (
            SELECT 1 FROM ledger_entry WHERE id = NEW.entry_id
              AND cooperative_id = NEW.cooperative_id AND status IS NOT 'draft')
        BEGIN SELECT RAISE(ABORT, '{MSG_LINE_POSTED}'); END""",
    "ledger_line_insert_match": f"""
        CREATE TRIGGER ledger_line_insert_match BEFORE INSERT ON ledger_line
        WHEN NOT EXISTS (
            SELECT 1 FROM ledger_entry e, ledger_account a
            WHERE e.id = NEW.entry_id AND a.id = NEW.account_id
              AND e.cooperative_id = NEW.cooperative_id
              AND a.cooperative_id = NEW.cooperative_id
              AND e.business_date = NEW.business_date)
        BEGIN SELECT RAISE(ABORT, '{MSG_LINE_MISMATCH}'); END""",
    "ledger_line_update_posted": f"""
        CREATE TRIGGER ledger_line_update_posted BEFORE UPDATE ON ledger_line
        WHEN EXISTS (
            SELECT 1 FROM ledger_entry WHERE status IS 'posted'
              AND ((id = OLD.entry_id AND cooperative_id = OLD.cooperative_id)
                OR (id = NEW.entry_id AND cooperative_id = NEW.cooperative_id)))
        BEGIN SELECT RAISE(ABORT, '{MSG_LINE_POSTED}'); END""",
    "ledger_line_delete_posted": f"""
        CREATE TRIGGER ledger_line_delete_posted BEFORE DELETE ON ledger_line
        WHEN EXISTS (
            SELECT 1 FROM ledger_entry WHERE id = OLD.entry_id
              AND cooperative_id = OLD.cooperative_id AND status IS 'posted')
        BEGIN SELECT RAISE(ABORT, '{MSG_LINE_POSTED}'); END""",
}

_PG_KEY_CHANGED = " OR ".join(
    f"NEW.{f} IS DISTINCT FROM OLD.{f}" for f in (*KEY_FIELDS, "posting_xact")
)

# PostgreSQL (ADR 0008): an entry is inserted already posted; its lines follow
# in the same transaction (our service: the same statement), and a constraint
# trigger deferred to commit checks the balance. ``posting_xact`` (a column the
# guards own, set by the insert guard, never changed) names the transaction
# that wrote the entry: only that transaction may add lines to it.
# Added, then given its default (no table rewrite; rows written before stay
# NULL, so no transaction may add lines to them).
PG_XACT_COLUMN = (
    "ALTER TABLE ledger_entry ADD COLUMN posting_xact xid8; "
    "ALTER TABLE ledger_entry ALTER COLUMN posting_xact SET DEFAULT pg_current_xact_id()"
)
# The deferred balance check, by name: the posting service fires it early
# (SET CONSTRAINTS ... IMMEDIATE) when it runs inside a caller's transaction.
PG_BALANCE_TRIGGER = "ledger_entry_balanced"

POSTGRES_FUNCTIONS: dict[str, str] = {
    "ledger_entry_guard": f"""
        CREATE OR REPLACE FUNCTION ledger_entry_guard() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW.status IS DISTINCT FROM 'posted' THEN
                    RAISE EXCEPTION '{MSG_INSERT_DRAFT}' USING ERRCODE = 'check_violation';
                END IF;
                IF (NEW.kind = 'pembalik') IS DISTINCT FROM (NEW.reverses_id IS NOT NULL)
                   OR (NEW.reverses_id IS NOT NULL AND NOT EXISTS (
                        SELECT 1 FROM ledger_entry r WHERE r.id = NEW.reverses_id
                           AND r.cooperative_id = NEW.cooperative_id
                           AND r.status = 'posted')) THEN
                    RAISE EXCEPTION '{MSG_REVERSAL_LINK}' USING ERRCODE = 'check_violation';
                END IF;
                -- Read after the numbering lock close_month also takes: fresh.
                IF NOT EXISTS (
                    SELECT 1 FROM ledger_period
                     WHERE cooperative_id = NEW.cooperative_id AND status = 'open'
                       AND year = EXTRACT(YEAR FROM NEW.business_date)::int
                       AND month = EXTRACT(MONTH FROM NEW.business_date)::int) THEN
                    RAISE EXCEPTION '{MSG_PERIOD_CLOSED}' USING ERRCODE = 'check_violation';
                END IF;
                -- Filled by the column's default; a value of one's own is refused.
                IF NEW.posting_xact IS DISTINCT FROM pg_current_xact_id() THEN
                    RAISE EXCEPTION '{MSG_POSTED_FROZEN}' USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            ELSIF TG_OP = 'DELETE' THEN
                IF OLD.status = 'posted' THEN
                    RAISE EXCEPTION '{MSG_POSTED_DELETE}' USING ERRCODE = 'check_violation';
                END IF;
                RETURN OLD;
            END IF;
            IF NEW.reverses_id IS DISTINCT FROM OLD.reverses_id THEN
                RAISE EXCEPTION '{MSG_REVERSAL_LINK}' USING ERRCODE = 'check_violation';
            END IF;
            IF OLD.status = 'posted' THEN
                IF NEW.status IS DISTINCT FROM 'posted' OR {_PG_KEY_CHANGED} THEN
                    RAISE EXCEPTION '{MSG_POSTED_FROZEN}' USING ERRCODE = 'check_violation';
                END IF;
            ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
                -- No flip here: an entry is posted when it is inserted.
                RAISE EXCEPTION '{MSG_INSERT_DRAFT}' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $$""",
    # Deferred to commit, once per entry: by then every line is in.
    "ledger_entry_balanced": f"""
        CREATE OR REPLACE FUNCTION ledger_entry_balanced() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE total_debit bigint; total_credit bigint; mismatch boolean;
        BEGIN
            -- The lines by their entry, all of them: one of another date or
            -- cooperative would be seen and refused.
            SELECT COALESCE(SUM(debit), 0), COALESCE(SUM(credit), 0),
                   COALESCE(bool_or(cooperative_id <> NEW.cooperative_id
                                    OR business_date <> NEW.business_date), FALSE)
              INTO total_debit, total_credit, mismatch
              FROM ledger_line WHERE entry_id = NEW.id;
            IF mismatch THEN
                RAISE EXCEPTION '{MSG_LINE_MISMATCH}' USING ERRCODE = 'check_violation';
            END IF;
            IF total_debit <> total_credit OR total_debit <= 0 THEN
                RAISE EXCEPTION '{MSG_UNBALANCED}' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NULL;
        END $$""",
    # Row-level: two look-ups by primary key on plans PostgreSQL keeps. (A
    # statement trigger over a transition table was re-planned on every
    # INSERT and cost more than the rest of the posting, ADR 0008.)
    "ledger_line_insert_guard": f"""
        CREATE OR REPLACE FUNCTION ledger_line_insert_guard() RETURNS trigger
        LANGUAGE plpgsql AS $$
        DECLARE written_by xid8;
        BEGIN
            SELECT e.posting_xact INTO written_by
              FROM ledger_entry e, ledger_account a
             WHERE e.id = NEW.entry_id AND a.id = NEW.account_id
               AND e.cooperative_id = NEW.cooperative_id
               AND a.cooperative_id = NEW.cooperative_id
               AND e.business_date = NEW.business_date;
            IF NOT FOUND THEN
                RAISE EXCEPTION '{MSG_LINE_MISMATCH}' USING ERRCODE = 'check_violation';
            END IF;
            -- An entry written by an earlier transaction is posted for good.
            IF written_by IS DISTINCT FROM pg_current_xact_id() THEN
                RAISE EXCEPTION '{MSG_LINE_POSTED}' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $$""",
    "ledger_line_change_guard": f"""
        CREATE OR REPLACE FUNCTION ledger_line_change_guard() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM ledger_entry WHERE id = OLD.entry_id
                         AND cooperative_id = OLD.cooperative_id AND status = 'posted') THEN
                RAISE EXCEPTION '{MSG_LINE_POSTED}' USING ERRCODE = 'check_violation';
            END IF;
            IF TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM ledger_entry WHERE id = NEW.entry_id
                         AND cooperative_id = NEW.cooperative_id AND status = 'posted') THEN
                RAISE EXCEPTION '{MSG_LINE_POSTED}' USING ERRCODE = 'check_violation';
            END IF;
            IF TG_OP = 'DELETE' THEN
                RETURN OLD;
            END IF;
            IF NOT EXISTS (
                SELECT 1 FROM ledger_entry e JOIN ledger_account a ON a.id = NEW.account_id
                 WHERE e.id = NEW.entry_id AND e.cooperative_id = NEW.cooperative_id
                   AND a.cooperative_id = NEW.cooperative_id
                   AND e.business_date = NEW.business_date) THEN
                RAISE EXCEPTION '{MSG_LINE_MISMATCH}' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $$""",
}

POSTGRES_TRIGGERS: dict[str, str] = {
    "ledger_entry_guard": """
        CREATE TRIGGER ledger_entry_guard BEFORE INSERT OR UPDATE OR DELETE ON ledger_entry
        FOR EACH ROW EXECUTE FUNCTION ledger_entry_guard()""",
    "ledger_entry_balanced": """
        CREATE CONSTRAINT TRIGGER ledger_entry_balanced AFTER INSERT ON ledger_entry
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION ledger_entry_balanced()""",
    "ledger_line_insert_guard": """
        CREATE TRIGGER ledger_line_insert_guard BEFORE INSERT ON ledger_line
        FOR EACH ROW EXECUTE FUNCTION ledger_line_insert_guard()""",
    "ledger_line_change_guard": """
        CREATE TRIGGER ledger_line_change_guard BEFORE UPDATE OR DELETE ON ledger_line
        FOR EACH ROW EXECUTE FUNCTION ledger_line_change_guard()""",
}


def expected_triggers(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return sorted(POSTGRES_TRIGGERS)
    return sorted(SQLITE_TRIGGERS)


def install_triggers(connection: BaseDatabaseWrapper | None = None) -> None:
    """(Re-)create every guard; idempotent."""
    connection = connection or connections["default"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # An earlier design used one row-level line trigger.
            cursor.execute("DROP TRIGGER IF EXISTS ledger_line_guard ON ledger_line")
            cursor.execute("DROP FUNCTION IF EXISTS ledger_line_guard()")
            cursor.execute(
                "SELECT 1 FROM pg_attribute WHERE attrelid = 'ledger_entry'::regclass "
                "AND attname = 'posting_xact' AND NOT attisdropped"
            )
            if cursor.fetchone() is None:
                cursor.execute(PG_XACT_COLUMN)
            for sql in POSTGRES_FUNCTIONS.values():
                cursor.execute(sql)
            for name, sql in POSTGRES_TRIGGERS.items():
                table = "ledger_entry" if name.startswith("ledger_entry") else "ledger_line"
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                cursor.execute(sql)
        elif connection.vendor == "sqlite":
            for name, sql in SQLITE_TRIGGERS.items():
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
                cursor.execute(sql)
        else:  # pragma: no cover - only the two engines are supported
            raise NotImplementedError(connection.vendor)


def drop_triggers(connection: BaseDatabaseWrapper | None = None) -> None:
    """Remove the guards (migrations reversing, and test tear-downs that flush)."""
    connection = connection or connections["default"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name in POSTGRES_TRIGGERS:
                table = "ledger_entry" if name.startswith("ledger_entry") else "ledger_line"
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        else:
            for name in SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def installed_triggers(connection: BaseDatabaseWrapper | None = None) -> list[str]:
    """Names of the ledger guards present in the database, sorted."""
    connection = connection or connections["default"]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal "
                "AND tgrelid IN ('ledger_entry'::regclass, 'ledger_line'::regclass)"
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name IN ('ledger_entry', 'ledger_line')"
            )
        return sorted(row[0] for row in cursor.fetchall())


def missing_triggers(connection: BaseDatabaseWrapper | None = None) -> list[str]:
    connection = connection or connections["default"]
    present = set(installed_triggers(connection))
    return [name for name in expected_triggers(connection.vendor) if name not in present]


def drop_before_migrate(*, using: str = "default", **_: Any) -> None:
    """``pre_migrate`` receiver: SQLite refuses to rebuild a table that another
    table's trigger names (ledger_entry's guard reads ledger_line), so the
    guards step aside while migrations run and come back in ``post_migrate``."""
    connection = connections[using]
    if "ledger_entry" in connection.introspection.table_names():
        drop_triggers(connection)


def reinstall_after_migrate(*, using: str = "default", **_: Any) -> None:
    """``post_migrate`` receiver: SQLite may have rebuilt (and so stripped) the tables."""
    connection = connections[using]
    if "ledger_entry" in connection.introspection.table_names():
        install_triggers(connection)
