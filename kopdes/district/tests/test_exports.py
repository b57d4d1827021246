"""XLSX exports: the district list as filtered, and the officers (SIMKOPDES-like, unconfirmed)."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from kopdes.cooperatives.models import OfficerRole, StepKind
from kopdes.core.models import Region
from kopdes.district.exports import OFFICER_HEADERS, REGISTRY_HEADERS, SIMKOPDES_UNCONFIRMED
from kopdes.testing import factories
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db


def _sheet(user, path: str, params: dict | None = None):
    client = Client()
    client.force_login(user)
    response = client.get(path, params or {})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "attachment;" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(response.content)).active


def _rows_after_header(sheet, header: tuple[str, ...]) -> list[tuple]:
    header = ("No", *(str(h) for h in header))  # the row number comes first
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if tuple(row[: len(header)]) == header)
    return [row for row in rows[start + 1 :] if any(v is not None for v in row)]


@pytest.fixture
def sepaku(personas):
    rf.steps_through(personas.coop, StepKind.OUTLET_LAHAN)
    other = Region.objects.villages().filter(parent__code="64.09.04").exclude(code="64.09.04.2015")
    building = factories.cooperative(other.first().code)
    rf.steps_through(building, StepKind.OUTLET_PEMBANGUNAN)
    rf.steps_through(personas.other_coop, StepKind.OUTLET_LAHAN)
    return building


def test_the_list_export_holds_the_filtered_rows(personas, sepaku):
    sheet = _sheet(
        personas.dinas,
        "/kabupaten/koperasi/unduh.xlsx",
        {"kecamatan": "64.09.04", "phase": "menunggu_lahan"},
    )
    rows = _rows_after_header(sheet, REGISTRY_HEADERS)
    assert [(r[1], r[2], r[4], r[6]) for r in rows] == [
        (
            "64.09.04.2015",
            "Koperasi Desa Merah Putih Telemow",
            "Sepaku",
            "Menunggu pembangunan gerai",
        )
    ]
    notes = " ".join(str(c.value) for c in sheet["A"][:5] if c.value)
    assert "Kecamatan: Sepaku" in notes
    assert "Kelompok tahap: Menunggu gerai" in notes


def test_the_list_export_without_filters_holds_every_visible_cooperative(personas, sepaku):
    rows = _rows_after_header(
        _sheet(personas.viewer, "/kabupaten/koperasi/unduh.xlsx"), REGISTRY_HEADERS
    )
    assert len(rows) == 3
    ba_rows = _rows_after_header(
        _sheet(personas.ba, "/kabupaten/koperasi/unduh.xlsx"), REGISTRY_HEADERS
    )
    assert [r[1] for r in ba_rows] == ["64.09.04.2015"]


def test_the_officers_export_is_marked_unconfirmed_and_keeps_nik_as_text(personas, sepaku):
    board = rf.board(personas.coop)
    rf.officer(personas.other_coop, OfficerRole.KETUA, name="Ketua Giri Mukti")
    sheet = _sheet(personas.dinas, "/kabupaten/pengurus/unduh.xlsx", {"kecamatan": "64.09.04"})
    assert SIMKOPDES_UNCONFIRMED == "Tata letak belum dikonfirmasi dengan SIMKOPDES"
    assert sheet["A2"].value == SIMKOPDES_UNCONFIRMED
    rows = _rows_after_header(sheet, OFFICER_HEADERS)
    assert len(rows) == len(board)
    first = rows[0]
    assert first[1] == "64.09.04.2015"
    assert first[3] == board[0].nik
    assert isinstance(first[3], str)
    assert first[5] == "Ketua"
    assert "Ketua Giri Mukti" not in {r[4] for r in rows}
