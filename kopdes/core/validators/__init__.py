"""Checks and normalisers for Indonesian identifiers (docs/domain.md §9).

Every public function either returns the one stored form of a value (NIK
digits, NPWP 16 digits, E.164 phone, ``003/002``, postcode) or raises
``django.core.exceptions.ValidationError`` with an Indonesian message and a
stable ``code``. The messages are module-level constants (``%(name)s``
templates filled from the error's ``params``) so forms, the API, importers
and tests all use the same wording.

Why these are ``ValidationError`` and not ``DomainError``: they are field
checks, used as Django field validators and by forms; a service that meets
one turns it into its own ``DomainError`` naming the field. The one
exception is ``clean_fields``/``clean_instance`` (``fields.py``), the
services' own check of values against a model's field limits, which raises
the calling service's ``DomainError`` directly.
"""

from kopdes.core.validators.contact import (
    NPWP_ALL_ZERO,
    NPWP_LENGTH,
    NPWP_NOT_DIGITS,
    PHONE_BAD_CHARS,
    PHONE_BAD_PREFIX,
    PHONE_LANDLINE_LENGTH,
    PHONE_MOBILE_LENGTH,
    PHONE_NOT_INDONESIAN,
    POSTCODE_INVALID,
    RT_RW_FORMAT,
    RT_RW_RANGE,
    format_phone_local,
    normalize_npwp,
    normalize_phone,
    normalize_postcode,
    normalize_rt_rw,
    validate_npwp,
    validate_phone,
    validate_postcode,
    validate_rt_rw,
)
from kopdes.core.validators.fields import (
    INT64_MAX,
    INT64_MIN,
    TEXT_MAX_LENGTH,
    clean_fields,
    clean_instance,
    clean_value,
)
from kopdes.core.validators.nik import (
    NIK_BAD_DAY,
    NIK_BAD_MONTH,
    NIK_BIRTH_DATE_MISMATCH,
    NIK_IMPOSSIBLE_DATE,
    NIK_LENGTH,
    NIK_NOT_DIGITS,
    NIK_SERIAL_ZERO,
    NIK_SEX_MISMATCH,
    NIK_UNKNOWN_KECAMATAN,
    NIK_UNKNOWN_PROVINCE,
    NIK_UNKNOWN_REGENCY,
    SEX_FEMALE,
    SEX_MALE,
    NikInfo,
    check_nik_matches,
    clean_nik,
    clear_region_cache,
    mask_nik,
    parse_nik,
    validate_nik,
)
from kopdes.core.validators.text import (
    TEXT_CONTROL_CHARACTER,
    TEXT_LINE_BREAK,
    TEXT_NOT_TEXT,
    TEXT_NOT_UNICODE,
    TEXT_TOO_LONG,
    check_characters,
    clean_text,
    validate_multiline_text,
    validate_text,
)

__all__ = [
    "INT64_MAX",
    "INT64_MIN",
    "NIK_BAD_DAY",
    "NIK_BAD_MONTH",
    "NIK_BIRTH_DATE_MISMATCH",
    "NIK_IMPOSSIBLE_DATE",
    "NIK_LENGTH",
    "NIK_NOT_DIGITS",
    "NIK_SERIAL_ZERO",
    "NIK_SEX_MISMATCH",
    "NIK_UNKNOWN_KECAMATAN",
    "NIK_UNKNOWN_PROVINCE",
    "NIK_UNKNOWN_REGENCY",
    "NPWP_ALL_ZERO",
    "NPWP_LENGTH",
    "NPWP_NOT_DIGITS",
    "PHONE_BAD_CHARS",
    "PHONE_BAD_PREFIX",
    "PHONE_LANDLINE_LENGTH",
    "PHONE_MOBILE_LENGTH",
    "PHONE_NOT_INDONESIAN",
    "POSTCODE_INVALID",
    "RT_RW_FORMAT",
    "RT_RW_RANGE",
    "SEX_FEMALE",
    "SEX_MALE",
    "TEXT_CONTROL_CHARACTER",
    "TEXT_LINE_BREAK",
    "TEXT_MAX_LENGTH",
    "TEXT_NOT_TEXT",
    "TEXT_NOT_UNICODE",
    "TEXT_TOO_LONG",
    "NikInfo",
    "check_characters",
    "check_nik_matches",
    "clean_fields",
    "clean_instance",
    "clean_nik",
    "clean_text",
    "clean_value",
    "clear_region_cache",
    "format_phone_local",
    "mask_nik",
    "normalize_npwp",
    "normalize_phone",
    "normalize_postcode",
    "normalize_rt_rw",
    "parse_nik",
    "validate_multiline_text",
    "validate_nik",
    "validate_npwp",
    "validate_phone",
    "validate_postcode",
    "validate_rt_rw",
    "validate_text",
]
