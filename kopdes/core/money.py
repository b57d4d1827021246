"""Money in Kopdes: an integer number of sen, converted only at the edges.

Why integer sen
    A rupiah has 100 sen. Every amount, in the database (64-bit integer
    columns) and in Python, is an ``int`` counting sen. Integers add, subtract
    and compare exactly; ``SUM`` over a 64-bit integer column is exact on both
    SQLite and PostgreSQL (no float, no numeric-scale surprises), and an
    F-update such as ``balance = balance + 5000`` can never drift. A float
    never carries money here: every function that takes an amount refuses one
    with ``TypeError``. The 64-bit range (about 9.2 x 10^18 sen, i.e. 92
    quadrillion rupiah) leaves ample room; one amount is capped at
    ``MAX_RUPIAH`` so that sums of many of them still fit.

The edges
    ``parse_rupiah`` turns user and API input (``Rp1.234.567,89``,
    ``1234567.89``) into sen; ``format_rupiah`` and ``terbilang`` turn sen into
    text for pages, documents and receipts; ``sen_to_decimal`` and
    ``decimal_to_sen`` cross to ``Decimal`` where a library needs it.

The one rounding rule
    Rates are ``Decimal`` fractions (``Decimal("0.015")`` is 1,5%). An amount
    computed from a rate is rounded **once**, to the sen, **half-up** (Python's
    ``ROUND_HALF_UP``: a half goes away from zero, so a negative result mirrors
    its positive twin). Round the final amount, never the intermediate steps:
    ``apply_rate`` multiplies exactly and rounds at the end. Amounts that must
    be shared out (SHU, a fee split over instalments) use
    ``split_proportionally``, whose shares always add up to the total.

Display choices (docs/design.md rule 6)
    ``Rp1.234.567,89``: no space after ``Rp``, dot for thousands, comma for
    decimals, minus in front (``-Rp1.234,00``). Statements and documents show
    two decimals always (the default); compact UI may use ``decimals="auto"``,
    which drops ``,00`` from whole rupiah. Rates read as villages say them
    (``1,5% per bulan``) with the simple annual rate beside (``18% per tahun``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal, Inexact, localcontext
from fractions import Fraction
from typing import Literal, cast

from kopdes.core.errors import DomainError

SEN_PER_RUPIAH = 100
# One amount may not exceed a thousand trillion rupiah: far above any village
# cooperative, and 9,000 such amounts still sum inside a 64-bit column.
MAX_RUPIAH = 10**15
MAX_SEN = MAX_RUPIAH * SEN_PER_RUPIAH

# Messages, in Bahasa Indonesia, shown to the user as they are. Tests assert
# them exactly, so change them here only.
MSG_EMPTY = "Jumlah wajib diisi."
MSG_NOT_A_NUMBER = (
    "Jumlah hanya boleh berisi angka, titik ribuan, dan koma desimal, misalnya Rp1.234.567,89."
)
MSG_BAD_SEPARATORS = (
    "Letak titik atau koma pada jumlah tidak tepat. "
    "Gunakan titik untuk ribuan dan koma untuk desimal, misalnya 1.234.567,89."
)
MSG_TOO_MANY_DECIMALS = "Jumlah tidak boleh lebih dari 2 angka di belakang koma."
MSG_NEGATIVE = "Jumlah tidak boleh negatif."
MSG_TOO_LARGE = "Jumlah terlalu besar; paling banyak Rp1.000.000.000.000.000."
MSG_NOT_FINITE = "Jumlah bukan angka yang sah."
MSG_ZERO_WEIGHTS = "Tidak dapat membagi jumlah: semua bobot pembagian bernilai nol."


class MoneyError(DomainError):
    """An amount the user or API gave that cannot be taken as money."""


Decimals = Literal["always", "auto", "never"]
RatePer = Literal["bulan", "tahun"]

_ASCII_DIGITS = re.compile(r"[0-9]+", re.ASCII)
# Thousands grouping: a first group of 1-3 digits not starting with 0, then
# groups of exactly three, e.g. 1.234.567.
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+", re.ASCII)
_ALLOWED_BODY = re.compile(r"[0-9.,]+", re.ASCII)
# More digits than this cannot be under MAX_SEN; checking the length first
# also keeps int() away from pathological inputs.
_MAX_DIGITS = len(str(MAX_SEN)) + 2


def _error(message: str, code: str, field: str | None) -> MoneyError:
    return MoneyError(message, field=field, code=code)


def refuse_non_money_type(value: object) -> None:
    # bool is an int subclass, and True rupiah is a bug, not an amount.
    if isinstance(value, bool | float):
        raise TypeError(
            f"Money is never a {type(value).__name__}; pass str, int or Decimal rupiah."
        )


def parse_rupiah(
    value: str | int | Decimal,
    *,
    allow_negative: bool = False,
    field: str | None = None,
) -> int:
    """Read an amount of **rupiah** given by a user or an API and return **sen**.

    Accepted text: ``Rp1.234.567,89``, ``Rp 1.234.567``, ``Rp. 10.000,-``,
    ``1.234.567``, ``1234567``, ``1234567,5``, ``1234567.89``. Dots in groups
    of three are thousands separators; a comma is the decimal separator; a
    single dot followed by one or two digits at the end is read as a decimal
    point (the API and spreadsheet form). ``1.234`` is therefore one thousand
    two hundred and thirty-four rupiah, as an Indonesian reader means it.

    An ``int`` is whole rupiah and a ``Decimal`` is rupiah (exact to the sen).
    A float raises ``TypeError``. Anything else that is not money raises
    ``MoneyError`` with one of the ``MSG_*`` messages and ``field`` attached.
    """
    refuse_non_money_type(value)
    if isinstance(value, int):
        sen = value * SEN_PER_RUPIAH
    elif isinstance(value, Decimal):
        sen = decimal_to_sen(value, field=field)
    elif isinstance(value, str):
        sen = _parse_text(value, field)
    else:
        raise TypeError(f"Cannot read money from {type(value).__name__}.")
    if sen < 0 and not allow_negative:
        raise _error(MSG_NEGATIVE, "money_negative", field)
    if abs(sen) > MAX_SEN:
        raise _error(MSG_TOO_LARGE, "money_too_large", field)
    return sen


def _parse_text(text: str, field: str | None) -> int:
    # Copy-paste from a formatted page brings non-breaking spaces and the
    # typographic minus; treat them as their plain forms.
    s = text.replace("\u00a0", " ").replace("\u2212", "-").strip()
    if not s:
        raise _error(MSG_EMPTY, "money_empty", field)

    negative = False
    if s.startswith("-"):
        negative, s = True, s[1:].lstrip()
    if s[:2].lower() == "rp":
        s = s[2:]
        if s.startswith("."):  # "Rp. 10.000" is a common handwriting habit
            s = s[1:]
        s = s.lstrip()
    if s.startswith("-"):  # "Rp-1.234" as well as "-Rp1.234"
        if negative:
            raise _error(MSG_BAD_SEPARATORS, "money_separators", field)
        negative, s = True, s[1:].lstrip()
    if s.endswith((",-", ".-")):  # "Rp10.000,-" means exactly ten thousand
        s = s[:-2]
    if not s:
        raise _error(MSG_EMPTY, "money_empty", field)
    if not _ALLOWED_BODY.fullmatch(s):
        raise _error(MSG_NOT_A_NUMBER, "money_invalid", field)

    whole, fraction = _split_body(s, field)
    digits = whole.replace(".", "")
    if len(digits) > _MAX_DIGITS:
        raise _error(MSG_TOO_LARGE, "money_too_large", field)
    sen = int(digits) * SEN_PER_RUPIAH + int(fraction.ljust(2, "0"))
    return -sen if negative else sen


def _is_whole_part(s: str) -> bool:
    return bool(_ASCII_DIGITS.fullmatch(s) or _GROUPED.fullmatch(s))


def _split_body(s: str, field: str | None) -> tuple[str, str]:
    """Split digits-and-separators into (whole rupiah, 0-2 sen digits)."""
    if "," in s:
        whole, _, fraction = s.partition(",")
        if not _is_whole_part(whole) or not _ASCII_DIGITS.fullmatch(fraction):
            raise _error(MSG_BAD_SEPARATORS, "money_separators", field)
        if len(fraction) > 2:
            raise _error(MSG_TOO_MANY_DECIMALS, "money_decimals", field)
        return whole, fraction
    if _is_whole_part(s):
        return s, ""
    if s.count(".") == 1:
        # Not a valid thousands grouping, so the dot is a decimal point.
        whole, _, fraction = s.partition(".")
        if _ASCII_DIGITS.fullmatch(whole) and _ASCII_DIGITS.fullmatch(fraction):
            if len(fraction) > 2:
                raise _error(MSG_TOO_MANY_DECIMALS, "money_decimals", field)
            return whole, fraction
    raise _error(MSG_BAD_SEPARATORS, "money_separators", field)


def _group_thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def format_rupiah(sen: int, *, with_symbol: bool = True, decimals: Decimals = "always") -> str:
    """Write sen as Indonesians read it: ``Rp1.234.567,89``, ``-Rp1.234,00``.

    ``decimals``: ``"always"`` (default; statements and documents) shows two
    decimals; ``"auto"`` (compact UI) drops ``,00`` from whole rupiah but keeps
    real sen, so the text still parses back to the same amount; ``"never"``
    shows whole rupiah, rounded half-up, for charts and tiles only.
    """
    refuse_non_money_type(sen)
    if not isinstance(sen, int):
        raise TypeError(f"format_rupiah takes int sen, not {type(sen).__name__}.")
    sign = "-" if sen < 0 else ""
    symbol = "Rp" if with_symbol else ""
    rupiah, rest = divmod(abs(sen), SEN_PER_RUPIAH)
    if decimals == "never":
        if rest * 2 >= SEN_PER_RUPIAH:
            rupiah += 1
        tail = ""
    elif decimals == "auto" and rest == 0:
        tail = ""
    elif decimals in ("always", "auto"):
        tail = f",{rest:02d}"
    else:
        raise ValueError(f"decimals must be 'always', 'auto' or 'never', not {decimals!r}.")
    if rupiah == 0 and not tail:
        sign = ""  # a rounded-away -0,40 is "Rp0", not "-Rp0"
    return f"{sign}{symbol}{_group_thousands(rupiah)}{tail}"


def sen_to_decimal(sen: int) -> Decimal:
    """Sen as a ``Decimal`` of rupiah with two places: 123456789 -> 1234567.89."""
    refuse_non_money_type(sen)
    if not isinstance(sen, int):
        raise TypeError(f"sen_to_decimal takes int sen, not {type(sen).__name__}.")
    return Decimal(sen).scaleb(-2)


def decimal_to_sen(amount: Decimal, *, field: str | None = None) -> int:
    """A ``Decimal`` of rupiah as exact sen; refuses anything finer than a sen.

    ``Decimal("1.50")`` and ``Decimal("1.500")`` are both 150 sen;
    ``Decimal("1.505")`` raises ``MoneyError`` rather than being rounded.
    """
    refuse_non_money_type(amount)
    if not isinstance(amount, Decimal):
        raise TypeError(f"decimal_to_sen takes Decimal, not {type(amount).__name__}.")
    if not amount.is_finite():
        raise _error(MSG_NOT_FINITE, "money_invalid", field)
    # Guard the magnitude before scaling so "1E+999999" cannot build a huge int.
    if amount.adjusted() > _MAX_DIGITS:
        raise _error(MSG_TOO_LARGE, "money_too_large", field)
    # Work on the digits themselves: normalize() or arithmetic would go
    # through a context precision and could round a long input silently.
    sign, digits, exponent = amount.as_tuple()
    exponent = cast(int, exponent)  # finite, checked above
    coefficient = int("".join(map(str, digits)) or "0")
    shift = exponent + 2  # rupiah -> sen is a shift of two decimal places
    if shift >= 0:
        sen = coefficient * 10**shift
    else:
        sen, rest = divmod(coefficient, 10**-shift)
        if rest:
            raise _error(MSG_TOO_MANY_DECIMALS, "money_decimals", field)
    return -sen if sign else sen


# --- Rates -----------------------------------------------------------------


def _check_rate(rate: Decimal) -> None:
    refuse_non_money_type(rate)
    if not isinstance(rate, Decimal):
        raise TypeError(f"A rate is a Decimal fraction, not {type(rate).__name__}.")
    if not rate.is_finite():
        raise ValueError("A rate must be a finite Decimal.")


def apply_rate(sen: int, rate: Decimal) -> int:
    """``sen x rate``, rounded once to the sen, half away from zero.

    ``apply_rate(1_000_050, Decimal("0.5"))`` is 500_025; ``apply_rate(101,
    Decimal("0.5"))`` (50,5 sen) is 51. The product is computed exactly (a
    Decimal context wide enough that nothing is rounded before the end).
    """
    refuse_non_money_type(sen)
    if not isinstance(sen, int):
        raise TypeError(f"apply_rate takes int sen, not {type(sen).__name__}.")
    _check_rate(rate)
    with localcontext() as ctx:
        # An n-digit by m-digit product has at most n+m digits (plus any
        # positive exponent once quantized to units): no rounding can occur.
        exponent = cast(int, rate.as_tuple().exponent)  # finite, checked above
        ctx.prec = len(str(abs(sen))) + len(rate.as_tuple().digits) + max(exponent, 0) + 2
        ctx.traps[Inexact] = True  # proves the product was not rounded
        product = Decimal(sen) * rate
        ctx.traps[Inexact] = False
        return int(product.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def split_proportionally(
    total_sen: int, weights: Sequence[int | Decimal], *, unit: int = 1
) -> list[int]:
    """Share ``total_sen`` in proportion to ``weights``; the shares sum to the total.

    Largest-remainder (Hamilton) method: each share gets the whole units of
    its exact quota, and the units left over go one each to the largest
    fractional remainders; ties go to the earlier weight, so the result is
    deterministic. ``unit=100`` shares whole rupiah (SHU per member, docs/domain.md
    §6); the total must then be whole rupiah too (book the sub-rupiah
    rest separately). A negative total (a loss) is shared the same way, with
    every share negative or zero.
    """
    refuse_non_money_type(total_sen)
    if not isinstance(total_sen, int):
        raise TypeError("split_proportionally takes int sen.")
    if not isinstance(unit, int) or isinstance(unit, bool) or unit <= 0:
        raise ValueError("unit must be a positive int number of sen.")
    if total_sen % unit:
        raise ValueError(f"total_sen {total_sen} is not a multiple of unit {unit}.")
    quotas: list[Fraction] = []
    for weight in weights:
        refuse_non_money_type(weight)
        if not isinstance(weight, int | Decimal):
            raise TypeError(f"A weight is an int or Decimal, not {type(weight).__name__}.")
        if isinstance(weight, Decimal) and not weight.is_finite():
            raise ValueError("A weight must be finite.")
        if weight < 0:
            raise ValueError("A weight cannot be negative.")
        quotas.append(Fraction(weight))
    if not quotas:
        raise ValueError("split_proportionally needs at least one weight.")
    weight_sum = sum(quotas, Fraction(0))
    if weight_sum == 0:
        raise MoneyError(MSG_ZERO_WEIGHTS, code="money_zero_weights")

    units = abs(total_sen) // unit
    exact = [units * q / weight_sum for q in quotas]
    floors = [math.floor(x) for x in exact]
    left = units - sum(floors)
    # Sort by remainder descending; Python's sort is stable, so equal remainders
    # keep their original order (earlier weight first).
    order = sorted(range(len(exact)), key=lambda i: exact[i] - floors[i], reverse=True)
    for i in order[:left]:
        floors[i] += 1
    sign = -1 if total_sen < 0 else 1
    return [sign * f * unit for f in floors]


def monthly_to_annual_rate(monthly: Decimal) -> Decimal:
    """The simple annual rate of a monthly rate: ``0.015`` -> ``0.180``.

    This is the figure shown beside a village's "per bulan" rate. It is not the
    effective annual rate of a flat-rate loan; that depends on the repayment
    schedule and is computed from the schedule by the loans app.
    """
    _check_rate(monthly)
    return monthly * 12


def annual_to_monthly_rate(annual: Decimal) -> Decimal:
    """The monthly rate of a simple annual rate, exact when it divides by 12."""
    _check_rate(annual)
    with localcontext() as ctx:
        ctx.prec = 28
        return annual / 12


def _format_percent(rate: Decimal) -> str:
    percent = (rate * 100).normalize()
    # normalize() writes 100 as 1E+2; format as plain digits.
    text = f"{percent:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def format_rate(rate: Decimal, *, per: RatePer = "bulan") -> str:
    """``Decimal("0.015")`` -> ``"1,5% per bulan"``; ``per="tahun"`` for annual rates."""
    _check_rate(rate)
    if per not in ("bulan", "tahun"):
        raise ValueError(f"per must be 'bulan' or 'tahun', not {per!r}.")
    return f"{_format_percent(rate)}% per {per}"


def format_monthly_rate(monthly: Decimal) -> str:
    """A monthly rate with its simple annual rate beside: ``1,5% per bulan (18% per tahun)``."""
    annual = format_rate(monthly_to_annual_rate(monthly), per="tahun")
    return f"{format_rate(monthly, per='bulan')} ({annual})"
