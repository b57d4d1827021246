"""XLSX exports fit to send to the province, read back with openpyxl (docs/registry.md, "Exports").

The kabupaten in the title, a bold frozen header row, row numbers, no
duplicated column, no code or English word where a person reads a label, a
file name with the date and the filter; NIK and KK numbers masked unless the
role needs them (the Dinas admin), and every full export in the history.
"""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from kopdes.cooperatives.models import ChangeRecord, OfficerRole, StepKind, UnitStatus
from kopdes.core.models import Region
from kopdes.core.validators import mask_nik
from kopdes.district.exports import SIMKOPDES_UNCONFIRMED
from kopdes.testing import factories
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db

REGISTRY = "/kabupaten/koperasi/unduh.xlsx"
OFFICERS = "/kabupaten/pengurus/unduh.xlsx"


def _download(user, path: str, params: dict | None = None):
    client = Client()
    client.force_login(user)
    response = client.get(path, params or {})
    assert response.status_code == 200
    match = re.fullmatch(r'attachment; filename="([^"]+)"', response["Content-Disposition"])
    assert match is not None, response["Content-Disposition"]
    return match.group(1), load_workbook(io.BytesIO(response.content)).active


def _header_row(sheet) -> int:
    """The row number of the header: the first row whose first cell is "No"."""
    for row in sheet.iter_rows(min_col=1, max_col=1):
        if row[0].value == "No":
            return row[0].row
    raise AssertionError("no header row starting with 'No'")


def _table(sheet) -> tuple[list[str], list[tuple]]:
    header = _header_row(sheet)
    rows = list(sheet.iter_rows(min_row=header, values_only=True))
    headers = [h for h in rows[0] if h is not None]
    return headers, [r for r in rows[1:] if any(v is not None for v in r)]


def _assert_province_layout(sheet) -> None:
    header = _header_row(sheet)
    assert "Kabupaten Penajam Paser Utara" in sheet["A1"].value
    assert sheet["A1"].font.bold
    # The header row is bold and frozen: everything above it and it stay in view.
    assert sheet.freeze_panes == f"A{header + 1}"
    for cell in sheet[header]:
        if cell.value is not None:
            assert cell.font.bold, cell.coordinate
    headers, rows = _table(sheet)
    assert len(headers) == len(set(headers)), headers
    # Row numbers 1..n in the first column.
    assert [r[0] for r in rows] == list(range(1, len(rows) + 1))


@pytest.fixture
def sepaku(personas):
    rf.steps_through(personas.coop, StepKind.OUTLET_LAHAN)
    other = Region.objects.villages().filter(parent__code="64.09.04").exclude(code="64.09.04.2015")
    building = factories.cooperative(other.first().code)
    rf.steps_through(building, StepKind.OUTLET_PEMBANGUNAN)
    rf.steps_through(personas.other_coop, StepKind.OUTLET_LAHAN)
    return building


def test_the_list_export_has_the_kabupaten_a_numbered_frozen_table_and_a_dated_name(
    personas, sepaku
):
    rf.unit(personas.coop, "gerai_sembako", status=UnitStatus.BEROPERASI)
    rf.unit(personas.coop, "klinik", status=UnitStatus.PERSIAPAN)
    name, sheet = _download(personas.viewer, REGISTRY, {"kecamatan": "64.09.04"})
    today = timezone.localdate().isoformat()
    assert name == f"koperasi-ppu-{today}-kec-sepaku.xlsx"
    _assert_province_layout(sheet)
    headers, rows = _table(sheet)
    assert len(rows) == 2
    telemow = dict(zip(headers, next(r for r in rows if r[1] == "64.09.04.2015"), strict=False))
    # The operating unit is counted once, not again among the other units.
    assert telemow["Unit beroperasi"] == 1
    assert telemow["Unit lain"] == "1 persiapan"
    # Labels, not codes.
    assert telemow["Jenis"] == "KDMP"
    assert telemow["Tahap"] == "Menunggu pembangunan gerai"


def test_the_file_name_names_every_filter_and_no_filter_means_all(personas, sepaku):
    today = timezone.localdate().isoformat()
    name, _ = _download(personas.viewer, REGISTRY)
    assert name == f"koperasi-ppu-{today}.xlsx"
    name, _ = _download(
        personas.viewer, REGISTRY, {"kecamatan": "64.09.04", "phase": "menunggu_lahan"}
    )
    assert name == f"koperasi-ppu-{today}-kec-sepaku-menunggu-gerai.xlsx"
    name, _ = _download(personas.viewer, OFFICERS, {"kecamatan": "64.09.01"})
    assert name == f"pengurus-koperasi-ppu-{today}-kec-penajam.xlsx"


def test_no_internal_or_english_text_in_the_list_export(personas, sepaku):
    _, sheet = _download(personas.dinas, REGISTRY, {"kecamatan": "64.09.04"})
    header = _header_row(sheet)
    notes = [sheet.cell(row=r, column=1).value for r in range(2, header)]
    notes = [n for n in notes if n]
    assert len(notes) == 2
    assert notes[0].startswith("Keadaan per ")
    assert notes[1] == "Filter: Kecamatan: Sepaku"
    words = " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)
    for internal in ("menunggu_lahan", "outlet_lahan", "internal", "Filter: any"):
        assert internal not in words


def test_the_viewer_gets_nik_and_kk_masked_and_no_history_row(personas, sepaku):
    board = rf.board(personas.coop)
    _, sheet = _download(personas.viewer, OFFICERS, {"kecamatan": "64.09.04"})
    _assert_province_layout(sheet)
    # The SIMKOPDES mark stays: it tells the reader the layout is not confirmed.
    assert sheet["A2"].value == SIMKOPDES_UNCONFIRMED
    headers, rows = _table(sheet)
    assert len(rows) == len(board)
    by_name = {r[headers.index("Nama Lengkap")]: r for r in rows}
    ketua = board[0]
    row = by_name[ketua.name]
    assert row[headers.index("NIK")] == mask_nik(ketua.nik)
    assert re.fullmatch(r"6409•{8}\d{4}", row[headers.index("NIK")])
    assert row[headers.index("No KK")] == mask_nik(ketua.kk_number)
    everything = " ".join(str(v) for r in rows for v in r if v)
    assert all(officer.nik not in everything for officer in board)
    assert all(officer.kk_number not in everything for officer in board)
    assert "Data NIK dan No KK disamarkan" in " ".join(
        str(sheet.cell(row=r, column=1).value) for r in range(2, _header_row(sheet))
    )
    assert not ChangeRecord.objects.filter(field="ekspor_data_pribadi").exists()


def test_a_business_assistant_gets_them_masked_too(personas, sepaku):
    ketua = rf.officer(personas.coop, OfficerRole.KETUA)
    _, sheet = _download(personas.ba, OFFICERS)
    headers, rows = _table(sheet)
    assert [r[headers.index("NIK")] for r in rows] == [mask_nik(ketua.nik)]
    assert not ChangeRecord.objects.filter(field="ekspor_data_pribadi").exists()


def test_the_dinas_admin_gets_them_in_full_and_the_export_is_in_the_history(personas, sepaku):
    board = rf.board(personas.coop)
    giri = rf.officer(personas.other_coop, OfficerRole.KETUA, name="Ketua Giri Mukti")
    before = timezone.now()
    name, sheet = _download(personas.dinas, OFFICERS, {"kecamatan": "64.09.04"})
    _assert_province_layout(sheet)
    headers, rows = _table(sheet)
    niks = {r[headers.index("NIK")] for r in rows}
    assert niks == {o.nik for o in board}
    assert {r[headers.index("No KK")] for r in rows} == {o.kk_number for o in board}
    assert giri.nik not in niks

    records = list(ChangeRecord.objects.filter(field="ekspor_data_pribadi"))
    # One row in the history of each cooperative whose people are in the file.
    assert [r.cooperative_id for r in records] == [personas.coop.pk]
    record = records[0]
    assert record.actor == personas.dinas
    assert record.at >= before
    assert record.source == "web"
    assert record.object_label == personas.coop.name
    assert "NIK" in record.field_label
    assert name in record.new_value
    assert "Kecamatan: Sepaku" in record.new_value
    assert f"{len(board)} orang" in record.new_value
    # It shows on the cooperative's history page.
    client = Client()
    client.force_login(personas.pengurus)
    page = client.get(f"/k/{personas.coop.slug}/riwayat/")
    assert page.status_code == 200
    assert name in page.content.decode()


def test_a_dinas_export_of_nobody_records_nothing(personas, sepaku):
    _download(personas.dinas, OFFICERS, {"kecamatan": "64.09.04"})
    assert not ChangeRecord.objects.filter(field="ekspor_data_pribadi").exists()
