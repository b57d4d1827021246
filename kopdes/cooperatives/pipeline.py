"""The formation pipeline: recording steps, their documents, and the derived stage.

The stage is a function of the recorded steps (``derive_stage``). It is also
stored on ``Cooperative.stage`` so the district list can filter, sort and
count by stage in SQL; every service that changes a step recomputes it in the
same transaction (``refresh_stage``), so the stored value never drifts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from kopdes.cooperatives.history import record_changes, snapshot
from kopdes.cooperatives.models import (
    STEP_INDEX,
    STEP_ORDER,
    ChangeSource,
    Cooperative,
    CooperativeStatus,
    DocumentPurpose,
    FormationStep,
    RatRecord,
    RegistryDocument,
    Stage,
    StepKind,
)
from kopdes.cooperatives.uploads import check_upload, stored_name
from kopdes.core.errors import DomainError
from kopdes.core.timeutils import business_date, format_date_id
from kopdes.core.validators import clean_instance, clean_value, normalize_npwp


class PipelineError(DomainError):
    pass


# Checked against the model's limits (docs/registry.md, "Validation") before
# the pipeline's own rules.
_STEP_FIELDS = ("done_on", "document_number", "notary_name", "notes", "skipped", "skip_reason")


def derive_stage(steps: Iterable[FormationStep]) -> str:
    """The furthest step *done* (a skipped step does not advance the stage)."""
    done = [STEP_INDEX[s.kind] for s in steps if not s.skipped and s.done_on is not None]
    return STEP_ORDER[max(done)] if done else Stage.BELUM_MULAI


def status_for_stage(stage: str, current: str) -> str:
    """The coarse status that goes with a stage; "tidak aktif" is set by hand and kept."""
    if current == CooperativeStatus.TIDAK_AKTIF:
        return current
    if stage == Stage.BEROPERASI:
        return CooperativeStatus.BEROPERASI
    if stage != Stage.BELUM_MULAI and STEP_INDEX[stage] >= STEP_INDEX[StepKind.SK_AHU]:
        return CooperativeStatus.BERBADAN_HUKUM
    return CooperativeStatus.PEMBENTUKAN


def refresh_stage(*, cooperative: Cooperative, actor: Any, source: str = ChangeSource.WEB) -> str:
    """Recompute and store the stage and status from the steps (call inside a transaction)."""
    # Read the row afresh (locked): the caller's object may be stale.
    current = Cooperative.objects.select_for_update().get(pk=cooperative.pk)
    stage = derive_stage(FormationStep.objects.filter(cooperative=current))
    status = status_for_stage(stage, current.status)
    if stage != current.stage or status != current.status:
        before = snapshot(current, ["stage", "status"])
        current.stage = stage
        current.status = status
        current.save(update_fields=["stage", "status", "updated_at"])
        record_changes(
            cooperative=current,
            actor=actor,
            obj=current,
            before=before,
            after=snapshot(current, ["stage", "status"]),
            source=source,
        )
    cooperative.stage, cooperative.status = current.stage, current.status
    return stage


def _label(kind: str) -> str:
    return str(StepKind(kind).label)


def _check_step(
    cooperative: Cooperative,
    step: FormationStep,
    others: Sequence[FormationStep],
) -> None:
    """Refuse a step that breaks the pipeline's rules (messages name the field)."""
    if step.kind not in STEP_INDEX:
        raise PipelineError("Tahap tidak dikenal.", field="kind", code="step_unknown")
    clean_instance(step, _STEP_FIELDS, error=PipelineError)
    if step.kind == StepKind.NPWP and step.document_number:
        # The step's document number is the cooperative's NPWP: stored as its 16 digits.
        try:
            step.document_number = normalize_npwp(step.document_number)
        except ValidationError as exc:
            raise PipelineError(
                str(exc.messages[0]), field="document_number", code="step_npwp"
            ) from exc
    position = STEP_INDEX[step.kind]
    recorded = {s.kind for s in others}
    missing = [k for k in STEP_ORDER[:position] if k not in recorded]
    if missing:
        raise PipelineError(
            f"Tahap sebelumnya belum dicatat: {_label(missing[0])}. "
            "Catat tanggalnya atau lewati dengan alasan.",
            field="kind",
            code="step_previous_missing",
        )
    if step.skipped:
        if not step.skip_reason.strip():
            raise PipelineError(
                "Alasan wajib diisi bila tahap dilewati.",
                field="skip_reason",
                code="step_skip_reason",
            )
        step.done_on = None
        return
    if step.done_on is None:
        raise PipelineError("Tanggal wajib diisi.", field="done_on", code="step_date_required")
    today = business_date(cooperative)
    if step.done_on > today:
        raise PipelineError(
            "Tanggal tidak boleh sesudah hari ini.", field="done_on", code="step_date_future"
        )
    for other in others:
        if other.skipped or other.done_on is None:
            continue
        other_position = STEP_INDEX[other.kind]
        if other_position < position and other.done_on > step.done_on:
            raise PipelineError(
                f"Tanggal tidak boleh sebelum tanggal tahap {_label(other.kind)} "
                f"({format_date_id(other.done_on)}).",
                field="done_on",
                code="step_date_order",
            )
        if other_position > position and other.done_on < step.done_on:
            raise PipelineError(
                f"Tanggal tidak boleh sesudah tanggal tahap {_label(other.kind)} "
                f"({format_date_id(other.done_on)}).",
                field="done_on",
                code="step_date_order",
            )
    if step.kind == StepKind.AKTA_PENDIRIAN and not step.notary_name.strip():
        raise PipelineError(
            "Nama notaris wajib diisi untuk akta pendirian.",
            field="notary_name",
            code="step_notary_required",
        )


def record_step(
    *,
    cooperative: Cooperative,
    kind: str,
    actor: Any,
    done_on: date | None = None,
    document_number: str = "",
    notary_name: str = "",
    notes: str = "",
    skipped: bool = False,
    skip_reason: str = "",
    documents: Sequence[UploadedFile] = (),
    source: str = ChangeSource.WEB,
) -> FormationStep:
    """Record (or correct) one pipeline step, attach its documents, refresh the stage."""
    with transaction.atomic():
        existing = {
            s.kind: s
            for s in FormationStep.objects.select_for_update().filter(cooperative=cooperative)
        }
        step = existing.get(kind) or FormationStep(cooperative=cooperative, kind=kind)
        before = snapshot(step) if step.pk else {}
        step.done_on = done_on
        step.document_number = document_number
        step.notary_name = notary_name
        step.notes = notes
        step.skipped = skipped
        step.skip_reason = skip_reason if skipped else ""
        others = [s for k, s in existing.items() if k != kind]
        _check_step(cooperative, step, others)
        step.save()
        record_changes(
            cooperative=cooperative,
            actor=actor,
            obj=step,
            before=before,
            after=snapshot(step),
            source=source,
        )
        for upload in documents:
            attach_document(
                cooperative=cooperative, upload=upload, step=step, actor=actor, source=source
            )
        refresh_stage(cooperative=cooperative, actor=actor, source=source)
    return step


def delete_step(*, step: FormationStep, actor: Any, source: str = ChangeSource.WEB) -> None:
    """Remove a step recorded by mistake; only the last recorded step may go."""
    cooperative = step.cooperative
    with transaction.atomic():
        later = FormationStep.objects.filter(
            cooperative=cooperative, kind__in=STEP_ORDER[STEP_INDEX[step.kind] + 1 :]
        ).exists()
        if later:
            raise PipelineError(
                "Tahap ini tidak dapat dihapus karena tahap sesudahnya sudah dicatat.",
                field="kind",
                code="step_has_later",
            )
        record_changes(
            cooperative=cooperative,
            actor=actor,
            obj=step,
            before=snapshot(step),
            after={},
            source=source,
        )
        for document in step.documents.all():
            document.file.delete(save=False)
        step.delete()
        refresh_stage(cooperative=cooperative, actor=actor, source=source)


def attach_document(
    *,
    cooperative: Cooperative,
    upload: UploadedFile,
    actor: Any,
    step: FormationStep | None = None,
    rat: RatRecord | None = None,
    purpose: str | None = None,
    source: str = ChangeSource.WEB,
) -> RegistryDocument:
    """Check an upload by its magic bytes and store it under the cooperative's folder."""
    owner = step or rat
    if owner is None or owner.cooperative_id != cooperative.pk:
        raise PipelineError("Dokumen harus milik tahap atau RAT koperasi ini.", field="documents")
    purpose = purpose or (DocumentPurpose.STEP if step is not None else DocumentPurpose.RAT_MINUTES)
    content_type = check_upload(upload)
    # The name people gave the file is kept as they gave it (never cut): a name the
    # column cannot hold, or with control characters, is refused by name.
    try:
        original_name = clean_value(
            RegistryDocument, "original_name", str(upload.name or ""), error=PipelineError
        )
    except PipelineError as exc:
        raise PipelineError(exc.message, field="documents", code=exc.code) from exc
    with transaction.atomic():
        document = RegistryDocument(
            cooperative=cooperative,
            purpose=purpose,
            step=step,
            rat=rat,
            original_name=original_name,
            content_type=content_type,
            size=upload.size or 0,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        prefix = step.kind if step is not None else f"rat{rat.book_year}"  # type: ignore[union-attr]
        document.file.save(stored_name(prefix, content_type), upload, save=False)
        document.save()
        record_changes(
            cooperative=cooperative,
            actor=actor,
            obj=owner,
            before={"documents": ("dokumen", "")},
            after={"documents": ("dokumen", document.original_name)},
            source=source,
            action="update",
        )
    return document


def delete_document(
    *, document: RegistryDocument, actor: Any, source: str = ChangeSource.WEB
) -> None:
    owner = document.step or document.rat
    with transaction.atomic():
        if owner is not None:
            record_changes(
                cooperative=document.cooperative,
                actor=actor,
                obj=owner,
                before={"documents": ("dokumen", document.original_name)},
                after={"documents": ("dokumen", "")},
                source=source,
                action="update",
            )
        document.file.delete(save=False)
        document.delete()
