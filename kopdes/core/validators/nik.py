"""NIK: structure, birth date and sex, known region prefixes (docs/domain.md §9)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# --- Messages ------------------------------------------------------------------------------
# Indonesian source strings go through gettext so the English catalogue can
# translate them; the Indonesian text is what users see by default.

NIK_NOT_DIGITS = _("NIK hanya boleh berisi angka.")
NIK_LENGTH = _("NIK harus 16 angka; yang diisi %(count)s angka.")
NIK_UNKNOWN_PROVINCE = _("Kode provinsi %(code)s pada NIK tidak dikenal.")
NIK_UNKNOWN_REGENCY = _("Kode kabupaten/kota %(code)s pada NIK tidak dikenal.")
NIK_BAD_DAY = _(
    "Tanggal lahir pada NIK (%(day)s) tidak sah: harus 01–31, atau 41–71 untuk perempuan."
)
NIK_BAD_MONTH = _("Bulan lahir pada NIK (%(month)s) tidak sah: harus 01–12.")
NIK_IMPOSSIBLE_DATE = _("Tanggal lahir pada NIK (%(date)s) tidak ada di kalender.")
NIK_SERIAL_ZERO = _("Nomor urut pada NIK (4 angka terakhir) tidak boleh 0000.")
NIK_UNKNOWN_KECAMATAN = _(
    "Kode kecamatan %(code)s pada NIK tidak ada di tabel wilayah; periksa kembali "
    "(kode kecamatan dapat berubah, jadi NIK tetap diterima)."
)
NIK_BIRTH_DATE_MISMATCH = _(
    "Tanggal lahir %(recorded)s tidak cocok dengan NIK (NIK menunjukkan %(encoded)s)."
)
NIK_SEX_MISMATCH = _(
    "Jenis kelamin tidak cocok dengan NIK: tanggal pada NIK untuk perempuan ditambah 40."
)


# --- NIK ------------------------------------------------------------------------------------

SEX_MALE = "L"
SEX_FEMALE = "P"
# Women's NIKs carry the birth day plus 40 (01–31 becomes 41–71).
_FEMALE_DAY_OFFSET = 40
_NIK_SEPARATORS = re.compile(r"[\s.]")


@dataclass
class NikInfo:
    """What an NIK says about its holder. ``warnings`` never block a save."""

    nik: str
    province_code: str  # "64"
    regency_code: str  # "64.09"
    kecamatan_code: str  # "64.09.01"
    birth_date: date
    sex: str  # "L" or "P"
    serial: str  # "0001": kept as text because the leading zeros are part of the number
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _KnownRegions:
    provinces: frozenset[str]
    regencies: frozenset[str]
    kecamatans: frozenset[str]


# One query loads every level 1-3 code (about 8,500 rows); validating an
# import of 10,000 NIKs then costs set look-ups, not 10,000 queries.
_known_regions: _KnownRegions | None = None


def clear_region_cache() -> None:
    """Forget the loaded region codes; the next NIK check reads the table again."""
    global _known_regions
    _known_regions = None


def _regions() -> _KnownRegions:
    global _known_regions
    if _known_regions is not None:
        return _known_regions
    # Looked up through the app registry so that models may use these
    # validators without an import cycle.
    region_model = apps.get_model("core", "Region")
    by_level: dict[int, set[str]] = {1: set(), 2: set(), 3: set()}
    # Historical codes (is_current=False, e.g. Papua before the 2022 split)
    # are included on purpose: NIKs issued under them remain valid.
    rows = region_model._default_manager.filter(level__lte=3).values_list("nik_code", "level")
    for nik_code, level in rows:
        by_level[level].add(nik_code)
    loaded = _KnownRegions(
        provinces=frozenset(by_level[1]),
        regencies=frozenset(by_level[2]),
        kecamatans=frozenset(by_level[3]),
    )
    # An empty table (before the data migration) is not cached, or every NIK
    # would be refused until the process restarts.
    if loaded.provinces:
        _known_regions = loaded
    return loaded


def _on_region_change(**kwargs: Any) -> None:
    clear_region_cache()


# A lazy "app_label.Model" sender: connects once the registry is ready.
post_save.connect(_on_region_change, sender="core.Region", dispatch_uid="nik_region_cache_save")
post_delete.connect(_on_region_change, sender="core.Region", dispatch_uid="nik_region_cache_delete")


def clean_nik(value: str) -> str:
    """The 16 digits of an NIK, or ``ValidationError`` for a wrong shape.

    Spaces and dots are dropped because NIKs are often copied from a KTP
    photo or a spreadsheet as "6409 0112 0385 0001".
    """
    digits = _NIK_SEPARATORS.sub("", str(value or ""))
    if not digits.isdigit() or not digits.isascii():
        raise ValidationError(NIK_NOT_DIGITS, code="nik_not_digits")
    if len(digits) != 16:
        raise ValidationError(NIK_LENGTH, code="nik_length", params={"count": len(digits)})
    return digits


def _resolve_year(day: int, month: int, yy: int, today: date) -> date | None:
    """The latest birth date with these digits that is not in the future.

    The NIK holds only two year digits. A date in the 2000s that has already
    happened wins; otherwise the 1900s (nobody is born in the future, and a
    member over a hundred is far rarer than one born this century).
    """
    for century in (2000, 1900):
        year = century + yy
        if day > calendar.monthrange(year, month)[1]:
            continue
        candidate = date(year, month, day)
        if candidate <= today or century == 1900:
            return candidate
    return None


def _decode_birth(
    digits: str, today: date
) -> tuple[date | None, str | None, list[ValidationError]]:
    """Birth date and sex from digits 7-12, with any errors found there."""
    errors: list[ValidationError] = []
    raw_day, raw_month, yy = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    sex = SEX_FEMALE if raw_day > _FEMALE_DAY_OFFSET else SEX_MALE
    day = raw_day - _FEMALE_DAY_OFFSET if sex == SEX_FEMALE else raw_day
    day_ok = 1 <= day <= 31
    month_ok = 1 <= raw_month <= 12
    if not day_ok:
        errors.append(ValidationError(NIK_BAD_DAY, code="nik_day", params={"day": digits[6:8]}))
    if not month_ok:
        errors.append(
            ValidationError(NIK_BAD_MONTH, code="nik_month", params={"month": digits[8:10]})
        )
    if not (day_ok and month_ok):
        return None, None, errors
    birth = _resolve_year(day, raw_month, yy, today)
    if birth is None:
        shown = f"{day:02d}-{raw_month:02d}-{yy:02d}"
        errors.append(ValidationError(NIK_IMPOSSIBLE_DATE, code="nik_date", params={"date": shown}))
        return None, None, errors
    return birth, sex, errors


def parse_nik(value: str, *, today: date | None = None) -> NikInfo:
    """Validate an NIK and decode it; raises ``ValidationError`` listing every fault.

    ``today`` (default: today's date in the default zone) decides the century
    of the two-digit birth year. Only the province and regency must be known:
    a migrant's NIK issued in another province is valid (Babulu and Sepaku are
    transmigration areas), while an unknown kecamatan is only a warning.
    """
    digits = clean_nik(value)
    today = today or timezone.localdate()
    known = _regions()
    errors: list[ValidationError] = []

    province, regency, kecamatan = digits[:2], digits[:4], digits[:6]
    province_code = province
    regency_code = f"{province}.{digits[2:4]}"
    kecamatan_code = f"{regency_code}.{digits[4:6]}"
    if province not in known.provinces:
        errors.append(
            ValidationError(
                NIK_UNKNOWN_PROVINCE, code="nik_province", params={"code": province_code}
            )
        )
    # An unknown province makes every regency under it unknown; saying so
    # twice would only add noise to an import report.
    elif regency not in known.regencies:
        errors.append(
            ValidationError(NIK_UNKNOWN_REGENCY, code="nik_regency", params={"code": regency_code})
        )

    birth_date, sex, birth_errors = _decode_birth(digits, today)
    errors.extend(birth_errors)
    if digits[12:] == "0000":
        errors.append(ValidationError(NIK_SERIAL_ZERO, code="nik_serial"))
    # birth_date and sex are None only when an error says why.
    if errors or birth_date is None or sex is None:
        raise ValidationError(errors)

    warnings: list[str] = []
    if kecamatan not in known.kecamatans:
        warnings.append(str(NIK_UNKNOWN_KECAMATAN % {"code": kecamatan_code}))
    return NikInfo(
        nik=digits,
        province_code=province_code,
        regency_code=regency_code,
        kecamatan_code=kecamatan_code,
        birth_date=birth_date,
        sex=sex,
        serial=digits[12:],
        warnings=warnings,
    )


def validate_nik(value: str) -> None:
    """Django field validator: refuses what ``parse_nik`` refuses (warnings pass)."""
    parse_nik(value)


def check_nik_matches(nik: str | NikInfo, *, birth_date: date | None, sex: str | None) -> list[str]:
    """Messages for each way a member's recorded birth date or sex contradicts the NIK.

    An empty list means no contradiction. A missing recorded value is not
    compared. Only the day, month and the two year digits are compared,
    since that is all the NIK holds (a recorded 1925 agrees with "25").
    A malformed NIK raises ``ValidationError``: there is nothing to compare.
    """
    if isinstance(nik, NikInfo):
        encoded_date, encoded_sex = nik.birth_date, nik.sex
    else:
        decoded_date, decoded_sex, errors = _decode_birth(clean_nik(nik), timezone.localdate())
        if errors or decoded_date is None or decoded_sex is None:
            raise ValidationError(errors)
        encoded_date, encoded_sex = decoded_date, decoded_sex

    problems: list[str] = []
    if birth_date is not None and (
        birth_date.day != encoded_date.day
        or birth_date.month != encoded_date.month
        or birth_date.year % 100 != encoded_date.year % 100
    ):
        problems.append(
            str(
                NIK_BIRTH_DATE_MISMATCH
                % {
                    "recorded": birth_date.strftime("%d-%m-%Y"),
                    "encoded": encoded_date.strftime("%d-%m-%Y"),
                }
            )
        )
    if sex and sex.strip().upper() != encoded_sex:
        problems.append(str(NIK_SEX_MISMATCH))
    return problems


def mask_nik(value: str) -> str:
    """``6409••••••••0001``: enough to tell members apart on a list, not to copy the NIK."""
    digits = _NIK_SEPARATORS.sub("", str(value or ""))
    if len(digits) <= 8:
        return "•" * len(digits)
    return digits[:4] + "•" * (len(digits) - 8) + digits[-4:]
