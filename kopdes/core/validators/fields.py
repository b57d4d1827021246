"""Check values against a model's own field limits, in the service.

Every write path (form, API, import, command) calls a service, and the
service calls ``clean_fields`` (or ``clean_instance``) before its own
business rules, so no caller can skip the checks and nothing reaches the
database that it would refuse, silently cut or round (docs/registry.md,
"Validation"). What the model declares is what is checked:

- text (``CharField``, ``TextField``): ``clean_text`` — no NUL or other
  control characters, no line break in a one-line field, at most
  ``max_length`` characters (SQLite does not enforce it; we never truncate),
  or ``TEXT_MAX_LENGTH`` for a ``TextField``;
- ``choices``: one of them (an optional field may stay empty);
- booleans are booleans, dates are dates;
- integers: whole numbers inside the column's range, the same on every engine
  (a ``PositiveIntegerField`` holds 0 … 2,147,483,647 on SQLite too), money
  (``MoneyField``) within ``kopdes.core.money.MAX_SEN``, and within any
  narrower ``ranges`` the service gives (an app's own cap);
- decimals: finite, with no more decimal places or whole digits than the
  column holds (never rounded here);
- a ``None`` only where the field is nullable.

Unlike the identifier validators beside it, a refusal here is a
``DomainError`` (the service's own subclass, passed as ``error``) whose
``field`` is the model field's name and whose message names the field as
people read it; callers show it as they show any other service refusal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kopdes.core.errors import DomainError
from kopdes.core.money import MAX_SEN, format_rupiah
from kopdes.core.money_fields import MoneyField
from kopdes.core.validators.text import clean_text

# The column ranges Django documents for each integer field. SQLite would
# store any 64-bit value in any of them; using one table keeps both engines
# refusing the same values with the same message.
INTEGER_RANGES: Mapping[str, tuple[int, int]] = BaseDatabaseOperations.integer_field_ranges
INT64_MIN, INT64_MAX = INTEGER_RANGES["BigIntegerField"]
# A ``TextField`` (notes, reports, decisions) has no column limit; this is the
# app's own: some eight printed pages, far above any note, far below a probe.
TEXT_MAX_LENGTH = 20_000
_SKIPPED = (models.AutoField, models.BigAutoField, models.SmallAutoField, models.FileField)


def field_label(field: models.Field[Any, Any]) -> str:
    return str(capfirst(field.verbose_name))


def _refuse(error: type[DomainError], message: str, name: str, code: str) -> DomainError:
    return error(message, field=name, code=code)


def _clean_text(field: Any, name: str, value: Any, error: type[DomainError]) -> str:
    try:
        return clean_text(
            value,
            field=field_label(field),
            max_length=field.max_length or TEXT_MAX_LENGTH,
            multiline=isinstance(field, models.TextField),
        )
    except ValidationError as exc:
        raise _refuse(error, exc.messages[0], name, exc.code or "text_invalid") from exc


def _integer_range(
    field: Any, name: str, ranges: Mapping[str, tuple[int | None, int | None]]
) -> tuple[int, int]:
    if isinstance(field, MoneyField):
        low, high = -MAX_SEN, MAX_SEN
    else:
        low, high = INTEGER_RANGES.get(field.get_internal_type(), (INT64_MIN, INT64_MAX))
    if name in ranges:
        own_low, own_high = ranges[name]
        low = low if own_low is None else max(low, own_low)
        high = high if own_high is None else min(high, own_high)
    return low, high


def _clean_integer(
    field: Any,
    name: str,
    value: Any,
    error: type[DomainError],
    ranges: Mapping[str, tuple[int | None, int | None]],
) -> int:
    label = field_label(field)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refuse(
            error, _("%(field)s harus bilangan bulat.") % {"field": label}, name, "field_type"
        )
    low, high = _integer_range(field, name, ranges)
    if low <= value <= high:
        return value
    if isinstance(field, MoneyField):
        shown_low, shown_high = format_rupiah(low), format_rupiah(high)
    else:
        shown_low, shown_high = f"{low:,}".replace(",", "."), f"{high:,}".replace(",", ".")
    raise _refuse(
        error,
        _("%(field)s harus di antara %(low)s dan %(high)s.")
        % {"field": label, "low": shown_low, "high": shown_high},
        name,
        "field_range",
    )


def _clean_decimal(field: Any, name: str, value: Any, error: type[DomainError]) -> Decimal:
    label = field_label(field)
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        number = Decimal("NaN")
    if isinstance(value, bool) or not number.is_finite():
        raise _refuse(
            error, _("%(field)s harus berupa angka.") % {"field": label}, name, "field_type"
        )
    places = field.decimal_places
    whole = field.max_digits - places
    if abs(number) >= Decimal(10) ** whole:
        raise _refuse(
            error,
            _("%(field)s terlalu besar: paling banyak %(digits)s angka sebelum koma.")
            % {"field": label, "digits": whole},
            name,
            "field_range",
        )
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places and number != round(number, places):
        raise _refuse(
            error,
            _("%(field)s paling banyak %(places)s angka di belakang koma.")
            % {"field": label, "places": places},
            name,
            "field_decimal_places",
        )
    return number


def clean_value(
    model: type[models.Model],
    name: str,
    value: Any,
    *,
    error: type[DomainError] = DomainError,
    ranges: Mapping[str, tuple[int | None, int | None]] | None = None,
) -> Any:
    """One value checked against ``model``'s field ``name``; returns what to store."""
    field: Any = model._meta.get_field(name)
    label = field_label(field)
    if field.is_relation or isinstance(field, _SKIPPED):
        return value
    if value is None:
        if field.null:
            return None
        if isinstance(field, models.CharField | models.TextField):
            value = ""
        else:
            raise _refuse(
                error, _("%(field)s wajib diisi.") % {"field": label}, name, "field_required"
            )
    if isinstance(field, models.CharField | models.TextField):
        value = _clean_text(field, name, value, error)
    elif isinstance(field, models.BooleanField):
        if not isinstance(value, bool):
            raise _refuse(
                error, _("%(field)s harus ya atau tidak.") % {"field": label}, name, "field_type"
            )
    elif isinstance(field, models.IntegerField):
        value = _clean_integer(field, name, value, error, ranges or {})
    elif isinstance(field, models.DecimalField):
        value = _clean_decimal(field, name, value, error)
    elif (
        isinstance(field, models.DateField)
        and not isinstance(field, models.DateTimeField)
        and (isinstance(value, datetime) or not isinstance(value, date))
    ):
        raise _refuse(
            error,
            _("%(field)s harus berupa tanggal.") % {"field": label},
            name,
            "field_type",
        )
    if field.choices and not (value == "" and field.blank):
        valid = {str(key) for key, _label in field.flatchoices}
        if str(value) not in valid:
            raise _refuse(
                error,
                _("%(field)s tidak dikenal; pilih salah satu: %(choices)s.")
                % {"field": label, "choices": ", ".join(sorted(valid))},
                name,
                "field_choice",
            )
    return value


def clean_fields(
    model: type[models.Model],
    values: Mapping[str, Any],
    *,
    error: type[DomainError] = DomainError,
    ranges: Mapping[str, tuple[int | None, int | None]] | None = None,
) -> dict[str, Any]:
    """``values`` checked against ``model``'s fields (see the module docstring).

    Returns the values to store (text stripped, decimals as ``Decimal``).
    Raises ``error`` on the first value the model cannot hold, with
    ``field`` set to its name.
    """
    return {
        name: clean_value(model, name, value, error=error, ranges=ranges)
        for name, value in values.items()
    }


def clean_instance(
    instance: models.Model,
    names: Iterable[str],
    *,
    error: type[DomainError] = DomainError,
    ranges: Mapping[str, tuple[int | None, int | None]] | None = None,
) -> None:
    """``clean_fields`` on an unsaved or changed instance's ``names``, in place."""
    model = type(instance)
    for name in names:
        field = model._meta.get_field(name)
        if field.is_relation:
            continue
        setattr(
            instance,
            name,
            clean_value(model, name, getattr(instance, name), error=error, ranges=ranges),
        )
