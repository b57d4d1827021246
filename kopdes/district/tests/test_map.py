"""The village map: 54 linked shapes coloured by phase, on the home page and the printable page."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from kopdes.cooperatives.models import STAGE_PHASE, Cooperative, Phase, StepKind
from kopdes.district.map import PHASE_COLOURS, project
from kopdes.testing import registry_factories as rf
from kopdes.testing.reference_pytest import shared_for_the_module

pytestmark = pytest.mark.django_db

SHAPE = re.compile(r'<a href="(/k/(\d+)/)" class="kopdes-map-village" data-stage="(\w+)"')


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    # The cooperatives, people and registry sections: the map needs no books.
    # Loaded once for the module (the other tests here touch no database);
    # each test's writes roll back to it (kopdes/testing/reference_pytest.py).
    from kopdes.demo.sections import SECTIONS

    with shared_for_the_module(django_db_blocker):
        for section in SECTIONS:
            if section.name in {"01_cooperatives_and_people", "02_registry"}:
                section.load(lambda message: None)
        yield


def _get(username: str, path: str) -> str:
    from kopdes.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("path", ["/kabupaten/", "/kabupaten/peta/"])
def test_the_map_has_54_village_shapes_linking_to_54_profiles(demo, path):
    html = _get("dinas", path)
    svg = html[html.index("<svg") : html.index("</svg>")]
    shapes = SHAPE.findall(svg)
    assert len(shapes) == 54
    slugs = {slug for _, slug, _ in shapes}
    assert slugs == set(Cooperative.objects.values_list("slug", flat=True))
    # Each shape names its cooperative on hover or long tap.
    assert svg.count("<title>Koperasi ") == 54
    assert "<title>Koperasi Desa Merah Putih Telemow</title>" in svg


def test_shapes_are_coloured_by_phase_with_a_counted_legend(demo):
    telemow = Cooperative.objects.get(slug="6409042015")
    rf.steps_through(telemow, StepKind.BEROPERASI)
    html = _get("dinas", "/kabupaten/peta/")
    match = re.search(
        r'href="/k/6409042015/"[^>]*data-stage="(\w+)"[^>]*><path d="[^"]+" fill="([^"]+)"', html
    )
    assert match is not None
    assert match.groups() == ("beroperasi", PHASE_COLOURS["beroperasi"])
    operating = sum(
        1 for c in Cooperative.objects.all() if STAGE_PHASE[c.stage] == Phase.BEROPERASI
    )
    legend = (
        r'data-phase="beroperasi">[^<]*<span[^>]*></span> Beroperasi '
        rf'<span class="text-muted">\({operating}\)</span>'
    )
    assert re.search(legend, html)


def test_the_printable_page_has_a_print_stylesheet(demo):
    html = _get("pemantau", "/kabupaten/peta/")
    assert 'media="print"' in html
    assert "map-print" in html


def test_a_business_assistant_sees_only_assigned_villages(demo):
    html = _get("ba.andi", "/kabupaten/peta/")
    assert len(SHAPE.findall(html)) == 9


def test_the_projection_scales_longitude_by_the_cosine_of_latitude():
    # A 1°×1° square at 60°N is half as wide as it is tall.
    square = {
        1: {
            "type": "Polygon",
            "coordinates": [[[10, 59.5], [11, 59.5], [11, 60.5], [10, 60.5], [10, 59.5]]],
        }
    }
    projected = project(square, width=1000)
    assert projected.width == 1000
    assert abs(projected.height / projected.width - 2.0) < 0.05
    assert projected.paths[1].startswith("M")
    assert projected.paths[1].endswith("Z")


def test_multipolygons_become_one_path_with_several_rings():
    shape = {
        7: {
            "type": "MultiPolygon",
            "coordinates": [
                [[[0, 0], [1, 0], [1, 1], [0, 0]]],
                [[[2, 2], [3, 2], [3, 3], [2, 2]]],
            ],
        }
    }
    assert project(shape).paths[7].count("M") == 2


def test_the_projected_paths_are_cached_so_a_repeat_view_reads_no_boundary(demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kopdes.accounts.models import User
    from kopdes.district.map import clear_cache

    clear_cache()
    client = Client()
    client.force_login(User.objects.get(username="dinas"))
    with CaptureQueriesContext(connection) as first:
        client.get("/kabupaten/peta/")
    with CaptureQueriesContext(connection) as second:
        client.get("/kabupaten/peta/")
    boundaries = '"core_region"."boundary" AS "boundary" FROM'
    assert any(boundaries in q["sql"] for q in first.captured_queries)
    assert not any(boundaries in q["sql"] for q in second.captured_queries)
    assert len(second) == len(first) - 1


# --- Readable without hovering, printable on one page (issue 8 §3) ----------

VILLAGE_ITEM = re.compile(
    r'<li data-phase="(\w+)"><svg class="kopdes-map-list-swatch"[^>]*>.*?</svg> '
    r'<a href="(/k/\d+/)" title="([^"]+)">([^<]+)</a> <span class="text-muted">· ([^<]+)</span>'
)


def _labels(svg: str) -> list[str]:
    group = svg[svg.index('<g class="kopdes-map-labels"') :]
    return re.findall(r"<text [^>]*>([^<]+)</text>", group)


def test_the_printable_page_lists_every_village_by_kecamatan_with_its_stage(demo):
    from kopdes.cooperatives.models import Stage

    html = _get("pemantau", "/kabupaten/peta/")
    listing = html[html.index('id="map-villages"') :]
    items = VILLAGE_ITEM.findall(listing)
    assert len(items) == 54
    kecamatans = re.findall(r'data-kecamatan="([^"]+)"', listing)
    assert kecamatans == ["Penajam", "Waru", "Babulu", "Sepaku"]
    telemow = Cooperative.objects.select_related("primary_village").get(slug="6409042015")
    sepaku = listing[listing.index('data-kecamatan="Sepaku"') :]
    phase, url, cooperative, village, stage = next(
        i for i in VILLAGE_ITEM.findall(sepaku) if i[3] == "Telemow"
    )
    assert (url, cooperative, village) == ("/k/6409042015/", telemow.name, "Telemow")
    assert stage == Stage(telemow.stage).label
    assert phase == STAGE_PHASE[telemow.stage]


def test_village_names_are_written_on_the_map_where_they_fit(demo):
    from kopdes.core.models import Region

    html = _get("dinas", "/kabupaten/peta/")
    svg = html[html.index("<svg") : html.index("</svg>")]
    labels = _labels(svg)
    names = set(Region.objects.filter(parent__parent__code="64.09").values_list("name", flat=True))
    # Most of the big rural villages carry their name; every label is a village's name.
    assert len(labels) >= 15
    assert set(labels) <= names
    assert len(labels) == len(set(labels))
    # The labels neither catch the pointer nor repeat the links' names to a screen reader.
    assert 'class="kopdes-map-labels" aria-hidden="true"' in svg
    assert 'pointer-events="none"' in svg
    # The home page's map carries them too, without the list.
    home = _get("dinas", "/kabupaten/")
    assert _labels(home[home.index("<svg") : home.index("</svg>")]) == labels
    assert 'id="map-villages"' not in home


def test_a_label_is_placed_only_where_it_fits_inside_its_shape():
    from kopdes.district.map import LABEL_SIZES, place_label

    square = [[(0.0, 0.0), (400.0, 0.0), (400.0, 400.0), (0.0, 400.0)]]
    label = place_label(square, "Telemow")
    assert label is not None
    assert label.size == LABEL_SIZES[0]
    assert 150 < label.x < 250
    assert 0 < label.y < 400
    # A sliver 10 units high holds no text; a short square holds a short name only.
    sliver = [[(0.0, 0.0), (900.0, 0.0), (900.0, 10.0), (0.0, 10.0)]]
    assert place_label(sliver, "Telemow") is None
    small = [[(0.0, 0.0), (60.0, 0.0), (60.0, 60.0), (0.0, 60.0)]]
    assert place_label(small, "Sotek") is not None
    assert place_label(small, "Gunung Seteleng") is None
    # A ring-shaped village: the label goes in the band, never in the hole.
    hole = [(100.0, 100.0), (300.0, 100.0), (300.0, 300.0), (100.0, 300.0)]
    ring = place_label([square[0], hole], "Riko")
    assert ring is not None
    assert not (100 < ring.x < 300 and 100 < ring.y < 300)


def test_the_source_line_names_the_data_not_a_file(demo):
    html = _get("pemantau", "/kabupaten/peta/")
    source = re.search(r'<p class="[^"]*kopdes-map-source">([^<]+)</p>', html)
    assert source is not None
    assert "cahya dsn" in source.group(1)
    assert "lisensi MIT" in source.group(1)
    assert ".geojson" not in source.group(1)
    assert not re.search(r"\w/\w+\.\w+", source.group(1))  # no "folder/file.ext"
    # The print button works without an inline script.
    assert "onclick" not in html
    assert "data-kopdes-print" in html


def test_the_printable_page_prints_on_one_a4_landscape_page(demo):
    """Laid out with the print stylesheet (WeasyPrint reads media="print")."""
    from kopdes.core.documents import render_html

    html = _get("dinas", "/kabupaten/peta/")
    document = render_html(html)
    assert len(document.pages) == 1
    page = document.pages[0]
    # A4 landscape in CSS pixels (297 mm x 210 mm at 96 dpi).
    assert round(page.width) == round(297 / 25.4 * 96)
    assert round(page.height) == round(210 / 25.4 * 96)
