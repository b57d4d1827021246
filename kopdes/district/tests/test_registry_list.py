"""The district list: filters in the query string, search, sort, pages, counts, constant queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kopdes.cooperatives.models import OfficerRole, StepKind, UnitStatus
from kopdes.core.models import Region
from kopdes.testing import factories
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db

SEPAKU = "64.09.04"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _slugs(response) -> list[str]:
    return [row.cooperative.slug for row in response.context["rows"]]


@pytest.fixture
def registry(personas):
    """Telemow and two more Sepaku cooperatives waiting for an outlet, one operating in Penajam."""
    telemow = personas.coop
    rf.steps_through(telemow, StepKind.OUTLET_LAHAN)
    rf.unit(telemow, "gerai_sembako", status=UnitStatus.PERSIAPAN)
    sepaku = list(
        Region.objects.villages().filter(parent__code=SEPAKU).exclude(pk=telemow.primary_village_id)
    )
    waiting = factories.cooperative(sepaku[0].code)
    rf.steps_through(waiting, StepKind.OUTLET_LAHAN)
    building = factories.cooperative(sepaku[1].code)
    rf.steps_through(building, StepKind.OUTLET_PEMBANGUNAN)
    operating = personas.other_coop
    rf.steps_through(operating, StepKind.BEROPERASI)
    rf.unit(operating, "gerai_sembako", status=UnitStatus.BEROPERASI)
    rf.board(operating)
    return {"telemow": telemow, "waiting": waiting, "building": building, "operating": operating}


def test_the_dinas_filters_sepakus_cooperatives_waiting_for_an_outlet(personas, registry):
    response = _client(personas.dinas).get(
        "/kabupaten/koperasi/", {"kecamatan": SEPAKU, "phase": "menunggu_lahan"}
    )
    assert response.status_code == 200
    assert sorted(_slugs(response)) == sorted([registry["telemow"].slug, registry["waiting"].slug])
    html = response.content.decode()
    assert "2 koperasi" in html
    # The export link carries the same filters.
    assert "/kabupaten/koperasi/unduh.xlsx?kecamatan=64.09.04&amp;phase=menunggu_lahan" in html


def test_unit_and_warning_filters(personas, registry):
    client = _client(personas.dinas)
    operating = client.get("/kabupaten/koperasi/", {"unit_status": UnitStatus.BEROPERASI})
    assert _slugs(operating) == [registry["operating"].slug]
    # Only the operating cooperative has a full board; the others miss every pengurus role.
    warned = client.get("/kabupaten/koperasi/", {"warning": "any"})
    assert registry["operating"].slug not in _slugs(warned)
    assert registry["telemow"].slug in _slugs(warned)
    none = client.get("/kabupaten/koperasi/", {"warning": "none"})
    assert _slugs(none) == [registry["operating"].slug]


def test_search_by_village_name(personas, registry):
    response = _client(personas.dinas).get("/kabupaten/koperasi/", {"q": "telemow"})
    assert _slugs(response) == [registry["telemow"].slug]


def test_sorting_by_stage_both_ways(personas, registry):
    client = _client(personas.dinas)
    ascending = _slugs(client.get("/kabupaten/koperasi/", {"sort": "stage"}))
    descending = _slugs(client.get("/kabupaten/koperasi/", {"sort": "-stage"}))
    assert ascending[-1] == registry["operating"].slug
    assert descending[0] == registry["operating"].slug
    html = client.get("/kabupaten/koperasi/", {"sort": "stage"}).content.decode()
    assert 'aria-sort="ascending"' in html
    assert 'href="?sort=-stage"' in html


def test_counts_per_phase_follow_the_filters(personas, registry):
    response = _client(personas.dinas).get("/kabupaten/koperasi/", {"kecamatan": SEPAKU})
    counts = response.context["counts"]
    assert counts.total == 3
    assert counts.by_phase == {"menunggu_lahan": 2, "pembangunan": 1}


def test_unknown_filter_values_are_ignored_not_an_error(personas, registry):
    response = _client(personas.dinas).get(
        "/kabupaten/koperasi/", {"stage": "ngawur", "sort": "'; drop table", "hal": "999"}
    )
    assert response.status_code == 200
    assert len(_slugs(response)) == 4


def test_htmx_gets_only_the_results(personas, registry):
    response = _client(personas.dinas).get(
        "/kabupaten/koperasi/", {"kecamatan": SEPAKU}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert 'id="registry-table"' in html
    assert "<html" not in html


def test_a_business_assistant_lists_only_assigned_cooperatives(personas, registry):
    response = _client(personas.ba).get("/kabupaten/koperasi/")
    assert _slugs(response) == [registry["telemow"].slug]


def test_the_list_is_paginated_25_per_page(personas):
    for village in Region.objects.villages().order_by("code")[:30]:
        factories.cooperative(village.code)
    client = _client(personas.dinas)
    first = client.get("/kabupaten/koperasi/")
    assert len(_slugs(first)) == 25
    total = first.context["counts"].total
    assert total > 25  # 30 villages plus the personas' cooperatives not among them
    second = client.get("/kabupaten/koperasi/", {"hal": 2})
    assert len(_slugs(second)) == total - 25
    assert set(_slugs(first)).isdisjoint(_slugs(second))


def _queries(user, params) -> int:
    client = _client(user)
    client.get("/kabupaten/koperasi/", params)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/kabupaten/koperasi/", params).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "params", [{}, {"kecamatan": SEPAKU, "phase": "menunggu_lahan", "warning": "any"}]
)
def test_the_query_count_does_not_grow_with_cooperatives_officers_or_history(personas, params):
    villages = list(Region.objects.villages().order_by("code"))
    for village in villages[:3]:
        rf.steps_through(factories.cooperative(village.code), StepKind.OUTLET_LAHAN)
    small = _queries(personas.dinas, params)
    for village in villages[3:20]:
        coop = factories.cooperative(village.code)
        rf.steps_through(coop, StepKind.OUTLET_LAHAN)
        rf.officer(coop, OfficerRole.KETUA)
        rf.officer(coop, OfficerRole.SEKRETARIS)
        rf.unit(coop, "gerai_sembako", status=UnitStatus.PERSIAPAN)
    large = _queries(personas.dinas, params)
    assert small == large
    assert large <= 10
