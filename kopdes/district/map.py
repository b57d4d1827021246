"""The village map as inline SVG, drawn on the server from ``Region.boundary``.

One function (``village_map_svg``) builds the SVG for the district home, the
printable map page and, later, a PDF. It needs no tiles and no network: the
54 PPU village polygons come from the reference GeoJSON loaded into
``Region.boundary``.

Projection: equirectangular, longitudes scaled by cos(mean latitude) so that
shapes near the equator keep their proportions (PPU lies at about 1°S, where
the correction is tiny, but the same code works further from the equator).
The projected paths of a set of villages never change, so they are computed
once per process and per set of villages (``_projected_paths``); a page only
pays for one query that lists the village ids.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kopdes.core.models import Region

# The SVG's width in user units; the height follows from the region's shape.
VIEW_WIDTH = 1000
# One decimal in a 1000-unit box is finer than any screen or printer shows;
# rounding also lets consecutive points collapse, which halves the markup.
_DECIMALS = 1


@dataclass(frozen=True)
class LegendItem:
    key: str
    label: str
    colour: str


@dataclass(frozen=True)
class MapEntry:
    """One cooperative on the map: its village, its name, link and colour key."""

    village_id: int
    name: str
    url: str
    key: str


@dataclass(frozen=True)
class _Projected:
    width: int
    height: int
    paths: dict[int, str]  # village id -> SVG path data


_cache: dict[tuple[int, ...], _Projected] = {}
_lock = threading.Lock()


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _rings(geometry: dict[str, Any] | None) -> list[list[list[float]]]:
    """Every ring (outer and holes) of a Polygon or MultiPolygon."""
    if not geometry:
        return []
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates") or []
    if kind == "Polygon":
        return list(coordinates)
    if kind == "MultiPolygon":
        return [ring for polygon in coordinates for ring in polygon]
    return []


def project(boundaries: dict[int, dict[str, Any] | None], width: int = VIEW_WIDTH) -> _Projected:
    """Project village boundaries (id -> GeoJSON geometry) into one SVG box."""
    points = [
        (lng, lat)
        for geometry in boundaries.values()
        for ring in _rings(geometry)
        for lng, lat, *_ in ring
    ]
    if not points:
        return _Projected(width, width // 2, {})
    min_lng = min(p[0] for p in points)
    max_lng = max(p[0] for p in points)
    min_lat = min(p[1] for p in points)
    max_lat = max(p[1] for p in points)
    scale_x = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lng - min_lng) * scale_x, 1e-9)
    span_y = max(max_lat - min_lat, 1e-9)
    # Leave a small margin so strokes at the edge are not clipped.
    margin = width * 0.01
    factor = (width - 2 * margin) / span_x
    height = round(span_y * factor + 2 * margin)

    paths: dict[int, str] = {}
    for village_id, geometry in boundaries.items():
        parts = []
        for ring in _rings(geometry):
            commands: list[str] = []
            previous = None
            for lng, lat, *_ in ring:
                x = round(margin + (lng - min_lng) * scale_x * factor, _DECIMALS)
                y = round(margin + (max_lat - lat) * factor, _DECIMALS)
                if (x, y) == previous:
                    continue
                previous = (x, y)
                commands.append(f"{'M' if not commands else 'L'}{x:g} {y:g}")
            if len(commands) >= 3:
                parts.append("".join(commands) + "Z")
        if parts:
            paths[village_id] = "".join(parts)
    return _Projected(width, height, paths)


def _projected_paths(village_ids: Iterable[int]) -> _Projected:
    key = tuple(sorted(set(village_ids)))
    cached = _cache.get(key)
    if cached is not None:
        return cached
    boundaries = dict(Region.objects.filter(pk__in=key).values_list("pk", "boundary"))
    projected = project(boundaries)
    with _lock:
        _cache[key] = projected
    return projected


def village_map_svg(
    entries: Sequence[MapEntry],
    legend: Sequence[LegendItem],
    *,
    title: str = "",
    css_class: str = "kopdes-map",
) -> SafeString:
    """The inline SVG: one linked, titled polygon per cooperative, coloured by key.

    Each shape is ``<a href=profile><path><title>name</title></path></a>`` so a
    hover (desktop) or a long tap (phone) names the cooperative, and a click
    opens its profile. The legend is HTML beside the SVG (see the template),
    so it wraps on a phone; the colours come from ``legend``.
    """
    projected = _projected_paths(entry.village_id for entry in entries)
    colours = {item.key: item.colour for item in legend}
    shapes = []
    for entry in entries:
        path = projected.paths.get(entry.village_id)
        if path is None:
            continue
        name = escape(entry.name)
        shapes.append(
            f'<a href="{escape(entry.url)}" class="kopdes-map-village" '
            f'data-stage="{escape(entry.key)}" aria-label="{name}">'
            f'<path d="{path}" fill="{escape(colours.get(entry.key, "#cccccc"))}">'
            f"<title>{name}</title></path></a>"
        )
    heading = f"<title>{escape(title)}</title>" if title else ""
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{escape(css_class)}" '
        f'viewBox="0 0 {projected.width} {projected.height}" role="img" '
        f'preserveAspectRatio="xMidYMid meet">{heading}'
        f'<g stroke="#ffffff" stroke-width="1.5" stroke-linejoin="round">'
        f"{''.join(shapes)}</g></svg>"
    )
    return mark_safe(svg)  # noqa: S308 - every interpolated value is escaped above


# --- The cooperatives coloured by formation phase ---------------------------

# Five colours (one per phase), distinguishable in print and by most
# colour-blind readers: grey → yellow → orange → blue → green.
PHASE_COLOURS: dict[str, str] = {
    "pembentukan": "#9e9e9e",
    "legalitas": "#f2c200",
    "menunggu_lahan": "#ef6c00",
    "pembangunan": "#1e88e5",
    "beroperasi": "#2e7d32",
}


@dataclass(frozen=True)
class StageMap:
    svg: SafeString
    legend: list[tuple[LegendItem, int]]  # each phase with its number of cooperatives
    total: int


def stage_map(cooperatives: Iterable[Any], *, title: str = "") -> StageMap:
    """The map of these cooperatives coloured by phase, with a counted legend.

    ``cooperatives`` are Cooperative rows (their ``stage`` and
    ``primary_village_id`` are read; no extra query per row).
    """
    from django.urls import reverse

    from kopdes.cooperatives.models.choices import STAGE_PHASE, Phase

    legend = [
        LegendItem(phase.value, str(phase.label), PHASE_COLOURS[phase.value]) for phase in Phase
    ]
    counts = dict.fromkeys(PHASE_COLOURS, 0)
    entries = []
    for cooperative in cooperatives:
        phase = STAGE_PHASE.get(cooperative.stage, Phase.PEMBENTUKAN)
        counts[str(phase)] = counts.get(str(phase), 0) + 1
        entries.append(
            MapEntry(
                village_id=cooperative.primary_village_id,
                name=cooperative.name,
                url=reverse("cooperatives:home", args=[cooperative.slug]),
                key=str(phase),
            )
        )
    svg = village_map_svg(entries, legend, title=title)
    return StageMap(svg, [(item, counts[item.key]) for item in legend], len(entries))
