"""The registry as the Dinas admin uses it (issue #3, "What a user sees"), on a desktop and a phone.

With the demo loaded, the Dinas admin filters Kecamatan Sepaku's cooperatives
still waiting for an outlet, opens Koperasi Desa Merah Putih Telemow, reads its
formation timeline (document numbers and dates), changes a business unit's
status and sees the change in the history (who, when, old and new value),
clicks a village on the map and lands on its cooperative, and downloads the
filtered list as XLSX.
"""

from __future__ import annotations

import io
import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from kopdes.cooperatives.models import BusinessUnit, Cooperative, FormationStep, StepKind
from kopdes.cooperatives.selectors import registry_rows
from kopdes.demo.sections import SECTIONS
from kopdes.demo.sections.people_and_cooperatives import DEMO_PASSWORD
from kopdes.district.exports import REGISTRY_HEADERS
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TELEMOW = "Koperasi Desa Merah Putih Telemow"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


@pytest.fixture(params=["desktop", "phone"])
def any_page(request, new_page):
    if request.param == "desktop":
        return new_page(DESKTOP)
    return new_page(PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)


def _load_registry_demo() -> None:
    """The demo's cooperatives, people and registry; not its books.

    Ledger rows, once posted, refuse deletion (by design), so a flushed
    browser-test database is kept free of them.
    """
    for section in SECTIONS:
        if section.name in {"01_cooperatives_and_people", "02_registry"}:
            section.load(lambda message: None)


def _click_a_village(page) -> str:
    """Click inside a village shape the way a finger does; return the profile it links to.

    The centre of a shape's bounding box may fall in a neighbour (villages are
    not convex), so pick a shape whose centre is its own, preferring Telemow.
    """
    target = page.evaluate(
        """() => {
          const shapes = [...document.querySelectorAll('a.kopdes-map-village')];
          shapes.sort((a, b) => (b.getAttribute('href') === '/k/6409042015/') -
                                (a.getAttribute('href') === '/k/6409042015/'));
          for (const shape of shapes) {
            shape.scrollIntoView({block: 'center'});
            const box = shape.getBoundingClientRect();
            const x = box.left + box.width / 2, y = box.top + box.height / 2;
            const hit = document.elementFromPoint(x, y);
            if (hit && hit.closest('a') === shape) {
              return {x, y, href: shape.getAttribute('href')};
            }
          }
          return null;
        }"""
    )
    assert target is not None, "no village shape could be clicked"
    with page.expect_navigation():
        page.mouse.click(target["x"], target["y"])
    return str(target["href"])


def test_the_dinas_admin_works_the_registry(any_page, log_in, live_server, tmp_path):
    page = any_page
    _load_registry_demo()
    telemow = Cooperative.objects.get(name=TELEMOW)
    deed = FormationStep.objects.get(cooperative=telemow, kind=StepKind.AKTA_PENDIRIAN)
    gerai = BusinessUnit.objects.get(cooperative=telemow, kind="gerai_sembako", name="")
    assert gerai.status == "direncanakan"

    log_in(page, "dinas", DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/kabupaten/$"))

    # 1. The district list, filtered to Sepaku's cooperatives waiting for an outlet.
    page.get_by_role("link", name="Daftar koperasi dengan filter").click()
    expect(page).to_have_url(re.compile(r"/kabupaten/koperasi/$"))
    page.get_by_label("Kecamatan").select_option(label="Sepaku")
    page.get_by_label("Kelompok tahap").select_option(label="Menunggu gerai")
    page.get_by_role("button", name="Terapkan").click()
    expect(page).to_have_url(re.compile(r"kecamatan=64\.09\.04"))
    expect(page).to_have_url(re.compile(r"phase=menunggu_lahan"))
    # The expected rows come from the same selector the page uses, over the
    # demo data as loaded (Telemow is always among them).
    waiting = registry_rows(
        Cooperative.objects.all(), filters={"kecamatan": "64.09.04", "phase": "menunggu_lahan"}
    )
    assert TELEMOW in {row.cooperative.name for row in waiting}
    rows = page.locator("#registry-table tbody tr")
    expect(rows).to_have_count(len(waiting))
    expect(page.locator("#registry-total")).to_have_text(f"{len(waiting)} koperasi")
    filtered_url = page.url

    # 2. Telemow's profile and its formation timeline.
    page.get_by_role("link", name=TELEMOW).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TELEMOW)
    timeline = page.locator("#tahapan")
    deed_item = timeline.locator('[data-step="akta_pendirian"]')
    expect(deed_item).to_contain_text("Akta pendirian (notaris)")
    expect(deed_item).to_contain_text("19 Jun 2025")
    expect(deed_item).to_contain_text(deed.document_number)

    # 3. The gerai sembako goes from planned to preparation.
    page.get_by_label("Status Gerai/kios sembako", exact=True).select_option("persiapan")
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan status Gerai/kios sembako").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "Status Gerai/kios sembako diubah menjadi Persiapan."
    )
    expect(page.locator(f'[data-unit="{gerai.pk}"] .unit-status')).to_have_text("Persiapan")

    # 4. The history says who, when, and the old and new values.
    change = page.locator("#history-table tbody tr").filter(has_text="Gerai/kios sembako").first
    expect(change).to_contain_text("Admin Dinas KUKM Perindag PPU")
    # A table cell: the numeric date with the time in the cooperative's zone.
    expect(change).to_contain_text(timezone.localdate().strftime("%d-%m-%Y"))
    expect(change).to_contain_text("WITA")
    expect(change.locator(".history-old")).to_have_text("Direncanakan")
    expect(change.locator(".history-new")).to_have_text("Persiapan")

    # 5. On the map, a click on a village lands on its cooperative.
    page.goto("/kabupaten/peta/")
    expect(page.locator("a.kopdes-map-village")).to_have_count(54)
    hrefs = page.eval_on_selector_all(
        "a.kopdes-map-village", "shapes => shapes.map(a => a.getAttribute('href'))"
    )
    profiles = {f"/k/{slug}/" for slug in Cooperative.objects.values_list("slug", flat=True)}
    assert len(set(hrefs)) == 54
    assert set(hrefs) == profiles
    href = _click_a_village(page)
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
    landed = Cooperative.objects.get(slug=href.strip("/").split("/")[-1])
    expect(page.get_by_role("heading", level=1)).to_have_text(landed.name)

    # 6. The filtered list as XLSX, for the province.
    page.goto(filtered_url)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh daftar (XLSX)").click()
    saved = tmp_path / "daftar.xlsx"
    download_info.value.save_as(saved)
    sheet = load_workbook(io.BytesIO(saved.read_bytes())).active
    values = list(sheet.iter_rows(values_only=True))
    # The row number ("No") comes first, then the registry's columns.
    header = values.index(("No", *REGISTRY_HEADERS))
    listed = [row[1:] for row in values[header + 1 :] if row[0]]
    assert len(listed) == len(waiting)
    assert TELEMOW in {row[1] for row in listed}
    assert {row[3] for row in listed} == {"Sepaku"}

    assert page.foreign_requests == []
