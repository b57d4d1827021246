import pytest

from kopdes.cooperatives.models import CooperativeKind
from kopdes.cooperatives.services import CooperativeError, create_cooperative
from kopdes.core.models import Region

pytestmark = pytest.mark.django_db


def test_a_desa_gets_a_kdmp_named_by_the_inpres_rule():
    coop = create_cooperative(village=Region.objects.get(code="64.09.04.2015"), actor=None)
    assert coop.kind == CooperativeKind.KDMP
    assert coop.name == "Koperasi Desa Merah Putih Telemow"
    assert coop.slug == "6409042015"
    assert coop.kecamatan.name == "Sepaku"
    assert coop.regency.code == "64.09"
    assert list(coop.villages.values_list("code", flat=True)) == ["64.09.04.2015"]


def test_a_kelurahan_gets_a_kkmp():
    coop = create_cooperative(village=Region.objects.get(code="64.09.01.1003"), actor=None)
    assert coop.kind == CooperativeKind.KKMP
    assert coop.name == "Koperasi Kelurahan Merah Putih Petung"


def test_the_kind_can_be_chosen_against_the_village_kind():
    coop = create_cooperative(
        village=Region.objects.get(code="64.09.01.1003"), actor=None, kind=CooperativeKind.KDMP
    )
    assert coop.name == "Koperasi Desa Merah Putih Petung"


def test_a_cooperative_may_cover_neighbouring_villages():
    main = Region.objects.get(code="64.09.02.2001")
    neighbour = Region.objects.get(code="64.09.02.2002")
    coop = create_cooperative(village=main, actor=None, other_villages=[neighbour])
    assert set(coop.villages.values_list("code", flat=True)) == {main.code, neighbour.code}


def test_a_village_has_only_one_cooperative():
    village = Region.objects.get(code="64.09.04.2015")
    create_cooperative(village=village, actor=None)
    with pytest.raises(CooperativeError, match="sudah memiliki koperasi") as excinfo:
        create_cooperative(village=village, actor=None)
    assert excinfo.value.field == "village"


def test_a_kecamatan_cannot_be_the_primary_village():
    with pytest.raises(CooperativeError, match="harus desa atau kelurahan"):
        create_cooperative(village=Region.objects.get(code="64.09.04"), actor=None)
