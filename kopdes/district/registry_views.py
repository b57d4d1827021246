"""The district list of cooperatives (filters, sorting, pages) and its XLSX exports.

One selector (``registry_rows``) reads the filtered rows in a fixed number
of queries; the page, the htmx table refresh and both exports use it, so the
export holds exactly the rows the page shows (all pages of them).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from kopdes.accounts import access
from kopdes.cooperatives.models import Officer, OfficerRole, Phase
from kopdes.cooperatives.selectors import (
    RegistryFilters,
    RegistryRow,
    registry_counts,
    registry_rows,
)
from kopdes.core.documents import xlsx_response
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
    labels = []
    for name, field in form.fields.items():
        value = getattr(filters, name, "")
        if not value:
            continue
        shown = dict(getattr(field, "choices", [])).get(value, value)
        labels.append(f"{field.label}: {shown}")
    return labels


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
    form = RegistryFilterForm(request.GET, kecamatans=_kecamatans(request.user))
    table = [
        [
            row.cooperative.primary_village.code,
            row.cooperative.name,
            row.cooperative.kind,
            row.kecamatan.name if row.kecamatan else "",
            row.cooperative.primary_village.name,
            row.stage_label,
            len(row.operating_units),
            row.unit_summary,
            "; ".join(warning.message for warning in row.warnings),
        ]
        for row in rows
    ]
    workbook = exports.registry_workbook(table, filters=_filter_labels(form, filters))
    return xlsx_response(workbook, filename="daftar-koperasi")


@require_GET
@login_required
def officers_xlsx(request: HttpRequest) -> HttpResponse:
    """Officers in office of the listed cooperatives, SIMKOPDES-like (layout unconfirmed)."""
    _, rows = _filtered(request)
    order = {row.cooperative.pk: index for index, row in enumerate(rows)}
    officers = sorted(
        Officer.objects.active()
        .filter(cooperative__in=list(order))
        .select_related("cooperative__primary_village"),
        key=lambda o: (order[o.cooperative_id], _ROLE_ORDER.get(o.role, 99), o.name),
    )
    return xlsx_response(exports.officers_workbook(officers), filename="pengurus-koperasi")
