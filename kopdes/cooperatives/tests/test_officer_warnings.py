"""Every officer warning fires on a built case and stays quiet on its near miss."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kopdes.cooperatives.models import CooperativeKind, OfficerRole
from kopdes.cooperatives.selectors import WarningCode, officer_warnings, officer_warnings_for
from kopdes.cooperatives.services import end_officer, update_cooperative, update_officer
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 28)


def codes(coop, on=TODAY) -> list[str]:
    return [w.code for w in officer_warnings(coop, on=on)]


def _board(coop):
    return {o.role: o for o in rf.board(coop)}


def test_a_complete_board_raises_no_warning(personas):
    _board(personas.coop)
    rf.officer(personas.coop, OfficerRole.MANAJER)  # staff do not count as pengurus
    assert officer_warnings(personas.coop, on=TODAY) == []


def test_an_even_number_of_pengurus_is_a_warning(personas):
    _board(personas.coop)
    second = rf.officer(personas.coop, OfficerRole.WAKIL_KETUA_USAHA)
    warnings = officer_warnings(personas.coop, on=TODAY)
    assert [(w.code, w.message) for w in warnings] == [
        (
            WarningCode.EVEN_PENGURUS,
            "Jumlah pengurus aktif genap (6 orang); seharusnya ganjil.",
        )
    ]
    # Near miss: the sixth left office; five remain.
    end_officer(officer=second, ended_on=date(2026, 11, 1), actor=None)
    assert codes(personas.coop) == []


def test_a_missing_pengurus_role_is_a_warning(personas):
    board = _board(personas.coop)
    end_officer(officer=board[OfficerRole.BENDAHARA], ended_on=date(2026, 10, 1), actor=None)
    warnings = officer_warnings(personas.coop, on=TODAY)
    assert [w.code for w in warnings] == [WarningCode.MISSING_ROLE, WarningCode.EVEN_PENGURUS]
    assert warnings[0].message == "Jabatan pengurus belum terisi: Bendahara."
    # Near miss: the day before the bendahara left, the board was complete.
    assert codes(personas.coop, on=date(2026, 9, 30)) == []


def test_an_expired_term_is_a_warning(personas):
    board = _board(personas.coop)
    ketua = update_officer(
        officer=board[OfficerRole.KETUA], actor=None, term_end=date(2026, 11, 27)
    )
    warnings = officer_warnings(personas.coop, on=TODAY)
    assert [(w.code, w.officer_id) for w in warnings] == [(WarningCode.EXPIRED_TERM, ketua.pk)]
    assert warnings[0].message == f"Masa jabatan {ketua.name} (Ketua) berakhir 27 Nov 2026."
    # Near miss: the term ends today, so it has not expired yet.
    update_officer(officer=ketua, actor=None, term_end=TODAY)
    assert codes(personas.coop) == []


def test_pengurus_and_pengawas_in_one_household_is_a_warning(personas):
    board = _board(personas.coop)
    sekretaris = board[OfficerRole.SEKRETARIS]
    pengawas = rf.officer(
        personas.coop, OfficerRole.ANGGOTA_PENGAWAS, kk_number=sekretaris.kk_number
    )
    warnings = officer_warnings(personas.coop, on=TODAY)
    assert [w.code for w in warnings] == [WarningCode.SAME_HOUSEHOLD]
    assert warnings[0].message == (
        f"{sekretaris.name} (pengurus) dan {pengawas.name} (pengawas) "
        "tercatat dalam satu Kartu Keluarga."
    )
    # Near miss: two pengurus in one household is not this warning's concern.
    update_officer(officer=pengawas, actor=None, role=OfficerRole.WAKIL_KETUA_ANGGOTA)
    assert WarningCode.SAME_HOUSEHOLD not in codes(personas.coop)


def test_a_kdmp_whose_ketua_pengawas_is_not_the_kepala_desa_is_warned(personas):
    assert personas.coop.kind == CooperativeKind.KDMP
    board = _board(personas.coop)
    update_officer(officer=board[OfficerRole.KETUA_PENGAWAS], actor=None, is_kepala_desa=False)
    warnings = officer_warnings(personas.coop, on=TODAY)
    assert [(w.code, w.message) for w in warnings] == [
        (
            WarningCode.KETUA_PENGAWAS_NOT_KADES,
            "Ketua pengawas Koperasi Desa Merah Putih seharusnya kepala desa.",
        )
    ]
    # Near miss: a KKMP (kelurahan) has no kepala desa to chair its pengawas.
    update_cooperative(cooperative=personas.coop, actor=None, kind=CooperativeKind.KKMP)
    personas.coop.refresh_from_db()
    assert codes(personas.coop) == []


def test_warnings_for_many_cooperatives_take_one_query(personas):
    _board(personas.coop)
    _board(personas.other_coop)
    rf.officer(personas.other_coop, OfficerRole.WAKIL_KETUA_USAHA)
    with CaptureQueriesContext(connection) as queries:
        found = officer_warnings_for([personas.coop, personas.other_coop], on=TODAY)
    assert len(queries) == 1
    assert found[personas.coop.pk] == []
    assert [w.code for w in found[personas.other_coop.pk]] == [WarningCode.EVEN_PENGURUS]
