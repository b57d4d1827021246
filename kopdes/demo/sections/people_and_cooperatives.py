"""Demo section 1: the 54 cooperatives of PPU and one login per role.

Logins (password ``DEMO_PASSWORD`` for all) are listed by ``demo_logins``
and in the README.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.conf import settings

from kopdes.accounts.models import Grant, Role, User
from kopdes.cooperatives.models import Cooperative, CooperativeStatus
from kopdes.cooperatives.services import create_cooperative
from kopdes.core.models import Region, RegionLevel

DEMO_PASSWORD = "kopdes-demo-2026"
GRANTS_FROM = date(2025, 7, 21)  # the national launch of the cooperatives

BUSINESS_ASSISTANTS = [
    ("ba.andi", "Andi Pratama"),
    ("ba.siti", "Siti Rahmawati"),
    ("ba.yusuf", "Yusuf Hidayat"),
    ("ba.dewi", "Dewi Lestari"),
    ("ba.rudi", "Rudi Hartono"),
    ("ba.nur", "Nur Aisyah"),
]

# Three cooperatives with a full set of officer logins: a desa in Sepaku (the
# BUMDes pilot), a desa and a kelurahan in Penajam.
STAFFED = {
    "64.09.04.2015": "telemow",
    "64.09.01.2020": "girimukti",
    "64.09.01.1003": "petung",
}
STAFF_NAMES = {
    "telemow": ("Hasanuddin", "Rina Marlina", "Suparman (Kepala Desa)"),
    "girimukti": ("Slamet Riyadi", "Wulan Sari", "Sugeng (Kepala Desa)"),
    "petung": ("Muhammad Arif", "Fitri Handayani", "Ahmad Fauzi"),
}


def _user(username: str, full_name: str) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    return user


def _grant(
    user: User, role: str, *, cooperative: Cooperative | None = None, regency: Region | None = None
) -> None:
    Grant.objects.get_or_create(
        user=user,
        role=role,
        cooperative=cooperative,
        regency=regency,
        defaults={"valid_from": GRANTS_FROM, "note": "data demo"},
    )


def load(progress: Callable[[str], None]) -> None:
    regency = Region.objects.get(code=settings.KOPDES_HOME_REGENCY)
    villages = list(
        Region.objects.filter(level=RegionLevel.DESA, parent__parent=regency).order_by("code")
    )
    existing = set(Cooperative.objects.values_list("primary_village_id", flat=True))
    cooperatives = []
    for village in villages:
        if village.pk not in existing:
            create_cooperative(village=village, actor=None, status=CooperativeStatus.BERBADAN_HUKUM)
    cooperatives = list(Cooperative.objects.in_regency(regency).order_by("primary_village__code"))
    progress(f"{len(cooperatives)} koperasi")

    _grant(_user("dinas", "Admin Dinas KUKM Perindag PPU"), Role.DINAS_ADMIN, regency=regency)
    _grant(_user("pemantau", "Satgas Kabupaten PPU"), Role.DISTRICT_VIEWER, regency=regency)
    _grant(_user("pelatih", "Instruktur BLK PPU"), Role.TRAINER, regency=regency)

    # Six assistants, nine cooperatives each, in village-code order so each
    # assistant works a compact area.
    per_assistant = -(-len(cooperatives) // len(BUSINESS_ASSISTANTS))
    for index, (username, full_name) in enumerate(BUSINESS_ASSISTANTS):
        assistant = _user(username, full_name)
        for cooperative in cooperatives[index * per_assistant : (index + 1) * per_assistant]:
            _grant(assistant, Role.BUSINESS_ASSISTANT, cooperative=cooperative)
    progress("pengguna Dinas dan 6 pendamping")

    by_code = {c.primary_village.code: c for c in Cooperative.objects.with_regions()}
    for code, short in STAFFED.items():
        cooperative = by_code[code]
        pengurus, teller, pengawas = STAFF_NAMES[short]
        _grant(_user(f"pengurus.{short}", pengurus), Role.PENGURUS, cooperative=cooperative)
        _grant(_user(f"teller.{short}", teller), Role.TELLER, cooperative=cooperative)
        _grant(_user(f"pengawas.{short}", pengawas), Role.PENGAWAS, cooperative=cooperative)
    progress("pengurus, teller dan pengawas untuk 3 koperasi")


def logins() -> list[tuple[str, str, str]]:
    """(username, role, scope) for the README and ``demo_logins``."""
    rows = [
        ("dinas", "Admin Dinas", "Kabupaten Penajam Paser Utara"),
        ("pemantau", "Pemantau kabupaten (baca saja)", "Kabupaten Penajam Paser Utara"),
        ("pelatih", "Pelatih BLK", "Kabupaten Penajam Paser Utara"),
    ]
    rows += [(u, "Business assistant", "9 koperasi dampingan") for u, _ in BUSINESS_ASSISTANTS]
    for short in STAFFED.values():
        rows += [
            (f"pengurus.{short}", "Pengurus", short.title()),
            (f"teller.{short}", "Teller", short.title()),
            (f"pengawas.{short}", "Pengawas", short.title()),
        ]
    return rows
