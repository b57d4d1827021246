"""The district list of cooperatives (filters, sorting, pages) and its XLSX exports.

One selector (``registry_rows``) reads the filtered rows in a fixed number
of queries; the page, the htmx table refresh and both exports use it, so the
export holds exactly the rows the page shows (all pages of them).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from kopdes.accounts import access
from kopdes.cooperatives.export_log import record_personal_data_export
from kopdes.cooperatives.models import Officer, OfficerRole, Phase
from kopdes.cooperatives.selectors import (
    RegistryFilters,
    RegistryRow,
    registry_counts,
    registry_rows,
)
from kopdes.core.documents import safe_filename, xlsx_response
from kopdes.core.models import Region
from kopdes.district import exports
from kopdes.district.forms import RegistryFilterForm
from kopdes.district.map import PHASE_COLOURS
from kopdes.district.views import visible_cooperatives

PAGE_SIZE = 25
# The columns a user can sort by, with their labels (the key is RegistryFilters.sort).
SORT_COLUMNS = (
    ("name", gettext_lazy("Koperasi")),
    ("kecamatan", gettext_lazy("Kecamatan")),
    ("stage", gettext_lazy("Tahap")),
)
_ROLE_ORDER = {role: index for index, role in enumerate(OfficerRole.values)}


def _filtered(request: HttpRequest) -> tuple[RegistryFilters, list[RegistryRow]]:
    access.require(request.user, "district.view")
    filters = RegistryFilters.from_mapping(request.GET)
    rows = registry_rows(visible_cooperatives(request.user), filters=filters)
    return filters, rows


def _query(filters: RegistryFilters, **override: str) -> str:
    """The query string of these filters (empty values dropped), with overrides."""
    values = {
        name: getattr(filters, name)
        for name in (
            "q",
            "kecamatan",
            "kind",
            "phase",
            "stage",
            "unit_kind",
            "unit_status",
            "warning",
        )
    }
    values["sort"] = filters.sort if filters.sort != "name" else ""
    values.update(override)
    return urlencode({k: v for k, v in values.items() if v})


def _kecamatans(user: Any) -> list[Region]:
    """The kecamatan of every cooperative the user may see (one query)."""
    return list(
        Region.objects.filter(
            children__primary_cooperatives__in=access.visible_cooperatives(user).values("pk")
        )
        .distinct()
        .order_by("code")
    )


def _filter_labels(form: RegistryFilterForm, filters: RegistryFilters) -> list[str]:
    """The active filters in words, for the export's heading ("Kecamatan: Sepaku")."""
    return [f"{label}: {shown}" for _name, label, shown in _active_filters(form, filters)]


def _active_filters(
    form: RegistryFilterForm, filters: RegistryFilters
) -> list[tuple[str, str, str]]:
    """(name, field label, value as shown) of every active filter, in the form's order."""
    active = []
    for name, field in form.fields.items():
        value = getattr(filters, name, "")
        if not value:
            continue
        shown = dict(getattr(field, "choices", [])).get(value, value)
        active.append((name, str(field.label), str(shown)))
    return active


# How a filter reads in a file name (koperasi-ppu-2026-12-01-kec-sepaku.xlsx).
_FILENAME_PREFIX = {"kecamatan": "kec", "q": "cari", "unit_status": "unit"}


def _filename_parts(form: RegistryFilterForm, filters: RegistryFilters) -> list[str]:
    parts = []
    for name, _label, shown in _active_filters(form, filters):
        shown = getattr(filters, name) if name == "kind" else shown  # KDMP, not its long name
        prefix = _FILENAME_PREFIX.get(name)
        parts.append(f"{prefix} {shown}" if prefix else shown)
    return parts


@dataclass(frozen=True)
class _Export:
    """What both exports put in their heading and file name."""

    regencies: list[Region]
    filters: list[str]
    filename_parts: list[str]
    on: date

    def filename(self, stem: str) -> str:
        return exports.export_filename(
            stem, regencies=self.regencies, on=self.on, parts=self.filename_parts
        )

    @property
    def filters_in_words(self) -> str:
        if not self.filters:
            return _("Filter: semua koperasi")
        return _("Filter: %(filters)s") % {"filters": "; ".join(self.filters)}


def _export(request: HttpRequest, filters: RegistryFilters, rows: list[RegistryRow]) -> _Export:
    form = RegistryFilterForm(request.GET, kecamatans=_kecamatans(request.user))
    regencies: dict[int, Region] = {}
    for row in rows:
        kecamatan = row.kecamatan
        if kecamatan is not None and kecamatan.parent is not None:
            regencies.setdefault(kecamatan.parent.pk, kecamatan.parent)
    found = sorted(regencies.values(), key=lambda r: r.code) or list(
        access.visible_regencies(request.user).order_by("code")
    )
    return _Export(
        regencies=found,
        filters=_filter_labels(form, filters),
        filename_parts=_filename_parts(form, filters),
        on=timezone.localdate(),
    )


@require_GET
@login_required
def registry(request: HttpRequest) -> HttpResponse:
    filters, rows = _filtered(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("hal"))
    counts = registry_counts(rows)
    sort_key = filters.sort.lstrip("-")
    descending = filters.sort.startswith("-")
    columns = [
        {
            "key": key,
            "label": label,
            "active": key == sort_key,
            "descending": key == sort_key and descending,
            "query": _query(filters, sort=f"-{key}" if key == sort_key and not descending else key),
        }
        for key, label in SORT_COLUMNS
    ]
    context = {
        "filters": filters,
        "form": RegistryFilterForm(request.GET, kecamatans=_kecamatans(request.user)),
        "page": page,
        "rows": page.object_list,
        "counts": counts,
        "phases": [
            {
                "key": p.value,
                "label": p.label,
                "colour": PHASE_COLOURS[p.value],
                "count": counts.by_phase.get(p.value, 0),
                "query": _query(filters, phase=p.value, stage=""),
            }
            for p in Phase
        ],
        "columns": columns,
        "query": _query(filters),
        "page_query": _query(filters, hal=""),
    }
    # htmx refreshes only the results (counts, table, pages) when a filter changes.
    template = (
        "district/_registry_results.html"
        if request.headers.get("HX-Request") == "true"
        else "district/registry.html"
    )
    return render(request, template, context)


@require_GET
@login_required
def registry_xlsx(request: HttpRequest) -> HttpResponse:
    filters, rows = _filtered(request)
    export = _export(request, filters, rows)
    table = [
        [
            row.cooperative.primary_village.code,
            row.cooperative.name,
            row.cooperative.kind,
            row.kecamatan.name if row.kecamatan else "",
            row.cooperative.primary_village.name,
            row.stage_label,
            len(row.operating_units),
            row.other_unit_summary,
            "; ".join(str(warning.message) for warning in row.warnings),
        ]
        for row in rows
    ]
    workbook = exports.registry_workbook(
        table, filters=export.filters, regencies=export.regencies, on=export.on
    )
    return xlsx_response(workbook, filename=export.filename("koperasi"))


@require_GET
@login_required
def officers_xlsx(request: HttpRequest) -> HttpResponse:
    """Officers in office of the listed cooperatives, SIMKOPDES-like (layout unconfirmed).

    NIK and KK numbers come in full only to a role that needs them
    (``access.sees_full_identity_numbers``), and such a download is written
    into each cooperative's history first (UU 27/2022; docs/registry.md).
    """
    filters, rows = _filtered(request)
    export = _export(request, filters, rows)
    order = {row.cooperative.pk: index for index, row in enumerate(rows)}
    cooperatives = {row.cooperative.pk: row.cooperative for row in rows}
    officers = sorted(
        Officer.objects.active()
        .filter(cooperative__in=list(order))
        .select_related("cooperative__primary_village"),
        key=lambda o: (order[o.cooperative_id], _ROLE_ORDER.get(o.role, 99), o.name),
    )
    full = bool(officers) and all(
        access.sees_full_identity_numbers(request.user, row.cooperative) for row in rows
    )
    filename = export.filename("pengurus-koperasi")
    if full:
        people = Counter(cooperatives[o.cooperative_id] for o in officers)
        record_personal_data_export(
            people=people,
            actor=request.user,
            what=_("Unduhan data pengurus dengan NIK dan No KK lengkap"),
            filename=safe_filename(filename, "xlsx"),
            filters=export.filters_in_words,
        )
    workbook = exports.officers_workbook(
        officers,
        filters=export.filters,
        regencies=export.regencies,
        on=export.on,
        full_identity=full,
    )
    return xlsx_response(workbook, filename=filename)
