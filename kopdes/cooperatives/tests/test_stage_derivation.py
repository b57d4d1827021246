from datetime import date

import pytest

from kopdes.cooperatives.models import CooperativeStatus, FormationStep, Stage, StepKind
from kopdes.cooperatives.services import (
    PipelineError,
    delete_step,
    derive_stage,
    record_step,
    update_cooperative,
)
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db


def test_a_cooperative_without_steps_has_not_started(personas):
    coop = personas.coop
    assert coop.stage == Stage.BELUM_MULAI
    assert derive_stage([]) == Stage.BELUM_MULAI
    assert coop.status == CooperativeStatus.PEMBENTUKAN


def test_the_stage_is_the_furthest_step_done_and_the_status_follows(personas):
    coop = personas.coop
    rf.steps_through(coop, StepKind.AKTA_PENDIRIAN, actor=personas.dinas)
    coop.refresh_from_db()
    assert coop.stage == Stage.AKTA_PENDIRIAN
    assert coop.status == CooperativeStatus.PEMBENTUKAN

    record_step(
        cooperative=coop, kind=StepKind.SK_AHU, done_on=date(2025, 7, 1), actor=personas.dinas
    )
    coop.refresh_from_db()
    assert coop.stage == Stage.SK_AHU
    assert coop.status == CooperativeStatus.BERBADAN_HUKUM


def test_an_operating_cooperative_gets_the_operating_status(personas):
    coop = personas.coop
    rf.steps_through(coop, StepKind.BEROPERASI)
    coop.refresh_from_db()
    assert coop.stage == Stage.BEROPERASI
    assert coop.status == CooperativeStatus.BEROPERASI


def test_a_skipped_step_does_not_advance_the_stage(personas):
    coop = personas.coop
    rf.steps_through(coop, StepKind.REKENING_BANK)
    record_step(
        cooperative=coop,
        kind=StepKind.IZIN_USP,
        skipped=True,
        skip_reason="Belum membuka unit simpan pinjam",
        actor=None,
    )
    coop.refresh_from_db()
    assert coop.stage == Stage.REKENING_BANK
    assert derive_stage(FormationStep.objects.filter(cooperative=coop)) == Stage.REKENING_BANK


def test_an_inactive_cooperative_keeps_its_status_when_steps_change(personas):
    coop = personas.coop
    rf.steps_through(coop, StepKind.SK_AHU)
    update_cooperative(cooperative=coop, actor=personas.dinas, status=CooperativeStatus.TIDAK_AKTIF)
    record_step(cooperative=coop, kind=StepKind.NPWP, done_on=date(2025, 8, 1), actor=None)
    coop.refresh_from_db()
    assert coop.stage == Stage.NPWP
    assert coop.status == CooperativeStatus.TIDAK_AKTIF
    update_cooperative(cooperative=coop, actor=None, status=CooperativeStatus.PEMBENTUKAN)
    coop.refresh_from_db()
    assert coop.status == CooperativeStatus.BERBADAN_HUKUM


def test_deleting_the_last_step_moves_the_stage_back(personas):
    coop = personas.coop
    steps = rf.steps_through(coop, StepKind.SK_AHU)
    delete_step(step=steps[-1], actor=personas.dinas)
    coop.refresh_from_db()
    assert coop.stage == Stage.AKTA_PENDIRIAN
    assert coop.status == CooperativeStatus.PEMBENTUKAN


def test_a_step_with_later_steps_cannot_be_deleted(personas):
    steps = rf.steps_through(personas.coop, StepKind.SK_AHU)
    with pytest.raises(PipelineError) as error:
        delete_step(step=steps[1], actor=personas.dinas)
    assert error.value.message == (
        "Tahap ini tidak dapat dihapus karena tahap sesudahnya sudah dicatat."
    )
