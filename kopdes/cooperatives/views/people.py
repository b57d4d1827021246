"""Officers and business units: create and edit forms, and the quick unit-status change."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kopdes.cooperatives import selectors
from kopdes.cooperatives.forms import OfficerForm, UnitForm, UnitStatusForm
from kopdes.cooperatives.models import UnitStatus
from kopdes.cooperatives.services import (
    OFFICER_FIELDS,
    UNIT_FIELDS,
    add_officer,
    add_unit,
    update_officer,
    update_unit,
)
from kopdes.cooperatives.views._forms import (
    FORM_METHODS,
    bound_data,
    editable,
    form_page,
    profile_url,
)
from kopdes.core.errors import DomainError
from kopdes.core.timeutils import business_date

_OFFICER_FORM_FIELDS = [name for name in OFFICER_FIELDS if name != "user"]


def _values(data: dict[str, Any], names: list[str] | tuple[str, ...]) -> dict[str, Any]:
    # Optional text fields arrive as "" and optional dates as None: both as the models keep them.
    return {name: data.get(name) if data.get(name) is not None else None for name in names}


def _officer_values(data: dict[str, Any]) -> dict[str, Any]:
    values = _values(data, _OFFICER_FORM_FIELDS)
    for name in ("phone", "kk_number", "notes"):
        values[name] = values[name] or ""
    values["is_kepala_desa"] = bool(values["is_kepala_desa"])
    # The form turns the username into the account (None: no login, or unlink it).
    values["user"] = data.get("username")
    return values


def _unit_values(data: dict[str, Any]) -> dict[str, Any]:
    values = _values(data, UNIT_FIELDS)
    for name in ("name", "location", "notes"):
        values[name] = values[name] or ""
    return values


@require_http_methods(FORM_METHODS)
@login_required
def officer_create(request: HttpRequest, slug: str) -> HttpResponse:
    cooperative = editable(request, slug)
    form = OfficerForm(*bound_data(request))
    # A new officer is in office: "left office on" belongs to the edit form.
    del form.fields["ended_on"]

    def save(data: dict[str, Any]) -> None:
        values = _officer_values({**data, "ended_on": None})
        values.pop("ended_on")
        add_officer(cooperative=cooperative, actor=request.user, **values)

    return form_page(
        request,
        cooperative=cooperative,
        form=form,
        title=_("Tambah pengurus/pengawas/pegawai"),
        save=save,
        done=_("Data pengurus disimpan."),
        anchor="pengurus",
        aliases={"user": "username"},
        once=True,
    )


@require_http_methods(FORM_METHODS)
@login_required
def officer_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cooperative = editable(request, slug)
    officer = selectors.officer_of(cooperative, pk)
    initial = {name: getattr(officer, name) for name in _OFFICER_FORM_FIELDS}
    initial["username"] = officer.user.get_username() if officer.user is not None else ""
    form = OfficerForm(*bound_data(request), initial=initial)

    def save(data: dict[str, Any]) -> None:
        update_officer(officer=officer, actor=request.user, **_officer_values(data))

    return form_page(
        request,
        cooperative=cooperative,
        form=form,
        title=_("Ubah data %(name)s") % {"name": officer.name},
        save=save,
        done=_("Data pengurus disimpan."),
        anchor="pengurus",
        aliases={"user": "username"},
    )


@require_http_methods(FORM_METHODS)
@login_required
def unit_create(request: HttpRequest, slug: str) -> HttpResponse:
    cooperative = editable(request, slug)
    form = UnitForm(*bound_data(request))

    def save(data: dict[str, Any]) -> None:
        add_unit(cooperative=cooperative, actor=request.user, **_unit_values(data))

    return form_page(
        request,
        cooperative=cooperative,
        form=form,
        title=_("Tambah unit usaha"),
        save=save,
        done=_("Unit usaha disimpan."),
        anchor="unit",
        once=True,
    )


@require_http_methods(FORM_METHODS)
@login_required
def unit_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    cooperative = editable(request, slug)
    unit = selectors.unit_of(cooperative, pk)
    form = UnitForm(
        *bound_data(request), initial={name: getattr(unit, name) for name in UNIT_FIELDS}
    )

    def save(data: dict[str, Any]) -> None:
        update_unit(unit=unit, actor=request.user, **_unit_values(data))

    return form_page(
        request,
        cooperative=cooperative,
        form=form,
        title=_("Ubah unit %(unit)s") % {"unit": unit.display_name},
        save=save,
        done=_("Unit usaha disimpan."),
        anchor="unit",
    )


@require_POST
@login_required
def unit_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The status selector beside each unit on the profile (POST, then back to the profile)."""
    cooperative = editable(request, slug)
    unit = selectors.unit_of(cooperative, pk)
    form = UnitStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih status unit yang benar."))
        return redirect(profile_url(cooperative, "unit"))
    status = form.cleaned_data["status"]
    on = form.cleaned_data.get("on") or business_date(cooperative)
    changes: dict[str, Any] = {"status": status}
    if status == UnitStatus.BEROPERASI and unit.started_on is None:
        changes["started_on"] = on
    if status == UnitStatus.BERHENTI and unit.stopped_on is None:
        changes["stopped_on"] = on
    try:
        update_unit(unit=unit, actor=request.user, **changes)
    except DomainError as error:
        messages.error(request, f"{unit.display_name}: {error.message}")
    else:
        messages.success(
            request,
            _("Status %(unit)s diubah menjadi %(status)s.")
            % {"unit": unit.display_name, "status": UnitStatus(status).label},
        )
    return redirect(profile_url(cooperative, "unit"))
