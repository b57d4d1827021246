"""What every printed document says about the cooperative: letterhead and signatories.

Read from the registry (name, legal entity, region, officers), so a PDF
shows what the Dinas and the pengurus recorded, never a typed copy
(docs/statements.md, "Documents (PDF and XLSX)").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kopdes.cooperatives.models import Cooperative, FormationStep, Officer, OfficerRole, StepKind
from kopdes.core.models import Region, RegionKind
from kopdes.core.timeutils import format_date_id


@dataclass(frozen=True)
class Letterhead:
    name: str
    legal_lines: list[str]
    address: str
    village: str
    kecamatan: str
    kabupaten: str


@dataclass(frozen=True)
class Signatory:
    board: str  # "Pengurus" or "Pengawas"
    title: str  # "Ketua", "Bendahara", "Ketua Pengawas"
    name: str  # blank when the registry has nobody in office


def regency_label(region: Region | None) -> str:
    if region is None:
        return ""
    if region.name.lower().startswith(("kabupaten ", "kota ")):
        return region.name  # the reference list already names it in full
    prefix = _("Kota") if region.kind == RegionKind.KOTA else _("Kabupaten")
    return f"{prefix} {region.name}"


def letterhead_for(cooperative: Cooperative) -> Letterhead:
    """Name, legal numbers (SK AHU, NIK koperasi, NPWP when recorded) and the address."""
    village = cooperative.primary_village
    kecamatan = cooperative.kecamatan
    regency = cooperative.regency
    province = village.ancestor(1)
    steps = {
        step.kind: step
        for step in FormationStep.objects.filter(
            cooperative=cooperative,
            kind__in=[StepKind.SK_AHU, StepKind.NIK_KOPERASI, StepKind.NPWP],
            skipped=False,
        )
    }
    legal: list[str] = []
    sk_ahu = steps.get(StepKind.SK_AHU)
    if sk_ahu and sk_ahu.document_number:
        if sk_ahu.done_on:
            legal.append(
                _("Badan hukum SK AHU %(number)s tanggal %(date)s")
                % {"number": sk_ahu.document_number, "date": format_date_id(sk_ahu.done_on)}
            )
        else:
            legal.append(_("Badan hukum SK AHU %(number)s") % {"number": sk_ahu.document_number})
    nik_koperasi = steps.get(StepKind.NIK_KOPERASI)
    if nik_koperasi and nik_koperasi.document_number:
        legal.append(_("NIK koperasi %(number)s") % {"number": nik_koperasi.document_number})
    npwp = steps.get(StepKind.NPWP)
    if npwp and npwp.document_number:
        legal.append(_("NPWP %(number)s") % {"number": npwp.document_number})
    parts = [
        village.display_name,
        kecamatan.display_name if kecamatan else "",
        regency_label(regency),
        _("Provinsi %(name)s") % {"name": province.name} if province else "",
    ]
    return Letterhead(
        name=cooperative.name,
        legal_lines=legal,
        address=", ".join(p for p in parts if p),
        village=village.name,
        kecamatan=kecamatan.name if kecamatan else "",
        kabupaten=regency_label(regency),
    )


# The three signatures of a financial statement: pengurus (ketua, bendahara)
# and the supervisory board.
SIGNING_ROLES: tuple[tuple[str, Any, Any], ...] = (
    (OfficerRole.KETUA, gettext_lazy("Pengurus"), gettext_lazy("Ketua")),
    (OfficerRole.BENDAHARA, gettext_lazy("Pengurus"), gettext_lazy("Bendahara")),
    (OfficerRole.KETUA_PENGAWAS, gettext_lazy("Pengawas"), gettext_lazy("Ketua Pengawas")),
)


def signatories_for(cooperative: Cooperative, on: date) -> list[Signatory]:
    """Ketua, bendahara and ketua pengawas in office on ``on``; a blank name where none is."""
    holders: dict[str, str] = {}
    officers = (
        Officer.objects.filter(
            cooperative=cooperative, role__in=[role for role, _board, _title in SIGNING_ROLES]
        )
        .active(on)
        .order_by("term_start", "pk")
    )
    for officer in officers:
        holders[officer.role] = officer.name  # the latest to take office
    return [
        Signatory(board=str(board), title=str(title), name=holders.get(role, ""))
        for role, board, title in SIGNING_ROLES
    ]


def place_and_date(cooperative: Cooperative, on: date) -> str:
    """``Telemow, 1 Des 2026``: where and when the statement is signed."""
    return f"{cooperative.primary_village.name}, {format_date_id(on, 'long')}"
