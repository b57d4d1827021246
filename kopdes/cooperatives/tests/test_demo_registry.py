"""Demo section 2: realistic, valid, deterministic and idempotent."""

from collections import Counter
from datetime import date

import pytest

from kopdes.cooperatives.models import (
    PENGURUS_ROLES,
    BusinessUnit,
    ChangeRecord,
    Cooperative,
    FormationStep,
    Officer,
    OfficerRole,
    RatRecord,
    Stage,
    StepKind,
)
from kopdes.cooperatives.pipeline import derive_stage
from kopdes.core.validators import parse_nik, validate_phone
from kopdes.demo.loader import load_demo
from kopdes.demo.sections import registry
from kopdes.testing.reference_pytest import shared_for_the_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    # Loaded once for the module (every test here reads it); each test's
    # writes roll back to it (kopdes/testing/reference_pytest.py).
    with shared_for_the_module(django_db_blocker):
        load_demo(progress=lambda message: None, upto="02_registry")
        yield list(Cooperative.objects.with_regions())


def test_the_pipeline_matches_what_ppu_reported(demo):
    assert len(demo) == 54
    deeds = FormationStep.objects.filter(kind=StepKind.AKTA_PENDIRIAN)
    assert deeds.count() == 54
    assert set(deeds.values_list("done_on", flat=True)) == {date(2025, 6, 19)}
    assert all(d.notary_name for d in deeds)
    legal = FormationStep.objects.filter(kind=StepKind.SK_AHU, done_on__lte=date(2025, 6, 25))
    assert legal.count() == 54
    musdesus = FormationStep.objects.filter(kind=StepKind.MUSDESUS)
    assert max(musdesus.values_list("done_on", flat=True)) < date(2025, 6, 19)
    stages = Counter(c.stage for c in demo)
    assert stages[Stage.BEROPERASI] == 23
    assert set(stages) <= {
        Stage.BEROPERASI,
        Stage.OUTLET_SIAP,
        Stage.OUTLET_PEMBANGUNAN,
        Stage.OUTLET_LAHAN,
        Stage.IZIN_USP,
        Stage.REKENING_BANK,
    }
    telemow = next(c for c in demo if c.slug == "6409042015")
    assert telemow.stage == Stage.OUTLET_LAHAN


def test_the_stored_stage_and_status_follow_the_steps(demo):
    steps: dict[int, list] = {}
    for step in FormationStep.objects.all():
        steps.setdefault(step.cooperative_id, []).append(step)
    for coop in demo:
        assert coop.stage == derive_stage(steps[coop.pk])
        expected = "beroperasi" if coop.stage == Stage.BEROPERASI else "berbadan_hukum"
        assert coop.status == expected
        dated = sorted((s for s in steps[coop.pk] if s.done_on), key=lambda s: (s.order, s.done_on))
        assert [s.done_on for s in dated] == sorted(s.done_on for s in dated)


def test_every_cooperative_has_its_board_with_valid_numbers(demo):
    officers = list(Officer.objects.all())
    for coop in demo:
        mine = [o for o in officers if o.cooperative_id == coop.pk]
        roles = Counter(o.role for o in mine)
        assert all(roles[r] == 1 for r in PENGURUS_ROLES)
        assert roles[OfficerRole.KETUA_PENGAWAS] == 1
        assert roles[OfficerRole.ANGGOTA_PENGAWAS] >= 2
    provinces = Counter(o.nik[:2] for o in officers)
    assert provinces["64"] > len(officers) / 2
    assert {"33", "35", "52"} & set(provinces)
    for officer in officers:
        parse_nik(officer.nik, today=date(2026, 11, 28))
        validate_phone(officer.phone)
        assert len(officer.kk_number) == 16
    assert len({o.nik for o in officers}) == len(officers)


def test_operating_cooperatives_have_a_rat_and_units_vary(demo):
    operating = {c.pk for c in demo if c.stage == Stage.BEROPERASI}
    rats = RatRecord.objects.all()
    assert {r.cooperative_id for r in rats} == operating
    assert all(
        r.book_year == 2025 and date(2026, 1, 1) < r.held_on < date(2026, 7, 1) for r in rats
    )
    statuses = Counter(BusinessUnit.objects.values_list("status", flat=True))
    assert len(statuses) == 4


def test_loading_again_changes_nothing(demo):
    before = (
        FormationStep.objects.count(),
        Officer.objects.count(),
        BusinessUnit.objects.count(),
        RatRecord.objects.count(),
        ChangeRecord.objects.count(),
    )
    registry.load(lambda message: None)
    after = (
        FormationStep.objects.count(),
        Officer.objects.count(),
        BusinessUnit.objects.count(),
        RatRecord.objects.count(),
        ChangeRecord.objects.count(),
    )
    assert after == before
