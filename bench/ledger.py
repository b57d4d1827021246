#!/usr/bin/env python3
"""Ledger figures on the current engine (one worker, one process).

* ``post_entry``: entries per second, one entry per transaction, 2-4 lines;
  beside it raw SQL inserts of the same rows in the same run (draft entry,
  lines, flip to posted, one transaction each, through the driver with no
  Django in between: the physical floor with the triggers in place);
* ``post_entries``: entries per second in batches;
* the trial balance and the balance sheet of one cooperative holding
  ``--lines`` lines, with and without the month-end snapshots.

    .venv/bin/python bench/ledger.py [--entries 3000] [--batch 200] [--lines 1000000]

Runs on a database of its own, recreated each run (SQLite file
``<var>/bench-ledger.sqlite3`` with the production PRAGMAs, or the
PostgreSQL database ``kopdes_bench_ledger`` on the DATABASE_URL server).
Prints one figure per line, ``name=value unit``.
"""

# ruff: noqa: S608  (raw SQL of placeholders only: the floor being measured)
from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

from _setup import ROOT, figure

SQLITE_NAME = "bench-ledger.sqlite3"
POSTGRES_NAME = "kopdes_bench_ledger"
CODES = ["1-1200", "4-1110", "4-1120", "5-1100", "6-1100", "6-1200", "1-1510", "2-1300"]


def setup() -> dict[str, str]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        path = Path(settings.VAR_DIR) / SQLITE_NAME
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        database["NAME"] = str(path)
    else:
        import psycopg
        from psycopg import sql

        params = {
            "dbname": database.get("NAME") or "postgres",
            "user": database.get("USER") or None,
            "host": database.get("HOST") or None,
            "port": database.get("PORT") or None,
            "password": database.get("PASSWORD") or None,
        }
        with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as conn:
            name = sql.Identifier(POSTGRES_NAME)
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
        database["NAME"] = POSTGRES_NAME
    database["CONN_MAX_AGE"] = None
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0, skip_checks=True)
    return {"engine": connection.vendor, "database": str(database["NAME"])}


def lines_for(i: int, amount: int) -> list:
    from kopdes.ledger.services import LineInput

    count = 2 + i % 3  # 2, 3 or 4 lines
    others = [CODES[(i + k) % len(CODES)] for k in range(count - 1)]
    parts = [amount // (count - 1)] * (count - 1)
    parts[-1] += amount - sum(parts)
    lines = [LineInput(account=code, credit=part) for code, part in zip(others, parts, strict=True)]
    return [LineInput(account="1-1100", debit=amount), *lines]


def bench_post_entry(cooperative, entries: int) -> float:
    return bench_post_entry_keys(cooperative, entries, "pe")


def bench_post_entry_keys(cooperative, entries: int, prefix: str) -> float:
    from kopdes.ledger.services import post_entry

    started = time.perf_counter()
    for i in range(entries):
        post_entry(
            cooperative=cooperative,
            actor=None,
            business_date=date(2026, 1, 1 + i % 28),
            lines=lines_for(i, 10_000 + i),
            memo="Penjualan tunai",
            source_app="bench",
            idempotency_key=f"{prefix}-{i}",
        )
    return entries / (time.perf_counter() - started)


def bench_raw(cooperative, entries: int, year: int = 2027) -> float:
    """The same rows straight through the driver: the floor under post_entry."""
    from django.db import connection

    from kopdes.ledger.models import Account
    from kopdes.ledger.services import ensure_period

    ensure_period(cooperative, year, 1)  # the flip trigger wants an open month
    ids = dict(Account.objects.filter(cooperative=cooperative).values_list("code", "id"))
    connection.ensure_connection()
    raw = connection.connection
    vendor = connection.vendor
    mark = "?" if vendor == "sqlite" else "%s"
    now = "2026-01-01 00:00:00"
    if vendor == "sqlite":
        raw.isolation_level = None  # we issue BEGIN/COMMIT ourselves
    else:
        raw.autocommit = True
    cursor = raw.cursor()
    started = time.perf_counter()
    for i in range(entries):
        day = f"{year}-01-{1 + i % 28:02d}"
        cursor.execute("BEGIN IMMEDIATE" if vendor == "sqlite" else "BEGIN")
        cursor.execute(
            "INSERT INTO ledger_entry (cooperative_id, number, year, sequence, business_date, "
            "kind, status, memo, source_app, source_ref, idempotency_key, content_hash, "
            f"created_at) VALUES ({','.join([mark] * 13)}) RETURNING id",
            [cooperative.pk, f"JU-{year}-{i + 1:06d}", year, i + 1, day, "umum", "draft",
             "Penjualan tunai", "bench", "", f"raw-{year}-{i}", "", now],
        )  # fmt: skip
        entry_id = cursor.fetchone()[0]
        rows = [
            [entry_id, cooperative.pk, day, ids[line.account], line.debit, line.credit, "", ""]
            for line in lines_for(i, 10_000 + i)
        ]
        cursor.execute(
            "INSERT INTO ledger_line (entry_id, cooperative_id, business_date, account_id, "
            "debit, credit, member_number, memo) VALUES "
            + ",".join(["(" + ",".join([mark] * 8) + ")"] * len(rows)),
            [v for row in rows for v in row],
        )
        cursor.execute(f"UPDATE ledger_entry SET status = 'posted' WHERE id = {mark}", [entry_id])
        cursor.execute("COMMIT")
    took = time.perf_counter() - started
    cursor.close()
    if vendor == "sqlite":
        raw.isolation_level = ""
    return entries / took


def bench_post_entries(cooperative, entries: int, batch: int, *, year: int, prefix: str) -> float:
    from kopdes.ledger.services import EntryInput, post_entries

    started = time.perf_counter()
    for start in range(0, entries, batch):
        items = [
            EntryInput(
                business_date=date(year, 1 + (i * 12) // entries, 1 + i % 28),
                lines=lines_for(i, 10_000 + i),
                memo="Rekap harian",
                source_app="bench",
                idempotency_key=f"{prefix}-{i}",
            )
            for i in range(start, min(entries, start + batch))
        ]
        post_entries(cooperative=cooperative, actor=None, entries=items)
    return entries / (time.perf_counter() - started)


def timed(function, repeat: int = 5) -> float:
    function()  # warm caches the same way for both variants
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return sorted(samples)[len(samples) // 2] * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=3000, help="entries per posting figure")
    parser.add_argument("--batch", type=int, default=200, help="entries per post_entries call")
    parser.add_argument("--lines", type=int, default=1_000_000, help="lines for the statements")
    args = parser.parse_args(argv)

    facts = setup()
    from kopdes.cooperatives.services import create_cooperative
    from kopdes.core.models import Region
    from kopdes.ledger.balances import balances_as_of, totals_by_type, trial_balance
    from kopdes.ledger.models import Line, Period
    from kopdes.ledger.services import close_month

    villages = list(Region.objects.filter(level=4).order_by("code")[:2])
    posting = create_cooperative(village=villages[0], actor=None)
    statements = create_cooperative(village=villages[1], actor=None)
    print(
        f"# bench/ledger.py engine={facts['engine']} workers=1 entries={args.entries} "
        f"batch={args.batch} lines={args.lines} database={facts['database']}",
        flush=True,
    )
    print(figure("ledger.post_entry", bench_post_entry(posting, args.entries), "entries/s"))
    print(figure("ledger.raw_sql_floor", bench_raw(posting, args.entries), "entries/s"))
    rate = bench_post_entries(posting, args.entries, args.batch, year=2028, prefix="pb")
    print(figure("ledger.post_entries", rate, "entries/s"), flush=True)
    if facts["engine"] == "postgresql":
        # Default durability waits for the WAL flush at every commit, which on
        # this disk dominates; the same loop without that wait shows the cost
        # of the work itself (a figure beside the default one, not instead).
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
        rate = bench_post_entry_keys(posting, args.entries, "pa")
        print(figure("ledger.post_entry.synchronous_commit_off", rate, "entries/s"))
        print(
            figure(
                "ledger.raw_sql_floor.synchronous_commit_off",
                bench_raw(posting, args.entries, year=2029),
                "entries/s",
            ),
            flush=True,
        )
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO on")

    # The statements' cooperative: a year of entries (3 lines on average).
    entries = args.lines // 3
    started = time.perf_counter()
    bench_post_entries(statements, entries, 1000, year=2025, prefix="st")
    filled = time.perf_counter() - started
    line_count = Line.objects.filter(cooperative=statements).count()
    print(f"# filled {line_count} lines in {filled:.1f} s", flush=True)
    print(figure("ledger.statement_lines", line_count, "lines"))
    start, end = date(2025, 1, 1), date(2025, 12, 31)

    def tb(snapshots: bool):
        return lambda: trial_balance(
            cooperative=statements, start=start, end=end, use_snapshots=snapshots
        )

    def bs(snapshots: bool):
        return lambda: totals_by_type(cooperative=statements, as_of=end, use_snapshots=snapshots)

    print(figure("ledger.trial_balance.no_snapshots", timed(tb(False)), "ms"), flush=True)
    print(figure("ledger.balance_sheet.no_snapshots", timed(bs(False)), "ms"), flush=True)
    started = time.perf_counter()
    for month in range(1, 12):
        period = Period.objects.get(cooperative=statements, year=2025, month=month)
        close_month(cooperative=statements, period=period, actor=None)
    print(figure("ledger.close_11_months", (time.perf_counter() - started) * 1000, "ms"))
    print(figure("ledger.trial_balance.snapshots", timed(tb(True)), "ms"))
    print(figure("ledger.balance_sheet.snapshots", timed(bs(True)), "ms"))
    same = balances_as_of(cooperative=statements, as_of=end) == balances_as_of(
        cooperative=statements, as_of=end, use_snapshots=False
    )
    print(f"# snapshots agree with lines: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
