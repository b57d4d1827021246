from datetime import date

import pytest

from kopdes.cooperatives.models import UnitKind, UnitStatus
from kopdes.cooperatives.selectors import latest_rat
from kopdes.cooperatives.services import RatError, UnitError, add_unit, update_rat, update_unit
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db


def test_a_unit_is_unique_per_cooperative_by_kind_and_name(personas):
    rf.unit(personas.coop, UnitKind.GERAI_SEMBAKO)
    rf.unit(personas.other_coop, UnitKind.GERAI_SEMBAKO)  # another cooperative: fine
    rf.unit(personas.coop, UnitKind.GERAI_SEMBAKO, name="Dusun II")  # another name: fine
    with pytest.raises(UnitError) as error:
        rf.unit(personas.coop, UnitKind.GERAI_SEMBAKO)
    assert (error.value.field, error.value.message) == (
        "name",
        "Unit Gerai/kios sembako sudah ada di koperasi ini.",
    )


def test_a_custom_unit_needs_a_name(personas):
    with pytest.raises(UnitError) as error:
        add_unit(cooperative=personas.coop, actor=None, kind=UnitKind.LAINNYA)
    assert (error.value.field, error.value.message) == (
        "name",
        "Nama unit wajib diisi untuk jenis Lainnya.",
    )
    unit = add_unit(
        cooperative=personas.coop, actor=None, kind=UnitKind.LAINNYA, name="Pengolahan sawit"
    )
    assert unit.display_name == "Pengolahan sawit"


def test_an_operating_unit_needs_its_start_date(personas):
    unit = rf.unit(personas.coop, UnitKind.KLINIK)
    with pytest.raises(UnitError) as error:
        update_unit(unit=unit, actor=None, status=UnitStatus.BEROPERASI)
    assert (error.value.field, error.value.message) == (
        "started_on",
        "Tanggal mulai beroperasi wajib diisi untuk unit yang beroperasi.",
    )
    unit = update_unit(
        unit=unit, actor=None, status=UnitStatus.BEROPERASI, started_on=date(2026, 2, 2)
    )
    assert unit.status == UnitStatus.BEROPERASI


def test_coordinates_come_in_pairs_and_in_range(personas):
    with pytest.raises(UnitError) as error:
        rf.unit(personas.coop, UnitKind.GUDANG, latitude=-1.2)
    assert error.value.field == "longitude"
    with pytest.raises(UnitError) as error:
        rf.unit(personas.coop, UnitKind.GUDANG, latitude=-100, longitude=116.7)
    assert (error.value.field, error.value.message) == (
        "latitude",
        "Lintang harus di antara -90 dan 90.",
    )


def test_quorum_is_more_than_half_by_default_and_a_parameter(personas):
    rat = rf.rat(personas.coop, members_total=100, members_present=50)
    assert rat.quorum_reached is False
    rat = update_rat(rat=rat, actor=None, members_present=51)
    assert rat.quorum_reached is True
    rat = update_rat(rat=rat, actor=None, quorum_fraction="0.666")
    assert rat.quorum_reached is False


def test_one_rat_per_cooperative_and_book_year(personas):
    rf.rat(personas.coop, book_year=2025)
    with pytest.raises(RatError) as error:
        rf.rat(personas.coop, book_year=2025, held_on=date(2026, 5, 1))
    assert (error.value.field, error.value.message) == (
        "book_year",
        "RAT tahun buku 2025 sudah dicatat.",
    )


def test_a_rat_is_held_after_its_book_year(personas):
    with pytest.raises(RatError) as error:
        rf.rat(personas.coop, book_year=2025, held_on=date(2025, 12, 20))
    assert (error.value.field, error.value.message) == (
        "held_on",
        "Tanggal RAT harus sesudah tahun buku 2025 berakhir.",
    )


def test_present_members_cannot_exceed_the_total(personas):
    with pytest.raises(RatError) as error:
        rf.rat(personas.coop, members_total=10, members_present=11)
    assert error.value.field == "members_present"


def test_the_latest_rat_is_the_latest_book_year_with_its_minutes(personas):
    assert latest_rat(personas.coop) is None
    rf.rat(personas.coop, book_year=2024, held_on=date(2025, 3, 1))
    newest = rf.rat(personas.coop, book_year=2025, minutes=rf.pdf("ba-rat-2025.pdf"))
    rf.rat(personas.other_coop, book_year=2025)
    found = latest_rat(personas.coop)
    assert found == newest
    assert [d.original_name for d in found.documents.all()] == ["ba-rat-2025.pdf"]
    assert found.documents.get().purpose == "rat_minutes"
