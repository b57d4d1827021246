"""The statements that write a batch, on the driver's own cursor (ADR 0008).

On PostgreSQL a ``post_entry`` is four round trips, as many as django-hordak's
header, legs and commit with its BEGIN:

1. ``BEGIN`` (psycopg's), then one statement that bumps the year's entry
   counter by the batch's size (the lock that keeps numbers gapless, ADR 0004)
   and reads the look-ups (``lookups.query``) in a ``UNION ALL``;
2. one statement inserting the entries, already posted, and their lines (a
   data-modifying ``WITH``); the commit then runs the deferred balance check
   (inside a caller's transaction the check is fired before we return);
3. ``COMMIT``.

SQLite runs the counter bump, the look-ups, the drafts, their lines and the
flip to posted in turn on its in-process cursor. Inserted ids are mapped by
(year, sequence) from what ``RETURNING`` gives back, never by position or
order. Every value travels as a parameter; the SQL text is cached per shape
so the driver (and PostgreSQL's prepared statements) reuse it. No psycopg
pipeline: on this load its extra waits cost more than the round trips saved.
"""

# ruff: noqa: S608  (the SQL interpolates placeholders and fixed text only)
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.db import connection

from kopdes.ledger.models import Entry, EntryStatus
from kopdes.ledger.services.posting import lookups
from kopdes.ledger.triggers import PG_BALANCE_TRIGGER

if TYPE_CHECKING:
    from kopdes.accounts.models import User
    from kopdes.cooperatives.models import Cooperative
    from kopdes.ledger.services.posting.validation import EntryInput, Prepared

MAX_ENTRIES, MAX_LINES = 400, 2000  # per statement: far inside both engines' parameter limits

ENTRY_COLUMNS = (
    "cooperative_id, number, year, sequence, business_date, kind, status, memo, source_app, "
    "source_ref, idempotency_key, content_hash, reverses_id, created_by_id, created_at"
)
LINE_COLUMNS = (
    "entry_id, cooperative_id, business_date, account_id, debit, credit, business_unit_id, "
    "member_number, memo"
)
BUMP = (
    "UPDATE ledger_entrycounter SET last_number = last_number + {m} "
    "WHERE cooperative_id = {m} AND year = {m} RETURNING last_number"
)
CREATE_COUNTER = (
    "INSERT INTO ledger_entrycounter (cooperative_id, year, last_number) "
    "VALUES ({m}, {m}, 0) ON CONFLICT (cooperative_id, year) DO NOTHING"
)


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _mark() -> str:
    return "%s" if _postgres() else "?"


def _cursor() -> Any:
    connection.ensure_connection()
    raw = connection.connection
    if _postgres():
        import psycopg

        return psycopg.Cursor(raw)  # server-side binding: prepared statements
    return raw.cursor()


def open_batch(
    cooperative: Cooperative, items: list[EntryInput], cache: lookups.Cache
) -> dict[int, tuple[int, int]]:
    """Lock and bump each year's counter by its entries; fill ``cache``.

    Returns year -> (last number after the bump, entries counted).
    """
    years = Counter(i.business_date.year for i in items if isinstance(i.business_date, date))
    mark = _mark()
    bump = BUMP.format(m=mark)
    read = lookups.query(cooperative.pk, items, mark)
    rows: dict[int, Any] = {}
    found: list[tuple[Any, ...]] = []
    with connection.wrap_database_errors:
        cursor = _cursor()
        if _postgres() and len(years) == 1:
            # One round trip: the bump and the look-ups in one statement. The
            # look-ups' snapshot may predate the lock if we waited for it; a key
            # another poster stored meanwhile then fails our insert (unique) and
            # ``_post`` retries, and the month's status is read again, fresh,
            # by the insert's guard.
            (year,) = years
            sql = f"WITH c AS ({bump}) SELECT 'c', last_number, '', '', FALSE, FALSE, '', '' FROM c"
            params: list[Any] = [years[year], cooperative.pk, year]
            if read is not None:
                sql += " UNION ALL " + read[0]
                params += read[1]
            cursor.execute(sql, params)
            for row in cursor.fetchall():
                if row[0] == "c":
                    rows[year] = (row[1],)
                else:
                    found.append(row)
            rows.setdefault(year, None)
        else:
            # Several years: bumped one by one in year order (a fixed lock order).
            for year in sorted(years):
                cursor.execute(bump, [years[year], cooperative.pk, year])
                rows[year] = cursor.fetchone()
            if read is not None:
                cursor.execute(*read)
                found = cursor.fetchall()
        bumped: dict[int, tuple[int, int]] = {}
        for year, row in rows.items():
            if row is None:
                # The year's first entry: create its counter (a racing creator
                # wins; ON CONFLICT keeps out of its way), then bump under the lock.
                cursor.execute(CREATE_COUNTER.format(m=mark), [cooperative.pk, year])
                cursor.execute(bump, [years[year], cooperative.pk, year])
                row = cursor.fetchone()
            bumped[year] = (int(row[0]), years[year])
    lookups.absorb(found, cache)
    return bumped


def number(fresh: list[Prepared], bumped: dict[int, tuple[int, int]]) -> list[tuple[int, int]]:
    """Numbers for the entries to write, in batch order within each year.

    Returns (year, count) to give back to counters bumped for entries that
    turned out to be replays, so the numbering stays gapless.
    """
    used: Counter[int] = Counter()
    for item in fresh:
        year = item.data.business_date.year
        last, counted = bumped[year]
        item.year = year
        item.sequence = last - counted + 1 + used[year]
        item.number = f"JU-{year}-{item.sequence:06d}"
        used[year] += 1
    return [
        (year, counted - used[year])
        for year, (_, counted) in bumped.items()
        if counted > used[year]
    ]


@lru_cache(maxsize=256)
def _postgres_insert(entry_count: int, line_count: int) -> str:
    entries = ",".join(["(" + ",".join(["%s"] * 15) + ")"] * entry_count)
    types = ("int", "int", "bigint", "date", "bigint", "bigint", "bigint", "bigint", "text", "text")
    line = "(" + ",".join(f"%s::{t}" for t in types) + ")"
    lines = ",".join([line] * line_count)
    return (
        f"WITH e AS (INSERT INTO ledger_entry ({ENTRY_COLUMNS}) VALUES {entries} "
        "RETURNING id, year, sequence), "
        f"l AS (INSERT INTO ledger_line ({LINE_COLUMNS}) "
        "SELECT e.id, v.c, v.d, v.a, v.dr, v.cr, v.u, v.m, v.memo "
        f"FROM (VALUES {lines}) AS v (y, s, c, d, a, dr, cr, u, m, memo) "
        "JOIN e ON e.year = v.y AND e.sequence = v.s) "
        "SELECT id, year, sequence FROM e"
    )


@lru_cache(maxsize=256)
def _sqlite_entries(count: int) -> str:
    values = ",".join(["(" + ",".join(["?"] * 15) + ")"] * count)
    return (
        f"INSERT INTO ledger_entry ({ENTRY_COLUMNS}) VALUES {values} RETURNING id, year, sequence"
    )


@lru_cache(maxsize=256)
def _sqlite_lines(count: int) -> str:
    values = ",".join(["(" + ",".join(["?"] * 9) + ")"] * count)
    return f"INSERT INTO ledger_line ({LINE_COLUMNS}) VALUES {values}"


@lru_cache(maxsize=64)
def _flip(count: int, mark: str) -> str:
    return (
        f"UPDATE ledger_entry SET status = 'posted' WHERE cooperative_id = {mark} "
        f"AND status = 'draft' AND id IN ({','.join([mark] * count)})"
    )


def _chunks(fresh: list[Prepared]) -> Iterator[list[Prepared]]:
    chunk: list[Prepared] = []
    lines = 0
    for item in fresh:
        if chunk and (len(chunk) >= MAX_ENTRIES or lines + len(item.lines) > MAX_LINES):
            yield chunk
            chunk, lines = [], 0
        chunk.append(item)
        lines += len(item.lines)
    if chunk:
        yield chunk


def write(
    cooperative: Cooperative,
    actor: User | None,
    fresh: list[Prepared],
    give_back: list[tuple[int, int]],
    moment: datetime,
    *,
    nested: bool = False,
) -> None:
    """Write the entries and their lines; set each item's id.

    PostgreSQL: inserted posted, lines in the same statement; the balance is
    checked by the deferred guard at commit, or right here when the caller's
    transaction goes on (``nested``), so a refusal still comes from this call.
    SQLite: drafts, lines, then the flip to posted, which the guards check.
    """
    postgres = _postgres()
    ops = connection.ops
    coop = cooperative.pk
    actor_id = getattr(actor, "pk", None)
    now = moment if postgres else ops.adapt_datetimefield_value(moment)
    mark = _mark()
    by_number: dict[tuple[int, int], Prepared] = {(p.year, p.sequence): p for p in fresh}
    returned: list[tuple[int, int, int]] = []
    with connection.wrap_database_errors:
        cursor = _cursor()
        for year, count in give_back:
            cursor.execute(
                f"UPDATE ledger_entrycounter SET last_number = last_number - {mark} "
                f"WHERE cooperative_id = {mark} AND year = {mark}",
                [count, coop, year],
            )
        if postgres:
            posted = EntryStatus.POSTED.value
            for chunk in _chunks(fresh):
                params: list[Any] = []
                for item in chunk:
                    day = item.data.business_date
                    params += _entry_values(coop, item, day, actor_id, now, posted)
                line_count = 0
                for item in chunk:
                    day = item.data.business_date
                    for row in item.lines:
                        params += [item.year, item.sequence, coop, day, *row]
                    line_count += len(item.lines)
                cursor.execute(_postgres_insert(len(chunk), line_count), params)
                returned += cursor.fetchall()
            if nested and fresh:
                # No parameters: one simple-protocol round trip for both.
                cursor.execute(
                    f"SET CONSTRAINTS {PG_BALANCE_TRIGGER} IMMEDIATE; "
                    f"SET CONSTRAINTS {PG_BALANCE_TRIGGER} DEFERRED",
                    prepare=False,
                )
        else:
            draft = EntryStatus.DRAFT.value
            for chunk in _chunks(fresh):
                params = []
                for item in chunk:
                    text = ops.adapt_datefield_value(item.data.business_date)
                    params += _entry_values(coop, item, text, actor_id, now, draft)
                cursor.execute(_sqlite_entries(len(chunk)), params)
                rows = cursor.fetchall()
                returned += rows
                ids = {(year, sequence): entry_id for entry_id, year, sequence in rows}
                line_params: list[Any] = []
                for item in chunk:
                    text = ops.adapt_datefield_value(item.data.business_date)
                    entry_id = ids[(item.year, item.sequence)]
                    for row in item.lines:
                        line_params += [entry_id, coop, text, *row]
                cursor.execute(_sqlite_lines(len(line_params) // 9), line_params)
                cursor.execute(_flip(len(rows), mark), [coop, *ids.values()])
    for entry_id, year, sequence in returned:
        by_number[(year, sequence)].id = entry_id
    missing = [p.number for p in fresh if p.id is None]
    if missing:  # pragma: no cover - the database returned fewer rows than it took
        raise RuntimeError(f"ledger: no id returned for {missing}")


def _entry_values(
    coop: int, item: Prepared, day: Any, actor_id: int | None, now: Any, status: str
) -> list[Any]:
    d = item.data
    return [
        coop, item.number, item.year, item.sequence, day, d.kind, status,
        d.memo, d.source_app, d.source_ref, d.idempotency_key, item.content_hash,
        d.reverses_id, actor_id, now,
    ]  # fmt: skip


_FIELDS = [f.attname for f in Entry._meta.concrete_fields]


def as_entry(cooperative: Cooperative, actor: User | None, item: Prepared, now: Any) -> Entry:
    """The saved entry as a model instance, built from what was written (no query)."""
    d = item.data
    values = {
        "id": item.id,
        "cooperative_id": cooperative.pk,
        "number": item.number,
        "year": item.year,
        "sequence": item.sequence,
        "business_date": d.business_date,
        "kind": d.kind,
        "status": EntryStatus.POSTED.value,
        "memo": d.memo,
        "source_app": d.source_app,
        "source_ref": d.source_ref,
        "idempotency_key": d.idempotency_key,
        "content_hash": item.content_hash,
        "reverses_id": d.reverses_id,
        "created_by_id": getattr(actor, "pk", None),
        "created_at": now,
    }
    entry = Entry.from_db("default", _FIELDS, [values[name] for name in _FIELDS])
    entry._state.fields_cache["cooperative"] = cooperative
    return entry
