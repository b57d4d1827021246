#!/usr/bin/env python3
"""Statement documents on the current engine (one worker, one process).

A busy outlet's year of buku kas: every day ``--sales-per-day`` cash sales
(each with its cost of goods in the same entry; default 2, two shifts'
takings, where the demo's outlet books one recap a day) and one cash
expense, stock bought through the bank every Tuesday, cash banked every
Saturday (a kas ↔ bank transfer, which nets out of the buku kas of all cash
accounts), wages and electricity once a month: about 1,170 buku kas rows, 2.7
times the demo outlet's year. Posted in bulk through ``post_entries``. Then,
each the median of ``--runs`` runs after one warm-up (wall clock, and CPU
time of this process, the steadier figure on a shared machine):

* ``documents.cash_book_year_pdf``: the full-year buku kas PDF as the
  download view builds it (statement, template, WeasyPrint);
* ``documents.cash_book_year_statement``: building the statement alone
  (the SQL and the running balance), the part that is not the document;
* ``documents.one_page_pdf``: a one-month PHU PDF, the fixed cost every PDF
  pays (fonts, CSS, the letterhead): the baseline beside the year figure;
* ``documents.cash_book_year_xlsx``: the same year as XLSX.

    .venv/bin/python bench/documents.py [--sales-per-day 2] [--runs 5] [--keep year.pdf]

Runs on a database of its own, recreated each run (SQLite file
``<var>/bench-documents.sqlite3`` with the production PRAGMAs, or the
PostgreSQL database ``kopdes_bench_documents`` on the DATABASE_URL server).
Prints one figure per line, ``name=value unit``.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from _setup import ROOT, figure

SQLITE_NAME = "bench-documents.sqlite3"
POSTGRES_NAME = "kopdes_bench_documents"


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


def busy_outlet_year(cooperative, year: int, sales_per_day: int) -> int:
    """Post the outlet's year one month per ``post_entries`` call; returns the entry count."""
    from kopdes.ledger.services import EntryInput, LineInput, post_entries

    rng = random.Random(f"bench-documents-{year}")
    posted = 0
    day = date(year, 1, 1)
    while day.year == year:
        month: list[EntryInput] = []
        month_number = day.month
        till = 0
        while day.year == year and day.month == month_number:
            tag = f"{day:%Y%m%d}"

            def add(
                key: str, memo: str, lines: list, on: date = day, tag: str = tag, into=month
            ) -> None:
                into.append(
                    EntryInput(
                        business_date=on,
                        lines=lines,
                        memo=memo,
                        source_app="bench",
                        idempotency_key=f"doc-{tag}-{key}",
                    )
                )

            for sale in range(sales_per_day):
                total = rng.randint(2_000, 90_000) * 10_000  # Rp20.000 - Rp9.000.000
                members = total * rng.randint(30, 55) // 100
                cost = total * rng.randint(78, 86) // 100
                add(f"jual-{sale}", f"Penjualan tunai gerai, kasir {sale % 3 + 1}", [
                    LineInput(account="1-1100", debit=total),
                    LineInput(account="4-1110", credit=members),
                    LineInput(account="4-1120", credit=total - members),
                    LineInput(account="5-1100", debit=cost),
                    LineInput(account="1-1510", credit=cost),
                ])  # fmt: skip
                till += total
            spend = rng.randint(50, 400) * 1_000_00
            add("biaya", "Biaya operasional harian (plastik, bensin antar)", [
                LineInput(account="6-1200", debit=spend), LineInput(account="1-1100", credit=spend),
            ])  # fmt: skip
            till -= spend
            if day.weekday() == 1:
                stock = rng.randint(20, 60) * 1_000_000_00
                add("stok", "Belanja stok sembako (transfer bank)", [
                    LineInput(account="1-1510", debit=stock),
                    LineInput(account="1-1200", credit=stock),
                ])  # fmt: skip
            if day.weekday() == 5 and till > 0:
                add("setor", "Setor kas ke bank", [
                    LineInput(account="1-1200", debit=till),
                    LineInput(account="1-1100", credit=till),
                ])  # fmt: skip
                till = 0
            if day.day == 25:
                wages = 3 * 2_300_000_00
                add("gaji", "Gaji karyawan", [
                    LineInput(account="6-1100", debit=wages),
                    LineInput(account="1-1200", credit=wages),
                ])  # fmt: skip
            if day.day == 10:
                power = rng.randint(450, 950) * 1_000_00
                add("listrik", "Listrik dan air gerai", [
                    LineInput(account="6-1200", debit=power),
                    LineInput(account="1-1200", credit=power),
                ])  # fmt: skip
            day += timedelta(days=1)
        post_entries(cooperative=cooperative, actor=None, entries=month)
        posted += len(month)
    return posted


def median_of(function: Callable[[], object], runs: int) -> tuple[float, float, object]:
    """Median wall-clock and CPU milliseconds of ``runs`` calls after one warm-up.

    The CPU figure (this process only) is the steadier one on a shared
    machine, where other work stretches the wall clock.
    """
    result = function()  # warm-up: templates, fonts, the query plan
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = function()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sales-per-day", type=int, default=2, help="cash sales a day")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure")
    parser.add_argument("--year", type=int, default=2025, help="the book year to fill")
    parser.add_argument("--keep", help="also write the year PDF to this path")
    args = parser.parse_args(argv)
    if args.sales_per_day < 1 or args.runs < 1:
        parser.error("--sales-per-day and --runs must be at least 1")

    facts = setup()
    from django.test import Client
    from django.test.utils import override_settings
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from kopdes.accounts.models import User
    from kopdes.accounts.services import grant_role
    from kopdes.cooperatives.models import OfficerRole
    from kopdes.cooperatives.officers import add_officer
    from kopdes.cooperatives.services import create_cooperative
    from kopdes.core.models import Region
    from kopdes.ledger.statements.cash_book import cash_book
    from kopdes.ledger.statements.periods import parse_period
    from kopdes.testing.registry_factories import nik

    village = Region.objects.filter(level=4).order_by("code").first()
    cooperative = create_cooperative(village=village, actor=None)
    for role, name in [
        (OfficerRole.KETUA, "Hj. Siti Rahmawati"),
        (OfficerRole.BENDAHARA, "Muhammad Rizky Pratama"),
        (OfficerRole.KETUA_PENGAWAS, "Drs. H. Abdul Kadir Jaelani"),
    ]:
        add_officer(
            cooperative=cooperative,
            actor=None,
            role=role,
            name=name,
            nik=nik(),
            term_start=date(args.year - 1, 6, 19),
        )
    print(
        f"# bench/documents.py engine={facts['engine']} workers=1 "
        f"sales_per_day={args.sales_per_day} runs={args.runs} database={facts['database']}",
        flush=True,
    )
    started = time.perf_counter()
    entries = busy_outlet_year(cooperative, args.year, args.sales_per_day)
    print(f"# posted {entries} entries in {time.perf_counter() - started:.1f} s", flush=True)

    reader = User.objects.create_user(username="bench.documents", password=None)
    grant_role(
        user=reader,
        role="pengawas",
        cooperative=cooperative,
        valid_from=date(2000, 1, 1),
        actor=None,
    )
    client = Client()
    client.force_login(reader)
    base = f"/k/{cooperative.slug}/laporan"

    def download(path: str) -> bytes:
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        return response.content

    period = parse_period(str(args.year), today=date(args.year + 1, 1, 1))
    statement = cash_book(cooperative, period)
    print(figure("documents.cash_book_year_rows", len(statement.rows), "rows"))
    with override_settings(ALLOWED_HOSTS=["testserver", "localhost"]):
        wall, cpu, _ = median_of(lambda: cash_book(cooperative, period), args.runs)
        print(figure("documents.cash_book_year_statement", wall, "ms"), flush=True)
        year_pdf = f"{base}/buku-kas/pdf/?periode={args.year}"
        wall, cpu, pdf = median_of(lambda: download(year_pdf), args.runs)
        print(figure("documents.cash_book_year_pdf", wall, "ms"))
        print(figure("documents.cash_book_year_pdf.cpu", cpu, "ms"))
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(figure("documents.cash_book_year_pdf_pages", pages, "pages"), flush=True)
        if args.keep:
            Path(args.keep).write_bytes(pdf)
        month_pdf = f"{base}/phu/pdf/?periode={args.year}-06"
        wall, cpu, _ = median_of(lambda: download(month_pdf), args.runs)
        print(figure("documents.one_page_pdf", wall, "ms"))
        print(figure("documents.one_page_pdf.cpu", cpu, "ms"), flush=True)
        year_xlsx = f"{base}/buku-kas/xlsx/?periode={args.year}"
        wall, cpu, xlsx = median_of(lambda: download(year_xlsx), args.runs)
        load_workbook(io.BytesIO(xlsx))  # it opens
        print(figure("documents.cash_book_year_xlsx", wall, "ms"), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
