"""The business date follows the cooperative's clock, not UTC or the server's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import translation
from pytest_django import Settings

from kopdes.core import timeutils as t

WITA = "Asia/Makassar"  # UTC+8: PPU, the default
WIB = "Asia/Jakarta"  # UTC+7
WIT = "Asia/Jayapura"  # UTC+9


@dataclass
class Coop:
    """Stands in for a Cooperative: all business_date needs is ``time_zone``."""

    time_zone: str


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


# --- business_date ---------------------------------------------------------------------------


def test_half_past_midnight_wita_is_already_the_next_day() -> None:
    at = utc(2026, 11, 27, 16, 30)  # 00:30 on 28 Nov in WITA

    assert at.date() == date(2026, 11, 27)
    assert t.business_date(Coop(WITA), at=at) == date(2026, 11, 28)


def test_half_past_eleven_wita_is_still_the_same_day() -> None:
    at = utc(2026, 11, 27, 15, 30)  # 23:30 on 27 Nov in WITA

    assert t.business_date(Coop(WITA), at=at) == date(2026, 11, 27)


def test_wib_cooperative_is_an_hour_behind() -> None:
    # 16:30Z is 00:30 WITA on the 28th but only 23:30 WIB on the 27th.
    assert t.business_date(Coop(WIB), at=utc(2026, 11, 27, 16, 30)) == date(2026, 11, 27)
    assert t.business_date(Coop(WIB), at=utc(2026, 11, 27, 17, 30)) == date(2026, 11, 28)


def test_wit_cooperative_is_an_hour_ahead() -> None:
    # 15:30Z is 23:30 WITA on the 27th but already 00:30 WIT on the 28th.
    assert t.business_date(Coop(WIT), at=utc(2026, 11, 27, 15, 30)) == date(2026, 11, 28)
    assert t.business_date(Coop(WIT), at=utc(2026, 11, 27, 14, 30)) == date(2026, 11, 27)


def test_year_end_turns_over_on_local_time() -> None:
    # A deposit at 00:30 WITA on 1 January belongs to the new financial year.
    assert t.business_date(Coop(WITA), at=utc(2026, 12, 31, 16, 30)) == date(2027, 1, 1)


def test_without_a_cooperative_the_settings_zone_is_used(settings: Settings) -> None:
    settings.TIME_ZONE = WIB

    assert t.business_date(at=utc(2026, 11, 27, 16, 30)) == date(2026, 11, 27)


def test_default_zone_is_wita() -> None:
    assert t.default_time_zone() == WITA
    assert t.business_date(at=utc(2026, 11, 27, 16, 30)) == date(2026, 11, 28)


def test_at_in_any_zone_is_the_same_moment() -> None:
    from zoneinfo import ZoneInfo

    at = datetime(2026, 11, 27, 23, 30, tzinfo=ZoneInfo(WIB))  # = 00:30 WITA on the 28th

    assert t.business_date(Coop(WITA), at=at) == date(2026, 11, 28)


def test_default_moment_is_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.now", lambda: utc(2026, 11, 27, 16, 30))

    assert t.business_date() == date(2026, 11, 28)
    assert t.business_date(Coop(WIB)) == date(2026, 11, 27)
    assert t.local_now(WITA) == utc(2026, 11, 27, 16, 30)
    assert t.local_now(WITA).isoformat() == "2026-11-28T00:30:00+08:00"
    assert t.local_now().utcoffset() == timedelta(hours=8)


def test_naive_moment_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        t.business_date(Coop(WITA), at=datetime(2026, 11, 28, 0, 30))


@pytest.mark.django_db
def test_real_cooperative_uses_its_province_zone() -> None:
    from kopdes.testing import factories

    coop = factories.cooperative("64.09.04.2015")  # Telemow, Sepaku, Kalimantan Timur

    assert coop.time_zone == WITA
    assert t.business_date(coop, at=utc(2026, 11, 27, 16, 30)) == date(2026, 11, 28)


# --- bounds of a business day ----------------------------------------------------------------


def test_start_of_business_day_is_local_midnight() -> None:
    start = t.start_of_business_day(date(2026, 11, 28), WITA)

    assert start == utc(2026, 11, 27, 16, 0)
    assert start.isoformat() == "2026-11-28T00:00:00+08:00"


@pytest.mark.parametrize(
    ("tz_name", "utc_start"),
    [(WIB, utc(2026, 11, 27, 17)), (WITA, utc(2026, 11, 27, 16)), (WIT, utc(2026, 11, 27, 15))],
)
def test_business_day_bounds_cover_exactly_24_hours(tz_name: str, utc_start: datetime) -> None:
    start, end = t.business_day_bounds(date(2026, 11, 28), tz_name)

    assert start == utc_start
    assert end - start == timedelta(hours=24)
    assert end == t.start_of_business_day(date(2026, 11, 29), tz_name)


def test_bounds_are_half_open_and_contain_the_day_s_moments() -> None:
    start, end = t.business_day_bounds(date(2026, 11, 28), WITA)
    inside = [utc(2026, 11, 27, 16, 0), utc(2026, 11, 27, 16, 30), utc(2026, 11, 28, 15, 59, 59)]
    outside = [utc(2026, 11, 27, 15, 59, 59), utc(2026, 11, 28, 16, 0)]

    assert all(start <= moment < end for moment in inside)
    assert not any(start <= moment < end for moment in outside)
    # The same moments, classified by business_date, agree with the bounds.
    assert {t.business_date(Coop(WITA), at=m) for m in inside} == {date(2026, 11, 28)}


def test_bounds_default_to_the_settings_zone() -> None:
    assert t.business_day_bounds(date(2026, 11, 28)) == t.business_day_bounds(
        date(2026, 11, 28), WITA
    )


# --- Indonesian dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "style", "text"),
    [
        (date(2026, 11, 28), "short", "28 Nov 2026"),
        (date(2026, 11, 28), "numeric", "28-11-2026"),
        (date(2026, 11, 28), "long", "28 November 2026"),
        (date(2026, 8, 5), "short", "5 Agu 2026"),
        (date(2026, 8, 5), "numeric", "05-08-2026"),
        (date(2026, 10, 1), "short", "1 Okt 2026"),
        (date(2026, 12, 31), "short", "31 Des 2026"),
        (date(2026, 5, 2), "long", "2 Mei 2026"),
    ],
)
def test_format_date_id(d: date, style: t.DateStyle, text: str) -> None:
    assert t.format_date_id(d, style) == text


def test_format_date_id_defaults_to_short() -> None:
    assert t.format_date_id(date(2026, 11, 28)) == "28 Nov 2026"


def test_month_names_do_not_follow_the_active_language() -> None:
    with translation.override("en"):
        assert t.format_date_id(date(2026, 8, 17)) == "17 Agu 2026"
        assert t.month_name_id(12) == "Desember"


def test_every_month_name() -> None:
    assert [t.month_name_id(m, short=True) for m in range(1, 13)] == [
        "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
    ]  # fmt: skip
    assert [t.month_name_id(m) for m in range(1, 13)] == [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ]  # fmt: skip


@pytest.mark.parametrize("month", [0, 13])
def test_month_out_of_range_is_refused(month: int) -> None:
    with pytest.raises(ValueError, match="1–12"):
        t.month_name_id(month)


def test_a_timestamp_must_become_a_business_date_first() -> None:
    with pytest.raises(TypeError, match="business_date"):
        t.format_date_id(utc(2026, 11, 27, 16, 30))


def test_unknown_style_is_refused() -> None:
    with pytest.raises(ValueError, match="style"):
        t.format_date_id(date(2026, 11, 28), "iso")  # type: ignore[arg-type]
