"""The cooperative profile: timeline, officers with warnings, units, latest RAT, history."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kopdes.cooperatives.models import OfficerRole, StepKind, UnitStatus
from kopdes.cooperatives.services import record_step, update_unit
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _profile(user, coop) -> str:
    response = _client(user).get(f"/k/{coop.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_timeline_shows_each_step_with_its_date_and_document_number(personas):
    coop = personas.coop
    rf.steps_through(coop, StepKind.AKTA_PENDIRIAN, start=date(2025, 5, 1))
    record_step(
        cooperative=coop,
        kind=StepKind.SK_AHU,
        actor=personas.dinas,
        done_on=date(2025, 6, 20),
        document_number="AHU-0012345.AH.01.29.TAHUN 2025",
        documents=[rf.pdf("sk-ahu.pdf")],
    )
    html = _profile(personas.pengawas, coop)
    assert "Badan hukum (SK AHU)" in html
    assert "20 Jun 2025" in html
    assert "AHU-0012345.AH.01.29.TAHUN 2025" in html
    assert "Notaris Uji, S.H., M.Kn." in html
    # Documents are reached through the access-checked view, never /media/.
    document = coop.registry_documents.get()
    assert f"/k/{coop.slug}/dokumen/{document.pk}/" in html
    assert "/media/" not in html
    assert "Belum dicatat" in html  # the later steps


def test_a_skipped_step_shows_its_reason(personas):
    coop = personas.coop
    rf.steps_through(coop, StepKind.NIB)
    record_step(
        cooperative=coop,
        kind=StepKind.NIK_KOPERASI,
        actor=personas.dinas,
        skipped=True,
        skip_reason="Diterbitkan bersama NIB oleh OSS",
    )
    html = _profile(personas.dinas, coop)
    assert "Dilewati" in html
    assert "Diterbitkan bersama NIB oleh OSS" in html


def test_officer_warnings_show_on_the_profile(personas):
    coop = personas.coop
    rf.officer(coop, OfficerRole.KETUA, name="Budi Santoso")
    rf.officer(coop, OfficerRole.SEKRETARIS, name="Siti Aminah")
    html = _profile(personas.pengurus, coop)
    assert "Budi Santoso" in html
    assert "Jabatan pengurus belum terisi: " in html
    assert "Jumlah pengurus aktif genap (2 orang); seharusnya ganjil." in html


def test_a_full_board_raises_no_warning_and_nik_is_masked(personas):
    coop = personas.coop
    board = rf.board(coop)
    html = _profile(personas.dinas, coop)
    assert 'id="officer-warnings"' not in html
    ketua = board[0]
    assert ketua.nik not in html
    assert ketua.nik[:4] + "••••••••" + ketua.nik[-4:] in html


def test_units_and_the_latest_rat_are_shown(personas):
    coop = personas.coop
    rf.unit(coop, "gerai_sembako", status=UnitStatus.BEROPERASI, location="Jl. Poros Sepaku")
    rf.unit(coop, "klinik", status=UnitStatus.PERSIAPAN)
    rf.rat(coop, book_year=2024, held_on=date(2025, 3, 1))
    rf.rat(coop, book_year=2025, members_total=150, members_present=90, shu_amount=1_250_000_00)
    html = _profile(personas.viewer, coop)
    assert "Gerai/kios sembako" in html
    assert "Jl. Poros Sepaku" in html
    assert "Klinik desa/kelurahan" in html
    assert "Persiapan" in html
    assert "90 / 150" in html
    assert "Rp1.250.000" in html
    assert ">2025<" in html


def test_the_history_shows_who_changed_what_from_old_to_new(personas):
    coop = personas.coop
    unit = rf.unit(coop, "gerai_sembako", status=UnitStatus.PERSIAPAN)
    update_unit(
        unit=unit,
        actor=personas.pengurus,
        status=UnitStatus.BEROPERASI,
        started_on=date(2026, 11, 2),
    )
    html = _profile(personas.dinas, coop)
    history = html.split('id="riwayat"', 1)[1]
    assert personas.pengurus.display_name in history
    assert (
        '<span class="history-old">Persiapan</span> → <span class="history-new">Beroperasi</span>'
        in history
    )


@pytest.mark.parametrize("reader", ["pengawas", "viewer", "ba", "teller"])
def test_read_only_roles_see_no_edit_buttons(personas, reader):
    coop = personas.coop
    rf.officer(coop)
    rf.unit(coop)
    rf.rat(coop)
    html = _profile(getattr(personas, reader), coop)
    assert f"/k/{coop.slug}/tahap/" not in html
    assert f"/k/{coop.slug}/pengurus/" not in html
    assert f"/k/{coop.slug}/unit/" not in html
    assert f"/k/{coop.slug}/rat/" not in html
    assert "Simpan status" not in html


@pytest.mark.parametrize("editor", ["dinas", "pengurus"])
def test_editors_see_the_edit_buttons(personas, editor):
    coop = personas.coop
    unit = rf.unit(coop)
    html = _profile(getattr(personas, editor), coop)
    assert f"/k/{coop.slug}/tahap/sosialisasi/" in html
    assert f"/k/{coop.slug}/pengurus/baru/" in html
    assert f"/k/{coop.slug}/unit/{unit.pk}/status/" in html
    assert f"/k/{coop.slug}/rat/baru/" in html


def _profile_queries(user, coop) -> int:
    client = _client(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/k/{coop.slug}/").status_code == 200
    return len(queries)


def test_the_profile_query_count_does_not_grow_with_rows(personas):
    coop = personas.coop
    rf.steps_through(coop, StepKind.MUSDESUS)
    rf.officer(coop, OfficerRole.KARYAWAN)
    rf.unit(coop)
    rf.rat(coop, book_year=2024, held_on=date(2025, 3, 1))
    small = _profile_queries(personas.dinas, coop)

    rf.steps_through(coop, StepKind.OUTLET_PEMBANGUNAN)
    for kind in (StepKind.SOSIALISASI, StepKind.MUSDESUS, StepKind.AKTA_PENDIRIAN):
        step = coop.steps.get(kind=kind)
        record_step(
            cooperative=coop,
            kind=kind,
            actor=personas.dinas,
            done_on=step.done_on,
            document_number=step.document_number,
            notary_name=step.notary_name,
            documents=[rf.pdf(f"{kind}.pdf"), rf.png(f"{kind}.png")],
        )
    rf.board(coop)
    for kind in ("klinik", "apotek", "gudang", "logistik"):
        unit = rf.unit(coop, kind)
        update_unit(unit=unit, actor=personas.pengurus, status=UnitStatus.PERSIAPAN)
    rf.rat(coop, book_year=2025, minutes=rf.pdf("ba-rat.pdf"))
    large = _profile_queries(personas.dinas, coop)
    assert small == large
    assert large <= 14


def test_the_full_history_page_lists_every_change_in_pages(personas):
    coop = personas.coop
    unit = rf.unit(coop, "gerai_sembako")
    for number in range(60):
        update_unit(unit=unit, actor=personas.pengurus, location=f"Lokasi {number}")
    client = _client(personas.pengawas)
    first = client.get(f"/k/{coop.slug}/riwayat/")
    assert first.status_code == 200
    assert len(first.context["history"]) == 50
    assert "Lokasi 59" in first.content.decode()  # newest first
    second = client.get(f"/k/{coop.slug}/riwayat/", {"hal": 2})
    assert "Lokasi 0" in second.content.decode()
