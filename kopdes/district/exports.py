"""XLSX exports of the registry: the district list as filtered, and the officers.

Both go through ``kopdes.core.documents.table_workbook`` so every export of
the project looks alike, fit to send to the province (docs/registry.md,
"Exports"): the kabupaten in the title, the date and the filter in words under
it, a bold frozen header row, a "No" column, dates as dates, and a file name
with the kabupaten, the date and the filter
(``koperasi-ppu-2026-12-01-kec-sepaku.xlsx``). NIK and KK numbers stay text so
a spreadsheet does not turn them into 6.409E+15, and are masked
(``6409••••••••0001``) unless the user's role needs them in full.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kopdes.cooperatives.letterhead import regency_label
from kopdes.core.documents import table_workbook
from kopdes.core.timeutils import format_date_id
from kopdes.core.validators import mask_nik

# Shown in the officers sheet until the Dinas confirms the field layout
# against a real SIMKOPDES upload template (no public specification exists).
SIMKOPDES_UNCONFIRMED = gettext_lazy("Tata letak belum dikonfirmasi dengan SIMKOPDES")
MASKED_NOTE = gettext_lazy(
    "Data NIK dan No KK disamarkan (UU 27/2022 tentang Pelindungan Data Pribadi)."
)
FULL_NOTE = gettext_lazy(
    "Berisi NIK dan No KK lengkap: data pribadi (UU 27/2022); unduhan ini tercatat di riwayat."
)

# The row number ("No") comes first in both sheets (table_workbook(numbered=True)).
REGISTRY_HEADERS = (
    gettext_lazy("Kode wilayah"),
    gettext_lazy("Nama koperasi"),
    gettext_lazy("Jenis"),
    gettext_lazy("Kecamatan"),
    gettext_lazy("Desa/kelurahan"),
    gettext_lazy("Tahap"),
    gettext_lazy("Unit beroperasi"),
    gettext_lazy("Unit lain"),
    gettext_lazy("Peringatan"),
)

# SIMKOPDES-like column names (layout unconfirmed, see above).
OFFICER_HEADERS = (
    gettext_lazy("Kode Wilayah"),
    gettext_lazy("Nama Koperasi"),
    gettext_lazy("NIK"),
    gettext_lazy("Nama Lengkap"),
    gettext_lazy("Jabatan"),
    gettext_lazy("No HP"),
    gettext_lazy("No KK"),
    gettext_lazy("Tanggal Mulai Jabatan"),
    gettext_lazy("Tanggal Akhir Jabatan"),
    gettext_lazy("Kepala Desa"),
)

# A file name stays short enough for every file system and mail client.
_MAX_FILENAME = 120


def regency_short_name(regency: Any) -> str:
    """``ppu`` for Penajam Paser Utara: the initials of a name of three words or
    more, else the name itself (``paser``, ``kutai-barat``)."""
    name = str(regency.name)
    for prefix in ("kabupaten ", "kota "):
        if name.lower().startswith(prefix):
            name = name[len(prefix) :]
    words = name.split()
    if len(words) >= 3:
        return "".join(word[0] for word in words).lower()
    return slugify(name)


def export_filename(stem: str, *, regencies: Sequence[Any], on: date, parts: Sequence[str]) -> str:
    """``koperasi-ppu-2026-12-01-kec-sepaku`` (no extension; ``xlsx_response`` adds it)."""
    pieces = [stem, *(regency_short_name(r) for r in regencies), on.isoformat()]
    pieces += [slugify(part) for part in parts]
    name = "-".join(piece for piece in pieces if piece)
    return name[:_MAX_FILENAME].rstrip("-")


def title_with_regencies(title: str, regencies: Sequence[Any]) -> str:
    if not regencies:
        return title
    return f"{title} — {', '.join(regency_label(r) for r in regencies)}"


def _dated_notes(on: date, filters: Sequence[str]) -> list[str]:
    return [
        _("Keadaan per %(date)s") % {"date": format_date_id(on)},
        _("Filter: %(filters)s") % {"filters": "; ".join(filters)}
        if filters
        else _("Filter: semua koperasi"),
    ]


def registry_workbook(
    rows: Iterable[Sequence[Any]],
    *,
    filters: Sequence[str],
    regencies: Sequence[Any] = (),
    on: date,
) -> Any:
    """The district list: one row per cooperative, in the order shown on the page."""
    return table_workbook(
        title=title_with_regencies(_("Daftar Koperasi Desa/Kelurahan Merah Putih"), regencies),
        headers=[str(h) for h in REGISTRY_HEADERS],
        rows=rows,
        notes=_dated_notes(on, filters),
        sheet_name=_("Koperasi"),
        numbered=True,
    )


def officer_rows(officers: Iterable[Any], *, full_identity: bool = False) -> list[list[Any]]:
    """Officers in the SIMKOPDES-like layout (``officers`` need ``cooperative`` and its village).

    NIK and KK numbers are masked unless ``full_identity``.
    """

    def shown(number: str) -> str:
        return number if full_identity or not number else mask_nik(number)

    rows: list[list[Any]] = []
    for officer in officers:
        cooperative = officer.cooperative
        term_end: date | None = officer.term_end
        rows.append(
            [
                cooperative.primary_village.code,
                cooperative.name,
                shown(officer.nik),
                officer.name,
                str(officer.get_role_display()),
                officer.phone,
                shown(officer.kk_number),
                officer.term_start,
                term_end,
                _("Ya") if officer.is_kepala_desa else _("Tidak"),
            ]
        )
    return rows


def officers_workbook(
    officers: Iterable[Any],
    *,
    filters: Sequence[str] = (),
    regencies: Sequence[Any] = (),
    on: date,
    full_identity: bool = False,
) -> Any:
    return table_workbook(
        title=title_with_regencies(_("Data Pengurus dan Pengawas Koperasi"), regencies),
        headers=[str(h) for h in OFFICER_HEADERS],
        rows=officer_rows(officers, full_identity=full_identity),
        notes=[
            str(SIMKOPDES_UNCONFIRMED),
            *_dated_notes(on, filters),
            str(FULL_NOTE if full_identity else MASKED_NOTE),
        ],
        sheet_name=_("Pengurus"),
        numbered=True,
    )
