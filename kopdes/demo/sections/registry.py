"""Demo section 2: where the 54 PPU cooperatives stand in late 2026.

Facts followed (docs/domain.md §2): Musdesus in May 2025, rapat pendirian
May-June 2025, every deed dated 19 Jun 2025, every legal entity (SK AHU)
done by 25 Jun 2025; about 23 outlets operating, the rest under construction
or waiting for land. Five pengurus and the pengawas for each cooperative with
valid NIKs, mostly PPU, some from transmigrants' home provinces (Babulu and
Sepaku). Deterministic (seeded) and idempotent: a cooperative that already
has steps, officers, units or a RAT keeps them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import models

from kopdes.cooperatives.history import snapshot
from kopdes.cooperatives.models import (
    STEP_INDEX,
    STEP_ORDER,
    BusinessUnit,
    ChangeRecord,
    ChangeSource,
    Cooperative,
    CooperativeKind,
    FormationStep,
    Officer,
    OfficerRole,
    RatRecord,
    StepKind,
    UnitKind,
    UnitStatus,
)
from kopdes.cooperatives.pipeline import derive_stage, status_for_stage
from kopdes.demo.sections.people_and_cooperatives import STAFF_NAMES, STAFFED
from kopdes.demo.sections.registry_names import full_name, notary

SEED = 20261128
DEED_DATE = date(2025, 6, 19)
OPERATING = 23
TELEMOW = "64.09.04.2015"  # the walk-through: a Sepaku cooperative waiting for its outlet
TERM_START, TERM_END = DEED_DATE, date(2030, 6, 18)
# Home regencies of transmigrants (Jawa Timur, Jawa Tengah, NTB) with some kecamatan digits.
MIGRANT_REGENCIES = [("3507", 33), ("3501", 12), ("3301", 24), ("3310", 26), ("5201", 10)]
UNIT_PLANS = {  # per group: kind -> weighted statuses
    "operating": {
        UnitKind.KANTOR: [UnitStatus.BEROPERASI],
        UnitKind.GERAI_SEMBAKO: [UnitStatus.BEROPERASI],
        UnitKind.SIMPAN_PINJAM: [UnitStatus.BEROPERASI, UnitStatus.PERSIAPAN],
        UnitKind.KLINIK: [UnitStatus.PERSIAPAN, UnitStatus.DIRENCANAKAN],
        UnitKind.APOTEK: [UnitStatus.DIRENCANAKAN, UnitStatus.PERSIAPAN],
        UnitKind.GUDANG: [UnitStatus.DIRENCANAKAN, UnitStatus.PERSIAPAN, UnitStatus.BEROPERASI],
        UnitKind.LOGISTIK: [UnitStatus.DIRENCANAKAN],
        UnitKind.AGEN_LPG: [UnitStatus.BEROPERASI, UnitStatus.PERSIAPAN, UnitStatus.BERHENTI],
    },
    "building": {
        UnitKind.KANTOR: [UnitStatus.BEROPERASI],
        UnitKind.GERAI_SEMBAKO: [UnitStatus.PERSIAPAN],
        UnitKind.SIMPAN_PINJAM: [UnitStatus.PERSIAPAN, UnitStatus.DIRENCANAKAN],
        UnitKind.KLINIK: [UnitStatus.DIRENCANAKAN],
        UnitKind.GUDANG: [UnitStatus.DIRENCANAKAN],
    },
    "waiting": {
        UnitKind.KANTOR: [UnitStatus.BEROPERASI, UnitStatus.PERSIAPAN],
        UnitKind.GERAI_SEMBAKO: [UnitStatus.DIRENCANAKAN],
        UnitKind.SIMPAN_PINJAM: [UnitStatus.DIRENCANAKAN],
    },
}


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _nik(rng: random.Random, regency: str, kecamatan: int, female: bool, serial: int) -> str:
    born = _day(rng, date(1962, 1, 1), date(1999, 12, 31))
    day = born.day + (40 if female else 0)
    return f"{regency}{kecamatan:02d}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


def _group(index: int, code: str, rng: random.Random) -> str:
    if code == TELEMOW:
        return "waiting"
    return "operating" if index < OPERATING else rng.choice(["building", "waiting"])


def _steps(rng: random.Random, coop: Cooperative, group: str) -> list[FormationStep]:
    """Dated steps in pipeline order (each on or after the one before)."""
    plan: dict[str, tuple[date, date]] = {
        StepKind.SOSIALISASI: (date(2025, 4, 14), date(2025, 5, 2)),
        StepKind.MUSDESUS: (date(2025, 5, 5), date(2025, 5, 24)),
        StepKind.RAPAT_PENDIRIAN: (date(2025, 5, 20), date(2025, 6, 14)),
        StepKind.AKTA_PENDIRIAN: (DEED_DATE, DEED_DATE),
        StepKind.SK_AHU: (date(2025, 6, 23), date(2025, 6, 25)),
        StepKind.NPWP: (date(2025, 7, 7), date(2025, 8, 29)),
        StepKind.NIB: (date(2025, 8, 4), date(2025, 9, 30)),
        StepKind.NIK_KOPERASI: (date(2025, 9, 1), date(2025, 10, 31)),
        StepKind.REKENING_BANK: (date(2025, 9, 15), date(2025, 11, 28)),
        StepKind.IZIN_USP: (date(2025, 11, 3), date(2026, 1, 30)),
        StepKind.OUTLET_LAHAN: (date(2025, 11, 10), date(2026, 4, 30)),
        StepKind.OUTLET_PEMBANGUNAN: (date(2026, 1, 12), date(2026, 6, 30)),
        StepKind.OUTLET_SIAP: (date(2026, 3, 2), date(2026, 9, 15)),
        StepKind.BEROPERASI: (date(2026, 3, 9), date(2026, 10, 30)),
    }
    last = {
        "operating": StepKind.BEROPERASI,
        "building": rng.choice([StepKind.OUTLET_PEMBANGUNAN] * 3 + [StepKind.OUTLET_SIAP]),
        "waiting": rng.choice([StepKind.IZIN_USP, StepKind.OUTLET_LAHAN, StepKind.REKENING_BANK]),
    }[group]
    if coop.primary_village.code == TELEMOW:
        last = StepKind.OUTLET_LAHAN
    steps, previous = [], date(2025, 4, 1)
    for kind in STEP_ORDER[: STEP_INDEX[last] + 1]:
        if kind == StepKind.IZIN_USP and rng.random() < 0.3:
            steps.append(
                FormationStep(
                    cooperative=coop,
                    kind=kind,
                    skipped=True,
                    skip_reason="Unit simpan pinjam belum dibuka; izin diurus kemudian.",
                )
            )
            continue
        low, high = plan[kind]
        done_on = max(previous, _day(rng, low, high))
        previous = done_on
        numbers: dict[str, str] = {
            StepKind.AKTA_PENDIRIAN: f"{rng.randint(1, 120):02d}",
            StepKind.SK_AHU: f"AHU-{rng.randint(10000, 99999):05d}.AH.01.29.TAHUN 2025",
            StepKind.NPWP: "".join(str(rng.randint(0, 9)) for _ in range(16)),
            StepKind.NIB: "".join(str(rng.randint(0, 9)) for _ in range(13)),
            StepKind.NIK_KOPERASI: f"64090{rng.randint(10000000, 99999999)}",
        }
        number = numbers.get(kind, f"{STEP_INDEX[kind] + 1:02d}/KDMP/{done_on:%m}/{done_on.year}")
        steps.append(
            FormationStep(
                cooperative=coop,
                kind=kind,
                done_on=done_on,
                document_number=number,
                notary_name=notary(rng) if kind == StepKind.AKTA_PENDIRIAN else "",
            )
        )
    return steps


def _officers(
    rng: random.Random, coop: Cooperative, group: str, serials: list[int]
) -> list[Officer]:
    kecamatan = int(coop.primary_village.code.split(".")[2])
    migrant_area = kecamatan in (3, 4)  # Babulu and Sepaku

    def person(role: str, **extra: object) -> Officer:
        female = rng.random() < 0.35
        if migrant_area and rng.random() < 0.4:
            regency, kec_count = rng.choice(MIGRANT_REGENCIES)
            region, kec = regency, rng.randint(1, kec_count)
        else:
            region, kec = "6409", kecamatan
        serials[0] += 1
        return Officer(
            cooperative=coop,
            role=role,
            name=str(extra.pop("name", full_name(rng, female=female, origin=region))),
            nik=_nik(rng, region, kec, female, serials[0] % 9000 + 1),
            phone=f"+628{rng.choice(['11', '12', '13', '21', '22', '52', '53'])}"
            f"{rng.randint(10_000_000, 99_999_999)}",
            kk_number=f"6409{kecamatan:02d}{rng.randint(0, 9_999_999_999):010d}",
            **{"term_start": TERM_START, "term_end": TERM_END, **extra},
        )

    short = STAFFED.get(coop.primary_village.code)
    ketua_name, _, pengawas_name = STAFF_NAMES[short] if short else (None, None, None)
    board = [
        person(OfficerRole.KETUA, **({"name": ketua_name} if ketua_name else {})),
        person(OfficerRole.WAKIL_KETUA_USAHA),
        person(OfficerRole.WAKIL_KETUA_ANGGOTA),
        person(OfficerRole.SEKRETARIS),
        person(OfficerRole.BENDAHARA),
    ]
    is_kdmp = coop.kind == CooperativeKind.KDMP
    chair = person(
        OfficerRole.KETUA_PENGAWAS,
        is_kepala_desa=is_kdmp,
        **({"name": pengawas_name.replace(" (Kepala Desa)", "")} if pengawas_name else {}),
    )
    members = [person(OfficerRole.ANGGOTA_PENGAWAS) for _ in range(2)]
    staff = []
    if group == "operating":
        staff.append(person(OfficerRole.MANAJER, term_start=date(2026, 2, 2), term_end=None))
        staff += [
            person(OfficerRole.KARYAWAN, term_start=date(2026, 3, 2), term_end=None)
            for _ in range(rng.randint(1, 3))
        ]
    # A few real-life irregularities, so the warnings have something to show.
    roll = rng.random()
    if roll < 0.06:
        board[4].ended_on = date(2026, rng.randint(3, 10), 1)  # the bendahara resigned
    elif roll < 0.10:
        members[0].kk_number = board[rng.randint(0, 4)].kk_number  # same household
    elif roll < 0.13:
        members[1].term_end = date(2026, 6, 30)  # an interim term never renewed
    return [*board, chair, *members, *staff]


def _units(rng: random.Random, coop: Cooperative, group: str, opened: date) -> list[BusinessUnit]:
    units = []
    for kind, statuses in UNIT_PLANS[group].items():
        if kind == UnitKind.AGEN_LPG and rng.random() < 0.5:
            continue
        status = rng.choice(statuses)
        started = opened if status in (UnitStatus.BEROPERASI, UnitStatus.BERHENTI) else None
        if kind == UnitKind.KANTOR and started is not None:
            started = min(opened, date(2025, 8, 1))
        units.append(
            BusinessUnit(
                cooperative=coop,
                kind=kind,
                status=status,
                started_on=started,
                stopped_on=min(started + timedelta(days=60), date(2026, 11, 20))
                if started is not None and status == UnitStatus.BERHENTI
                else None,
                location=f"Desa/Kel. {coop.primary_village.name}",
                latitude=_coordinate(coop, "lat", rng),
                longitude=_coordinate(coop, "lng", rng),
                notes="Pangkalan LPG dihentikan oleh agen."
                if status == UnitStatus.BERHENTI
                else "",
            )
        )
    return units


def _coordinate(coop: Cooperative, axis: str, rng: random.Random) -> Decimal | None:
    centroid = getattr(coop.primary_village, f"centroid_{axis}", None)
    if centroid is None:
        return None
    jitter = Decimal(rng.randint(-900, 900)) / Decimal(1_000_000)
    return (Decimal(str(centroid)) + jitter).quantize(Decimal("0.000001"))


def _rat(rng: random.Random, coop: Cooperative) -> RatRecord:
    total = rng.randint(90, 460)
    present = int(total * rng.uniform(0.45, 0.82))
    shu = rng.randint(0, 18_000_000) * 100
    return RatRecord(
        cooperative=coop,
        book_year=2025,
        held_on=_day(rng, date(2026, 2, 14), date(2026, 6, 27)),
        members_total=total,
        members_present=present,
        statements_approved=present * 2 > total,
        shu_decision=(
            "SHU tahun buku 2025 dialokasikan ke cadangan modal 40%, jasa anggota 35%, "
            "jasa modal 15%, dana pengurus dan pendidikan 10%."
        ),
        shu_amount=shu,
        pengurus_report="Laporan pertanggungjawaban pengurus tahun buku 2025 diterima.",
        pengawas_report="Pengawas menyatakan pembukuan telah diperiksa tanpa temuan material.",
    )


def load(progress: Callable[[str], None]) -> None:
    rng = random.Random(SEED)
    coops = list(Cooperative.objects.with_regions().order_by("primary_village__code"))
    has = {
        name: set(model.objects.values_list("cooperative_id", flat=True).distinct())
        for name, model in (
            ("steps", FormationStep),
            ("officers", Officer),
            ("units", BusinessUnit),
            ("rat", RatRecord),
        )
    }
    # Which cooperatives operate: a seeded shuffle spreads them over the kecamatan.
    order = [c.pk for c in coops if c.primary_village.code != TELEMOW]
    rng.shuffle(order)
    # The demo logins of Giri Mukti and Petung must show working books, so
    # those two always operate (the count stays OPERATING).
    staffed = [c.pk for c in coops if c.primary_village.code in STAFFED and c.pk in order]
    order = staffed + [pk for pk in order if pk not in staffed]
    rank = {pk: position for position, pk in enumerate(order)}
    new: dict[str, list[models.Model]] = {"steps": [], "officers": [], "units": [], "rat": []}
    serials = [0]
    for coop in coops:
        group = _group(rank.get(coop.pk, OPERATING), coop.primary_village.code, rng)
        steps = _steps(rng, coop, group)
        opened = max((s.done_on for s in steps if s.done_on), default=DEED_DATE)
        plan: dict[str, list[models.Model]] = {
            "steps": list(steps),
            "officers": list(_officers(rng, coop, group, serials)),
            "units": list(_units(rng, coop, group, opened)),
            "rat": [_rat(rng, coop)] if group == "operating" else [],
        }
        for name, rows in plan.items():
            if coop.pk not in has[name]:
                new[name].extend(rows)
    models_by_name: dict[str, Any] = {
        "steps": FormationStep,
        "officers": Officer,
        "units": BusinessUnit,
        "rat": RatRecord,
    }
    for name, model in models_by_name.items():
        model.objects.bulk_create(new[name], batch_size=500)
    _refresh_stages(coops)
    _history(new)
    progress(
        f"{len(new['steps'])} tahap, {len(new['officers'])} pejabat, "
        f"{len(new['units'])} unit usaha, {len(new['rat'])} RAT"
    )


def _refresh_stages(coops: list[Cooperative]) -> None:
    steps: dict[int, list[FormationStep]] = {}
    for step in FormationStep.objects.all():
        steps.setdefault(step.cooperative_id, []).append(step)
    for coop in coops:
        coop.stage = derive_stage(steps.get(coop.pk, []))
        coop.status = status_for_stage(coop.stage, coop.status)
    Cooperative.objects.bulk_update(coops, ["stage", "status"], batch_size=500)


def _history(new: dict[str, list[models.Model]]) -> None:
    """One "created" history row per field of each object, credited to the demo."""
    rows = []
    for objects in new.values():
        for obj in objects:
            if obj.pk is None:  # backends that do not return ids from bulk inserts
                continue
            for field, (label, value) in snapshot(obj).items():
                if value:
                    rows.append(
                        ChangeRecord(
                            cooperative_id=obj.cooperative_id,  # type: ignore[attr-defined]
                            source=ChangeSource.DEMO,
                            action="create",
                            object_type=obj._meta.label_lower,
                            object_id=obj.pk,
                            object_label=str(obj)[:200],
                            field=field,
                            field_label=label,
                            new_value=value,
                        )
                    )
    ChangeRecord.objects.bulk_create(rows, batch_size=1000)
