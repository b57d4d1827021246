"""Django fields for money: a form field that reads rupiah, a model field in sen.

The form field is the edge where a person types rupiah; the model field is a
plain 64-bit integer of sen. Keeping the two apart is what stops the classic
unit mix-up (a user types ``10.000`` meaning ten thousand rupiah, and a bare
``IntegerField`` stores 10.000 sen, i.e. one hundred rupiah).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.expressions import Combinable, ExpressionWrapper

from kopdes.core.money import MoneyError, format_rupiah, parse_rupiah

MSG_BELOW_MINIMUM = "Jumlah paling sedikit {limit}."
MSG_ABOVE_MAXIMUM = "Jumlah paling banyak {limit}."


class RupiahField(forms.CharField):
    """A text input that cleans rupiah text to an ``int`` of sen.

    Accepts everything ``parse_rupiah`` accepts (``Rp1.234.567,89``,
    ``1234567.89``...). ``min_sen`` and ``max_sen`` are limits in sen, shown
    to the user in rupiah. Errors carry the ``MSG_*`` text of
    ``kopdes.core.money``; the form puts them under the field, which names it.
    An empty optional field cleans to ``None``.
    """

    def __init__(
        self,
        *,
        min_sen: int | None = None,
        max_sen: int | None = None,
        allow_negative: bool = False,
        **kwargs: Any,
    ) -> None:
        self.min_sen = min_sen
        self.max_sen = max_sen
        self.allow_negative = allow_negative
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        # Phones show the numeric keypad with a comma key; "numeric" would hide it.
        attrs.setdefault("inputmode", "decimal")
        attrs.setdefault("autocomplete", "off")
        return attrs

    def prepare_value(self, value: Any) -> Any:
        # An initial value from the model is sen; show it as rupiah text that
        # parses back to the same amount. Bound data (a str) is shown as typed.
        if isinstance(value, int) and not isinstance(value, bool):
            return format_rupiah(value, with_symbol=False, decimals="auto")
        return value

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        # Submitted data is rupiah, whatever its type: {"amount": 5000} is five
        # thousand rupiah, exactly as parse_rupiah reads an int.
        text = super().to_python(value)
        if text is None or text in self.empty_values:
            return None
        try:
            return parse_rupiah(text, allow_negative=self.allow_negative)
        except MoneyError as exc:
            raise ValidationError(exc.message, code=exc.code) from exc

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value is None:
            return
        if self.min_sen is not None and value < self.min_sen:
            raise ValidationError(
                MSG_BELOW_MINIMUM.format(limit=format_rupiah(self.min_sen, decimals="auto")),
                code="min_value",
            )
        if self.max_sen is not None and value > self.max_sen:
            raise ValidationError(
                MSG_ABOVE_MAXIMUM.format(limit=format_rupiah(self.max_sen, decimals="auto")),
                code="max_value",
            )


class MoneyField(models.BigIntegerField):
    """An amount of money in **sen** (1/100 rupiah): a plain 64-bit integer column.

    Nothing but the Python class differs from ``BigIntegerField``, so
    migrations stay plain (``deconstruct`` names this class and no extra
    arguments). A ModelForm or the admin gets a ``RupiahField`` (rupiah text
    in, sen out, non-negative unless the form says otherwise).

    Beware arithmetic: Django types ``F("debit") - F("credit")`` over two
    money columns as a 32-bit ``IntegerField``, and on PostgreSQL a filter on
    such an annotation with a value beyond 2^31 then silently matches nothing.
    Wrap such expressions in :func:`as_money`.
    """

    description = "Jumlah uang dalam sen (1/100 rupiah)"

    def formfield(
        self,
        form_class: type[forms.Field] | None = None,
        choices_form_class: type[forms.ChoiceField] | None = None,
        **kwargs: Any,
    ) -> forms.Field | None:
        # Skip IntegerField.formfield: it would add min_value/max_value kwargs
        # meant for a forms.IntegerField, which RupiahField does not take.
        return models.Field.formfield(
            self,
            form_class=form_class or RupiahField,
            choices_form_class=choices_form_class,
            **kwargs,
        )


def as_money(expression: Combinable) -> ExpressionWrapper:
    """Type an arithmetic ORM expression as money (64-bit sen).

    ``as_money(F("debit") - F("credit"))`` so that annotations, ``Sum`` and
    filters on the result use the 64-bit range on every engine.
    """
    return ExpressionWrapper(expression, output_field=MoneyField())
