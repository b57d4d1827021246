"""Writes for RAT records (the annual members' meeting of a book year)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from kopdes.cooperatives.history import record_changes, snapshot
from kopdes.cooperatives.models import (
    DEFAULT_QUORUM_FRACTION,
    ChangeSource,
    Cooperative,
    DocumentPurpose,
    RatRecord,
)
from kopdes.cooperatives.pipeline import attach_document
from kopdes.core.errors import DomainError
from kopdes.core.timeutils import business_date
from kopdes.core.validators import clean_instance

RAT_FIELDS = (
    "book_year",
    "held_on",
    "members_total",
    "members_present",
    "quorum_fraction",
    "statements_approved",
    "shu_decision",
    "shu_amount",
    "pengurus_report",
    "pengawas_report",
    "notes",
)


# A village cooperative's members, with room to spare: the register of a whole
# regency fits. Larger numbers are typing errors (or a probe), not members.
MAX_MEMBERS = 1_000_000
# Checked against the model's limits (docs/registry.md, "Validation") and the
# caps above before the rules below; the SHU within kopdes.core.money.MAX_SEN.
_CHECKED_FIELDS = (
    "book_year",
    "held_on",
    "members_total",
    "members_present",
    "quorum_fraction",
    "statements_approved",
    "shu_decision",
    "shu_amount",
    "pengurus_report",
    "pengawas_report",
    "notes",
)
_RANGES: dict[str, tuple[int | None, int | None]] = {
    "members_total": (None, MAX_MEMBERS),
    "members_present": (None, MAX_MEMBERS),
}


class RatError(DomainError):
    pass


def _clean(rat: RatRecord) -> None:
    clean_instance(rat, _CHECKED_FIELDS, error=RatError, ranges=_RANGES)
    today = business_date(rat.cooperative)
    if not 2000 <= int(rat.book_year) <= today.year:
        raise RatError("Tahun buku tidak valid.", field="book_year", code="rat_book_year")
    if rat.held_on > today:
        raise RatError(
            "Tanggal RAT tidak boleh sesudah hari ini.", field="held_on", code="rat_date_future"
        )
    # The RAT of a book year is held after that year has closed.
    if rat.held_on.year <= int(rat.book_year):
        raise RatError(
            f"Tanggal RAT harus sesudah tahun buku {rat.book_year} berakhir.",
            field="held_on",
            code="rat_date_before_year_end",
        )
    if rat.members_total <= 0:
        raise RatError(
            "Jumlah anggota harus lebih dari nol.", field="members_total", code="rat_members"
        )
    if rat.members_present < 0 or rat.members_present > rat.members_total:
        raise RatError(
            "Anggota hadir tidak boleh lebih dari jumlah anggota.",
            field="members_present",
            code="rat_present",
        )
    fraction = Decimal(str(rat.quorum_fraction))
    if not Decimal(0) < fraction < Decimal(1):
        raise RatError(
            "Kuorum harus bagian anggota di antara 0 dan 1 (mis. 0,5).",
            field="quorum_fraction",
            code="rat_quorum",
        )
    rat.quorum_fraction = fraction
    if rat.shu_amount is not None and int(rat.shu_amount) < 0:
        # A loss is recorded in the decision text; the amount is what is shared.
        raise RatError(
            "Jumlah SHU tidak boleh negatif.", field="shu_amount", code="rat_shu_negative"
        )
    clash = RatRecord.objects.filter(
        cooperative_id=rat.cooperative_id, book_year=rat.book_year
    ).exclude(pk=rat.pk)
    if clash.exists():
        raise RatError(
            f"RAT tahun buku {rat.book_year} sudah dicatat.",
            field="book_year",
            code="rat_duplicate",
        )


def record_rat(
    *,
    cooperative: Cooperative,
    actor: Any,
    book_year: int,
    held_on: date,
    members_total: int,
    members_present: int,
    quorum_fraction: Decimal = DEFAULT_QUORUM_FRACTION,
    statements_approved: bool = False,
    shu_decision: str = "",
    shu_amount: int | None = None,
    pengurus_report: str = "",
    pengawas_report: str = "",
    notes: str = "",
    minutes: UploadedFile | None = None,
    documents: Sequence[tuple[str, UploadedFile]] = (),
    source: str = ChangeSource.WEB,
) -> RatRecord:
    """Record a RAT; ``minutes`` is the berita acara, ``documents`` (purpose, file) pairs."""
    rat = RatRecord(
        cooperative=cooperative,
        book_year=book_year,
        held_on=held_on,
        members_total=members_total,
        members_present=members_present,
        quorum_fraction=quorum_fraction,
        statements_approved=statements_approved,
        shu_decision=shu_decision,
        shu_amount=shu_amount,
        pengurus_report=pengurus_report,
        pengawas_report=pengawas_report,
        notes=notes,
    )
    with transaction.atomic():
        _clean(rat)
        rat.save()
        record_changes(
            cooperative=cooperative,
            actor=actor,
            obj=rat,
            before={},
            after=snapshot(rat),
            source=source,
        )
        uploads = [*([(DocumentPurpose.RAT_MINUTES, minutes)] if minutes else []), *documents]
        for purpose, upload in uploads:
            attach_document(
                cooperative=cooperative,
                upload=upload,
                rat=rat,
                purpose=purpose,
                actor=actor,
                source=source,
            )
    return rat


def update_rat(
    *, rat: RatRecord, actor: Any, source: str = ChangeSource.WEB, **changes: Any
) -> RatRecord:
    """Change any of ``RAT_FIELDS``."""
    unknown = set(changes) - set(RAT_FIELDS)
    if unknown:
        raise TypeError(f"unknown RAT fields: {sorted(unknown)}")
    with transaction.atomic():
        # Locked with its cooperative, as every row lock (docs/tenancy.md).
        rat = (
            RatRecord.objects.select_for_update()
            .select_related("cooperative")
            .get(cooperative_id=rat.cooperative_id, pk=rat.pk)
        )
        before = snapshot(rat)
        for name, value in changes.items():
            setattr(rat, name, value)
        _clean(rat)
        rat.save()
        record_changes(
            cooperative=rat.cooperative,
            actor=actor,
            obj=rat,
            before=before,
            after=snapshot(rat),
            source=source,
        )
    return rat
