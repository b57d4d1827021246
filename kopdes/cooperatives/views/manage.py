"""The cooperative's own header, and removals: a step, an officer, a unit, a document.

Every page here needs ``cooperative.edit`` (404 otherwise) and looks its object
up within the cooperative of the URL, so another cooperative's id is a 404.
Removals ask first (GET) and act on a confirmed POST; the services write the
history row and refuse what must not go (a step with later steps, a unit
used in the books).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kopdes.cooperatives import selectors
from kopdes.cooperatives.forms import CooperativeForm, EndOfficerForm
from kopdes.cooperatives.models import CooperativeStatus, StepKind
from kopdes.cooperatives.services import (
    delete_document,
    delete_officer,
    delete_step,
    delete_unit,
    end_officer,
    update_cooperative,
)
from kopdes.cooperatives.views._forms import (
    FORM_METHODS,
    bound_data,
    confirm_page,
    editable,
    form_page,
)
from kopdes.core.timeutils import business_date


@require_http_methods(FORM_METHODS)
@login_required
def cooperative_edit(request: HttpRequest, slug: str) -> HttpResponse:
    cooperative = editable(request, slug)
    inactive = cooperative.status == CooperativeStatus.TIDAK_AKTIF
    form = CooperativeForm(
        *bound_data(request),
        initial={
            "name": cooperative.name,
            "kind": cooperative.kind,
            "formation_model": cooperative.formation_model,
            "inactive": inactive,
        },
    )

    def save(data: dict[str, Any]) -> None:
        changes: dict[str, Any] = {
            "name": data["name"],
            "kind": data["kind"],
            "formation_model": data["formation_model"],
        }
        # Only a flipped toggle touches the status. Any status but "tidak aktif"
        # makes the service derive it from the stage again.
        if bool(data.get("inactive")) != inactive:
            changes["status"] = (
                CooperativeStatus.TIDAK_AKTIF
                if data.get("inactive")
                else CooperativeStatus.PEMBENTUKAN
            )
        update_cooperative(cooperative=cooperative, actor=request.user, **changes)

    return form_page(
        request,
        cooperative=cooperative,
        form=form,
        title=_("Ubah data koperasi"),
        save=save,
        done=_("Data koperasi disimpan."),
        anchor="data",
        aliases={"status": "inactive"},
    )


@require_http_methods(FORM_METHODS)
@login_required
def step_delete(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    cooperative = editable(request, slug)
    step = selectors.step_of(cooperative, kind)
    label = str(StepKind(step.kind).label)
    return confirm_page(
        request,
        cooperative=cooperative,
        title=_("Hapus tahap %(step)s") % {"step": label},
        question=_(
            "Catatan tahap %(step)s beserta dokumennya akan dihapus. Hapus hanya bila "
            "tahap ini salah dicatat."
        )
        % {"step": label},
        action=lambda: delete_step(step=step, actor=request.user),
        done=_("Tahap %(step)s dihapus.") % {"step": label},
        anchor="tahapan",
    )


@require_http_methods(FORM_METHODS)
@login_required
def officer_end(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cooperative = editable(request, slug)
    officer = selectors.officer_of(cooperative, pk)
    form = EndOfficerForm(
        *bound_data(request), initial={"ended_on": officer.ended_on or business_date(cooperative)}
    )
    return form_page(
        request,
        cooperative=cooperative,
        form=form,
        title=_("Akhiri masa jabatan %(name)s") % {"name": officer.name},
        intro=_(
            "Orang ini tetap tercatat sebagai mantan %(role)s. Untuk data yang salah "
            "dimasukkan, pakai Hapus."
        )
        % {"role": officer.get_role_display()},
        save=lambda data: end_officer(
            officer=officer, ended_on=data["ended_on"], actor=request.user
        ),
        done=_("Masa jabatan %(name)s diakhiri.") % {"name": officer.name},
        anchor="pengurus",
    )


@require_http_methods(FORM_METHODS)
@login_required
def officer_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cooperative = editable(request, slug)
    officer = selectors.officer_of(cooperative, pk)
    return confirm_page(
        request,
        cooperative=cooperative,
        title=_("Hapus %(name)s") % {"name": officer.name},
        question=_(
            "Data %(name)s (%(role)s) akan dihapus. Hapus hanya bila data ini salah "
            "dimasukkan; bila orang ini berhenti menjabat, pakai Akhiri masa jabatan."
        )
        % {"name": officer.name, "role": officer.get_role_display()},
        action=lambda: delete_officer(officer=officer, actor=request.user),
        done=_("Data %(name)s dihapus.") % {"name": officer.name},
        anchor="pengurus",
    )


@require_http_methods(FORM_METHODS)
@login_required
def unit_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cooperative = editable(request, slug)
    unit = selectors.unit_of(cooperative, pk)
    return confirm_page(
        request,
        cooperative=cooperative,
        title=_("Hapus unit %(unit)s") % {"unit": unit.display_name},
        question=_(
            "Unit %(unit)s akan dihapus. Hapus hanya bila unit ini salah dimasukkan; "
            "unit yang tutup diberi status Berhenti."
        )
        % {"unit": unit.display_name},
        action=lambda: delete_unit(unit=unit, actor=request.user),
        done=_("Unit %(unit)s dihapus.") % {"unit": unit.display_name},
        anchor="unit",
    )


@require_http_methods(FORM_METHODS)
@login_required
def document_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cooperative = editable(request, slug)
    document = selectors.document_of(cooperative, pk)
    return confirm_page(
        request,
        cooperative=cooperative,
        title=_("Hapus dokumen %(name)s") % {"name": document.original_name},
        question=_("Berkas %(name)s akan dihapus dari arsip koperasi.")
        % {"name": document.original_name},
        action=lambda: delete_document(document=document, actor=request.user),
        done=_("Dokumen %(name)s dihapus.") % {"name": document.original_name},
        anchor="rat" if document.rat_id else "tahapan",
    )
