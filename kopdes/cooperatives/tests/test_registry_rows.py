"""The district list's rows, filters, sorting and counts."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kopdes.cooperatives.models import Cooperative, OfficerRole, Stage, StepKind, UnitKind
from kopdes.cooperatives.selectors import (
    RegistryFilters,
    WarningCode,
    registry_counts,
    registry_rows,
)
from kopdes.testing import factories
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 28)


@pytest.fixture
def registry(personas):
    telemow, giri_mukti = personas.coop, personas.other_coop
    rf.steps_through(telemow, StepKind.OUTLET_LAHAN)
    rf.board(telemow)
    rf.unit(telemow, UnitKind.GERAI_SEMBAKO, status="persiapan")
    rf.steps_through(giri_mukti, StepKind.BEROPERASI)
    rf.board(giri_mukti)
    rf.officer(giri_mukti, OfficerRole.WAKIL_KETUA_USAHA)  # six pengurus: a warning
    rf.unit(giri_mukti, UnitKind.GERAI_SEMBAKO, status="beroperasi")
    rf.unit(giri_mukti, UnitKind.KLINIK, status="persiapan")
    return telemow, giri_mukti


def _slugs(filters) -> list[str]:
    rows = registry_rows(Cooperative.objects.all(), filters=filters, on=TODAY)
    return [r.cooperative.slug for r in rows]


def test_rows_carry_stage_units_and_warnings(registry):
    telemow, giri_mukti = registry
    rows = {r.cooperative: r for r in registry_rows(Cooperative.objects.all(), on=TODAY)}
    assert rows[telemow].stage == Stage.OUTLET_LAHAN
    assert rows[telemow].stage_label == "Menunggu pembangunan gerai"
    assert rows[telemow].phase == "menunggu_lahan"
    assert rows[telemow].unit_summary == "1 persiapan"
    assert rows[telemow].warnings == []
    assert rows[giri_mukti].unit_summary == "1 persiapan, 1 beroperasi"
    assert [w.code for w in rows[giri_mukti].warnings] == [WarningCode.EVEN_PENGURUS]


def test_filters_narrow_the_rows(registry):
    telemow, giri_mukti = registry
    assert _slugs({"kecamatan": "64.09.04"}) == [telemow.slug]
    assert _slugs({"stage": "beroperasi"}) == [giri_mukti.slug]
    assert _slugs({"phase": "menunggu_lahan"}) == [telemow.slug]
    assert _slugs({"unit_kind": "klinik"}) == [giri_mukti.slug]
    assert _slugs({"unit_kind": "gerai_sembako", "unit_status": "persiapan"}) == [telemow.slug]
    assert _slugs({"warning": "any"}) == [giri_mukti.slug]
    assert _slugs({"warning": "none"}) == [telemow.slug]
    assert _slugs({"warning": WarningCode.EXPIRED_TERM}) == []
    assert _slugs({"q": "telemow"}) == [telemow.slug]
    assert _slugs({"kind": "KKMP"}) == []


def test_unknown_filter_values_are_ignored(registry):
    filters = RegistryFilters.from_mapping({"stage": "bogus", "sort": "drop table", "warning": "x"})
    assert filters == RegistryFilters()
    assert not filters.is_active


def test_rows_sort_by_name_kecamatan_stage_and_update(registry):
    telemow, giri_mukti = registry
    assert _slugs({"sort": "name"}) == [giri_mukti.slug, telemow.slug]
    assert _slugs({"sort": "-name"}) == [telemow.slug, giri_mukti.slug]
    assert _slugs({"sort": "kecamatan"}) == [giri_mukti.slug, telemow.slug]  # Penajam first
    assert _slugs({"sort": "-stage"}) == [giri_mukti.slug, telemow.slug]
    rf.unit(telemow, UnitKind.APOTEK)  # the latest change
    assert _slugs({"sort": "-updated"}) == [telemow.slug, giri_mukti.slug]


def test_counts_follow_the_filtered_rows(registry):
    rows = registry_rows(Cooperative.objects.all(), on=TODAY)
    counts = registry_counts(rows)
    assert counts.total == 2
    assert counts.by_stage == {"outlet_lahan": 1, "beroperasi": 1}
    assert [(k.code, n) for k, n in counts.by_kecamatan] == [("64.09.01", 1), ("64.09.04", 1)]
    assert counts.with_warnings == 1


def test_the_query_count_does_not_grow_with_cooperatives_officers_or_units(registry):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            rows = registry_rows(Cooperative.objects.all(), filters={"warning": "any"}, on=TODAY)
            for row in rows:
                (row.kecamatan.name, row.unit_summary, [w.message for w in row.warnings])
        return len(queries)

    before = count_queries()
    for code in ("64.09.03.2001", "64.09.02.2001", "64.09.04.2001"):
        coop = factories.cooperative(code)
        rf.steps_through(coop, StepKind.SK_AHU)
        rf.board(coop)
        rf.officer(coop, OfficerRole.WAKIL_KETUA_ANGGOTA)
        rf.unit(coop, UnitKind.KANTOR)
        rf.unit(coop, UnitKind.LOGISTIK)
    assert count_queries() == before == 3
