"""Load the shipped reference regions (see ``reference/*.NOTICE.txt``).

Used by the data migration ``core/0002_load_regions`` (with the historical
model) and by ``demo_reset`` (``flush`` empties the region table). There is no
command of its own: when the reference files change, a new data migration
calls this function.
Idempotent: existing codes are updated, new ones added, none deleted
(records may point to a retired code).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REFERENCE_DIR = Path(__file__).resolve().parent / "reference"

# WIB/WITA/WIT by province code: every regency inherits its province's zone.
_WIB = {
    "11",
    "12",
    "13",
    "14",
    "15",
    "16",
    "17",
    "18",
    "19",
    "21",
    "31",
    "32",
    "33",
    "34",
    "35",
    "36",
    "61",
    "62",
}
_WIT = {"81", "82", "91", "92", "93", "94", "95", "96"}


def province_time_zone(code: str) -> str:
    if code in _WIB:
        return "Asia/Jakarta"
    if code in _WIT:
        return "Asia/Jayapura"
    return "Asia/Makassar"


def _rows(name: str) -> Iterator[dict[str, str]]:
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _regency_kind(name: str) -> str:
    return "kota" if name.lower().startswith("kota") else "kabupaten"


def load_regions(region_model: Any) -> int:
    """Create or update every reference region; returns how many were written."""
    existing = {r.code: r for r in region_model.objects.all()}
    written = 0

    def upsert(code: str, parent: Any, **fields: Any) -> Any:
        nonlocal written
        fields["nik_code"] = code.replace(".", "")
        region = existing.get(code)
        if region is None:
            region = region_model(code=code, parent=parent, **fields)
            region.save()
            existing[code] = region
            written += 1
            return region
        changed = False
        for key, value in {"parent": parent, **fields}.items():
            if getattr(region, key) != value:
                setattr(region, key, value)
                changed = True
        if changed:
            region.save()
            written += 1
        return region

    for row in _rows("wilayah_provinsi.csv"):
        upsert(
            row["kode"],
            None,
            name=row["nama"],
            level=1,
            kind="provinsi",
            is_current=row["current"] == "1",
            time_zone=province_time_zone(row["kode"]),
        )
    # Bulk-create the two big levels: thousands of single inserts would make
    # the first migrate slow on SQLite.
    _bulk_level(region_model, existing, _rows("wilayah_kabupaten.csv"), "kode_provinsi", 2)
    _bulk_level(region_model, existing, _rows("wilayah_kecamatan.csv"), "kode_kabupaten", 3)

    boundaries = _load_boundaries()
    for row in _rows("ppu_wilayah.csv"):
        feature = boundaries.get(row["kode"], {})
        upsert(
            row["kode"],
            existing[row["kode_kecamatan"]],
            name=row["nama"],
            level=4,
            kind=row["jenis"],
            is_current=True,
            centroid_lat=feature.get("lat"),
            centroid_lng=feature.get("lng"),
            boundary=feature.get("geometry"),
        )
    return written


def _bulk_level(
    region_model: Any,
    existing: dict[str, Any],
    rows: Iterator[dict[str, str]],
    parent_column: str,
    level: int,
) -> None:
    new = []
    for row in rows:
        if row["kode"] in existing:
            continue
        kind = _regency_kind(row["nama"]) if level == 2 else "kecamatan"
        new.append(
            region_model(
                code=row["kode"],
                nik_code=row["kode_nik"],
                name=row["nama"],
                level=level,
                kind=kind,
                parent=existing[row[parent_column]],
                is_current=row["current"] == "1",
            )
        )
    region_model.objects.bulk_create(new, batch_size=500)
    for region in region_model.objects.filter(level=level):
        existing[region.code] = region


def _load_boundaries() -> dict[str, dict[str, Any]]:
    with open(REFERENCE_DIR / "ppu_desa_boundaries.geojson", encoding="utf-8") as handle:
        collection = json.load(handle)
    result: dict[str, dict[str, Any]] = {}
    for feature in collection["features"]:
        props = feature["properties"]
        result[props["kode"]] = {
            "lat": float(props["lat"]),
            "lng": float(props["lng"]),
            "geometry": feature["geometry"],
        }
    return result
