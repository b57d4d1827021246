"""The business date and Indonesian date formatting (ADR 0002).

Timestamps are stored in UTC (``USE_TZ = True``). But a cooperative lives by
its *local* calendar: a deposit taken at 00:30 WITA on 28 November is a
28 November transaction even though it is still 27 November in UTC and on a
server set to UTC. So every money movement carries a **business date**,
computed here from the moment and the cooperative's own zone, and that date,
never the server's, decides which accounting period a posting falls in, how
many days a loan instalment is past due, and which day a statement or a daily
close covers. Indonesia spans three zones (WIB UTC+7, WITA UTC+8, WIT UTC+9)
and a migrant member's phone may be set to any of them, so the zone comes from
the cooperative's region, not from the browser or the server.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

_MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
# Fixed Indonesian abbreviations ("Agu", "Okt", "Des"), written out rather than
# taken from strftime or Django's formats, so that the output does not depend
# on the active locale, the server's C library, or the English catalogue.
_MONTHS_ID_SHORT = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Mei",
    "Jun",
    "Jul",
    "Agu",
    "Sep",
    "Okt",
    "Nov",
    "Des",
)


class HasTimeZone(Protocol):
    """Anything with an IANA zone name, such as a ``Cooperative``.

    A protocol rather than the model keeps core free of imports from the
    apps above it (docs/design.md rule 1).
    """

    @property
    def time_zone(self) -> str: ...


def default_time_zone() -> str:
    """The regency's zone from settings (``Asia/Makassar`` for PPU)."""
    return str(settings.TIME_ZONE)


def _zone(tz_name: str | None) -> ZoneInfo:
    return ZoneInfo(tz_name or default_time_zone())


def local_now(tz_name: str | None = None) -> datetime:
    """The current moment as an aware datetime in ``tz_name`` (default: settings)."""
    return timezone.now().astimezone(_zone(tz_name))


def business_date(cooperative: HasTimeZone | None = None, at: datetime | None = None) -> date:
    """The local calendar date of the moment ``at`` (default: now) for a cooperative.

    This is the date stored on every money movement. It drives accounting
    periods and days past due, so it must be the date the teller and the
    member see on the wall, in the cooperative's zone, not the UTC date of the
    stored timestamp nor the date of the server's clock. Without a
    cooperative, the regency's default zone is used.

    A naive ``at`` is refused: its zone would be a guess, and a wrong guess
    moves transactions near midnight into the wrong day.
    """
    moment = timezone.now() if at is None else at
    if timezone.is_naive(moment):
        raise ValueError("business_date needs an aware datetime; got a naive one.")
    tz_name = cooperative.time_zone if cooperative is not None else None
    return moment.astimezone(_zone(tz_name)).date()


def start_of_business_day(d: date, tz_name: str | None = None) -> datetime:
    """The aware moment at which business date ``d`` begins (local midnight)."""
    return datetime.combine(d, time.min, tzinfo=_zone(tz_name))


def business_day_bounds(d: date, tz_name: str | None = None) -> tuple[datetime, datetime]:
    """``(start, end)`` of business date ``d``: query ``ts >= start and ts < end``.

    Half-open, so a timestamp at exactly local midnight belongs to one day
    only. The end is the next day's start rather than ``start + 24h`` so the
    bounds stay right in zones with daylight saving (Indonesia has none).
    """
    return start_of_business_day(d, tz_name), start_of_business_day(d + timedelta(days=1), tz_name)


def month_name_id(month: int, *, short: bool = False) -> str:
    """Indonesian month name: ``month_name_id(8)`` → ``Agustus``; short → ``Agu``."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1–12, got {month}")
    return (_MONTHS_ID_SHORT if short else _MONTHS_ID)[month - 1]


DateStyle = Literal["short", "numeric", "long"]


def format_date_id(d: date, style: DateStyle = "short") -> str:
    """``28 Nov 2026`` (short), ``28-11-2026`` (numeric) or ``28 November 2026`` (long).

    Takes a date, not a datetime: a timestamp must first become a business
    date (``business_date``) so that it is shown on the cooperative's day.
    """
    if isinstance(d, datetime):
        raise TypeError("format_date_id takes a date; convert a timestamp with business_date().")
    if style == "numeric":
        return f"{d.day:02d}-{d.month:02d}-{d.year:04d}"
    if style == "short":
        return f"{d.day} {month_name_id(d.month, short=True)} {d.year}"
    if style == "long":
        return f"{d.day} {month_name_id(d.month)} {d.year}"
    raise ValueError(f"unknown date style {style!r}")


# Indonesia's three zones by their Indonesian abbreviation (WIB, WITA, WIT).
_ZONE_ABBREVIATIONS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def zone_abbreviation(tz_name: str | None = None) -> str:
    """``WIB``, ``WITA`` or ``WIT`` for an Indonesian zone; ``UTC+8``-style otherwise."""
    name = tz_name or default_time_zone()
    if name in _ZONE_ABBREVIATIONS:
        return _ZONE_ABBREVIATIONS[name]
    offset = local_now(name).utcoffset()
    hours = int(offset.total_seconds() // 3600) if offset is not None else 0
    return f"UTC{hours:+d}"


def format_datetime_id(
    moment: datetime, tz_name: str | None = None, style: DateStyle = "short"
) -> str:
    """A moment as the cooperative reads it: ``2 Des 2026 14.05 WITA`` (its own zone).

    The date follows ``format_date_id``'s style (``02-12-2026 14.05 WITA`` in
    tables); the time is written the Indonesian way (``14.05``) and always
    names its zone, since a district office and a village may not share one.
    """
    if timezone.is_naive(moment):
        raise ValueError("format_datetime_id needs an aware datetime; got a naive one.")
    local = moment.astimezone(_zone(tz_name))
    return (
        f"{format_date_id(local.date(), style)} {local.hour:02d}.{local.minute:02d} "
        f"{zone_abbreviation(tz_name)}"
    )
