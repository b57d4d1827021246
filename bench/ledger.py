#!/usr/bin/env python3
"""Ledger figures on the current engine (one worker, one process, one connection).

* ``post_entry`` (one entry per transaction, 2-4 lines) with 0, 10 000,
  100 000 and 1 000 000 lines already in the cooperative, while another
  cooperative holds as many (``--levels``); then in a fresh cooperative of the
  same full database. Beside it at every level, interleaved in rounds so that
  load from other processes hits every variant alike (each figure is the
  median of ``--rounds`` rounds):
  - ``raw_sql_floor``: the same rows of our design straight through the driver
    (draft entry, lines, flip to posted; no Django, no numbering, no checks);
  - ``hordak_floor`` (PostgreSQL): django-hordak's design, one header row and
    its legs in one transaction, the balance checked at commit by a deferred
    constraint trigger per leg, no second UPDATE;
* ``commit_floor``: the bare one-row transaction of the server (physical floor);
* ``post_entries``: entries per second in batches;
* the trial balance and the balance sheet of the filled cooperative with and
  without the month-end snapshots.

    .venv/bin/python bench/ledger.py [--entries 600] [--rounds 5] [--batch 200]
        [--levels 0,10000,100000,1000000]

Lines that are "already there" are loaded in bulk with raw SQL, the guards
dropped for the load and re-installed after it (inside the bench only). Runs on a database of
its own, recreated each run (SQLite file ``<var>/bench-ledger.sqlite3`` with the
production PRAGMAs, or the PostgreSQL database ``kopdes_bench_ledger`` on the
DATABASE_URL server, at the server's default durability). Prints one figure per
line, ``name=value unit``.
"""

# ruff: noqa: S608  (raw SQL of placeholders only: the floors being measured)
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from _setup import ROOT, figure

SQLITE_NAME = "bench-ledger.sqlite3"
POSTGRES_NAME = "kopdes_bench_ledger"
CODES = ["1-1200", "4-1110", "4-1120", "5-1100", "6-1100", "6-1200", "1-1510", "2-1300"]
YEAR = 2026  # the filled year; every date is in January-November, never ahead of today
FLOOR_YEAR = 2025  # the raw floor numbers its own entries here
DAYS = 334  # 1 January .. 30 November
FILL_CHUNK = 100_000  # entries per bulk INSERT


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


def day_of(i: int) -> date:
    return date(YEAR, 1, 1) + timedelta(days=i % DAYS)


def lines_for(i: int, amount: int) -> list:
    from kopdes.ledger.services import LineInput

    count = 2 + i % 3  # 2, 3 or 4 lines
    others = [CODES[(i + k) % len(CODES)] for k in range(count - 1)]
    parts = [amount // (count - 1)] * (count - 1)
    parts[-1] += amount - sum(parts)
    lines = [LineInput(account=code, credit=part) for code, part in zip(others, parts, strict=True)]
    return [LineInput(account="1-1100", debit=amount), *lines]


# --- the variants ----------------------------------------------------------------


class Raw:
    """The driver connection under Django's, in autocommit with explicit BEGIN/COMMIT."""

    def __init__(self) -> None:
        from django.db import connection

        connection.ensure_connection()
        self.vendor = connection.vendor
        self.raw = connection.connection
        self.mark = "?" if self.vendor == "sqlite" else "%s"
        self.begin = "BEGIN IMMEDIATE" if self.vendor == "sqlite" else "BEGIN"

    def __enter__(self) -> Any:
        if self.vendor == "sqlite":
            self.saved = self.raw.isolation_level
            self.raw.isolation_level = None  # we issue BEGIN/COMMIT ourselves
        else:
            self.saved = self.raw.autocommit
            self.raw.autocommit = True
        self.cursor = self.raw.cursor()
        return self

    def __exit__(self, *exc: object) -> None:
        self.cursor.close()
        if self.vendor == "sqlite":
            self.raw.isolation_level = self.saved
        else:
            self.raw.autocommit = self.saved

    def marks(self, count: int) -> str:
        return ",".join([self.mark] * count)


class PostEntry:
    name = "post_entry"

    def __init__(self, cooperative: Any, prefix: str) -> None:
        self.cooperative, self.prefix, self.i = cooperative, prefix, 0

    def run(self, count: int) -> None:
        from kopdes.ledger.services import post_entry

        for _ in range(count):
            i = self.i = self.i + 1
            post_entry(
                cooperative=self.cooperative,
                actor=None,
                business_date=day_of(i),
                lines=lines_for(i, 10_000 + i),
                memo="Penjualan tunai",
                source_app="bench",
                idempotency_key=f"{self.prefix}-{i}",
            )


class RawFloor:
    """Our design's rows straight through the driver: the floor under post_entry."""

    name = "raw_sql_floor"

    def __init__(self, cooperative: Any, prefix: str) -> None:
        from kopdes.ledger.models import Account
        from kopdes.ledger.services import ensure_period

        ensure_period(cooperative, FLOOR_YEAR, 1)  # the flip trigger wants an open month
        self.ids = dict(Account.objects.filter(cooperative=cooperative).values_list("code", "id"))
        self.cooperative, self.prefix = cooperative, prefix
        self.sequence = 0

    def run(self, count: int) -> None:
        with Raw() as db:
            cursor, mark, coop = db.cursor, db.mark, self.cooperative.pk
            postgres = db.vendor == "postgresql"
            for _ in range(count):
                self.sequence += 1
                i = self.sequence
                day = f"{FLOOR_YEAR}-01-{1 + i % 28:02d}"
                entry = [coop, f"JU-{FLOOR_YEAR}-{i:06d}", FLOOR_YEAR, i, day, "umum",
                         "posted" if postgres else "draft", "Penjualan tunai", "bench", "",
                         f"{self.prefix}-{i}", "", "2026-01-01 00:00:00"]  # fmt: skip
                legs = [
                    [self.ids[line.account], line.debit, line.credit]
                    for line in lines_for(i, 10_000 + i)
                ]
                cursor.execute(db.begin)
                if postgres:
                    # ADR 0008: inserted posted, lines in the same statement,
                    # the balance checked by the deferred guard at COMMIT.
                    cursor.execute(
                        f"WITH e AS (INSERT INTO ledger_entry ({ENTRY_COLUMNS}) "
                        f"VALUES ({db.marks(13)}) RETURNING id, cooperative_id, business_date) "
                        "INSERT INTO ledger_line (entry_id, cooperative_id, business_date, "
                        "account_id, debit, credit, member_number, memo) "
                        "SELECT e.id, e.cooperative_id, e.business_date, v.a, v.d, v.c, '', '' "
                        "FROM e, (VALUES "
                        + ",".join(["(%s::bigint, %s::bigint, %s::bigint)"] * len(legs))
                        + ") AS v (a, d, c)",
                        entry + [v for leg in legs for v in leg],
                    )
                else:
                    cursor.execute(
                        f"INSERT INTO ledger_entry ({ENTRY_COLUMNS}) VALUES ({db.marks(13)}) "
                        "RETURNING id",
                        entry,
                    )
                    entry_id = cursor.fetchone()[0]
                    cursor.execute(
                        "INSERT INTO ledger_line (entry_id, cooperative_id, business_date, "
                        "account_id, debit, credit, member_number, memo) VALUES "
                        + ",".join([f"({db.marks(8)})"] * len(legs)),
                        [v for leg in legs for v in (entry_id, coop, day, *leg, "", "")],
                    )
                    cursor.execute(
                        f"UPDATE ledger_entry SET status = 'posted' WHERE id = {mark}", [entry_id]
                    )
                cursor.execute("COMMIT")


ENTRY_COLUMNS = (
    "cooperative_id, number, year, sequence, business_date, kind, status, memo, source_app, "
    "source_ref, idempotency_key, content_hash, created_at"
)

HORDAK_DDL = """
CREATE TABLE bench_hordak_transaction (
    id bigserial PRIMARY KEY, cooperative_id bigint NOT NULL, business_date date NOT NULL,
    memo varchar(500) NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE bench_hordak_leg (
    id bigserial PRIMARY KEY,
    transaction_id bigint NOT NULL REFERENCES bench_hordak_transaction (id)
        DEFERRABLE INITIALLY DEFERRED,
    account_id bigint NOT NULL REFERENCES ledger_account (id) DEFERRABLE INITIALLY DEFERRED,
    debit bigint NOT NULL DEFAULT 0, credit bigint NOT NULL DEFAULT 0,
    CHECK ((debit > 0 AND credit = 0) OR (debit = 0 AND credit > 0)));
CREATE INDEX bench_hordak_leg_transaction ON bench_hordak_leg (transaction_id);
CREATE INDEX bench_hordak_leg_account ON bench_hordak_leg (account_id);
CREATE FUNCTION bench_hordak_check_leg() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE tx bigint; d bigint; c bigint;
BEGIN
    IF TG_OP = 'DELETE' THEN tx := OLD.transaction_id; ELSE tx := NEW.transaction_id; END IF;
    SELECT COALESCE(SUM(debit), 0), COALESCE(SUM(credit), 0) INTO d, c
      FROM bench_hordak_leg WHERE transaction_id = tx;
    IF d <> c THEN
        RAISE EXCEPTION 'transaction % does not balance', tx;
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER bench_hordak_check_leg
    AFTER INSERT OR UPDATE OR DELETE ON bench_hordak_leg
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bench_hordak_check_leg();
"""


class HordakFloor:
    """django-hordak's shape through the driver: header, legs, deferred check at commit."""

    name = "hordak_floor"

    def __init__(self, cooperative: Any, prefix: str) -> None:
        from django.db import connection

        from kopdes.ledger.models import Account

        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_class WHERE relname = 'bench_hordak_transaction'")
            if cursor.fetchone() is None:
                cursor.execute(HORDAK_DDL)
        self.ids = dict(Account.objects.filter(cooperative=cooperative).values_list("code", "id"))
        self.cooperative, self.i = cooperative, 0

    def run(self, count: int) -> None:
        with Raw() as db:
            cursor, coop = db.cursor, self.cooperative.pk
            for _ in range(count):
                i = self.i = self.i + 1
                cursor.execute("BEGIN")
                cursor.execute(
                    "INSERT INTO bench_hordak_transaction (cooperative_id, business_date, memo) "
                    "VALUES (%s, %s, %s) RETURNING id",
                    [coop, day_of(i), "Penjualan tunai"],
                )
                tx = cursor.fetchone()[0]
                rows = [
                    [tx, self.ids[line.account], line.debit, line.credit]
                    for line in lines_for(i, 10_000 + i)
                ]
                cursor.execute(
                    "INSERT INTO bench_hordak_leg (transaction_id, account_id, debit, credit) "
                    "VALUES " + ",".join(["(%s,%s,%s,%s)"] * len(rows)),
                    [v for row in rows for v in row],
                )
                cursor.execute("COMMIT")


def commit_floor(count: int) -> float:
    """The bare one-row write transaction of the server: the physical floor."""
    with Raw() as db:
        cursor = db.cursor
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_commit (id integer PRIMARY KEY, v int)")
        cursor.execute("DELETE FROM bench_commit")
        started = time.perf_counter()
        for i in range(count):
            cursor.execute(db.begin)
            cursor.execute(f"INSERT INTO bench_commit (id, v) VALUES ({db.marks(2)})", [i, i])
            cursor.execute("COMMIT")
        return count / (time.perf_counter() - started)


SUFFIX = {"default": "", "off": ".synchronous_commit_off"}


@contextmanager
def durability(mode: str) -> Iterator[None]:
    """PostgreSQL without waiting for the WAL flush at commit (``off``), then back."""
    from django.db import connection

    if mode == "default":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def interleaved(variants: list[Any], entries: int, rounds: int) -> dict[str, float]:
    """Rates (entries/s) per variant, the median over rounds run in turn; and,
    as ``<name>/<first>``, the median of each round's ratio to the first variant
    (load from other processes moves a round's figures together)."""
    per_round = max(1, entries // rounds)
    samples: dict[str, list[float]] = {v.name: [] for v in variants}
    for variant in variants:  # warm-up: plans, caches, first periods
        variant.run(5)
    for _ in range(rounds):
        for variant in variants:
            started = time.perf_counter()
            variant.run(per_round)
            samples[variant.name].append(per_round / (time.perf_counter() - started))
    result = {name: statistics.median(values) for name, values in samples.items()}
    head = variants[0].name
    for name, values in samples.items():
        if name != head:
            ratios = [a / b for a, b in zip(samples[head], values, strict=True)]
            result[f"{head}/{name}"] = statistics.median(ratios)
    return result


# --- bulk load -----------------------------------------------------------------------


def line_count(cooperative: Any) -> int:
    from kopdes.ledger.models import Line

    return Line.objects.filter(cooperative=cooperative).count()


def fill(cooperative: Any, target_lines: int) -> None:
    """Bring the cooperative to ``target_lines`` lines with 3-line entries, in bulk.

    Inside the bench only: the guards are dropped, entries go in posted with
    their lines by ``INSERT ... SELECT`` over a generated series (numbered on
    from the year's counter, so the numbering stays gapless), then the guards
    are re-installed and the tables analysed.
    """
    from django.db import connection, transaction

    from kopdes.ledger.models import Account, EntryCounter
    from kopdes.ledger.services import ensure_period
    from kopdes.ledger.triggers import drop_triggers, install_triggers

    missing = target_lines - line_count(cooperative)
    if missing <= 0:
        return
    for month in range(1, 12):
        ensure_period(cooperative, YEAR, month)
    ids = dict(Account.objects.filter(cooperative=cooperative).values_list("code", "id"))
    kas, member, other = ids["1-1100"], ids["4-1110"], ids["4-1120"]
    pg = connection.vendor == "postgresql"
    coop = cooperative.pk
    entries = -(-missing // 3)
    if pg:
        series = "generate_series(%s, %s) AS g(s)"
        day = f"DATE '{YEAR}-01-01' + (s %% {DAYS})"
        number = f"'JU-{YEAR}-' || lpad(s::text, 6, '0')"
        now = "now()"
    else:
        series = (
            "(WITH RECURSIVE g(s) AS (SELECT %s UNION ALL SELECT s + 1 FROM g "
            "WHERE s < %s) SELECT s FROM g)"
        )
        day = f"date('{YEAR}-01-01', '+' || (s %% {DAYS}) || ' days')"
        number = f"'JU-{YEAR}-' || printf('%%06d', s)"
        now = "strftime('%%Y-%%m-%%d %%H:%%M:%%f', 'now')"
    with transaction.atomic():
        drop_triggers()
        counter, _ = EntryCounter.objects.select_for_update().get_or_create(
            cooperative=cooperative, year=YEAR
        )
        done = counter.last_number
        with connection.cursor() as cursor:
            while entries > 0:
                chunk = min(FILL_CHUNK, entries)
                entries -= chunk
                first, last = done + 1, done + chunk
                cursor.execute(
                    "INSERT INTO ledger_entry (cooperative_id, number, year, sequence, "
                    "business_date, kind, status, memo, source_app, source_ref, "
                    "idempotency_key, content_hash, created_at) "
                    f"SELECT %s, {number}, {YEAR}, s, {day}, 'umum', 'posted', 'Isian bench', "
                    f"'bench', '', 'isi-' || s, '', {now} FROM {series}",
                    [coop, first, last],
                )
                cursor.execute(
                    "INSERT INTO ledger_line (entry_id, cooperative_id, business_date, "
                    "account_id, debit, credit, member_number, memo) "
                    "SELECT e.id, e.cooperative_id, e.business_date, "
                    "CASE k.n WHEN 1 THEN %s WHEN 2 THEN %s ELSE %s END, "
                    "CASE k.n WHEN 1 THEN 2000 + e.sequence %% 100 ELSE 0 END, "
                    "CASE k.n WHEN 1 THEN 0 WHEN 2 THEN 1000 ELSE 1000 + e.sequence %% 100 END, "
                    "'', '' FROM ledger_entry e, (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL "
                    "SELECT 3) k WHERE e.cooperative_id = %s AND e.year = %s "
                    "AND e.sequence BETWEEN %s AND %s",
                    [kas, member, other, coop, YEAR, first, last],
                )
                done = last
        counter.last_number = done
        counter.save(update_fields=["last_number"])
        install_triggers()
    if pg:  # as autovacuum would; SQLite in production is never analysed, so neither here
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE ledger_entry")
            cursor.execute("ANALYZE ledger_line")


# --- main ------------------------------------------------------------------------------


def timed(function: Callable[[], object], repeat: int = 5) -> float:
    function()  # warm caches the same way for both variants
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return sorted(samples)[len(samples) // 2] * 1000


def bench_post_entries(cooperative: Any, entries: int, batch: int) -> float:
    from kopdes.ledger.services import EntryInput, post_entries

    started = time.perf_counter()
    for start in range(0, entries, batch):
        items = [
            EntryInput(
                business_date=day_of(i),
                lines=lines_for(i, 10_000 + i),
                memo="Rekap harian",
                source_app="bench",
                idempotency_key=f"pb-{i}",
            )
            for i in range(start, min(entries, start + batch))
        ]
        post_entries(cooperative=cooperative, actor=None, entries=items)
    return entries / (time.perf_counter() - started)


def statements(cooperative: Any) -> bool:
    from kopdes.ledger.balances import balances_as_of, totals_by_type, trial_balance
    from kopdes.ledger.models import Period
    from kopdes.ledger.services import PeriodError, close_month

    print(figure("ledger.statement_lines", line_count(cooperative), "lines"))
    start, end = date(YEAR, 1, 1), date(YEAR, 11, 30)

    def tb(snapshots: bool) -> Callable[[], object]:
        return lambda: trial_balance(
            cooperative=cooperative, start=start, end=end, use_snapshots=snapshots
        )

    def bs(snapshots: bool) -> Callable[[], object]:
        return lambda: totals_by_type(cooperative=cooperative, as_of=end, use_snapshots=snapshots)

    print(figure("ledger.trial_balance.no_snapshots", timed(tb(False)), "ms"), flush=True)
    print(figure("ledger.balance_sheet.no_snapshots", timed(bs(False)), "ms"), flush=True)
    started = time.perf_counter()
    for period in Period.objects.filter(cooperative=cooperative).order_by("year", "month"):
        if (period.year, period.month) < (YEAR, 11):
            try:
                close_month(cooperative=cooperative, period=period, actor=None)
            except PeriodError as refused:
                # The bulk-loaded history has no year-end close (its raw rows bypass
                # the numbering), and a new year's month waits for one: the closes
                # stop here, and the snapshot figures cover the months closed so far.
                print(f"# closes stop at {period.year}-{period.month:02d}: {refused}")
                break
    print(figure("ledger.close_months", (time.perf_counter() - started) * 1000, "ms"))
    print(figure("ledger.trial_balance.snapshots", timed(tb(True)), "ms"))
    print(figure("ledger.balance_sheet.snapshots", timed(bs(True)), "ms"))
    same = balances_as_of(cooperative=cooperative, as_of=end) == balances_as_of(
        cooperative=cooperative, as_of=end, use_snapshots=False
    )
    print(f"# snapshots agree with lines: {same}")
    return same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=600, help="entries per figure and level")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds per level")
    parser.add_argument("--batch", type=int, default=200, help="entries per post_entries call")
    parser.add_argument(
        "--levels",
        default="0,10000,100000,1000000",
        help="lines already in the cooperative (and in another one) at each measurement",
    )
    parser.add_argument("--commits", type=int, default=3000, help="bare commits for the floor")
    parser.add_argument(
        "--synchronous-commit",
        choices=["default", "off", "both"],
        default="both",
        help="PostgreSQL: measure at the default durability, without the WAL flush wait, or both",
    )
    args = parser.parse_args(argv)
    levels = [int(level) for level in args.levels.split(",")]

    facts = setup()
    from kopdes.cooperatives.services import create_cooperative
    from kopdes.core.models import Region

    villages = list(Region.objects.filter(level=4).order_by("code")[:3])
    measured = create_cooperative(village=villages[0], actor=None)
    other = create_cooperative(village=villages[1], actor=None)
    pg = facts["engine"] == "postgresql"
    print(
        f"# bench/ledger.py engine={facts['engine']} workers=1 entries={args.entries} "
        f"rounds={args.rounds} batch={args.batch} levels={args.levels} "
        f"database={facts['database']}",
        flush=True,
    )
    variants: list[Any] = [PostEntry(measured, "pe"), RawFloor(measured, "raw")]
    if pg:
        variants.append(HordakFloor(measured, "hd"))
    modes = ["default"]
    if pg and args.synchronous_commit != "default":
        modes = ["off"] if args.synchronous_commit == "off" else ["default", "off"]
    first: dict[str, dict[str, float]] = {}
    last: dict[str, dict[str, float]] = {}
    for level in levels:
        started = time.perf_counter()
        fill(measured, level)
        fill(other, level)
        took = time.perf_counter() - started
        print(f"# level {level}: {line_count(measured)} lines here, {line_count(other)} in "
              f"another cooperative (loaded in {took:.1f} s)", flush=True)  # fmt: skip
        for mode in modes:
            with durability(mode):
                rates = interleaved(variants, args.entries, args.rounds)
            for name, rate in rates.items():
                if "/" in name:
                    head, floor = name.split("/")
                    print(figure(f"ledger.{head}{SUFFIX[mode]}.vs_{floor}.lines_{level}",
                                 round(100 * rate, 1), "%"), flush=True)  # fmt: skip
                else:
                    print(figure(f"ledger.{name}{SUFFIX[mode]}.lines_{level}", rate,
                                 "entries/s"), flush=True)  # fmt: skip
            first.setdefault(mode, rates)
            last[mode] = rates
    fresh = create_cooperative(village=villages[2], actor=None)
    rate = interleaved([PostEntry(fresh, "fresh")], args.entries, args.rounds)["post_entry"]
    print(figure("ledger.post_entry.fresh_cooperative_full_database", rate, "entries/s"))
    print(figure("ledger.post_entries", bench_post_entries(fresh, args.entries * 2, args.batch),
                 "entries/s"), flush=True)  # fmt: skip

    def share(a: float, b: float) -> float:
        return round(100 * a / b, 1)

    top = levels[-1]
    for mode in modes:
        end, start, tail = last[mode], first[mode], SUFFIX[mode]
        print(figure(f"ledger.post_entry{tail}.last_vs_first_level",
                     share(end["post_entry"], start["post_entry"]), "%"))  # fmt: skip
        # The same, each level's rate taken relative to its own floor first:
        # what the ledger's size costs, with the machine's drift divided out.
        floor = "post_entry/raw_sql_floor"
        print(figure(f"ledger.post_entry{tail}.last_vs_first_level.vs_raw_sql_floor",
                     share(end[floor], start[floor]), "%"))  # fmt: skip
    for mode in modes:
        with durability(mode):
            rate = commit_floor(args.commits)
        print(figure(f"ledger.commit_floor{SUFFIX[mode]}", rate, "commits/s"), flush=True)
        print(figure(f"ledger.post_entry{SUFFIX[mode]}.vs_commit_floor.lines_{top}",
                     share(last[mode]["post_entry"], rate), "%"), flush=True)  # fmt: skip
    return 0 if statements(measured) else 1


if __name__ == "__main__":
    sys.exit(main())
