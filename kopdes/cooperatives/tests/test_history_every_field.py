"""Each editable field, changed alone, leaves exactly one history row naming it and the actor."""

from datetime import date
from decimal import Decimal

import pytest

from kopdes.cooperatives.models import CooperativeKind, FormationModel, OfficerRole, UnitKind
from kopdes.cooperatives.selectors import history_for
from kopdes.cooperatives.services import (
    update_cooperative,
    update_officer,
    update_rat,
    update_unit,
)
from kopdes.testing import factories
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db

OFFICER_CHANGES = {
    "role": OfficerRole.WAKIL_KETUA_ANGGOTA,
    "name": "Nama Baru",
    "nik": rf.nik(serial=7777),
    "phone": "081399990000",
    "kk_number": rf.kk(serial=424242),
    "term_start": date(2025, 7, 1),
    "term_end": date(2030, 1, 1),
    "ended_on": date(2026, 1, 1),
    "notes": "catatan baru",
}
UNIT_CHANGES = {
    "kind": UnitKind.KLINIK,
    "name": "Cabang",
    "status": "persiapan",
    "started_on": date(2026, 1, 2),
    "stopped_on": date(2026, 12, 1),
    "location": "Jl. Baru",
    "latitude": Decimal("-1.1"),
    "longitude": Decimal("116.7"),
    "notes": "catatan",
}
RAT_CHANGES = {
    "book_year": 2024,
    "held_on": date(2026, 4, 4),
    "members_total": 500,
    "members_present": 20,
    "quorum_fraction": Decimal("0.6"),
    "statements_approved": True,
    "shu_decision": "dibagi",
    "shu_amount": 5_000_00,
    "pengurus_report": "laporan",
    "pengawas_report": "laporan",
    "notes": "catatan",
}


def _fields_changed(obj, actor) -> list[str]:
    cooperative = getattr(obj, "cooperative", obj)
    rows = history_for(cooperative, obj).filter(action="update")
    assert {r.actor for r in rows} == {actor}
    return [r.field for r in rows]


@pytest.mark.parametrize("field", sorted(OFFICER_CHANGES))
def test_every_officer_field(personas, field):
    officer = rf.officer(personas.coop, OfficerRole.SEKRETARIS)
    update_officer(officer=officer, actor=personas.pengurus, **{field: OFFICER_CHANGES[field]})
    assert _fields_changed(officer, personas.pengurus) == [field]


def test_linking_a_login_is_recorded(personas):
    officer = rf.officer(personas.coop, OfficerRole.KETUA)
    update_officer(officer=officer, actor=personas.dinas, user=personas.pengurus)
    assert _fields_changed(officer, personas.dinas) == ["user"]


@pytest.mark.parametrize("field", sorted(set(UNIT_CHANGES) - {"latitude", "longitude"}))
def test_every_unit_field(personas, field):
    unit = rf.unit(personas.coop, UnitKind.GERAI_SEMBAKO)
    update_unit(unit=unit, actor=personas.dinas, **{field: UNIT_CHANGES[field]})
    assert _fields_changed(unit, personas.dinas) == [field]


def test_unit_coordinates(personas):
    # Coordinates come in pairs: both change together, both are recorded.
    unit = rf.unit(personas.coop, UnitKind.GERAI_SEMBAKO)
    update_unit(unit=unit, actor=personas.dinas, latitude=Decimal("-1.1"), longitude=116.7)
    assert sorted(_fields_changed(unit, personas.dinas)) == ["latitude", "longitude"]


@pytest.mark.parametrize("field", sorted(RAT_CHANGES))
def test_every_rat_field(personas, field):
    rat = rf.rat(personas.coop)
    update_rat(rat=rat, actor=personas.pengurus, **{field: RAT_CHANGES[field]})
    assert _fields_changed(rat, personas.pengurus) == [field]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Koperasi Desa Merah Putih Telemow Sejahtera"),
        ("kind", CooperativeKind.KKMP),
        ("formation_model", FormationModel.REVITALISASI),
        ("status", "tidak_aktif"),
    ],
)
def test_every_cooperative_field(personas, field, value):
    update_cooperative(cooperative=personas.coop, actor=personas.dinas, **{field: value})
    assert _fields_changed(personas.coop, personas.dinas) == [field]


def test_a_new_cooperative_is_recorded(personas):
    coop = factories.cooperative("64.09.03.2001")
    rows = history_for(coop).filter(action="create")
    assert {r.field for r in rows} >= {"name", "kind", "status"}
