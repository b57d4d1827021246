#!/usr/bin/env python3
"""Time the main pages, in process, on the current engine (one worker).

For each page: the median and 95th percentile of N requests through Django's
test client after a warm-up, and the number of SQL queries one request makes.
The login page (anonymous GET, no tenant data) is the baseline: the cost of
the middleware, the session and the base template, which every page pays.

    .venv/bin/python bench/pages.py [--requests 50] [--warmup 5]

SQLite by default; PostgreSQL when DATABASE_URL is set (see bench/_setup.py).
Prints one figure per line, ``name=value unit``.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass

from _setup import figure, median_ms, p95_ms, prepare_demo, setup_django


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    username: str | None  # None: anonymous


# Every registry filter at once (kecamatan, kind, phase, unit kind and status,
# warnings, search) plus a sort: the most expensive list the Dinas can ask for.
REGISTRY_ALL_FILTERS = (
    "/kabupaten/koperasi/?kecamatan=64.09.04&kind=KDMP&phase=menunggu_lahan"
    "&unit_kind=gerai_sembako&unit_status=direncanakan&warning=any&q=a&sort=-stage"
)

PAGES = [
    Page("baseline_login", "/masuk/", None),
    Page("district_home", "/kabupaten/", "dinas"),
    Page("cooperative_home", "/k/6409042015/", "pengurus.telemow"),
    # The registry (issue #3): the district list with filters off and on, the
    # profile as the Dinas reads it, and the printable map page.
    Page("district_registry", "/kabupaten/koperasi/", "dinas"),
    Page("district_registry_filtered", REGISTRY_ALL_FILTERS, "dinas"),
    Page("cooperative_profile", "/k/6409042015/", "dinas"),
    Page("district_map", "/kabupaten/peta/", "dinas"),
    Page("district_registry_xlsx", "/kabupaten/koperasi/unduh.xlsx", "dinas"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests first")
    args = parser.parse_args(argv)
    if args.requests < 1 or args.warmup < 0:
        parser.error("--requests must be at least 1 and --warmup at least 0")

    facts = setup_django()
    prepare_demo(lambda message: print(f"# {message}", flush=True))

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kopdes.accounts.models import User

    print(
        f"# bench/pages.py engine={facts['engine']} workers=1 requests={args.requests} "
        f"warmup={args.warmup} database={facts['database']}"
    )
    for page in PAGES:
        client = Client()
        if page.username:
            client.force_login(User.objects.get(username=page.username))
        for _ in range(args.warmup):
            _get(client, page)
        with CaptureQueriesContext(connection) as captured:
            _get(client, page)
        # Read now: later requests clear the connection's query log.
        query_count = len(captured.captured_queries)
        samples = []
        for _ in range(args.requests):
            started = time.perf_counter()
            _get(client, page)
            samples.append(time.perf_counter() - started)
        print(figure(f"pages.{page.name}.median", median_ms(samples), "ms"))
        print(figure(f"pages.{page.name}.p95", p95_ms(samples), "ms"))
        print(figure(f"pages.{page.name}.queries", query_count, "count"))
        sys.stdout.flush()
    return 0


def _get(client, page: Page) -> None:
    response = client.get(page.path)
    if response.status_code != 200:
        raise SystemExit(f"{page.path} answered {response.status_code} for {page.username}")


if __name__ == "__main__":
    sys.exit(main())
