from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kopdes.cooperatives.models import RegistryDocument, StepKind
from kopdes.cooperatives.services import UploadError, attach_document, record_step
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db


def test_a_pdf_is_stored_under_the_cooperatives_folder(personas, settings):
    coop = personas.coop
    step = record_step(
        cooperative=coop,
        kind=StepKind.SOSIALISASI,
        done_on=date(2025, 4, 20),
        actor=personas.dinas,
        documents=[rf.pdf("Berita Acara Sosialisasi.pdf")],
    )
    document = RegistryDocument.objects.get(step=step)
    assert document.file.name.startswith(f"cooperatives/{coop.slug}/step/sosialisasi-")
    assert document.file.name.endswith(".pdf")
    assert (document.original_name, document.content_type) == (
        "Berita Acara Sosialisasi.pdf",
        "application/pdf",
    )
    assert (Path(settings.MEDIA_ROOT) / document.file.name).read_bytes() == rf.PDF_BYTES
    assert document.uploaded_by == personas.dinas


@pytest.mark.parametrize("upload", [rf.png, rf.jpeg])
def test_images_are_accepted(personas, upload):
    step = rf.steps_through(personas.coop, StepKind.SOSIALISASI)[0]
    document = attach_document(cooperative=personas.coop, upload=upload(), step=step, actor=None)
    assert document.content_type.startswith("image/")


def test_a_file_is_judged_by_its_content_not_its_name(personas):
    step = rf.steps_through(personas.coop, StepKind.SOSIALISASI)[0]
    fake = SimpleUploadedFile("akta.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(UploadError) as error:
        attach_document(cooperative=personas.coop, upload=fake, step=step, actor=None)
    assert (error.value.field, error.value.message) == (
        "documents",
        "Berkas akta.pdf bukan PDF, JPEG atau PNG.",
    )
    assert not RegistryDocument.objects.exists()


def test_a_pdf_with_an_image_name_is_refused(personas):
    step = rf.steps_through(personas.coop, StepKind.SOSIALISASI)[0]
    with pytest.raises(UploadError) as error:
        attach_document(cooperative=personas.coop, upload=rf.pdf("foto.png"), step=step, actor=None)
    assert error.value.message == (
        "Berkas foto.png: isinya application/pdf tetapi namanya berakhiran .png."
    )


def test_a_file_over_the_limit_is_refused(personas, settings):
    settings.KOPDES_MAX_UPLOAD_BYTES = 1024
    step = rf.steps_through(personas.coop, StepKind.SOSIALISASI)[0]
    big = rf.pdf("besar.pdf", rf.PDF_BYTES + b"0" * 4096)
    with pytest.raises(UploadError) as error:
        attach_document(cooperative=personas.coop, upload=big, step=step, actor=None)
    assert error.value.message == "Berkas besar.pdf terlalu besar (4 KB); paling besar 1 KB."


def test_a_refused_document_rolls_the_step_back(personas):
    fake = SimpleUploadedFile("x.pdf", b"hello")
    with pytest.raises(UploadError):
        record_step(
            cooperative=personas.coop,
            kind=StepKind.SOSIALISASI,
            done_on=date(2025, 4, 20),
            actor=None,
            documents=[fake],
        )
    assert not personas.coop.steps.exists()
    personas.coop.refresh_from_db()
    assert personas.coop.stage == "belum_mulai"
