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

Names are readable without hovering: each village whose name fits inside its
shape carries a label (``place_label``: the widest run of the shape's inside
that holds the text, tried at a few sizes), and the printable page lists every
village beside the map, grouped by kecamatan with its stage
(``StageMap.groups``), so a village too small for a label is still named.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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
class Label:
    """Where a village's name goes: its centre and font size, in SVG units."""

    x: float
    y: float
    size: int


@dataclass(frozen=True)
class VillageName:
    name: str
    kecamatan_code: str
    kecamatan_name: str


@dataclass(frozen=True)
class _Projected:
    width: int
    height: int
    paths: dict[int, str]  # village id -> SVG path data
    labels: dict[int, Label] = field(default_factory=dict)  # only the names that fit
    names: dict[int, VillageName] = field(default_factory=dict)


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


def project(
    boundaries: dict[int, dict[str, Any] | None],
    width: int = VIEW_WIDTH,
    names: dict[int, str] | None = None,
) -> _Projected:
    """Project village boundaries (id -> GeoJSON geometry) into one SVG box.

    ``names`` (id -> village name) get a label where they fit (``place_label``).
    """
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
    labels: dict[int, Label] = {}
    for village_id, geometry in boundaries.items():
        parts = []
        rings: list[list[tuple[float, float]]] = []
        for ring in _rings(geometry):
            commands: list[str] = []
            projected: list[tuple[float, float]] = []
            previous = None
            for lng, lat, *_ in ring:
                x = round(margin + (lng - min_lng) * scale_x * factor, _DECIMALS)
                y = round(margin + (max_lat - lat) * factor, _DECIMALS)
                if (x, y) == previous:
                    continue
                previous = (x, y)
                projected.append((x, y))
                commands.append(f"{'M' if not commands else 'L'}{x:g} {y:g}")
            if len(commands) >= 3:
                parts.append("".join(commands) + "Z")
                rings.append(projected)
        if parts:
            paths[village_id] = "".join(parts)
            name = (names or {}).get(village_id)
            label = place_label(rings, name) if name else None
            if label is not None:
                labels[village_id] = label
    return _Projected(width, height, paths, labels)


# Label sizes tried, largest first, in SVG units of the 1000-wide box (about
# 11, 9 and 7.5 px on a desktop map, 6.5 to 4.5 pt on the printed A4 page).
LABEL_SIZES = (22, 18, 15)
# An average letter of a sans-serif face is about 0.6 of the font size wide.
_LETTER_WIDTH = 0.6
_SCANLINES = 24


def _inside_runs(
    rings: Sequence[Sequence[tuple[float, float]]], y: float
) -> list[tuple[float, float]]:
    """The runs (x0, x1) of a horizontal line at ``y`` inside the shape (even-odd rule)."""
    crossings = []
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
            if (y1 <= y < y2) or (y2 <= y < y1):
                crossings.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
    crossings.sort()
    return list(zip(crossings[::2], crossings[1::2], strict=False))


def _run_holding(runs: list[tuple[float, float]], x0: float, x1: float) -> bool:
    return any(a <= x0 and x1 <= b for a, b in runs)


def place_label(rings: Sequence[Sequence[tuple[float, float]]], name: str) -> Label | None:
    """The largest label of ``name`` that fits inside the shape, or None.

    At each of a few heights across the shape, the widest inside run is a
    candidate; the text fits when the runs half a line above and below also
    hold its whole width. Among fitting candidates the one with the most room
    left wins (usually near the middle of the shape).
    """
    ys = [y for ring in rings for _, y in ring]
    if not ys:
        return None
    top, bottom = min(ys), max(ys)
    for size in LABEL_SIZES:
        width = _LETTER_WIDTH * size * len(name)
        best: tuple[float, Label] | None = None
        for step in range(1, _SCANLINES):
            y = top + (bottom - top) * step / _SCANLINES
            for a, b in _inside_runs(rings, y):
                room = (b - a) - width
                if room < 0:
                    continue
                x = (a + b) / 2
                left, right = x - width / 2, x + width / 2
                if not (
                    _run_holding(_inside_runs(rings, y - size / 2), left, right)
                    and _run_holding(_inside_runs(rings, y + size / 2), left, right)
                ):
                    continue
                if best is None or room > best[0]:
                    best = (room, Label(round(x, 1), round(y, 1), size))
        if best is not None:
            return best[1]
    return None


def _projected_paths(village_ids: Iterable[int]) -> _Projected:
    key = tuple(sorted(set(village_ids)))
    cached = _cache.get(key)
    if cached is not None:
        return cached
    boundaries: dict[int, dict[str, Any] | None] = {}
    names: dict[int, VillageName] = {}
    # The boundary comes last: the cache test looks for this query by its tail.
    for pk, name, kecamatan_code, kecamatan_name, boundary in Region.objects.filter(
        pk__in=key
    ).values_list("pk", "name", "parent__code", "parent__name", "boundary"):
        boundaries[pk] = boundary
        names[pk] = VillageName(name, kecamatan_code or "", kecamatan_name or "")
    projected = project(boundaries, names={pk: n.name for pk, n in names.items()})
    projected = _Projected(
        projected.width, projected.height, projected.paths, projected.labels, names
    )
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
    opens its profile; the village's name is written on its shape where it
    fits. The legend is HTML beside the SVG (see the template), so it wraps on
    a phone; the colours come from ``legend``.
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
    # Names on top of every shape, ignored by pointer and screen reader (each
    # link already carries the cooperative's name).
    texts = []
    for entry in entries:
        label = projected.labels.get(entry.village_id)
        village = projected.names.get(entry.village_id)
        if label is None or village is None:
            continue
        # The baseline sits a third of the size below the centre line.
        texts.append(
            f'<text x="{label.x:g}" y="{label.y + label.size * 0.35:.1f}" '
            f'font-size="{label.size}">{escape(village.name)}</text>'
        )
    heading = f"<title>{escape(title)}</title>" if title else ""
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{escape(css_class)}" '
        f'viewBox="0 0 {projected.width} {projected.height}" role="img" '
        f'preserveAspectRatio="xMidYMid meet">{heading}'
        f'<g stroke="#ffffff" stroke-width="1.5" stroke-linejoin="round">'
        f"{''.join(shapes)}</g>"
        f'<g class="kopdes-map-labels" aria-hidden="true" text-anchor="middle" '
        f'font-family="sans-serif" fill="#111111" stroke="#ffffff" stroke-width="3" '
        f'stroke-linejoin="round" paint-order="stroke" pointer-events="none">'
        f"{''.join(texts)}</g></svg>"
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
class MapListItem:
    """One village in the list beside the map: its name, cooperative, stage and colour."""

    village: str
    cooperative: str
    url: str
    stage: str
    phase: str
    colour: str
    labelled: bool  # its name is also written on the map


@dataclass(frozen=True)
class MapListGroup:
    kecamatan: str
    items: list[MapListItem]


@dataclass(frozen=True)
class StageMap:
    svg: SafeString
    legend: list[tuple[LegendItem, int]]  # each phase with its number of cooperatives
    total: int
    # Every village by kecamatan (code order), villages by name: the list beside the map.
    groups: list[MapListGroup] = field(default_factory=list)


def stage_map(cooperatives: Iterable[Any], *, title: str = "") -> StageMap:
    """The map of these cooperatives coloured by phase, with a counted legend.

    ``cooperatives`` are Cooperative rows (their ``stage`` and
    ``primary_village_id`` are read; no extra query per row).
    """
    from django.urls import reverse

    from kopdes.cooperatives.models.choices import STAGE_PHASE, Phase, Stage

    legend = [
        LegendItem(phase.value, str(phase.label), PHASE_COLOURS[phase.value]) for phase in Phase
    ]
    stage_labels = {stage.value: str(stage.label) for stage in Stage}
    counts = dict.fromkeys(PHASE_COLOURS, 0)
    entries = []
    stages = []
    for cooperative in cooperatives:
        phase = STAGE_PHASE.get(cooperative.stage, Phase.PEMBENTUKAN)
        counts[str(phase)] = counts.get(str(phase), 0) + 1
        stages.append(stage_labels.get(cooperative.stage, cooperative.stage))
        entries.append(
            MapEntry(
                village_id=cooperative.primary_village_id,
                name=cooperative.name,
                url=reverse("cooperatives:home", args=[cooperative.slug]),
                key=str(phase),
            )
        )
    svg = village_map_svg(entries, legend, title=title)
    return StageMap(
        svg,
        [(item, counts[item.key]) for item in legend],
        len(entries),
        _groups(entries, stages),
    )


def _groups(entries: Sequence[MapEntry], stages: Sequence[str]) -> list[MapListGroup]:
    """The villages by kecamatan, from the cached names (no query)."""
    projected = _projected_paths(entry.village_id for entry in entries)
    by_kecamatan: dict[tuple[str, str], list[MapListItem]] = {}
    for entry, stage in zip(entries, stages, strict=True):
        village = projected.names.get(entry.village_id)
        if village is None:
            continue
        by_kecamatan.setdefault((village.kecamatan_code, village.kecamatan_name), []).append(
            MapListItem(
                village=village.name,
                cooperative=entry.name,
                url=entry.url,
                stage=stage,
                phase=entry.key,
                colour=PHASE_COLOURS.get(entry.key, "#cccccc"),
                labelled=entry.village_id in projected.labels,
            )
        )
    return [
        MapListGroup(name, sorted(items, key=lambda item: item.village))
        for (_, name), items in sorted(by_kecamatan.items())
    ]
