"""Formation steps: record or correct one step; download a step or RAT document."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kopdes.accounts import access
from kopdes.cooperatives import selectors
from kopdes.cooperatives.forms import StepForm
from kopdes.cooperatives.models import FormationStep, StepKind
from kopdes.cooperatives.services import record_step
from kopdes.cooperatives.views._forms import FORM_METHODS, editable, form_page


def _initial(step: FormationStep | None) -> dict[str, Any]:
    if step is None:
        return {}
    return {
        "done_on": step.done_on,
        "document_number": step.document_number,
        "notary_name": step.notary_name,
        "notes": step.notes,
        "skipped": step.skipped,
        "skip_reason": step.skip_reason,
    }


@require_http_methods(FORM_METHODS)
@login_required
def step_edit(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    cooperative = editable(request, slug)
    if kind not in StepKind.values:
        raise Http404("Tahap tidak dikenal")
    label = str(StepKind(kind).label)
    step = FormationStep.objects.filter(cooperative=cooperative, kind=kind).first()
    if request.method == "POST":
        form = StepForm(request.POST, request.FILES, kind=kind)
    else:
        form = StepForm(initial=_initial(step), kind=kind)

    def save(data: dict[str, Any]) -> None:
        upload = data.get("documents")
        record_step(
            cooperative=cooperative,
            kind=kind,
            actor=request.user,
            done_on=None if data.get("skipped") else data.get("done_on"),
            document_number=data.get("document_number") or "",
            notary_name=data.get("notary_name") or "",
            notes=data.get("notes") or "",
            skipped=bool(data.get("skipped")),
            skip_reason=data.get("skip_reason") or "",
            documents=[upload] if upload else [],
        )

    return form_page(
        request,
        cooperative=cooperative,
        form=form,
        title=_("Tahap: %(step)s") % {"step": label},
        save=save,
        done=_("Tahap %(step)s disimpan.") % {"step": label},
        anchor="tahapan",
        extra={"multipart": True, "documents": step.documents.all() if step else []},
    )


@require_GET
@login_required
def document(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """Serve an uploaded document to whoever may read this cooperative; never a public URL."""
    cooperative = access.cooperative_for(request.user, slug)
    stored = selectors.document_of(cooperative, pk)
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("Berkas tidak ditemukan") from missing
    response = FileResponse(handle, content_type=stored.content_type, filename=stored.original_name)
    # Shown in the browser (PDF/image) but never allowed to run anything.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
