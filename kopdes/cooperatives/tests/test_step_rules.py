from datetime import date, timedelta

import pytest
from django.utils import timezone

from kopdes.cooperatives.models import FormationStep, StepKind
from kopdes.cooperatives.services import PipelineError, record_step
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db


def _refused(coop, kind, **kwargs) -> PipelineError:
    with pytest.raises(PipelineError) as error:
        record_step(cooperative=coop, kind=kind, actor=None, **kwargs)
    return error.value


def test_a_step_cannot_be_dated_before_an_earlier_recorded_step(personas):
    coop = personas.coop
    rf.steps_through(coop, StepKind.MUSDESUS, start=date(2025, 5, 1))  # musdesus 8 May 2025
    error = _refused(coop, StepKind.RAPAT_PENDIRIAN, done_on=date(2025, 5, 7))
    assert error.field == "done_on"
    assert error.message == (
        "Tanggal tidak boleh sebelum tanggal tahap Musyawarah Desa/Kelurahan Khusus (8 Mei 2025)."
    )
    # The same day as the previous step is fine.
    record_step(
        cooperative=coop, kind=StepKind.RAPAT_PENDIRIAN, done_on=date(2025, 5, 8), actor=None
    )


def test_correcting_a_step_cannot_move_it_after_a_later_step(personas):
    coop = personas.coop
    rf.steps_through(coop, StepKind.RAPAT_PENDIRIAN, start=date(2025, 5, 1))
    error = _refused(coop, StepKind.MUSDESUS, done_on=date(2025, 5, 20))
    assert error.field == "done_on"
    assert error.message == (
        "Tanggal tidak boleh sesudah tanggal tahap Rapat pendirian (berita acara) (15 Mei 2025)."
    )


def test_a_step_cannot_be_dated_in_the_future(personas):
    tomorrow = timezone.localdate() + timedelta(days=2)
    error = _refused(personas.coop, StepKind.SOSIALISASI, done_on=tomorrow)
    assert (error.field, error.message) == ("done_on", "Tanggal tidak boleh sesudah hari ini.")


def test_a_done_step_needs_a_date(personas):
    error = _refused(personas.coop, StepKind.SOSIALISASI)
    assert (error.field, error.message) == ("done_on", "Tanggal wajib diisi.")


def test_a_step_cannot_be_skipped_without_a_reason(personas):
    error = _refused(personas.coop, StepKind.SOSIALISASI, skipped=True, skip_reason="  ")
    assert (error.field, error.message) == (
        "skip_reason",
        "Alasan wajib diisi bila tahap dilewati.",
    )
    assert not FormationStep.objects.filter(cooperative=personas.coop).exists()


def test_a_step_cannot_jump_over_an_unrecorded_step(personas):
    coop = personas.coop
    rf.steps_through(coop, StepKind.SOSIALISASI)
    error = _refused(coop, StepKind.RAPAT_PENDIRIAN, done_on=date(2025, 6, 1))
    assert error.field == "kind"
    assert error.message == (
        "Tahap sebelumnya belum dicatat: Musyawarah Desa/Kelurahan Khusus. "
        "Catat tanggalnya atau lewati dengan alasan."
    )


def test_a_skipped_step_with_a_reason_lets_the_next_step_follow(personas):
    coop = personas.coop
    record_step(
        cooperative=coop,
        kind=StepKind.SOSIALISASI,
        skipped=True,
        skip_reason="Revitalisasi koperasi yang sudah ada",
        actor=None,
    )
    step = record_step(
        cooperative=coop, kind=StepKind.MUSDESUS, done_on=date(2025, 5, 3), actor=None
    )
    assert step.pk


def test_the_deed_needs_the_notary_name(personas):
    coop = personas.coop
    rf.steps_through(coop, StepKind.RAPAT_PENDIRIAN)
    error = _refused(coop, StepKind.AKTA_PENDIRIAN, done_on=date(2025, 6, 19))
    assert (error.field, error.message) == (
        "notary_name",
        "Nama notaris wajib diisi untuk akta pendirian.",
    )


def test_recording_a_step_again_corrects_it(personas):
    coop = personas.coop
    rf.steps_through(coop, StepKind.SOSIALISASI)
    record_step(
        cooperative=coop,
        kind=StepKind.SOSIALISASI,
        done_on=date(2025, 4, 30),
        document_number="BA/01/IV/2025",
        actor=None,
    )
    step = FormationStep.objects.get(cooperative=coop, kind=StepKind.SOSIALISASI)
    assert (step.done_on, step.document_number) == (date(2025, 4, 30), "BA/01/IV/2025")
    assert FormationStep.objects.filter(cooperative=coop).count() == 1
