#!/usr/bin/env python3
"""Time the main pages, in process, on the current engine (one worker).

For each page: the median and 95th percentile of ``--requests`` requests
through Django's test client after ``--warmup`` untimed ones, and the number
of SQL queries one request makes. The login page (anonymous GET, no tenant
data) is the baseline: the cost of the middleware, the session and the base
template, which every page pays.

Two sets of pages:

* the demo's pages (district home, registry, profile, map) on the demo as
  loaded;
* a busy outlet: one demo cooperative without books gets a gerai and a year
  of two shifts' takings a day (``--sales-per-day``; the shape of
  ``bench/documents.py``: each sale with its cost of goods, a daily cash
  expense, stock bought through the bank on Tuesdays, cash banked on
  Saturdays, wages and electricity monthly), posted month by month through
  ``post_entries``, plus the current month up to today. Its pages: the cash
  book, the journal (list and form), the chart and the kas account's ledger
  for the year, the periods, every statement for the year (the full-year
  buku kas among them) and the PHU and buku kas of one month, and the people
  pages (``/pengguna/`` as the Dinas, ``/k/<slug>/pengguna/`` as the
  pengurus).

The busy outlet's pages are counted at two sizes: first with the year's first
``--small-days`` days and two logins (fewer rows than any list page shows, so
a query per row would show), then with the whole year and ``--logins`` more
logins for the cooperative and for the district. Their figures are named
``pages.busy_outlet.<page>.*``; ``.queries_small`` and ``.queries`` are the
two counts, and a page whose count grows prints a ``GROWS`` line. Timings are
taken at the large size. Everything about the busy outlet happens inside one
transaction that is rolled back at the end, so the bench database keeps only
the demo. (The cash book page shows the current month only, so early in a
month it is short; ``cash_book_month`` is the buku kas of a full month.)

Page weight (``pages.weight.*``, KB as the app sends them, HTML uncompressed,
static files as WhiteNoise sends them to a browser that accepts gzip and
brotli): a phone's session starts at the login page, whose HTML and assets
are ``first_load``; for each main page after that, its HTML plus any asset
the session has not loaded yet or may not cache (an asset that differs per
page; the fingerprinted static files are cached for a year). The aim is
150 KB a page; ``.of_aim`` is the share of it.

    .venv/bin/python bench/pages.py [--requests 25] [--warmup 2] [--page-seconds 15]
        [--sales-per-day 2] [--small-days 5] [--logins 20]

A page slower than ``--page-seconds`` for its requests is timed with fewer
(at least five; a comment says so), so one slow page cannot stretch the run.

SQLite by default; PostgreSQL when DATABASE_URL is set (see bench/_setup.py).
Prints one figure per line, ``name=value unit``.
"""

from __future__ import annotations

import argparse
import gzip
import random
import re
import secrets
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urljoin, urlsplit

from _setup import figure, median_ms, p95_ms, prepare_demo, setup_django

WEIGHT_AIM_KB = 150
MIN_SAMPLES = 5


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

DINAS = "dinas"
PENGURUS = "bench.pengurus"
# The statements by their URL key (kopdes/ledger/urls.py, ledger:statement).
STATEMENT_KEYS = [
    ("posisi-keuangan", "financial_position"),
    ("phu", "income_statement"),
    ("phu-unit", "income_statement_by_unit"),
    ("arus-kas", "cash_flow"),
    ("perubahan-ekuitas", "changes_in_equity"),
    ("catatan", "notes"),
    ("neraca-saldo", "trial_balance"),
    ("buku-kas", "cash_book_year"),
]
# The phone pages weighed, in the order one session would open them.
WEIGHED = [
    "district_home",
    "busy_profile",
    "cash_book",
    "journal_list",
    "statement_phu_month",
    "cash_book_month",
    "periods",
    "people_district",
    "people_cooperative",
]


def busy_pages(slug: str, year: int, kas_id: int) -> list[Page]:
    base = f"/k/{slug}"
    pages = [
        Page("district_home", "/kabupaten/", DINAS),
        Page("district_registry", "/kabupaten/koperasi/", DINAS),
        Page("busy_profile", f"{base}/", DINAS),
        Page("cash_book", f"{base}/buku/kas/", PENGURUS),
        Page("journal_list", f"{base}/buku/jurnal/daftar/", PENGURUS),
        Page("journal_form", f"{base}/buku/jurnal/", PENGURUS),
        Page("accounts", f"{base}/buku/akun/", PENGURUS),
        Page("kas_ledger_year", f"{base}/buku/akun/{kas_id}/?periode={year}", PENGURUS),
        Page("periods", f"{base}/buku/periode/?tahun={year}", PENGURUS),
        Page("statements_index", f"{base}/laporan/?periode={year}", PENGURUS),
    ]
    for key, name in STATEMENT_KEYS:
        pages.append(Page(f"statement_{name}", f"{base}/laporan/{key}/?periode={year}", PENGURUS))
    pages += [
        Page("statement_phu_month", f"{base}/laporan/phu/?periode={year}-10", PENGURUS),
        Page("cash_book_month", f"{base}/laporan/buku-kas/?periode={year}-10", PENGURUS),
        Page("people_district", "/pengguna/", DINAS),
        Page("people_district_all", "/pengguna/?jenis=semua", DINAS),
        Page("people_cooperative", f"{base}/pengguna/", PENGURUS),
    ]
    return pages


class Clients:
    """One signed-in test client per username, reused (a phone keeps its session)."""

    def __init__(self) -> None:
        self._clients: dict[str | None, Any] = {}

    def __call__(self, username: str | None) -> Any:
        from django.test import Client

        from kopdes.accounts.models import User

        if username not in self._clients:
            client = Client()
            if username:
                client.force_login(User.objects.get(username=username))
            self._clients[username] = client
        return self._clients[username]


def _get(client: Any, page: Page) -> Any:
    response = client.get(page.path)
    if response.status_code != 200:
        raise SystemExit(f"{page.path} answered {response.status_code} for {page.username}")
    return response


def query_count(client: Any, page: Page, warmup: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(max(warmup, 1)):  # the first request fills per-process caches
        _get(client, page)
    with CaptureQueriesContext(connection) as captured:
        _get(client, page)
    # Read now: later requests clear the connection's query log.
    return len(captured.captured_queries)


def timed(client: Any, page: Page, requests: int, budget: float) -> list[float]:
    """Up to ``requests`` timings; past ``budget`` seconds, stop once there are five."""
    samples: list[float] = []
    began = time.perf_counter()
    for _ in range(requests):
        started = time.perf_counter()
        _get(client, page)
        samples.append(time.perf_counter() - started)
        if len(samples) >= MIN_SAMPLES and time.perf_counter() - began > budget:
            print(f"# {page.name}: {len(samples)} requests, the time budget ran out")
            break
    return samples


def print_timings(name: str, samples: list[float]) -> None:
    print(figure(f"pages.{name}.median", median_ms(samples), "ms"))
    print(figure(f"pages.{name}.p95", p95_ms(samples), "ms"))


# --- The busy outlet ---------------------------------------------------------


class OutletBooks:
    """A busy gerai's entries, day by day, seeded per day (any split gives the same days)."""

    def __init__(self, unit_id: int, sales_per_day: int) -> None:
        self.unit_id = unit_id
        self.sales_per_day = sales_per_day
        self.till = 0

    def month_batches(self, first: date, last: date) -> list[list[Any]]:
        """The entries from ``first`` to ``last``, one list per calendar month."""
        batches: list[list[Any]] = []
        day = first
        while day <= last:
            if not batches or day.day == 1:
                batches.append([])
            batches[-1].extend(self.day_entries(day))
            day += timedelta(days=1)
        return batches

    def day_entries(self, day: date) -> list[Any]:
        from kopdes.ledger.services import EntryInput, LineInput

        rng = random.Random(f"bench-pages-{day:%Y%m%d}")
        unit = self.unit_id
        entries = []

        def add(key: str, memo: str, lines: list[Any]) -> None:
            entries.append(
                EntryInput(
                    business_date=day,
                    lines=lines,
                    memo=memo,
                    source_app="bench",
                    idempotency_key=f"pages-{day:%Y%m%d}-{key}",
                )
            )

        for sale in range(self.sales_per_day):
            total = rng.randint(2_000, 90_000) * 10_000  # Rp20.000 - Rp9.000.000
            members = total * rng.randint(30, 55) // 100
            cost = total * rng.randint(78, 86) // 100
            add(f"jual-{sale}", f"Penjualan tunai gerai, kasir {sale % 3 + 1}", [
                LineInput(account="1-1100", debit=total, business_unit=unit),
                LineInput(account="4-1110", credit=members, business_unit=unit),
                LineInput(account="4-1120", credit=total - members, business_unit=unit),
                LineInput(account="5-1100", debit=cost, business_unit=unit),
                LineInput(account="1-1510", credit=cost, business_unit=unit),
            ])  # fmt: skip
            self.till += total
        spend = rng.randint(50, 400) * 1_000_00
        add("biaya", "Biaya operasional harian (plastik, bensin antar)", [
            LineInput(account="6-1200", debit=spend, business_unit=unit),
            LineInput(account="1-1100", credit=spend, business_unit=unit),
        ])  # fmt: skip
        self.till -= spend
        if day.weekday() == 1:
            stock = rng.randint(20, 60) * 1_000_000_00
            add("stok", "Belanja stok sembako (transfer bank)", [
                LineInput(account="1-1510", debit=stock, business_unit=unit),
                LineInput(account="1-1200", credit=stock, business_unit=unit),
            ])  # fmt: skip
        if day.weekday() == 5 and self.till > 0:
            add("setor", "Setor kas ke bank", [
                LineInput(account="1-1200", debit=self.till),
                LineInput(account="1-1100", credit=self.till),
            ])  # fmt: skip
            self.till = 0
        if day.day == 25:
            wages = 3 * 2_300_000_00
            add("gaji", "Gaji karyawan", [
                LineInput(account="6-1100", debit=wages), LineInput(account="1-1200", credit=wages),
            ])  # fmt: skip
        if day.day == 10:
            power = rng.randint(450, 950) * 1_000_00
            add("listrik", "Listrik dan air gerai", [
                LineInput(account="6-1200", debit=power, business_unit=unit),
                LineInput(account="1-1200", credit=power, business_unit=unit),
            ])  # fmt: skip
        return entries


@dataclass
class BusyOutlet:
    cooperative: Any
    pengurus: Any
    dinas: Any
    regency: Any
    books: OutletBooks
    kas_id: int
    logins: int = 0

    @classmethod
    def prepare(cls, sales_per_day: int, valid_from: date) -> BusyOutlet:
        """A demo cooperative without books, its gerai, and a pengurus login made by the Dinas."""
        from django.conf import settings
        from django.db.models import Exists, OuterRef

        from kopdes.accounts.models import Role, User
        from kopdes.accounts.people.services import create_user
        from kopdes.cooperatives.models import Cooperative, UnitStatus
        from kopdes.cooperatives.units import add_unit
        from kopdes.core.models import Region
        from kopdes.ledger.models import Account, Entry

        regency = Region.objects.get(code=settings.KOPDES_HOME_REGENCY)
        cooperative = (
            Cooperative.objects.filter(primary_village__parent__parent=regency)
            .exclude(Exists(Entry.objects.filter(cooperative=OuterRef("pk"))))
            .order_by("slug")
            .first()
        )
        if cooperative is None:
            raise SystemExit("every demo cooperative has books: no room for the busy outlet")
        dinas = User.objects.get(username=DINAS)
        unit = add_unit(
            cooperative=cooperative,
            actor=dinas,
            kind="gerai_sembako",
            name="Gerai Bench",
            status=UnitStatus.BEROPERASI,
            started_on=valid_from,
        )
        pengurus = create_user(
            actor=dinas,
            username=PENGURUS,
            full_name="Pengurus Bench",
            password=secrets.token_urlsafe(18),
            role=Role.PENGURUS,
            cooperative=cooperative,
            valid_from=valid_from,
        )
        kas = Account.objects.get(cooperative=cooperative, code="1-1100")
        return cls(
            cooperative, pengurus, dinas, regency, OutletBooks(unit.pk, sales_per_day), kas.pk
        )

    def post(self, first: date, last: date) -> int:
        from kopdes.ledger.services import post_entries

        posted = 0
        for batch in self.books.month_batches(first, last):
            if batch:
                post_entries(cooperative=self.cooperative, actor=self.pengurus, entries=batch)
                posted += len(batch)
        return posted

    def add_logins(self, count: int, valid_from: date) -> None:
        """``count`` teller logins by the pengurus, and as many district viewers by the Dinas."""
        from kopdes.accounts.models import Role
        from kopdes.accounts.people.services import create_user

        for _ in range(count):
            self.logins += 1
            n = self.logins
            create_user(
                actor=self.pengurus,
                username=f"bench.teller{n:03d}",
                full_name=f"Kasir Bench {n}",
                password=secrets.token_urlsafe(18),
                role=Role.TELLER,
                cooperative=self.cooperative,
                valid_from=valid_from,
                phone=f"0812{n:08d}",
            )
            create_user(
                actor=self.dinas,
                username=f"bench.pemantau{n:03d}",
                full_name=f"Pemantau Bench {n}",
                password=secrets.token_urlsafe(18),
                role=Role.DISTRICT_VIEWER,
                regency=self.regency,
                valid_from=valid_from,
            )


# --- Page weight ---------------------------------------------------------------

_ASSET_TAG = re.compile(r"<(?:link|script|img|source)\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""\b(href|src|rel)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
_CACHE_FOR = re.compile(r"max-age=(\d+)")
CACHEABLE_SECONDS = 24 * 3600  # an asset cached for at least a day is loaded once a session


@dataclass
class Asset:
    size: int  # bytes as sent
    cacheable: bool


class Weigher:
    """Bytes a phone fetches for a page: HTML, then the assets it has not cached."""

    def __init__(self) -> None:
        self.cache: dict[str, Asset] = {}

    def weigh(self, client: Any, page: Page) -> tuple[int, int, int]:
        """HTML bytes, this load's uncached asset bytes, all asset bytes."""
        response = _get(client, page)
        html = response.content
        fresh = total = 0
        for url in self._assets_in(html.decode("utf-8", "replace"), page.path):
            asset = self._fetch(client, url)
            total += asset.size
            if url not in self.cache or not asset.cacheable:
                fresh += asset.size
            self.cache[url] = asset
        return len(html), fresh, total

    def _assets_in(self, html: str, base: str) -> list[str]:
        urls: list[str] = []
        for tag in _ASSET_TAG.findall(html):
            attributes = {k.lower(): v for k, v in _ATTRIBUTE.findall(tag)}
            rel = attributes.get("rel", "").lower()
            url = attributes.get("src") or attributes.get("href")
            if tag.lower().startswith("<link") and not (
                {"stylesheet", "icon", "preload", "modulepreload"} & set(rel.split())
            ):
                continue  # a plain link (alternate, canonical) loads nothing
            if url and self._local(url):
                urls.append(urljoin(base, url))
        return list(dict.fromkeys(urls))

    @staticmethod
    def _local(url: str) -> bool:
        parts = urlsplit(url)
        return not parts.scheme and not parts.netloc and not url.startswith("#")

    def _fetch(self, client: Any, url: str, seen: set[str] | None = None) -> Asset:
        if url in self.cache and self.cache[url].cacheable:
            return self.cache[url]
        seen = seen if seen is not None else set()
        seen.add(url)
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
        if response.status_code != 200:
            print(f"# weight: {url} answered {response.status_code} (collectstatic?)")
            return Asset(0, True)
        body = _body(response)
        age = _CACHE_FOR.search(response.get("Cache-Control", ""))
        asset = Asset(len(body), bool(age and int(age.group(1)) >= CACHEABLE_SECONDS))
        if url.split("?")[0].endswith(".css"):
            text = _decoded(body, response.get("Content-Encoding", ""))
            for ref in _CSS_URL.findall(text):
                if ref.startswith("data:") or not self._local(ref):
                    continue
                nested = urljoin(url, ref).split("#")[0]
                if nested not in seen:
                    asset.size += self._fetch(client, nested, seen).size
        return asset


def _body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        # Consuming the stream closes the response (the test client's wrapper);
        # closing it again would close the connection, and the transaction.
        return b"".join(response.streaming_content)
    return bytes(response.content)


def _decoded(body: bytes, encoding: str) -> str:
    if encoding == "gzip":
        body = gzip.decompress(body)
    elif encoding == "br":
        import brotli  # whitenoise[brotli]; only asked for when a .br file was sent

        body = brotli.decompress(body)
    return body.decode("utf-8", "replace")


def kb(size: int) -> float:
    return size / 1024


# --- Main ------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=25, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=2, help="untimed requests first")
    parser.add_argument(
        "--page-seconds",
        type=float,
        default=15.0,
        help=f"time budget per page: fewer requests (never under {MIN_SAMPLES}) past it",
    )
    parser.add_argument("--sales-per-day", type=int, default=2, help="busy outlet's sales a day")
    parser.add_argument("--small-days", type=int, default=5, help="days in the small size")
    parser.add_argument("--logins", type=int, default=20, help="logins added for the large size")
    args = parser.parse_args(argv)
    if args.requests < 1 or args.warmup < 0 or args.sales_per_day < 1:
        parser.error("--requests and --sales-per-day must be at least 1, --warmup at least 0")
    if not 1 <= args.small_days <= 28 or args.logins < 1:
        parser.error("--small-days must be 1-28 and --logins at least 1")

    facts = setup_django()
    prepare_demo(lambda message: print(f"# {message}", flush=True))

    print(
        f"# bench/pages.py engine={facts['engine']} workers=1 requests={args.requests} "
        f"warmup={args.warmup} sales_per_day={args.sales_per_day} small_days={args.small_days} "
        f"logins={args.logins} database={facts['database']}"
    )
    clients = Clients()
    for page in PAGES:
        client = clients(page.username)
        queries = query_count(client, page, args.warmup)
        print_timings(page.name, timed(client, page, args.requests, args.page_seconds))
        print(figure(f"pages.{page.name}.queries", queries, "count"))
        sys.stdout.flush()
    busy_outlet(args, clients)
    return 0


def busy_outlet(args: argparse.Namespace, clients: Clients) -> None:
    from django.db import transaction
    from django.test.utils import override_settings

    from kopdes.core.timeutils import business_date
    from kopdes.ledger.statements.cash_book import cash_book
    from kopdes.ledger.statements.periods import ReportPeriod

    # Hashing passwords is not what is measured; nobody signs in with them.
    fast_hashing = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    with transaction.atomic():
        started = time.perf_counter()
        today = business_date()
        year = today.year - 1
        first, small_last = date(year, 1, 1), date(year, 1, args.small_days)
        with fast_hashing:
            outlet = BusyOutlet.prepare(args.sales_per_day, valid_from=date(year - 1, 1, 1))
            entries = outlet.post(first, small_last)
            outlet.add_logins(1, valid_from=first)
        slug = outlet.cooperative.slug
        print(
            f"# busy outlet {slug}: small size {entries} entries ({first} to {small_last}), "
            f"2 logins, in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        pages = busy_pages(slug, year, outlet.kas_id)
        small = {page.name: query_count(clients(page.username), page, 1) for page in pages}

        started = time.perf_counter()
        with fast_hashing:
            entries += outlet.post(small_last + timedelta(days=1), date(year, 12, 31))
            entries += outlet.post(today.replace(day=1), today)
            outlet.add_logins(args.logins, valid_from=first)
        rows = len(cash_book(outlet.cooperative, ReportPeriod("year", year, 1)).rows)
        print(
            f"# large size: {entries} entries, {args.logins + 2} cooperative and "
            f"{args.logins + 1} more district logins, in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        print(figure("pages.busy_outlet.entries", entries, "entries"))
        print(figure("pages.busy_outlet.cash_book_year_rows", rows, "rows"), flush=True)

        grows = []
        for page in pages:
            client = clients(page.username)
            queries = query_count(client, page, args.warmup)
            name = f"busy_outlet.{page.name}"
            print_timings(name, timed(client, page, args.requests, args.page_seconds))
            print(figure(f"pages.{name}.queries_small", small[page.name], "count"))
            print(figure(f"pages.{name}.queries", queries, "count"), flush=True)
            if queries > small[page.name]:
                grows.append(name)
                print(f"GROWS pages.{name}.queries {small[page.name]} -> {queries}")
        print(f"# query counts that grow with rows: {', '.join(grows) or 'none'}")
        weigh_pages({page.name: page for page in pages}, clients)
        transaction.set_rollback(True)


def weigh_pages(pages: dict[str, Page], clients: Callable[[str | None], Any]) -> None:
    weigher = Weigher()
    html, fresh, total = weigher.weigh(clients(None), Page("login", "/masuk/", None))
    print(figure("pages.weight.first_load", kb(html + fresh), "KB"))
    print(f"# first load: login page HTML {kb(html):.1f} KB, assets {kb(total):.1f} KB")
    for name in WEIGHED:
        page = pages[name]
        html, fresh, total = weigher.weigh(clients(page.username), page)
        weight = html + fresh
        print(figure(f"pages.weight.{name}", kb(weight), "KB"))
        print(figure(f"pages.weight.{name}.of_aim", 100 * kb(weight) / WEIGHT_AIM_KB, "%"))
        over = "  OVER THE AIM" if kb(weight) > WEIGHT_AIM_KB else ""
        print(
            f"# {name}: HTML {kb(html):.1f} KB (gzip would send "
            f"{kb(len(gzip.compress(_get(clients(page.username), page).content))):.1f} KB), "
            f"uncached assets {kb(fresh):.1f} KB of {kb(total):.1f} KB{over}"
        )
    print(figure("pages.weight.aim", WEIGHT_AIM_KB, "KB"))
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
