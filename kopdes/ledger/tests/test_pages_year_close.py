"""The year-end close page and recording the RAT's approval of a book year."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kopdes.core import hooks
from kopdes.ledger.balances import balances_as_of, current_shu
from kopdes.ledger.models import BookYear, Entry, EntryKind
from kopdes.ledger.services import close_month, ensure_period
from kopdes.ledger.tests.books_helpers import post, rp
from kopdes.testing import ledger_factories as lf
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db

YEAR = 2025
END = date(YEAR, 12, 31)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _close_months(personas, *months: int) -> None:
    for month in months:
        close_month(
            cooperative=personas.coop,
            period=ensure_period(personas.coop, YEAR, month),
            actor=personas.pengurus,
        )


@pytest.fixture
def year_books(personas):
    """Income Rp5.000 and wages Rp2.000 in 2025: SHU tahun berjalan Rp3.000."""
    coop = personas.coop
    post(coop, date(YEAR, 3, 5), "Penjualan", ("1-1100", rp(5_000), 0), ("4-1120", 0, rp(5_000)))
    post(coop, date(YEAR, 6, 30), "Gaji", ("6-1100", rp(2_000), 0), ("1-1100", 0, rp(2_000)))
    for month in range(1, 13):
        ensure_period(coop, YEAR, month)
    return coop


def _close_url(coop, year: int = YEAR) -> str:
    return f"/k/{coop.slug}/buku/tahun/{year}/tutup/"


def _rat_url(coop, year: int = YEAR) -> str:
    return f"/k/{coop.slug}/buku/tahun/{year}/rat/"


def _closings(coop) -> list[Entry]:
    return list(Entry.objects.filter(cooperative=coop, kind=EntryKind.CLOSING, year=YEAR))


def test_closing_the_year_moves_income_and_expense_to_shu_tahun_berjalan(personas, year_books):
    _close_months(personas, *range(1, 12))
    client = _client(personas.pengurus)
    confirm = client.get(_close_url(year_books))
    assert confirm.status_code == 200
    preview = confirm.context["preview"]
    assert (preview.income_total, preview.expense_total, preview.shu) == (
        rp(5_000),
        rp(2_000),
        rp(3_000),
    )
    assert confirm.context["problems"] == []

    done = client.post(_close_url(year_books), {"confirm": "on"}, follow=True)
    (closing,) = _closings(year_books)
    assert [str(m) for m in done.context["messages"]] == [
        f"Tahun buku {YEAR} ditutup: jurnal penutup {closing.number} memindahkan pendapatan "
        "dan beban ke SHU tahun berjalan."
    ]
    balances = balances_as_of(cooperative=year_books, as_of=END)
    assert balances[(lf.account(year_books, "3-1700").pk, None)] == -rp(3_000)
    assert (lf.account(year_books, "4-1120").pk, None) not in balances
    assert (lf.account(year_books, "6-1100").pk, None) not in balances
    assert current_shu(cooperative=year_books, as_of=END) == 0
    row = next(r for r in done.context["book_years"] if r.year == YEAR)
    assert row.status == "closed"
    assert closing.number in done.content.decode()


def test_closing_the_year_is_refused_while_a_month_is_open(personas, year_books):
    _close_months(personas, 1)
    response = _client(personas.pengurus).post(_close_url(year_books), {"confirm": "on"})
    assert response.status_code == 400
    message = (
        f"Periode Februari {YEAR} masih terbuka; tutup bulan Januari sampai November {YEAR} "
        "lebih dulu."
    )
    assert response.context["problems"] == [message]
    assert message in response.content.decode()
    assert _closings(year_books) == []
    assert not BookYear.objects.filter(cooperative=year_books, closed_at__isnull=False).exists()


def test_a_failing_reconciliation_refuses_the_year_close(personas, year_books):
    _close_months(personas, *range(1, 12))

    def failing(**kwargs):
        return ["Simpanan sukarela: sub-ledger Rp10,00 ≠ akun kontrol Rp0,00"]

    hooks.reconciliations.register(failing, key="test.yearend.failing")
    try:
        response = _client(personas.pengurus).post(_close_url(year_books), {"confirm": "on"})
    finally:
        hooks.reconciliations.unregister("test.yearend.failing")
    assert response.status_code == 400
    assert response.context["problems"] == [
        "Simpanan sukarela: sub-ledger Rp10,00 ≠ akun kontrol Rp0,00"
    ]
    assert _closings(year_books) == []


def test_the_rat_approval_prefills_the_registry_record_and_locks_the_year(personas, year_books):
    _close_months(personas, *range(1, 12))
    client = _client(personas.pengurus)
    client.post(_close_url(year_books), {"confirm": "on"})
    _close_months(personas, 12)
    rat = rf.rat(year_books, book_year=YEAR, statements_approved=True)

    form_page = client.get(_rat_url(year_books))
    assert form_page.status_code == 200
    assert form_page.context["form"]["reference"].value() == f"RAT tahun buku {YEAR}, 14 Mar 2026"
    assert f"/k/{year_books.slug}/rat/{rat.pk}/" in form_page.content.decode()

    done = client.post(
        _rat_url(year_books), {"reference": "BA RAT 2026/03", "confirm": "on"}, follow=True
    )
    assert [str(m) for m in done.context["messages"]] == [
        f"Tahun buku {YEAR} dicatat sudah disahkan RAT; tahun ini tidak dapat dibuka kembali."
    ]
    book_year = BookYear.objects.get(cooperative=year_books, year=YEAR)
    assert book_year.rat_approved
    assert book_year.rat_reference == "BA RAT 2026/03"
    row = next(r for r in done.context["book_years"] if r.year == YEAR)
    assert row.status == "approved"
    assert "BA RAT 2026/03" in done.content.decode()
    # An approved year offers no close any more.
    assert _close_url(year_books) not in done.content.decode()


def test_the_rat_approval_before_the_year_close_is_refused(personas, year_books):
    response = _client(personas.pengurus).post(
        _rat_url(year_books), {"reference": "BA RAT", "confirm": "on"}
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        f"Tahun buku {YEAR} belum ditutup (jurnal penutup belum dibuat)."
    ]
    assert not BookYear.objects.filter(cooperative=year_books, rat_approved=True).exists()


def test_the_pengawas_sees_the_status_but_cannot_close_or_approve(personas, year_books):
    _close_months(personas, *range(1, 12))
    client = _client(personas.pengawas)
    page = client.get(f"/k/{year_books.slug}/buku/periode/")
    assert page.status_code == 200
    assert [r.status for r in page.context["book_years"] if r.year == YEAR] == ["open"]
    assert _close_url(year_books) not in page.content.decode()
    # Inside the scope: a clear 403, not a 404 (docs/tenancy.md).
    refused = client.post(_close_url(year_books), {"confirm": "on"})
    assert refused.status_code == 403
    assert "Anda hanya dapat melihat data ini." in refused.content.decode()
    assert client.post(_rat_url(year_books), {"reference": "X", "confirm": "on"}).status_code == 403
    assert _closings(year_books) == []


def test_another_cooperatives_year_under_the_own_slug_is_not_found(personas, year_books):
    ensure_period(personas.other_coop, 2019, 1)
    client = _client(personas.pengurus)
    for url in (_close_url(year_books, 2019), _rat_url(year_books, 2019)):
        assert client.get(url).status_code == 404
        assert client.post(url, {"confirm": "on", "reference": "X"}).status_code == 404


def test_the_periods_page_query_count_does_not_grow_with_book_years(personas, year_books):
    client = _client(personas.pengurus)
    url = f"/k/{year_books.slug}/buku/periode/"
    with CaptureQueriesContext(connection) as one_year:
        client.get(url)
    for year in (2022, 2023, 2024):
        ensure_period(year_books, year, 1)
    with CaptureQueriesContext(connection) as four_years:
        response = client.get(url)
    assert [r.year for r in response.context["book_years"]] == [2025, 2024, 2023, 2022]
    assert len(four_years) == len(one_year)
