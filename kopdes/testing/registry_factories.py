"""Builders for the registry (steps, officers, units, RAT). Tests and benches only."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from kopdes.cooperatives.models import (
    STEP_INDEX,
    STEP_ORDER,
    BusinessUnit,
    Cooperative,
    FormationStep,
    Officer,
    OfficerRole,
    RatRecord,
    StepKind,
    UnitStatus,
)
from kopdes.cooperatives.services import add_officer, add_unit, record_rat, record_step

_serial = itertools.count(1)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def nik(
    *,
    regency: str = "6409",
    kecamatan: str = "04",
    born: date = date(1980, 5, 17),
    female: bool = False,
    serial: int | None = None,
) -> str:
    """A valid NIK: region digits, birth date (day + 40 for women), a non-zero serial."""
    day = born.day + (40 if female else 0)
    number = serial if serial is not None else next(_serial)
    return (
        f"{regency}{kecamatan}{day:02d}{born.month:02d}{born.year % 100:02d}{number % 9999 + 1:04d}"
    )


def kk(*, regency: str = "6409", kecamatan: str = "04", serial: int | None = None) -> str:
    """A 16-digit Kartu Keluarga number."""
    number = serial if serial is not None else next(_serial)
    return f"{regency}{kecamatan}{number:010d}"


def officer(
    coop: Cooperative,
    role: str = OfficerRole.KETUA,
    *,
    name: str | None = None,
    term_start: date = date(2025, 6, 19),
    actor: Any = None,
    **fields: Any,
) -> Officer:
    fields.setdefault("nik", nik())
    fields.setdefault("kk_number", kk())
    return add_officer(
        cooperative=coop,
        actor=actor,
        role=role,
        name=name or f"{OfficerRole(role).label} {next(_serial)}",
        term_start=term_start,
        **fields,
    )


def board(
    coop: Cooperative,
    *,
    kepala_desa: bool = True,
    anggota_pengawas: int = 2,
    term_start: date = date(2025, 6, 19),
    term_end: date | None = date(2030, 6, 18),
) -> list[Officer]:
    """The five pengurus, a ketua pengawas (the kepala desa) and anggota pengawas:
    a board that raises no warning."""
    people = [
        officer(coop, role, term_start=term_start, term_end=term_end)
        for role in (
            OfficerRole.KETUA,
            OfficerRole.WAKIL_KETUA_USAHA,
            OfficerRole.WAKIL_KETUA_ANGGOTA,
            OfficerRole.SEKRETARIS,
            OfficerRole.BENDAHARA,
        )
    ]
    people.append(
        officer(
            coop,
            OfficerRole.KETUA_PENGAWAS,
            is_kepala_desa=kepala_desa,
            term_start=term_start,
            term_end=term_end,
        )
    )
    people += [
        officer(coop, OfficerRole.ANGGOTA_PENGAWAS, term_start=term_start, term_end=term_end)
        for _ in range(anggota_pengawas)
    ]
    return people


def steps_through(
    coop: Cooperative,
    last: str = StepKind.SK_AHU,
    *,
    start: date = date(2025, 5, 1),
    every: timedelta = timedelta(days=7),
    actor: Any = None,
) -> list[FormationStep]:
    """Record every step up to ``last`` (included), a week apart from ``start``."""
    steps = []
    for i, kind in enumerate(STEP_ORDER[: STEP_INDEX[last] + 1]):
        steps.append(
            record_step(
                cooperative=coop,
                kind=kind,
                actor=actor,
                done_on=start + every * i,
                # The NPWP step's number is checked as an NPWP.
                document_number=(
                    f"01.234.567.8-{i:03d}.000" if kind == StepKind.NPWP else f"DOC/{i + 1}/2025"
                ),
                notary_name="Notaris Uji, S.H., M.Kn." if kind == StepKind.AKTA_PENDIRIAN else "",
            )
        )
    return steps


def unit(
    coop: Cooperative,
    kind: str = "gerai_sembako",
    *,
    status: str = UnitStatus.DIRENCANAKAN,
    actor: Any = None,
    **fields: Any,
) -> BusinessUnit:
    if status == UnitStatus.BEROPERASI:
        fields.setdefault("started_on", date(2026, 1, 5))
    if status == UnitStatus.BERHENTI:
        fields.setdefault("started_on", date(2026, 1, 5))
        fields.setdefault("stopped_on", date(2026, 6, 30))
    return add_unit(cooperative=coop, actor=actor, kind=kind, status=status, **fields)


def rat(coop: Cooperative, *, book_year: int = 2025, actor: Any = None, **fields: Any) -> RatRecord:
    fields.setdefault("held_on", date(book_year + 1, 3, 14))
    fields.setdefault("members_total", 120)
    fields.setdefault("members_present", 80)
    return record_rat(cooperative=coop, actor=actor, book_year=book_year, **fields)


def pdf(name: str = "berita-acara.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png(name: str = "foto.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


def jpeg(name: str = "foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, JPEG_BYTES, content_type="image/jpeg")
