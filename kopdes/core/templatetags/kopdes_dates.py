"""Dates and times in one style on every page (docs/architecture.md, "Dates and times").

``{{ day|tanggal }}`` -> ``2 Des 2026`` (running text); ``{{ day|tanggal_tabel }}``
-> ``02-12-2026`` (table cells); ``{{ moment|waktu:cooperative }}`` ->
``2 Des 2026 14.05 WITA`` in the cooperative's zone (the regency's without
one); ``{{ moment|waktu_tabel:cooperative }}`` -> ``02-12-2026 14.05 WITA``.
Month names are fixed Indonesian ones (``kopdes.core.timeutils``), whatever
the active language. An empty value renders as nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template

from kopdes.core import timeutils

register = template.Library()


def _day(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return timeutils.business_date(None, value) if value.tzinfo else value.date()
    return value


@register.filter
def tanggal(value: Any) -> str:
    day = _day(value)
    return timeutils.format_date_id(day) if day else ""


@register.filter
def tanggal_tabel(value: Any) -> str:
    day = _day(value)
    return timeutils.format_date_id(day, "numeric") if day else ""


def _zone_of(owner: Any) -> str | None:
    if owner in (None, ""):
        return None
    return str(owner) if isinstance(owner, str) else owner.time_zone


@register.filter
def waktu(value: Any, owner: Any = None) -> str:
    if value in (None, ""):
        return ""
    return timeutils.format_datetime_id(value, _zone_of(owner))


@register.filter
def waktu_tabel(value: Any, owner: Any = None) -> str:
    if value in (None, ""):
        return ""
    return timeutils.format_datetime_id(value, _zone_of(owner), "numeric")
