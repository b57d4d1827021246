"""Every main page on a 360-px phone: nothing scrolls sideways, the tab bars keep the active
tab in view, tables stay readable, and the tab title never holds markup
(docs/architecture.md, "Pages on a phone")."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from kopdes.cooperatives.models import UnitKind
from kopdes.core.timeutils import business_date
from kopdes.ledger.tests.books_helpers import post, unit
from kopdes.testing.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE_360 = {"width": 360, "height": 740}


@pytest.fixture
def books(personas):
    """Units and a month of entries with long account names, so every table is wide."""
    coop = personas.coop
    today = business_date(coop)
    # Eight units, so the cash book's unit tabs are wider than the screen.
    units = [unit(coop, kind) for kind in UnitKind.values[:8]]
    day = date(today.year, today.month, 1)
    post(
        coop,
        day,
        "Setoran modal penyertaan",
        ("1-1100", 50_000_000_00, 0),
        ("3-1300", 0, 50_000_000_00),
    )
    for i, gerai in enumerate(units):
        post(
            coop,
            day,
            f"Penjualan harian unit {i + 1} dengan keterangan yang cukup panjang",
            ("1-1100", 1_234_567_89, 0),
            ("4-1120", 0, 1_234_567_89),
            unit=gerai,
        )
        post(
            coop,
            day,
            "Bayar listrik, air dan telepon",
            ("6-1200", 98_765_43, 0),
            ("1-1100", 0, 98_765_43),
            unit=gerai,
        )
    return units


def _pages(coop, units) -> dict[str, list[str]]:
    slug = coop.slug
    books = [
        f"/k/{slug}/",
        f"/k/{slug}/buku/",
        f"/k/{slug}/buku/kas/",
        f"/k/{slug}/buku/kas/?unit={units[-1].pk}",
        f"/k/{slug}/buku/jurnal/daftar/",
        f"/k/{slug}/buku/akun/",
        f"/k/{slug}/buku/periode/",
        f"/k/{slug}/laporan/",
        f"/k/{slug}/laporan/neraca-saldo/",
        f"/k/{slug}/laporan/phu/",
        f"/k/{slug}/laporan/phu/?jenis=tahun",
        f"/k/{slug}/laporan/phu-unit/",
        f"/k/{slug}/laporan/posisi-keuangan/",
        f"/k/{slug}/laporan/arus-kas/",
        f"/k/{slug}/laporan/buku-kas/",
        f"/k/{slug}/laporan/phu/?jenis=bulan&bulan=13",
        "/akun/",
    ]
    manager = [f"/k/{slug}/buku/jurnal/", f"/k/{slug}/buku/saldo-awal/", f"/k/{slug}/ubah/"]
    district = ["/kabupaten/", "/kabupaten/koperasi/", "/kabupaten/peta/"]
    return {
        "dinas": district + books,
        "pengurus": books + manager,
        "teller": books,
        "pengawas": books,
    }


def _overflow(page) -> dict:
    return page.evaluate(
        """() => ({
            width: document.documentElement.scrollWidth,
            wide: Array.from(document.querySelectorAll('body *'))
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                          && !e.closest('.table-responsive, .kopdes-tabs'))
                .slice(0, 3).map(e => e.tagName + '.' + e.className),
        })"""
    )


def test_no_main_page_scrolls_sideways_at_360_px_for_any_role(new_page, log_in, personas, books):
    users = {
        "dinas": personas.dinas,
        "pengurus": personas.pengurus,
        "teller": personas.teller,
        "pengawas": personas.pengawas,
    }
    problems = []
    for role, paths in _pages(personas.coop, books).items():
        page = new_page(PHONE_360, is_mobile=True, has_touch=True)
        log_in(page, users[role].username, PASSWORD)
        for path in paths:
            response = page.goto(path)
            assert response is not None
            assert response.status in (200, 400), (role, path, response.status)
            found = _overflow(page)
            if found["width"] > 360:
                problems.append((role, path, found))
            title = page.title()
            assert "<" not in title, (role, path, title)
            assert ">" not in title, (role, path, title)
        page.context.close()
    assert problems == []


def test_the_tab_bars_scroll_and_keep_the_active_tab_in_view(new_page, log_in, personas, books):
    page = new_page(PHONE_360, is_mobile=True, has_touch=True)
    log_in(page, personas.pengurus.username, PASSWORD)
    # The last unit's tab is far to the right of a 360-px screen.
    page.goto(f"/k/{personas.coop.slug}/buku/kas/?unit={books[-1].pk}")
    bar = page.locator("#unit-tabs")
    assert bar.evaluate("el => el.scrollWidth > el.clientWidth")
    active = bar.locator(".nav-link.active")
    # (a tab's 1-px bottom border sits under the bar's edge, hence not ratio=1)
    expect(active).to_be_in_viewport(ratio=0.9)
    box = active.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 360
    # The books' own tabs: on a statement page "Laporan" is active and in view.
    page.goto(f"/k/{personas.coop.slug}/laporan/phu/")
    expect(page.locator("#books-nav .nav-link.active")).to_be_in_viewport(ratio=0.9)
    # A bar with more tabs off screen says so (a fade on the side that has more).
    page.goto(f"/k/{personas.coop.slug}/buku/kas/")
    expect(page.locator("#unit-tabs")).to_have_class(_has("kopdes-more-end"))


def test_wide_tables_keep_their_first_column_readable(new_page, log_in, personas, books):
    page = new_page(PHONE_360, is_mobile=True, has_touch=True)
    log_in(page, personas.pengurus.username, PASSWORD)
    page.goto(f"/k/{personas.coop.slug}/laporan/phu/?jenis=tahun")
    first = page.locator(".statement-table tbody tr.row-item td.kopdes-first").first
    expect(first).to_be_visible()
    box = first.bounding_box()
    assert box is not None
    # The description stays in place while the figures scroll beside it.
    page.locator(".kopdes-table-box").first.evaluate("el => { el.scrollLeft = 10000; }")
    after = first.bounding_box()
    assert after is not None
    assert abs(after["x"] - box["x"]) < 1
    # No account code is broken across lines ("4-\n1120").
    code = page.locator(".statement-table tbody tr.row-item .kopdes-lead-inline").first
    assert code.evaluate("el => el.getClientRects().length") == 1
    # The cash book stacks its rows: every figure of a row is inside the screen.
    page.goto(f"/k/{personas.coop.slug}/buku/kas/")
    for cell in page.locator("#cash-book-table td").all()[:12]:
        cell_box = cell.bounding_box()
        if cell_box:
            assert cell_box["x"] + cell_box["width"] <= 361


def test_a_confirmation_shows_without_scrolling(new_page, log_in, personas, books):
    page = new_page(PHONE_360, is_mobile=True, has_touch=True)
    log_in(page, personas.pengurus.username, PASSWORD)
    page.goto(f"/k/{personas.coop.slug}/ubah/")
    page.fill("input[name=name]", personas.coop.name + " Sejahtera")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    # The profile opens at its "data" section, yet the message is on screen.
    expect(page.locator(".kopdes-messages .alert-success")).to_be_in_viewport()
    page.goto(f"/k/{personas.coop.slug}/ubah/")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    expect(page.locator(".kopdes-messages .alert-success")).to_have_count(0)
    expect(page.locator(".kopdes-messages .alert-info")).to_be_in_viewport()


def _has(name: str):
    import re

    return re.compile(rf"(^|\s){name}(\s|$)")
