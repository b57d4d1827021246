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
