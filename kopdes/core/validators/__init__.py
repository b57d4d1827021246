"""Checks and normalisers for Indonesian identifiers (DOMAIN.md section 9).

Every public function either returns the one stored form of a value (NIK
digits, NPWP 16 digits, E.164 phone, ``003/002``, postcode) or raises
``django.core.exceptions.ValidationError`` with an Indonesian message and a
stable ``code``. The messages are module-level constants (``%(name)s``
templates filled from the error's ``params``) so forms, the API, importers
and tests all use the same wording.

Why these are ``ValidationError`` and not ``DomainError``: they are field
checks, used as Django field validators and by forms; a service that meets
one turns it into its own ``DomainError`` naming the field.
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

__all__ = [
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
    "NikInfo",
    "check_nik_matches",
    "clean_nik",
    "clear_region_cache",
    "format_phone_local",
    "mask_nik",
    "normalize_npwp",
    "normalize_phone",
    "normalize_postcode",
    "normalize_rt_rw",
    "parse_nik",
    "validate_nik",
    "validate_npwp",
    "validate_phone",
    "validate_postcode",
    "validate_rt_rw",
]
