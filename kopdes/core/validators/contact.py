"""NPWP, phone numbers, RT/RW and postcodes (docs/domain.md §9)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# --- Messages ------------------------------------------------------------------------------
NPWP_NOT_DIGITS = _("NPWP hanya boleh berisi angka (titik, tanda hubung, dan spasi diabaikan).")
NPWP_LENGTH = _("NPWP harus 16 angka, atau 15 angka untuk NPWP lama; yang diisi %(count)s angka.")
NPWP_ALL_ZERO = _("NPWP tidak boleh semuanya angka 0.")

PHONE_BAD_CHARS = _(
    "Nomor telepon hanya boleh berisi angka, spasi, tanda hubung, titik, kurung, dan + di depan."
)
PHONE_NOT_INDONESIAN = _("Nomor telepon harus nomor Indonesia (+62).")
PHONE_BAD_PREFIX = _(
    "Nomor telepon tidak dikenal: nomor ponsel diawali 08, nomor telepon rumah/kantor diawali "
    "kode wilayah (mis. 0542)."
)
PHONE_MOBILE_LENGTH = _(
    "Nomor ponsel harus 10–13 angka dalam bentuk 08…; nomor ini %(count)s angka."
)
PHONE_LANDLINE_LENGTH = _(
    "Nomor telepon rumah/kantor harus 9–11 angka termasuk kode wilayah (mis. 0542-721100); "
    "nomor ini %(count)s angka."
)

RT_RW_FORMAT = _("RT/RW harus ditulis seperti 003/002 atau RT 3 RW 2.")
RT_RW_RANGE = _("Nomor RT dan RW harus antara 1 dan 999.")

POSTCODE_INVALID = _("Kode pos harus 5 angka dan tidak diawali 0 (mis. 76141).")


# --- NPWP -----------------------------------------------------------------------------------

_NPWP_SEPARATORS = re.compile(r"[\s.\-]")


def normalize_npwp(value: str) -> str:
    """The 16-digit NPWP; a legacy 15-digit number gets the leading 0 the DJP added in 2024."""
    digits = _NPWP_SEPARATORS.sub("", str(value or ""))
    if not digits.isdigit() or not digits.isascii():
        raise ValidationError(NPWP_NOT_DIGITS, code="npwp_not_digits")
    if len(digits) == 15:
        digits = "0" + digits
    if len(digits) != 16:
        raise ValidationError(NPWP_LENGTH, code="npwp_length", params={"count": len(digits)})
    if set(digits) == {"0"}:
        raise ValidationError(NPWP_ALL_ZERO, code="npwp_zero")
    return digits


def validate_npwp(value: str) -> None:
    normalize_npwp(value)


# --- Phone ----------------------------------------------------------------------------------

_PHONE_ALLOWED = re.compile(r"^\+?[\d\s().\-]+$", re.ASCII)
# After the trunk 0, these area codes have two digits; all others have three.
_TWO_DIGIT_AREA_CODES = frozenset({"21", "22", "24", "31", "61"})
_MOBILE_LOCAL_LENGTHS = range(10, 14)  # 08xx…: 10–13 digits (docs/domain.md §9)
# Area code with trunk 0 (3–4 digits) plus a 5–8 digit subscriber number.
_LANDLINE_LOCAL_LENGTHS = range(9, 12)


def normalize_phone(value: str) -> str:
    """An Indonesian number as E.164 (``+628123456789``).

    Accepts the forms people write: ``0812-3456-789``, ``62812…``, ``+62 812…``,
    ``812…`` (mobile without the 0) and landlines with their area code
    (``0542-721100``). Foreign numbers are refused: SMS reminders and
    WhatsApp links assume an Indonesian number.
    """
    raw = str(value or "").strip()
    if not raw or not _PHONE_ALLOWED.match(raw):
        raise ValidationError(PHONE_BAD_CHARS, code="phone_chars")
    digits = re.sub(r"\D", "", raw, flags=re.ASCII)
    if raw.startswith("+") or digits.startswith("62"):
        if not digits.startswith("62"):
            raise ValidationError(PHONE_NOT_INDONESIAN, code="phone_country")
        national = digits[2:]
        # "+62 0812…" keeps the trunk 0 by mistake; after 62 a number never
        # starts with 0, so dropping it is safe.
        if national.startswith("0"):
            national = national[1:]
    elif digits.startswith("0"):
        national = digits[1:]
    elif digits.startswith("8"):
        national = digits
    else:
        raise ValidationError(PHONE_BAD_PREFIX, code="phone_prefix")

    local_length = len(national) + 1
    if national.startswith("8"):
        if local_length not in _MOBILE_LOCAL_LENGTHS:
            raise ValidationError(
                PHONE_MOBILE_LENGTH, code="phone_length", params={"count": local_length}
            )
    elif national[:1] in {"2", "3", "4", "5", "6", "7", "9"}:
        if local_length not in _LANDLINE_LOCAL_LENGTHS:
            raise ValidationError(
                PHONE_LANDLINE_LENGTH, code="phone_length", params={"count": local_length}
            )
    else:
        raise ValidationError(PHONE_BAD_PREFIX, code="phone_prefix")
    return "+62" + national


def validate_phone(value: str) -> None:
    normalize_phone(value)


def format_phone_local(value: str) -> str:
    """``+628123456789`` → ``0812-3456-789``; landline ``+62542721100`` → ``0542-721100``."""
    national = normalize_phone(value)[3:]
    local = "0" + national
    if national.startswith("8"):
        rest = local[4:]
        split = 3 if len(rest) <= 6 else 4
        return f"{local[:4]}-{rest[:split]}-{rest[split:]}"
    area_length = 3 if national[:2] in _TWO_DIGIT_AREA_CODES else 4
    return f"{local[:area_length]}-{local[area_length:]}"


# --- RT/RW ----------------------------------------------------------------------------------

_RT_RW_PATTERNS = (
    re.compile(r"^RT\.?:?\s*(\d+)\s*[/,\-]?\s*RW\.?:?\s*(\d+)$", re.ASCII),
    re.compile(r"^(\d+)\s*[/\-]\s*(\d+)$", re.ASCII),
)


def normalize_rt_rw(value: str) -> str:
    """``003/002`` from ``3/2``, ``03 / 02`` or ``RT 3 RW 2``: one form to sort and match on."""
    text = str(value or "").strip().upper()
    for pattern in _RT_RW_PATTERNS:
        match = pattern.match(text)
        if match:
            rt, rw = int(match.group(1)), int(match.group(2))
            if not (1 <= rt <= 999 and 1 <= rw <= 999):
                raise ValidationError(RT_RW_RANGE, code="rt_rw_range")
            return f"{rt:03d}/{rw:03d}"
    raise ValidationError(RT_RW_FORMAT, code="rt_rw_format")


def validate_rt_rw(value: str) -> None:
    normalize_rt_rw(value)


# --- Postcode -------------------------------------------------------------------------------

# Indonesian postcodes run from 10110 to 99976: five digits, never a leading 0.
_POSTCODE = re.compile(r"^[1-9][0-9]{4}$")


def normalize_postcode(value: str) -> str:
    text = re.sub(r"\s", "", str(value or ""))
    if not _POSTCODE.match(text):
        raise ValidationError(POSTCODE_INVALID, code="postcode")
    return text


def validate_postcode(value: str) -> None:
    normalize_postcode(value)
