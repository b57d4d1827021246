"""Money filters, built into every template (see TEMPLATES in config/settings.py).

``{{ amount|rupiah }}`` -> ``Rp1.234.567,89`` (statements, documents);
``{{ amount|rupiah_short }}`` -> ``Rp1.234.567`` when whole (compact UI);
``{{ amount|terbilang }}`` -> the amount in words for receipts;
``{{ rate|rate_bulan }}`` -> ``1,5% per bulan (18% per tahun)``.

Amounts are int sen and rates Decimal fractions, as everywhere else. An empty
value (``None`` or ``""``) renders as nothing; any other wrong type raises, so
a float or a rupiah/sen mix-up fails loudly in tests instead of printing a
wrong figure.
"""

from __future__ import annotations

from decimal import Decimal

from django import template

from kopdes.core import money
from kopdes.core import terbilang as words

register = template.Library()


@register.filter
def rupiah(sen: int | None) -> str:
    """Sen with two decimals: ``Rp1.234.567,89``."""
    if sen is None or sen == "":
        return ""
    return money.format_rupiah(sen)


@register.filter
def rupiah_short(sen: int | None) -> str:
    """Sen without ``,00`` when whole: ``Rp1.234.567``, ``Rp1.234.567,89``."""
    if sen is None or sen == "":
        return ""
    return money.format_rupiah(sen, decimals="auto")


@register.filter
def terbilang(sen: int | None) -> str:
    """Sen in Indonesian words, capitalised as receipts start the line."""
    if sen is None or sen == "":
        return ""
    return words.terbilang(sen, capitalize=True)


@register.filter
def rate_bulan(rate: Decimal | None) -> str:
    """A monthly rate with its simple annual rate: ``1,5% per bulan (18% per tahun)``."""
    if rate is None or rate == "":
        return ""
    return money.format_monthly_rate(rate)
