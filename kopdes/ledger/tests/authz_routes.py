"""Authorisation entries for the bookkeeping pages, statements and the books API.

Readers of a cooperative (district, its BA, pengurus, teller, pengawas) see
the books and statements; the cash book takes postings from pengurus and
teller; the general journal, reversals, opening balances and month closes
belong to the pengurus; a reopen request is asked by the pengurus and decided
by a pengawas. On the period and book-year pages a reader inside the scope
gets 403, outside it 404. Routes with an object id are also tried with
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


# In scope but not allowed: 403 ("Anda hanya dapat melihat data ini"); out of scope: 404.
_IN_SCOPE = ("dinas", "viewer", "ba", "pengurus", "teller", "pengawas")
_OTHER_IN_SCOPE = ("dinas", "viewer", "outsider")


def _scoped(allowed: tuple[str, ...], readers: tuple[str, ...], status: int = 200) -> Any:
    expect = only(allowed, status)
    for persona in readers:
        if persona not in allowed:
            expect[persona] = 403
    return expect


def _closed_period(cooperative: Any) -> Any:
    from kopdes.ledger.models import Period, PeriodStatus

    _entry(cooperative)  # creates the period of ON
    period = Period.objects.get(cooperative=cooperative, year=ON.year, month=ON.month)
    if period.status != PeriodStatus.CLOSED:
        from kopdes.ledger.services import close_month

        close_month(cooperative=cooperative, period=period, actor=None)
        period.refresh_from_db()
    return period


def _period(suffix: str, allowed: str = "pengurus", closed: bool = False) -> Route:
    def build(which: str) -> Any:
        def path(p: Any) -> str:
            cooperative = p.coop if which == "own" else p.other_coop
            if closed:
                _closed_period(cooperative)
            else:
                _entry(cooperative)  # creates the period of ON
            return f"/k/{cooperative.slug}/buku/periode/{ON.year}/{ON.month}/{suffix}/"

        return path

    other = "outsider" if allowed == "pengurus" else ""
    return Route(
        {"own": build("own"), "other": build("other")},
        {
            # An empty POST comes back with the form's errors, nothing is done.
            ("own", "GET"): _scoped((allowed,), _IN_SCOPE),
            ("other", "GET"): _scoped((other,), _OTHER_IN_SCOPE),
            ("own", "POST"): _scoped((allowed,), _IN_SCOPE, 400 if closed else 200),
            ("other", "POST"): _scoped((other,), _OTHER_IN_SCOPE, 400 if closed else 200),
        },
    )


def _reopen_request_id(cooperative: Any) -> int:
    from kopdes.accounts.models import Grant, Role
    from kopdes.ledger.models import ReopenRequest, ReopenStatus

    found = ReopenRequest.objects.filter(
        cooperative=cooperative, status=ReopenStatus.PENDING
    ).first()
    if found is not None:
        return int(found.pk)
    period = _closed_period(cooperative)
    requester = Grant.objects.filter(cooperative=cooperative, role=Role.PENGURUS).first()
    assert requester is not None
    return int(
        ReopenRequest.objects.create(
            cooperative=cooperative,
            period=period,
            requested_by=requester.user,
            reason="Permintaan untuk sapuan otorisasi",
        ).pk
    )


def _reopen_decision(suffix: str, allowed: str) -> Route:
    # An empty POST is refused by the form (200 with errors), so the request stays pending.
    other = "outsider" if allowed == "pengurus" else ""
    return _with_object(
        f"buku/periode/permintaan/{{}}/{suffix}",
        _reopen_request_id,
        _scoped((allowed,), _IN_SCOPE),
        _scoped((other,), _OTHER_IN_SCOPE),
        "POST",
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
            ("own", "GET"): _scoped(("pengurus",), _IN_SCOPE),
            ("other", "GET"): _scoped(("outsider",), _OTHER_IN_SCOPE),
            ("own", "POST"): _scoped(("pengurus",), _IN_SCOPE),
            ("other", "POST"): _scoped(("outsider",), _OTHER_IN_SCOPE),
            ("tampered", "GET"): everyone(404, anonymous=LOGIN),
            ("tampered", "POST"): everyone(404, anonymous=LOGIN),
        },
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
    "ledger:request_reopen": _period("buka", closed=True),
    "ledger:reopen_request": _with_object(
        "buku/periode/permintaan/{}/",
        _reopen_request_id,
        only(COOP_READERS),
        only(OTHER_READERS),
        "GET",
    ),
    "ledger:approve_reopen": _reopen_decision("setujui/", "pengawas"),
    "ledger:reject_reopen": _reopen_decision("tolak/", "pengawas"),
    "ledger:cancel_reopen": _reopen_decision("batal/", "pengurus"),
    "ledger:close_year": _book_year("tutup"),
    "ledger:approve_year": _book_year("rat"),
    "ledger:opening_import": _pengurus("buku/saldo-awal/"),
    "ledger:opening_template": _pengurus("buku/saldo-awal/templat/", post_status=None),
    "ledger:statements": _readers("laporan/"),
    "ledger:statement": _readers("laporan/phu/"),
    "ledger:statement_pdf": _readers("laporan/phu/pdf/"),
    "ledger:statement_xlsx": _readers("laporan/neraca-saldo/xlsx/"),
    # The books API: see API_ROUTES below (merged into ROUTES).
}


# --- The books API (kopdes/ledger/api/) ---------------------------------------------------
#
# Outside the persona's scope: 404. Inside it, a role that may read but not
# write gets 403 ("Anda hanya dapat melihat data ini"). The sweep sends empty
# bodies: a write that needs a body answers 422 once access has passed.


def _api_expect(allowed: tuple[str, ...], status: int, readers: tuple[str, ...]) -> Any:
    expect = api_only(allowed, status)
    for persona in readers:
        if persona not in allowed:
            expect[persona] = 403
    return expect


def _api_write_route(
    suffix: Any,
    allowed: tuple[str, ...],
    status: int,
    *,
    get: bool = False,
    tampered: bool = False,
) -> Route:
    """A write on /api/v1/k/<slug>/<suffix>; ``suffix(cooperative)`` when it names an object.

    The outsider is a pengurus of the other cooperative: there they may what a
    pengurus may. ``tampered``: another cooperative's object under the own
    slug answers 404 to everyone (the object is looked up before the right).
    """

    def build(which: str) -> Any:
        def path(p: Any) -> str:
            slug = p.coop.slug if which != "other" else p.other_coop.slug
            owner = p.other_coop if which != "own" else p.coop
            tail = suffix(owner) if callable(suffix) else suffix
            return f"/api/v1/k/{slug}/{tail}"

        return path

    other_allowed = ("outsider",) if "pengurus" in allowed else ()
    expect = {
        ("own", "POST"): _api_expect(allowed, status, COOP_READERS),
        ("other", "POST"): _api_expect(other_allowed, status, OTHER_READERS),
    }
    if get:
        expect[("own", "GET")] = api_only(COOP_READERS)
        expect[("other", "GET")] = api_only(OTHER_READERS)
    variants = {"own": build("own"), "other": build("other")}
    if tampered:
        variants["tampered"] = build("tampered")
        expect[("tampered", "POST")] = {**everyone(404), "anonymous": 401}
    return Route(variants, expect, API_UNLISTED)


def _api_read_route(suffix: Any, *, tampered: bool = False) -> Route:
    def build(which: str) -> Any:
        def path(p: Any) -> str:
            slug = p.coop.slug if which != "other" else p.other_coop.slug
            owner = p.other_coop if which != "own" else p.coop
            tail = suffix(owner) if callable(suffix) else suffix
            return f"/api/v1/k/{slug}/{tail}"

        return path

    variants = {"own": build("own"), "other": build("other")}
    expect = {("own", "GET"): api_only(COOP_READERS), ("other", "GET"): api_only(OTHER_READERS)}
    if tampered:
        variants["tampered"] = build("tampered")
        expect[("tampered", "GET")] = {**everyone(404), "anonymous": 401}
    return Route(variants, expect, API_UNLISTED)


def _with_period(cooperative: Any) -> str:
    _entry(cooperative)  # creates the period of ON
    return f"periods/{ON.year}/{ON.month}/close"


def _year(suffix: str) -> Any:
    def tail(cooperative: Any) -> str:
        _entry(cooperative)  # creates the periods of ON.year
        return f"years/{ON.year}/{suffix}".rstrip("/")

    return tail


def _other_only_year(p: Any) -> str:
    from kopdes.ledger.services.calendar import ensure_period

    _entry(p.coop)
    ensure_period(p.other_coop, OTHER_ONLY_YEAR, 1)
    return f"/api/v1/k/{p.coop.slug}/years/{OTHER_ONLY_YEAR}"


_get_book_year = _api_read_route(_year(""))
_get_book_year.variants["tampered"] = _other_only_year
_get_book_year.expect[("tampered", "GET")] = {**everyone(404), "anonymous": 401}

API_ROUTES: dict[str, Route] = {
    # One path carries both operations: readers list, the pengurus posts.
    "api:list_entries": _api_write_route("entries", ("pengurus",), 422, get=True),
    "api:create_entry": _api_write_route("entries", ("pengurus",), 422, get=True),
    "api:get_entry": _api_read_route(lambda c: f"entries/{_entry_id(c)}", tampered=True),
    "api:reverse_entry_api": _api_write_route(
        lambda c: f"entries/{_entry_id(c)}/reverse", ("pengurus",), 422, tampered=True
    ),
    "api:create_cash_entry": _api_write_route("cash-entries", _CASH_WRITERS, 422),
    "api:list_cash_accounts": _api_read_route("cash-entries/accounts"),
    "api:list_accounts": _api_write_route("accounts", ("pengurus",), 422, get=True),
    "api:create_account": _api_write_route("accounts", ("pengurus",), 422, get=True),
    # No body needed: the pengurus deactivates (200), every time.
    "api:deactivate_account_api": _api_write_route(
        "accounts/6-1800/deactivate", ("pengurus",), 200
    ),
    "api:list_periods": _api_read_route("periods"),
    # No body needed: the pengurus closes the month (200).
    "api:close_month_api": _api_write_route(_with_period, ("pengurus",), 200),
    "api:get_book_year": _get_book_year,
    # October is still open, so the year-end close is refused with its reasons (400).
    "api:close_year_api": _api_write_route(_year("close"), ("pengurus",), 400),
    "api:approve_year_api": _api_write_route(_year("rat-approval"), ("pengurus",), 422),
    "api:list_statements": _api_read_route("statements"),
    "api:get_statement": _api_read_route("statements/posisi-keuangan"),
}
ROUTES.update(API_ROUTES)


def _pending_request_id(cooperative: Any) -> int:
    """A pending reopen request for October (the month closed first)."""
    from kopdes.accounts.models import Grant, Role
    from kopdes.ledger.models import Period, PeriodStatus, ReopenRequest
    from kopdes.ledger.services import close_month
    from kopdes.ledger.services.reopen import request_reopen

    found = ReopenRequest.objects.filter(cooperative=cooperative, status="pending").first()
    if found is not None:
        return int(found.pk)
    period = Period.objects.filter(cooperative=cooperative, year=ON.year, month=ON.month).first()
    if period is None:
        _entry(cooperative)  # creates the period of ON
        period = Period.objects.get(cooperative=cooperative, year=ON.year, month=ON.month)
    grant = Grant.objects.filter(cooperative=cooperative, role=Role.PENGURUS).first()
    assert grant is not None
    if period.status != PeriodStatus.CLOSED:
        close_month(cooperative=cooperative, period=period, actor=grant.user)
    created = request_reopen(
        cooperative=cooperative, actor=grant.user, period=period, reason="Sapuan otorisasi"
    )
    return int(created.pk)


def _reopen_decision(verb: str) -> Any:
    return lambda c: f"reopen-requests/{_pending_request_id(c)}/{verb}"


def _period_path(suffix: str) -> Any:
    def tail(cooperative: Any) -> str:
        _entry(cooperative)  # creates the period of ON
        return f"periods/{ON.year}/{ON.month}/{suffix}"

    return tail


API_ROUTES.update(
    {
        "api:import_opening_balances_api": _api_write_route("opening-balances", ("pengurus",), 422),
        "api:list_reopen_requests": _api_read_route("reopen-requests"),
        # An empty body: the reason is missing (422) once access has passed.
        "api:create_reopen_request": _api_write_route(
            _period_path("reopen-requests"), ("pengurus",), 422
        ),
        # A pengawas decides (an empty body approves; a rejection needs its note).
        "api:approve_reopen_request": _api_write_route(
            _reopen_decision("approve"), ("pengawas",), 200, tampered=True
        ),
        "api:reject_reopen_request": _api_write_route(
            _reopen_decision("reject"), ("pengawas",), 422, tampered=True
        ),
        # The pengurus withdraws (an empty body is enough).
        "api:cancel_reopen_request": _api_write_route(
            _reopen_decision("cancel"), ("pengurus",), 200, tampered=True
        ),
    }
)
ROUTES.update(API_ROUTES)
