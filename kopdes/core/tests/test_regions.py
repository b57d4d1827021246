import pytest

from kopdes.core.models import Region, RegionLevel

pytestmark = pytest.mark.django_db


def test_the_national_tables_and_ppu_villages_are_loaded():
    counts = {level: Region.objects.filter(level=level).count() for level in RegionLevel.values}
    assert counts == {1: 38, 2: 540, 3: 7879, 4: 54}


def test_ppu_has_four_kecamatan_and_24_kelurahan_and_30_desa():
    ppu = Region.objects.get(code="64.09")
    kecamatan = Region.objects.filter(parent=ppu).order_by("code")
    assert [k.name for k in kecamatan] == ["Penajam", "Waru", "Babulu", "Sepaku"]
    villages = Region.objects.villages().filter(parent__parent=ppu)
    assert villages.filter(kind="kelurahan").count() == 24
    assert villages.filter(kind="desa").count() == 30


def test_every_ppu_village_has_a_boundary_and_centroid():
    for village in Region.objects.villages():
        assert village.boundary["type"] in {"Polygon", "MultiPolygon"}, village.code
        assert -2 < village.centroid_lat < 0, village.code
        assert 115 < village.centroid_lng < 118, village.code


def test_time_zones_follow_the_province():
    assert Region.objects.get(code="64.09.04.2015").effective_time_zone() == "Asia/Makassar"
    assert Region.objects.get(code="35.07").effective_time_zone() == "Asia/Jakarta"
    assert Region.objects.get(code="94.01").effective_time_zone() == "Asia/Jayapura"


def test_historical_codes_are_kept_but_not_current():
    merauke_old = Region.objects.get(code="91.01")
    assert not merauke_old.is_current
    assert Region.objects.current().filter(code="91.01").count() == 0
    assert Region.objects.current().filter(code="64.09").count() == 1


def test_reloading_the_reference_data_changes_nothing():
    from kopdes.core.regions_loader import load_regions

    before = Region.objects.count()
    assert load_regions(Region) == 0
    assert Region.objects.count() == before
