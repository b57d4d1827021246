"""Cooperatives over the API, scoped exactly as the pages are."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from kopdes.accounts import access
from kopdes.accounts.api import API_AUTH
from kopdes.cooperatives import selectors, services
from kopdes.cooperatives.api_schemas import (
    ChangeOut,
    DocumentOut,
    OfficerIn,
    OfficerOut,
    OfficerPatch,
    PipelineOut,
    RatIn,
    RatOut,
    RatPatch,
    StepIn,
    StepOut,
    UnitIn,
    UnitOut,
    UnitPatch,
    WarningOut,
)
from kopdes.cooperatives.models import ChangeSource, Cooperative, DocumentPurpose, StepKind
from kopdes.cooperatives.selectors import TimelineEntry
from kopdes.core.errors import DomainError

API = ChangeSource.API
# Ninja reads parameter kinds from defaults; module-level so they are built once.
REQUIRED_FILE = File(...)
RAT_PURPOSE = Form(DocumentPurpose.RAT_MINUTES)

router = Router(tags=["koperasi"])


class CooperativeOut(Schema):
    slug: str
    name: str
    kind: str
    status: str
    village_code: str
    village_name: str
    kecamatan: str

    @staticmethod
    def resolve_village_code(obj: Any) -> str:
        return str(obj.primary_village.code)

    @staticmethod
    def resolve_village_name(obj: Any) -> str:
        return str(obj.primary_village.name)

    @staticmethod
    def resolve_kecamatan(obj: Any) -> str:
        return str(obj.primary_village.parent.name)


class CooperativeDetailOut(CooperativeOut):
    villages: list[str]

    @staticmethod
    def resolve_villages(obj: Any) -> list[str]:
        return [v.code for v in obj.villages.all()]


@router.get("/cooperatives", response=list[CooperativeOut], summary="Koperasi yang terlihat")
def list_cooperatives(request: HttpRequest) -> Any:
    return (
        access.visible_cooperatives(request.user).with_regions().order_by("primary_village__code")
    )


@router.get("/k/{slug}", response=CooperativeDetailOut, summary="Satu koperasi")
def get_cooperative(request: HttpRequest, slug: str) -> Any:
    return access.cooperative_for(request.user, slug)


# --- the registry: pipeline, officers, units, RAT, history (issue #3) -----------------------
#
# Writes share the URL name of the read on the same path (one route, one
# entry in the authorisation sweep, which tries every method on it).
# Writes are authorised *before* the body is parsed (``EDIT_AUTH`` runs as the
# operation's auth), so a read-only persona gets 404 whatever it sends, exactly
# as on the pages. Objects are then looked up inside the URL's cooperative:
# another cooperative's id answers 404.


class _CooperativeEditor:
    """Authenticate like the rest of the API, then require cooperative.edit on {slug}."""

    # Object ids in the path, checked here too so that a tampered id answers
    # 404 before the body is even read (not 422 for a body it never needed).
    _OBJECTS: dict[str, Callable[[Cooperative, int], Any]] = {
        "officer_id": selectors.officer_of,
        "unit_id": selectors.unit_of,
        "rat_id": selectors.rat_of,
    }

    def __call__(self, request: HttpRequest) -> Any:
        for callback in API_AUTH:
            user = callback(request)
            if user:
                kwargs = request.resolver_match.kwargs if request.resolver_match else {}
                cooperative = access.cooperative_for(
                    user, str(kwargs.get("slug", "")), "cooperative.edit"
                )
                for name, lookup in self._OBJECTS.items():
                    if name in kwargs:
                        try:
                            pk = int(kwargs[name])
                        except (TypeError, ValueError):
                            raise Http404("Tidak ditemukan") from None
                        lookup(cooperative, pk)
                return user
        return None


EDIT_AUTH = [_CooperativeEditor()]


def _editable(request: HttpRequest, slug: str) -> Cooperative:
    return access.cooperative_for(request.user, slug, "cooperative.edit")


def _step_out(entry: TimelineEntry) -> dict[str, Any]:
    step = entry.step
    return {
        "kind": entry.kind,
        "label": entry.label,
        "state": entry.state,
        "done_on": step.done_on if step else None,
        "document_number": step.document_number if step else "",
        "notary_name": step.notary_name if step else "",
        "notes": step.notes if step else "",
        "skip_reason": step.skip_reason if step else "",
        "documents": entry.documents,
    }


@router.get("/k/{slug}/pipeline", response=PipelineOut, summary="Tahap pembentukan koperasi")
def get_pipeline(request: HttpRequest, slug: str) -> dict[str, Any]:
    cooperative = access.cooperative_for(request.user, slug)
    return {
        "stage": cooperative.stage,
        "stage_label": str(cooperative.get_stage_display()),
        "status": cooperative.status,
        "formation_model": cooperative.formation_model,
        "steps": [_step_out(e) for e in selectors.pipeline_timeline(cooperative)],
    }


@router.put(
    "/k/{slug}/pipeline/{kind}",
    response=StepOut,
    auth=EDIT_AUTH,
    summary="Catat/koreksi satu tahap: tanggal dan nomor dokumen, atau dilewati dengan alasan",
)
def put_step(request: HttpRequest, slug: str, kind: str, payload: StepIn) -> dict[str, Any]:
    cooperative = _editable(request, slug)
    if kind not in StepKind.values:
        raise Http404("Tahap tidak dikenal")
    services.record_step(
        cooperative=cooperative, kind=kind, actor=request.user, source=API, **payload.dict()
    )
    entry = next(e for e in selectors.pipeline_timeline(cooperative) if e.kind == kind)
    return _step_out(entry)


@router.post(
    "/k/{slug}/pipeline/{kind}/documents",
    response={201: DocumentOut},
    auth=EDIT_AUTH,
    summary="Unggah dokumen (PDF/JPEG/PNG) untuk satu tahap",
)
def upload_step_document(
    request: HttpRequest, slug: str, kind: str, file: UploadedFile = REQUIRED_FILE
) -> Status:
    cooperative = _editable(request, slug)
    step = selectors.step_of(cooperative, kind)
    document = services.attach_document(
        cooperative=cooperative, upload=file, step=step, actor=request.user, source=API
    )
    return Status(201, document)


@router.get("/k/{slug}/officers", response=list[OfficerOut], summary="Pengurus, pengawas, pegawai")
def list_officers(request: HttpRequest, slug: str, include_ended: bool = False) -> Any:
    cooperative = access.cooperative_for(request.user, slug)
    return selectors.officers_for(cooperative, include_ended=include_ended)


@router.get("/k/{slug}/officers/{officer_id}", response=OfficerOut, summary="Satu pejabat")
def get_officer(request: HttpRequest, slug: str, officer_id: int) -> Any:
    cooperative = access.cooperative_for(request.user, slug)
    return selectors.officer_of(cooperative, officer_id)


@router.post(
    "/k/{slug}/officers",
    response={201: OfficerOut},
    auth=EDIT_AUTH,
    url_name="list_officers",
    summary="Tambah pengurus/pengawas/pegawai",
)
def create_officer(request: HttpRequest, slug: str, payload: OfficerIn) -> Status:
    cooperative = _editable(request, slug)
    officer = services.add_officer(
        cooperative=cooperative, actor=request.user, source=API, **payload.dict()
    )
    return Status(201, officer)


@router.patch(
    "/k/{slug}/officers/{officer_id}",
    response=OfficerOut,
    auth=EDIT_AUTH,
    url_name="get_officer",
    summary="Ubah data pejabat (isi ended_on bila berhenti menjabat)",
)
def update_officer(request: HttpRequest, slug: str, officer_id: int, payload: OfficerPatch) -> Any:
    cooperative = _editable(request, slug)
    officer = selectors.officer_of(cooperative, officer_id)
    return services.update_officer(
        officer=officer, actor=request.user, source=API, **payload.model_dump(exclude_unset=True)
    )


@router.get("/k/{slug}/warnings", response=list[WarningOut], summary="Peringatan susunan pengurus")
def list_warnings(request: HttpRequest, slug: str) -> Any:
    cooperative = access.cooperative_for(request.user, slug)
    return selectors.officer_warnings(cooperative)


@router.get("/k/{slug}/units", response=list[UnitOut], summary="Unit usaha")
def list_units(request: HttpRequest, slug: str) -> Any:
    cooperative = access.cooperative_for(request.user, slug)
    return selectors.units_for(cooperative)


@router.get("/k/{slug}/units/{unit_id}", response=UnitOut, summary="Satu unit usaha")
def get_unit(request: HttpRequest, slug: str, unit_id: int) -> Any:
    cooperative = access.cooperative_for(request.user, slug)
    return selectors.unit_of(cooperative, unit_id)


@router.post(
    "/k/{slug}/units",
    response={201: UnitOut},
    auth=EDIT_AUTH,
    url_name="list_units",
    summary="Tambah unit",
)
def create_unit(request: HttpRequest, slug: str, payload: UnitIn) -> Status:
    cooperative = _editable(request, slug)
    unit = services.add_unit(
        cooperative=cooperative, actor=request.user, source=API, **payload.dict()
    )
    return Status(201, unit)


@router.patch(
    "/k/{slug}/units/{unit_id}",
    response=UnitOut,
    auth=EDIT_AUTH,
    url_name="get_unit",
    summary="Ubah unit usaha",
)
def update_unit(request: HttpRequest, slug: str, unit_id: int, payload: UnitPatch) -> Any:
    cooperative = _editable(request, slug)
    unit = selectors.unit_of(cooperative, unit_id)
    return services.update_unit(
        unit=unit, actor=request.user, source=API, **payload.model_dump(exclude_unset=True)
    )


def _rat_fields(data: dict[str, Any]) -> dict[str, Any]:
    if "shu_amount_sen" in data:
        data["shu_amount"] = data.pop("shu_amount_sen")
    return data


@router.get("/k/{slug}/rat", response=list[RatOut], summary="Catatan RAT, terbaru dulu")
def list_rat_records(request: HttpRequest, slug: str) -> Any:
    cooperative = access.cooperative_for(request.user, slug)
    return selectors.rat_records_for(cooperative)


@router.get("/k/{slug}/rat/{rat_id}", response=RatOut, summary="Satu catatan RAT")
def get_rat_record(request: HttpRequest, slug: str, rat_id: int) -> Any:
    cooperative = access.cooperative_for(request.user, slug)
    return selectors.rat_of(cooperative, rat_id)


@router.post(
    "/k/{slug}/rat",
    response={201: RatOut},
    auth=EDIT_AUTH,
    url_name="list_rat_records",
    summary="Catat RAT",
)
def create_rat_record(request: HttpRequest, slug: str, payload: RatIn) -> Status:
    cooperative = _editable(request, slug)
    rat = services.record_rat(
        cooperative=cooperative, actor=request.user, source=API, **_rat_fields(payload.dict())
    )
    return Status(201, rat)


@router.patch(
    "/k/{slug}/rat/{rat_id}",
    response=RatOut,
    auth=EDIT_AUTH,
    url_name="get_rat_record",
    summary="Ubah catatan RAT",
)
def update_rat_record(request: HttpRequest, slug: str, rat_id: int, payload: RatPatch) -> Any:
    cooperative = _editable(request, slug)
    rat = selectors.rat_of(cooperative, rat_id)
    return services.update_rat(
        rat=rat,
        actor=request.user,
        source=API,
        **_rat_fields(payload.model_dump(exclude_unset=True)),
    )


@router.post(
    "/k/{slug}/rat/{rat_id}/documents",
    response={201: DocumentOut},
    auth=EDIT_AUTH,
    summary="Unggah berita acara atau laporan RAT (PDF/JPEG/PNG)",
)
def upload_rat_document(
    request: HttpRequest,
    slug: str,
    rat_id: int,
    purpose: str = RAT_PURPOSE,
    file: UploadedFile = REQUIRED_FILE,
) -> Status:
    cooperative = _editable(request, slug)
    rat = selectors.rat_of(cooperative, rat_id)
    if purpose == DocumentPurpose.STEP or purpose not in DocumentPurpose.values:
        raise DomainError("Jenis dokumen RAT tidak dikenal.", field="purpose")
    document = services.attach_document(
        cooperative=cooperative,
        upload=file,
        rat=rat,
        purpose=purpose,
        actor=request.user,
        source=API,
    )
    return Status(201, document)


@router.get("/k/{slug}/history", response=list[ChangeOut], summary="Riwayat perubahan")
def list_history(request: HttpRequest, slug: str, limit: int = 200) -> Any:
    cooperative = access.cooperative_for(request.user, slug)
    return selectors.history_for(cooperative, limit=max(1, min(limit, 1000)))
