"""Authorisation entries for the bookkeeping pages, statements and the books API.

Readers of a cooperative (district, its BA, pengurus, teller, pengawas) see
the books and statements; the cash book takes postings from pengurus and
teller; the general journal, reversals, opening balances and month closes
belong to the pengurus. Routes with an object id are also tried with
another cooperative's object under the persona's own slug (404 for all).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kopdes.ledger.models import Account, Entry
from kopdes.testing.authz import (
    API_UNLISTED,
    COOP_READERS,
    DISTRICT,
    LOGIN,
    Route,
    api_only,
    everyone,
    only,
)

OTHER_READERS = (*DISTRICT, "outsider")
ON = date(2026, 10, 5)


def _entry(cooperative: Any) -> Entry:
    found = Entry.objects.filter(cooperative=cooperative, idempotency_key="authz-sweep").first()
    if found is not None:
        return found
    from kopdes.ledger.tests.books_helpers import post

    return post(
        cooperative,
        ON,
        "Entri untuk sapuan otorisasi",
        ("1-1100", 10_000, 0),
        ("3-1300", 0, 10_000),
    )


def _entry_id(cooperative: Any) -> int:
    entry = _entry(cooperative)
    return int(entry.pk)


def _account_id(cooperative: Any) -> int:
    return int(Account.objects.get(cooperative=cooperative, code="1-1100").pk)


def _own_other(suffix: str) -> dict[str, Any]:
    return {
        "own": lambda p: f"/k/{p.coop.slug}/{suffix}",
        "other": lambda p: f"/k/{p.other_coop.slug}/{suffix}",
    }


def _readers(suffix: str) -> Route:
    return Route(
        _own_other(suffix),
        {("own", "GET"): only(COOP_READERS), ("other", "GET"): only(OTHER_READERS)},
    )


def _pengurus(suffix: str, post_status: int | None = 200) -> Route:
    expect = {("own", "GET"): only(("pengurus",)), ("other", "GET"): only(("outsider",))}
    if post_status is not None:
        expect[("own", "POST")] = only(("pengurus",), post_status)
        expect[("other", "POST")] = only(("outsider",), post_status)
    return Route(_own_other(suffix), expect)


def _with_object(
    suffix: str,
    object_id: Any,
    expect_own: dict[str, Any],
    expect_other: dict[str, Any],
    method: str,
) -> Route:
    variants = {
        "own": lambda p: f"/k/{p.coop.slug}/{suffix.format(object_id(p.coop))}",
        "other": lambda p: f"/k/{p.other_coop.slug}/{suffix.format(object_id(p.other_coop))}",
        # Another cooperative's object under the persona's own slug.
        "tampered": lambda p: f"/k/{p.coop.slug}/{suffix.format(object_id(p.other_coop))}",
    }
    return Route(
        variants,
        {
            ("own", method): expect_own,
            ("other", method): expect_other,
            ("tampered", method): everyone(404, anonymous=LOGIN),
        },
    )


def _period(suffix: str) -> Route:
    def build(which: str) -> Any:
        def path(p: Any) -> str:
            cooperative = p.coop if which == "own" else p.other_coop
            _entry(cooperative)  # creates the period of ON
            return f"/k/{cooperative.slug}/buku/periode/{ON.year}/{ON.month}/{suffix}/"

        return path

    return Route(
        {"own": build("own"), "other": build("other")},
        {
            ("own", "GET"): only(("pengurus",)),
            ("other", "GET"): only(("outsider",)),
            ("own", "POST"): only(("pengurus",)),
            ("other", "POST"): only(("outsider",)),
        },
    )


OTHER_ONLY_YEAR = 2019  # a book year only the other cooperative keeps


def _book_year(suffix: str) -> Route:
    def build(which: str) -> Any:
        def path(p: Any) -> str:
            from kopdes.ledger.services.calendar import ensure_period

            cooperative = p.coop if which == "own" else p.other_coop
            _entry(cooperative)  # creates the periods of ON.year
            if which == "other":
                return f"/k/{cooperative.slug}/buku/tahun/{ON.year}/{suffix}/"
            ensure_period(p.other_coop, OTHER_ONLY_YEAR, 1)
            year = ON.year if which == "own" else OTHER_ONLY_YEAR
            return f"/k/{p.coop.slug}/buku/tahun/{year}/{suffix}/"

        return path

    return Route(
        # "tampered": another cooperative's book year under the persona's own slug.
        {"own": build("own"), "other": build("other"), "tampered": build("tampered")},
        {
            # An empty POST comes back with the form's errors (200), nothing is done.
            ("own", "GET"): only(("pengurus",)),
            ("other", "GET"): only(("outsider",)),
            ("own", "POST"): only(("pengurus",)),
            ("other", "POST"): only(("outsider",)),
            ("tampered", "GET"): everyone(404, anonymous=LOGIN),
            ("tampered", "POST"): everyone(404, anonymous=LOGIN),
        },
    )


def _api(suffix: str, get: bool = True, post_status: int | None = None) -> Route:
    expect = {}
    if get:
        expect[("own", "GET")] = api_only(COOP_READERS)
        expect[("other", "GET")] = api_only(OTHER_READERS)
    if post_status is not None:
        expect[("own", "POST")] = api_only(("pengurus",), post_status)
        expect[("other", "POST")] = api_only(("outsider",), post_status)
    return Route(
        {
            "own": lambda p: f"/api/v1/k/{p.coop.slug}/{suffix}",
            "other": lambda p: f"/api/v1/k/{p.other_coop.slug}/{suffix}",
        },
        expect,
        API_UNLISTED,
    )


_CASH_WRITERS = ("pengurus", "teller")

ROUTES: dict[str, Route] = {
    "ledger:index": _readers("buku/"),
    "ledger:cash_book": Route(
        _own_other("buku/kas/"),
        {
            ("own", "GET"): only(COOP_READERS),
            ("other", "GET"): only(OTHER_READERS),
            # An empty form comes back with its errors (200) for those who may post.
            ("own", "POST"): only(_CASH_WRITERS),
            ("other", "POST"): only(("outsider",)),
        },
    ),
    "ledger:journal": _pengurus("buku/jurnal/"),
    "ledger:entries": _readers("buku/jurnal/daftar/"),
    "ledger:entry": _with_object(
        "buku/jurnal/{}/", _entry_id, only(COOP_READERS), only(OTHER_READERS), "GET"
    ),
    "ledger:reverse": _with_object(
        "buku/jurnal/{}/balik/",
        _entry_id,
        only(("pengurus",), 400),
        only(("outsider",), 400),
        "POST",
    ),
    "ledger:accounts": _readers("buku/akun/"),
    "ledger:account_ledger": _with_object(
        "buku/akun/{}/", _account_id, only(COOP_READERS), only(OTHER_READERS), "GET"
    ),
    "ledger:periods": _readers("buku/periode/"),
    "ledger:close_month": _period("tutup"),
    "ledger:reopen_month": _period("buka"),
    "ledger:close_year": _book_year("tutup"),
    "ledger:approve_year": _book_year("rat"),
    "ledger:opening_import": _pengurus("buku/saldo-awal/"),
    "ledger:opening_template": _pengurus("buku/saldo-awal/templat/", post_status=None),
    "ledger:statements": _readers("laporan/"),
    "ledger:statement": _readers("laporan/phu/"),
    "ledger:statement_pdf": _readers("laporan/phu/pdf/"),
    "ledger:statement_xlsx": _readers("laporan/neraca-saldo/xlsx/"),
    # One path carries both operations: readers list, the pengurus posts
    # (an empty body is refused with 422 once the access check has passed).
    "api:list_entries": _api("entries", post_status=422),
    "api:create_entry": _api("entries", post_status=422),
    "api:get_entry": Route(
        {
            "own": lambda p: f"/api/v1/k/{p.coop.slug}/entries/{_entry_id(p.coop)}",
            "other": lambda p: f"/api/v1/k/{p.other_coop.slug}/entries/{_entry_id(p.other_coop)}",
            "tampered": lambda p: f"/api/v1/k/{p.coop.slug}/entries/{_entry_id(p.other_coop)}",
        },
        {
            ("own", "GET"): api_only(COOP_READERS),
            ("other", "GET"): api_only(OTHER_READERS),
            ("tampered", "GET"): {**everyone(404), "anonymous": 401},
        },
        API_UNLISTED,
    ),
    "api:get_statement": _api("statements/posisi-keuangan"),
}
