"""Free text typed by people or sent by programs: names, numbers, notes.

``clean_text`` is the one check every service runs on text before it is
stored (docs/registry.md, "Validation"): it refuses the NUL character and
other control characters (which PostgreSQL refuses with an error, and which
no keyboard types), lone surrogates (text that is not valid Unicode and
cannot be stored as UTF-8), line breaks in one-line fields, and text longer
than the field holds. It never shortens text: SQLite does not enforce a
column's length, so a silent cut would be the only other outcome.

The messages name the field and the limit; like the other validators, a
refusal is a ``ValidationError`` with a stable ``code`` and ``params``.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

TEXT_CONTROL_CHARACTER = _(
    "%(field)s berisi karakter kendali yang tidak boleh disimpan (mis. NUL); "
    "hapus karakter itu lalu kirim lagi."
)
TEXT_NOT_UNICODE = _("%(field)s berisi karakter yang tidak sah (bukan teks Unicode).")
TEXT_LINE_BREAK = _("%(field)s harus satu baris, tanpa ganti baris.")
TEXT_TOO_LONG = _("%(field)s paling banyak %(limit)s karakter; yang diisi %(count)s karakter.")
TEXT_NOT_TEXT = _("%(field)s harus berupa teks.")

# Tab, line feed and carriage return are the only control characters a
# multi-line text may hold; a one-line text holds only the tab.
_MULTILINE_ALLOWED = frozenset("\t\n\r")
_SINGLE_LINE_ALLOWED = frozenset("\t")
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _params(field: Any, **more: Any) -> dict[str, Any]:
    return {"field": str(field), **more}


def check_characters(value: str, *, field: Any = "Teks", multiline: bool = True) -> None:
    """Refuse control characters, lone surrogates and (one-line) line breaks."""
    allowed = _MULTILINE_ALLOWED if multiline else _SINGLE_LINE_ALLOWED
    for char in value:
        if char in allowed:
            continue
        if not multiline and char in _LINE_BREAKS:
            raise ValidationError(TEXT_LINE_BREAK, code="text_line_break", params=_params(field))
        category = unicodedata.category(char)
        if category == "Cc":
            raise ValidationError(
                TEXT_CONTROL_CHARACTER, code="text_control_character", params=_params(field)
            )
        if category == "Cs":
            raise ValidationError(TEXT_NOT_UNICODE, code="text_not_unicode", params=_params(field))


def clean_text(
    value: Any,
    *,
    field: Any = "Teks",
    max_length: int | None = None,
    multiline: bool = False,
    strip: bool = True,
) -> str:
    """The text to store: stripped (by default), checked, never shortened.

    ``field`` is the label people read (``"Nama"``), ``max_length`` the most
    characters the column holds (``None``: no limit), ``multiline`` whether
    line breaks are allowed (notes, reports).
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(TEXT_NOT_TEXT, code="text_type", params=_params(field))
    check_characters(value, field=field, multiline=multiline)
    text = value.strip() if strip else value
    if max_length is not None and len(text) > max_length:
        raise ValidationError(
            TEXT_TOO_LONG,
            code="text_too_long",
            params=_params(field, limit=max_length, count=len(text)),
        )
    return text


def validate_text(value: str) -> None:
    """A Django field validator: refuses control characters in a one-line text."""
    check_characters(str(value), multiline=False)


def validate_multiline_text(value: str) -> None:
    """A Django field validator: refuses control characters in a text with lines."""
    check_characters(str(value), multiline=True)
