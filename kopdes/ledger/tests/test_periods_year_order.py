"""The year-end order (docs/ledger.md, "Periods and closes"): close January-November,
close the year, close December, record the RAT's approval; nothing is left in income
or expense at 31 December when the RAT approves."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kopdes.ledger.balances import balances_as_of
from kopdes.ledger.models import (
    Account,
    AccountType,
    BookYear,
    Entry,
    EntryKind,
    Period,
    PeriodStatus,
)
from kopdes.ledger.services import (
    PeriodError,
    close_month,
    close_year,
    ensure_period,
    mark_year_approved_by_rat,
)
from kopdes.ledger.tests.books_helpers import post, rp

pytestmark = pytest.mark.django_db

YEAR = 2025
END = date(YEAR, 12, 31)


def _nominal_left(coop) -> dict[str, int]:
    nominal = dict(
        Account.objects.filter(
            cooperative=coop, type__in=[AccountType.PENDAPATAN, AccountType.BEBAN]
        ).values_list("pk", "code")
    )
    return {
        nominal[account_id]: balance
        for (account_id, _unit), balance in balances_as_of(cooperative=coop, as_of=END).items()
        if account_id in nominal and balance
    }


@pytest.fixture
def books(personas):
    coop = personas.coop
    post(coop, date(YEAR, 3, 5), "Penjualan", ("1-1100", rp(5_000), 0), ("4-1120", 0, rp(5_000)))
    post(coop, date(YEAR, 12, 5), "Gaji", ("6-1100", rp(2_000), 0), ("1-1100", 0, rp(2_000)))
    for month in range(1, 12):
        close_month(
            cooperative=coop, period=ensure_period(coop, YEAR, month), actor=personas.pengurus
        )
    return coop


def _december(coop) -> Period:
    return Period.objects.get(cooperative=coop, year=YEAR, month=12)


def test_an_adjustment_after_the_year_close_is_closed_with_december(books, personas):
    close_year(cooperative=books, year=YEAR, actor=personas.pengurus)
    post(books, END, "Penyesuaian", ("6-1200", rp(300), 0), ("1-1100", 0, rp(300)))
    close_month(cooperative=books, period=_december(books), actor=personas.pengurus)
    assert _nominal_left(books) == {}
    mark_year_approved_by_rat(cooperative=books, year=YEAR, actor=personas.pengurus)
    assert BookYear.objects.get(cooperative=books, year=YEAR).rat_approved
    closings = Entry.objects.filter(cooperative=books, kind=EntryKind.CLOSING, year=YEAR)
    assert closings.count() == 2


def test_closing_december_before_the_year_close_runs_the_year_close(books, personas):
    close_month(cooperative=books, period=_december(books), actor=personas.pengurus)
    assert _december(books).status == PeriodStatus.CLOSED
    book_year = BookYear.objects.get(cooperative=books, year=YEAR)
    assert book_year.closed_at is not None
    assert _nominal_left(books) == {}
    (closing,) = Entry.objects.filter(cooperative=books, kind=EntryKind.CLOSING, year=YEAR)
    assert closing.business_date == END


def test_the_rat_approval_is_refused_while_income_or_expense_is_left(books, personas):
    close_year(cooperative=books, year=YEAR, actor=personas.pengurus)
    post(books, END, "Penyesuaian", ("6-1200", rp(300), 0), ("1-1100", 0, rp(300)))
    # December closed by hand, as books closed before this rule could be.
    Period.objects.filter(pk=_december(books).pk).update(status=PeriodStatus.CLOSED)
    with pytest.raises(PeriodError) as info:
        mark_year_approved_by_rat(cooperative=books, year=YEAR, actor=personas.pengurus)
    assert info.value.field == "year"
    assert info.value.message.startswith(
        f"Pendapatan dan beban tahun {YEAR} belum nol pada 31 Desember {YEAR}: 6-1200"
    )
    assert not BookYear.objects.get(cooperative=books, year=YEAR).rat_approved


def test_the_year_close_takes_the_numbering_lock_before_reading_the_movements(books, personas):
    with CaptureQueriesContext(connection) as queries:
        close_year(cooperative=books, year=YEAR, actor=personas.pengurus)
    sqls = [q["sql"] for q in queries.captured_queries]
    # SQLite has no FOR UPDATE (its write transactions lock the file): the select stands in.
    marker = "FOR UPDATE" if connection.vendor == "postgresql" else "SELECT"
    lock = next(i for i, sql in enumerate(sqls) if "ledger_entrycounter" in sql and marker in sql)
    read = next(i for i, sql in enumerate(sqls) if "ledger_line" in sql and "SUM" in sql)
    assert lock < read
