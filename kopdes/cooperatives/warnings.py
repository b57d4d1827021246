"""Officer warnings: computed by one selector, per cooperative or in bulk.

A warning is never stored: it follows from the officers in office on a day.
``officer_warnings_for`` reads the officers of any number of cooperatives in
one query, so the district list shows warnings without a query per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from kopdes.cooperatives.models import (
    PENGAWAS_ROLES,
    PENGURUS_ROLES,
    Cooperative,
    CooperativeKind,
    Officer,
    OfficerRole,
)
from kopdes.core.timeutils import format_date_id


class WarningCode:
    EVEN_PENGURUS = "pengurus_genap"
    MISSING_ROLE = "jabatan_kosong"
    EXPIRED_TERM = "masa_jabatan_habis"
    SAME_HOUSEHOLD = "satu_kk"
    KETUA_PENGAWAS_NOT_KADES = "ketua_pengawas_bukan_kades"


# code -> short label (filter dropdowns, legends).
WARNING_LABELS: dict[str, str] = {
    WarningCode.EVEN_PENGURUS: "Jumlah pengurus genap",
    WarningCode.MISSING_ROLE: "Jabatan pengurus kosong",
    WarningCode.EXPIRED_TERM: "Masa jabatan habis",
    WarningCode.SAME_HOUSEHOLD: "Pengurus dan pengawas satu KK",
    WarningCode.KETUA_PENGAWAS_NOT_KADES: "Ketua pengawas bukan kepala desa",
}


@dataclass(frozen=True)
class RegistryWarning:
    code: str
    message: str
    officer_id: int | None = None

    @property
    def label(self) -> str:
        return WARNING_LABELS[self.code]


def _role_label(role: str) -> str:
    return str(OfficerRole(role).label)


def warnings_from_officers(
    cooperative: Cooperative, officers: Sequence[Officer], on: date
) -> list[RegistryWarning]:
    """The warnings for one cooperative given its officers (no queries)."""
    active = [o for o in officers if o.is_active(on)]
    pengurus = [o for o in active if o.role in PENGURUS_ROLES]
    pengawas = [o for o in active if o.role in PENGAWAS_ROLES]
    found: list[RegistryWarning] = []

    missing = [r for r in PENGURUS_ROLES if not any(o.role == r for o in pengurus)]
    if missing:
        found.append(
            RegistryWarning(
                WarningCode.MISSING_ROLE,
                "Jabatan pengurus belum terisi: "
                + ", ".join(_role_label(r) for r in missing)
                + ".",
            )
        )
    if pengurus and len(pengurus) % 2 == 0:
        found.append(
            RegistryWarning(
                WarningCode.EVEN_PENGURUS,
                f"Jumlah pengurus aktif genap ({len(pengurus)} orang); seharusnya ganjil.",
            )
        )
    for officer in sorted(active, key=lambda o: (o.role, o.name)):
        if officer.term_end is not None and officer.term_end < on:
            found.append(
                RegistryWarning(
                    WarningCode.EXPIRED_TERM,
                    f"Masa jabatan {officer.name} ({_role_label(officer.role)}) "
                    f"berakhir {format_date_id(officer.term_end)}.",
                    officer.pk,
                )
            )
    by_kk: dict[str, list[Officer]] = defaultdict(list)
    for officer in pengawas:
        if officer.kk_number:
            by_kk[officer.kk_number].append(officer)
    for officer in pengurus:
        for relative in by_kk.get(officer.kk_number, []) if officer.kk_number else []:
            found.append(
                RegistryWarning(
                    WarningCode.SAME_HOUSEHOLD,
                    f"{officer.name} (pengurus) dan {relative.name} (pengawas) "
                    "tercatat dalam satu Kartu Keluarga.",
                    officer.pk,
                )
            )
    if cooperative.kind == CooperativeKind.KDMP:
        chairs = [o for o in pengawas if o.role == OfficerRole.KETUA_PENGAWAS]
        if not any(o.is_kepala_desa for o in chairs):
            found.append(
                RegistryWarning(
                    WarningCode.KETUA_PENGAWAS_NOT_KADES,
                    "Ketua pengawas Koperasi Desa Merah Putih seharusnya kepala desa.",
                    chairs[0].pk if chairs else None,
                )
            )
    return found


def officer_warnings_for(
    cooperatives: Iterable[Cooperative] | Any, *, on: date | None = None
) -> dict[int, list[RegistryWarning]]:
    """Warnings per cooperative id for many cooperatives, in one query.

    ``cooperatives`` may be a queryset (used as a subquery) or a list.
    """
    on = on or timezone.localdate()
    coops = list(cooperatives)
    officers = Officer.objects.active(on).filter(cooperative__in=[c.pk for c in coops])
    by_coop: dict[int, list[Officer]] = defaultdict(list)
    for officer in officers:
        by_coop[officer.cooperative_id].append(officer)
    return {c.pk: warnings_from_officers(c, by_coop.get(c.pk, []), on) for c in coops}


def officer_warnings(cooperative: Cooperative, *, on: date | None = None) -> list[RegistryWarning]:
    """The officer warnings of one cooperative (one query)."""
    return officer_warnings_for([cooperative], on=on)[cooperative.pk]
