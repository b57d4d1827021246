from datetime import date

import pytest

from kopdes.cooperatives.models import OfficerRole
from kopdes.cooperatives.services import OfficerError, add_officer
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db


def _add(coop, **fields):
    data = {
        "role": OfficerRole.SEKRETARIS,
        "name": "Siti Aminah",
        "nik": rf.nik(born=date(1988, 2, 3), female=True),
        "term_start": date(2025, 6, 19),
    }
    data.update(fields)
    return add_officer(cooperative=coop, actor=None, **data)


def test_an_officer_is_stored_with_normalised_numbers(personas):
    officer = _add(
        personas.coop,
        name="  Siti   Aminah ",
        nik="6409 0443 0288 0001",
        phone="0812-3456-7890",
        kk_number="6409.0412.3456.7890",
    )
    assert officer.name == "Siti Aminah"
    assert officer.nik == "6409044302880001"
    assert officer.phone == "+6281234567890"
    assert officer.kk_number == "6409041234567890"


def test_an_nik_from_another_province_is_valid(personas):
    officer = _add(personas.coop, nik=rf.nik(regency="3507", kecamatan="10"))
    assert officer.nik.startswith("3507")


def test_a_wrong_nik_is_refused_naming_the_field(personas):
    with pytest.raises(OfficerError) as error:
        _add(personas.coop, nik="6409")
    assert error.value.field == "nik"
    assert error.value.message.startswith("NIK: ")


def test_a_wrong_phone_is_refused_naming_the_field(personas):
    with pytest.raises(OfficerError) as error:
        _add(personas.coop, phone="12ab")
    assert error.value.field == "phone"
    assert error.value.message.startswith("Nomor HP: ")


def test_a_kk_number_must_have_sixteen_digits(personas):
    with pytest.raises(OfficerError) as error:
        _add(personas.coop, kk_number="123")
    assert (error.value.field, error.value.message) == ("kk_number", "Nomor KK harus 16 angka.")


def test_a_term_cannot_end_before_it_starts(personas):
    with pytest.raises(OfficerError) as error:
        _add(personas.coop, term_end=date(2025, 1, 1))
    assert (error.value.field, error.value.message) == (
        "term_end",
        "Akhir masa jabatan tidak boleh sebelum awal masa jabatan.",
    )


def test_a_ketua_cannot_be_added_while_another_is_in_office(personas):
    first = _add(personas.coop, role=OfficerRole.KETUA, name="Budi")
    with pytest.raises(OfficerError) as error:
        _add(personas.coop, role=OfficerRole.KETUA, name="Joko")
    assert (error.value.field, error.value.message) == (
        "role",
        f"Jabatan Ketua masih dipegang {first.name}; isi dulu tanggal berhentinya.",
    )


def test_only_the_ketua_pengawas_can_be_the_kepala_desa(personas):
    with pytest.raises(OfficerError) as error:
        _add(personas.coop, role=OfficerRole.ANGGOTA_PENGAWAS, is_kepala_desa=True)
    assert (error.value.field, error.value.message) == (
        "is_kepala_desa",
        "Kepala desa hanya dapat dicatat sebagai Ketua Pengawas.",
    )
