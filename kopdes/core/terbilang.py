"""Amounts in Indonesian words (*terbilang*), as receipts print them."""

from __future__ import annotations

from kopdes.core.money import SEN_PER_RUPIAH, refuse_non_money_type

# --- Terbilang -------------------------------------------------------------

_ONES = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)
# Largest first. "triliun" is the top word: larger amounts are said as
# "seribu triliun" and so on, as receipts do.
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu"))


def _below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds:
        words += [_ONES[hundreds], "ratus"]
    if rest < 12:
        if rest:
            words.append(_ONES[rest])
    elif rest < 20:
        words += [_ONES[rest - 10], "belas"]
    else:
        tens, ones = divmod(rest, 10)
        words += [_ONES[tens], "puluh"]
        if ones:
            words.append(_ONES[ones])
    return words


def _number_words(n: int) -> list[str]:
    """Words for a positive integer."""
    words: list[str] = []
    for scale, name in _SCALES:
        count, n = divmod(n, scale)
        if not count:
            continue
        if scale == 1000 and count == 1:
            words.append("seribu")  # "seribu", but "satu juta", "satu miliar"
        else:
            words += [*_number_words(count), name]
    words += _below_thousand(n)
    return words


def terbilang(sen: int, *, capitalize: bool = False) -> str:
    """The amount in Indonesian words, as receipts print it.

    ``123456789`` -> ``"satu juta dua ratus tiga puluh empat ribu lima ratus
    enam puluh tujuh rupiah delapan puluh sembilan sen"``; ``0`` -> ``"nol
    rupiah"``; 50 sen alone -> ``"lima puluh sen"``; negatives start with
    ``"minus"``. ``capitalize=True`` starts with a capital for a sentence.
    """
    refuse_non_money_type(sen)
    if not isinstance(sen, int):
        raise TypeError(f"terbilang takes int sen, not {type(sen).__name__}.")
    rupiah, rest = divmod(abs(sen), SEN_PER_RUPIAH)
    words: list[str] = ["minus"] if sen < 0 else []
    if rupiah or not rest:
        words += [*(_number_words(rupiah) or ["nol"]), "rupiah"]
    if rest:
        words += [*_number_words(rest), "sen"]
    text = " ".join(words)
    return text[:1].upper() + text[1:] if capitalize else text
