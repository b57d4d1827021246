"""XLSX exports of the registry: the district list as filtered, and the officers.

Both go through ``kopdes.core.documents.table_workbook`` so every export of
the project looks alike (title, notes, bold header, frozen panes, dates as
dates). Values are plain text or dates; NIK and KK numbers stay text so a
spreadsheet does not turn them into 6.409E+15.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kopdes.core.documents import table_workbook

# Shown in the officers sheet until the Dinas confirms the field layout
# against a real SIMKOPDES upload template (no public specification exists).
SIMKOPDES_UNCONFIRMED = "Tata letak belum dikonfirmasi dengan SIMKOPDES"

REGISTRY_HEADERS = (
    "Kode wilayah",
    "Nama koperasi",
    "Jenis",
    "Kecamatan",
    "Desa/kelurahan",
    "Tahap",
    "Unit beroperasi",
    "Unit lain",
    "Peringatan",
)

OFFICER_HEADERS = (
    "No",
    "Kode Wilayah",
    "Nama Koperasi",
    "NIK",
    "Nama Lengkap",
    "Jabatan",
    "No HP",
    "No KK",
    "Tanggal Mulai Jabatan",
    "Tanggal Akhir Jabatan",
    "Kepala Desa",
)


def registry_workbook(rows: Iterable[Sequence[Any]], *, filters: Sequence[str]) -> Any:
    """The district list: one row per cooperative, in the order shown on the page."""
    today = timezone.localdate()
    notes = [f"{_('Keadaan per')} {today:%d-%m-%Y}"]
    notes.append(f"{_('Filter')}: {'; '.join(filters)}" if filters else _("Filter: semua koperasi"))
    return table_workbook(
        title=_("Daftar Koperasi Desa/Kelurahan Merah Putih"),
        headers=REGISTRY_HEADERS,
        rows=rows,
        notes=notes,
        sheet_name="Koperasi",
    )


def officer_rows(officers: Iterable[Any]) -> list[list[Any]]:
    """Officers in the SIMKOPDES-like layout (``officers`` need ``cooperative`` and its village)."""
    rows: list[list[Any]] = []
    for number, officer in enumerate(officers, start=1):
        cooperative = officer.cooperative
        term_end: date | None = officer.term_end
        rows.append(
            [
                number,
                cooperative.primary_village.code,
                cooperative.name,
                officer.nik,
                officer.name,
                str(officer.get_role_display()),
                officer.phone,
                officer.kk_number,
                officer.term_start,
                term_end,
                _("Ya") if officer.is_kepala_desa else _("Tidak"),
            ]
        )
    return rows


def officers_workbook(officers: Iterable[Any]) -> Any:
    today = timezone.localdate()
    return table_workbook(
        title=_("Data Pengurus dan Pengawas Koperasi"),
        headers=OFFICER_HEADERS,
        rows=officer_rows(officers),
        notes=[SIMKOPDES_UNCONFIRMED, f"{_('Keadaan per')} {today:%d-%m-%Y}"],
        sheet_name="Pengurus",
    )
