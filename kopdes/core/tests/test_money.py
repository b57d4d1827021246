"""The money layer: parsing, formatting, rates, sharing out and terbilang."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from hypothesis import given
from hypothesis import strategies as st

from kopdes.core.errors import DomainError
from kopdes.core.money import (
    MAX_SEN,
    MSG_BAD_SEPARATORS,
    MSG_EMPTY,
    MSG_NEGATIVE,
    MSG_NOT_A_NUMBER,
    MSG_NOT_FINITE,
    MSG_TOO_LARGE,
    MSG_TOO_MANY_DECIMALS,
    MSG_ZERO_WEIGHTS,
    MoneyError,
    apply_rate,
    decimal_to_sen,
    format_monthly_rate,
    format_rate,
    format_rupiah,
    monthly_to_annual_rate,
    parse_rupiah,
    sen_to_decimal,
    split_proportionally,
)
from kopdes.core.money_fields import (
    MSG_ABOVE_MAXIMUM,
    MSG_BELOW_MINIMUM,
    MoneyField,
    RupiahField,
)
from kopdes.core.terbilang import terbilang

# --- parse_rupiah ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sen"),
    [
        ("Rp1.234.567,89", 123_456_789),
        ("Rp 1.234.567", 123_456_700),
        ("rp1.234.567", 123_456_700),
        ("Rp. 10.000", 1_000_000),
        ("Rp10.000,-", 1_000_000),
        ("1.234.567", 123_456_700),
        ("1234567", 123_456_700),
        ("1234567,5", 123_456_750),
        ("1234567,50", 123_456_750),
        ("1234567.89", 123_456_789),
        ("1234567.5", 123_456_750),
        ("1.234,5", 123_450),
        ("1.234", 123_400),  # Indonesian reading: one thousand two hundred thirty-four
        ("1.5", 150),
        ("12.34", 1234),
        ("0,05", 5),
        ("0", 0),
        ("  Rp\u00a01.000  ", 100_000),  # non-breaking space from a copied page
        ("Rp1.000.000.000.000.000", MAX_SEN),
    ],
)
def test_parse_rupiah_reads_the_usual_ways_of_writing_an_amount(text, sen):
    assert parse_rupiah(text) == sen


@pytest.mark.parametrize(
    ("text", "sen"),
    [
        ("-Rp1.234,00", -123_400),
        ("Rp-1.234", -123_400),
        ("-1234567.89", -123_456_789),
        ("\u22121.000", -100_000),  # typographic minus
        ("-0", 0),
    ],
)
def test_parse_rupiah_reads_negatives_when_allowed(text, sen):
    assert parse_rupiah(text, allow_negative=True) == sen


@pytest.mark.parametrize(
    ("text", "message", "code"),
    [
        ("", MSG_EMPTY, "money_empty"),
        ("   ", MSG_EMPTY, "money_empty"),
        ("Rp", MSG_EMPTY, "money_empty"),
        ("abc", MSG_NOT_A_NUMBER, "money_invalid"),
        ("12a", MSG_NOT_A_NUMBER, "money_invalid"),
        ("1e5", MSG_NOT_A_NUMBER, "money_invalid"),
        ("1 234 567", MSG_NOT_A_NUMBER, "money_invalid"),
        ("+1000", MSG_NOT_A_NUMBER, "money_invalid"),
        ("IDR 1000", MSG_NOT_A_NUMBER, "money_invalid"),
        ("١٢٣", MSG_NOT_A_NUMBER, "money_invalid"),  # non-ASCII digits
        ("1.234,567", MSG_TOO_MANY_DECIMALS, "money_decimals"),
        ("1,234", MSG_TOO_MANY_DECIMALS, "money_decimals"),
        ("0.125", MSG_TOO_MANY_DECIMALS, "money_decimals"),
        ("1234.567", MSG_TOO_MANY_DECIMALS, "money_decimals"),
        ("-5", MSG_NEGATIVE, "money_negative"),
        ("-Rp1.000", MSG_NEGATIVE, "money_negative"),
        ("1.23.456", MSG_BAD_SEPARATORS, "money_separators"),
        ("1,234,567.89", MSG_BAD_SEPARATORS, "money_separators"),
        ("1.234.567.89", MSG_BAD_SEPARATORS, "money_separators"),
        ("1..234", MSG_BAD_SEPARATORS, "money_separators"),
        (".5", MSG_BAD_SEPARATORS, "money_separators"),
        (",5", MSG_BAD_SEPARATORS, "money_separators"),
        ("1,", MSG_BAD_SEPARATORS, "money_separators"),
        ("1,2,3", MSG_BAD_SEPARATORS, "money_separators"),
        ("01.234", MSG_TOO_MANY_DECIMALS, "money_decimals"),
        ("--1", MSG_BAD_SEPARATORS, "money_separators"),
        ("-Rp-1", MSG_BAD_SEPARATORS, "money_separators"),
        ("Rp1.000.000.000.000.000,01", MSG_TOO_LARGE, "money_too_large"),
        ("9" * 40, MSG_TOO_LARGE, "money_too_large"),
    ],
)
def test_parse_rupiah_refuses_with_a_clear_message(text, message, code):
    with pytest.raises(MoneyError) as caught:
        parse_rupiah(text, field="jumlah")
    assert caught.value.message == message
    assert caught.value.code == code
    assert caught.value.field == "jumlah"
    assert isinstance(caught.value, DomainError)


def test_parse_rupiah_refuses_an_out_of_range_negative_too():
    with pytest.raises(MoneyError) as caught:
        parse_rupiah("-1.000.000.000.000.001", allow_negative=True)
    assert caught.value.message == MSG_TOO_LARGE


def test_the_too_large_message_names_the_real_maximum():
    assert format_rupiah(MAX_SEN, decimals="auto") in MSG_TOO_LARGE


@pytest.mark.parametrize(
    ("value", "sen"),
    [
        (1234567, 123_456_700),
        (0, 0),
        (Decimal("1234567.89"), 123_456_789),
        (Decimal("1.5"), 150),
        (Decimal("1.500"), 150),  # trailing zeros beyond the sen are still exact
        (Decimal("1E+3"), 100_000),
    ],
)
def test_parse_rupiah_takes_int_and_decimal_rupiah(value, sen):
    assert parse_rupiah(value) == sen


@pytest.mark.parametrize("value", [1.5, 0.0, True, None, b"100", [1]])
def test_parse_rupiah_refuses_floats_and_other_types(value):
    with pytest.raises(TypeError):
        parse_rupiah(value)


def test_parse_rupiah_refuses_negative_int_and_sub_sen_decimal():
    with pytest.raises(MoneyError) as negative:
        parse_rupiah(-1)
    assert negative.value.message == MSG_NEGATIVE
    with pytest.raises(MoneyError) as fine:
        parse_rupiah(Decimal("1.005"))
    assert fine.value.message == MSG_TOO_MANY_DECIMALS


# --- format_rupiah -----------------------------------------------------------


@pytest.mark.parametrize(
    ("sen", "kwargs", "text"),
    [
        (123_456_789, {}, "Rp1.234.567,89"),
        (123_400, {}, "Rp1.234,00"),
        (0, {}, "Rp0,00"),
        (5, {}, "Rp0,05"),
        (-123_400, {}, "-Rp1.234,00"),
        (-5, {}, "-Rp0,05"),
        (123_456_789, {"with_symbol": False}, "1.234.567,89"),
        (-123_400, {"with_symbol": False}, "-1.234,00"),
        (123_400, {"decimals": "auto"}, "Rp1.234"),
        (123_450, {"decimals": "auto"}, "Rp1.234,50"),
        (-100, {"decimals": "auto"}, "-Rp1"),
        (123_450, {"decimals": "never"}, "Rp1.235"),  # half-up for display
        (123_449, {"decimals": "never"}, "Rp1.234"),
        (-150, {"decimals": "never"}, "-Rp2"),
        (-40, {"decimals": "never"}, "Rp0"),  # no "-Rp0"
        (MAX_SEN, {}, "Rp1.000.000.000.000.000,00"),
    ],
)
def test_format_rupiah(sen, kwargs, text):
    assert format_rupiah(sen, **kwargs) == text


@pytest.mark.parametrize("value", [1.0, Decimal(1), "100", True, None])
def test_format_rupiah_takes_only_int_sen(value):
    with pytest.raises(TypeError):
        format_rupiah(value)


def test_format_rupiah_refuses_an_unknown_decimals_mode():
    with pytest.raises(ValueError, match="decimals"):
        format_rupiah(100, decimals="sometimes")  # type: ignore[arg-type]


money_sen = st.integers(min_value=-MAX_SEN, max_value=MAX_SEN)


@given(money_sen, st.sampled_from(["always", "auto"]), st.booleans())
def test_format_then_parse_gives_back_the_same_sen(sen, decimals, with_symbol):
    text = format_rupiah(sen, decimals=decimals, with_symbol=with_symbol)
    assert parse_rupiah(text, allow_negative=True) == sen


@given(st.integers(min_value=-MAX_SEN // 100, max_value=MAX_SEN // 100))
def test_whole_rupiah_round_trip_without_decimals(rupiah):
    text = format_rupiah(rupiah * 100, decimals="never")
    assert parse_rupiah(text, allow_negative=True) == rupiah * 100


@given(money_sen)
def test_decimal_round_trip(sen):
    assert decimal_to_sen(sen_to_decimal(sen)) == sen


# --- Decimal conversions -------------------------------------------------------


def test_sen_to_decimal_has_two_places():
    assert sen_to_decimal(123_456_789) == Decimal("1234567.89")
    assert str(sen_to_decimal(100)) == "1.00"
    assert str(sen_to_decimal(-5)) == "-0.05"


def test_decimal_to_sen_is_exact_and_refuses_sub_sen():
    assert decimal_to_sen(Decimal("-0.05")) == -5
    # 31 significant digits: beyond the default Decimal precision, still exact.
    assert decimal_to_sen(Decimal("1234567890123456.780000000000000")) == 123456789012345678
    with pytest.raises(MoneyError) as caught:
        decimal_to_sen(Decimal("0.001"))
    assert caught.value.message == MSG_TOO_MANY_DECIMALS
    for bad in (Decimal("NaN"), Decimal("Infinity")):
        with pytest.raises(MoneyError) as caught:
            decimal_to_sen(bad)
        assert caught.value.message == MSG_NOT_FINITE
    with pytest.raises(MoneyError) as caught:
        decimal_to_sen(Decimal("1E+999999"))
    assert caught.value.message == MSG_TOO_LARGE
    with pytest.raises(TypeError):
        decimal_to_sen(1.5)  # type: ignore[arg-type]


# --- Rates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sen", "rate", "result"),
    [
        (101, Decimal("0.5"), 51),  # 50,5 sen rounds half up
        (-101, Decimal("0.5"), -51),  # and a negative mirrors it (half away from zero)
        (103, Decimal("0.5"), 52),  # 51,5 -> 52 (not banker's 52/51 alternation)
        (105, Decimal("0.5"), 53),  # 52,5 -> 53 (banker's would give 52)
        (149, Decimal("0.01"), 1),  # 1,49 -> 1
        (150, Decimal("0.01"), 2),  # 1,50 -> 2
        (1_000_000_00, Decimal("0.015"), 1_500_000),
        (0, Decimal("0.015"), 0),
        # 10^17 x a 28-digit rate: far beyond the default 28-digit context, exact.
        (MAX_SEN, Decimal("0.0123456789012345678901234567"), 1_234_567_890_123_457),
        (100, Decimal("1E+2"), 10_000),
    ],
)
def test_apply_rate_rounds_half_up_once(sen, rate, result):
    assert apply_rate(sen, rate) == result
    assert type(apply_rate(sen, rate)) is int


def test_apply_rate_refuses_float_sen_and_float_rate():
    with pytest.raises(TypeError):
        apply_rate(100, 0.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        apply_rate(100.0, Decimal("0.5"))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="finite"):
        apply_rate(100, Decimal("NaN"))


def test_apply_rate_does_not_round_before_the_end():
    # Just under half a sen. In Python's default 28-digit context the product
    # would first round to 0.5000... and then half-up to 1 sen: two roundings.
    just_under_half = Decimal("0." + "4" + "9" * 35)
    assert apply_rate(1, just_under_half) == 0


def test_monthly_rate_display_with_the_annual_rate_beside():
    assert format_rate(Decimal("0.015")) == "1,5% per bulan"
    assert format_rate(Decimal("0.18"), per="tahun") == "18% per tahun"
    assert format_rate(Decimal("0.0125")) == "1,25% per bulan"
    assert format_rate(Decimal("1"), per="tahun") == "100% per tahun"
    assert format_rate(Decimal("0")) == "0% per bulan"
    assert monthly_to_annual_rate(Decimal("0.015")) == Decimal("0.18")
    assert format_monthly_rate(Decimal("0.015")) == "1,5% per bulan (18% per tahun)"
    assert format_monthly_rate(Decimal("0.02")) == "2% per bulan (24% per tahun)"
    with pytest.raises(ValueError, match="per"):
        format_rate(Decimal("0.1"), per="minggu")  # type: ignore[arg-type]


# --- split_proportionally -------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "weights", "kwargs", "shares"),
    [
        (100, [1, 1, 1], {}, [34, 33, 33]),  # tie: the earlier weight gets the sen
        (-100, [1, 1, 1], {}, [-34, -33, -33]),
        (100, [1, 0, 1], {}, [50, 0, 50]),
        (10, [Decimal("0.2"), Decimal("0.3"), Decimal("0.5")], {}, [2, 3, 5]),
        (1000, [1, 2, 3, 4], {}, [100, 200, 300, 400]),
        (7, [5], {}, [7]),
        (100, [2, 3, 5], {}, [20, 30, 50]),
        (101, [1, 1], {}, [51, 50]),
        (1_000_00, [1, 1, 1], {"unit": 100}, [33_400, 33_300, 33_300]),
    ],
)
def test_split_proportionally(total, weights, kwargs, shares):
    result = split_proportionally(total, weights, **kwargs)
    assert result == shares
    assert sum(result) == total


def test_split_proportionally_refusals():
    with pytest.raises(MoneyError) as caught:
        split_proportionally(100, [0, 0])
    assert caught.value.message == MSG_ZERO_WEIGHTS
    with pytest.raises(ValueError, match="negative"):
        split_proportionally(100, [1, -1])
    with pytest.raises(ValueError, match="at least one"):
        split_proportionally(100, [])
    with pytest.raises(ValueError, match="multiple"):
        split_proportionally(150, [1, 1], unit=100)
    with pytest.raises(TypeError):
        split_proportionally(100, [0.5, 0.5])  # type: ignore[list-item]


@given(
    st.integers(min_value=-MAX_SEN, max_value=MAX_SEN),
    st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=30).filter(any),
)
def test_split_sums_exactly_and_each_share_is_within_one_sen_of_its_quota(total, weights):
    shares = split_proportionally(total, weights)
    assert sum(shares) == total
    assert all(type(s) is int for s in shares)
    weight_sum = sum(weights)
    for share, weight in zip(shares, weights, strict=True):
        quota = total * weight / weight_sum  # float only for the tolerance check
        assert abs(share - quota) < 1 + abs(quota) * 1e-9
        if weight == 0:
            assert share == 0


# --- terbilang ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sen", "words"),
    [
        (0, "nol rupiah"),
        (100, "satu rupiah"),
        (1_100, "sebelas rupiah"),
        (1_000, "sepuluh rupiah"),
        (1_200, "dua belas rupiah"),
        (1_900, "sembilan belas rupiah"),
        (2_000, "dua puluh rupiah"),
        (2_100, "dua puluh satu rupiah"),
        (10_000, "seratus rupiah"),
        (11_000, "seratus sepuluh rupiah"),
        (11_100, "seratus sebelas rupiah"),
        (20_000, "dua ratus rupiah"),
        (100_000, "seribu rupiah"),
        (100_100, "seribu satu rupiah"),
        (110_000, "seribu seratus rupiah"),
        (200_000, "dua ribu rupiah"),
        (1_100_000, "sebelas ribu rupiah"),
        (10_000_000, "seratus ribu rupiah"),
        (100_000_000, "satu juta rupiah"),
        (
            123_456_789,
            "satu juta dua ratus tiga puluh empat ribu lima ratus enam puluh tujuh rupiah "
            "delapan puluh sembilan sen",
        ),
        (100_000_000_000, "satu miliar rupiah"),
        (100_000_000_000_000, "satu triliun rupiah"),  # 10^12 rupiah
        (MAX_SEN, "seribu triliun rupiah"),
        (
            99_999_999_999_999_999,
            "sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh "
            "sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus "
            "sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan rupiah "
            "sembilan puluh sembilan sen",
        ),
        (50, "lima puluh sen"),
        (1, "satu sen"),
        (100_001, "seribu rupiah satu sen"),
        (-150, "minus satu rupiah lima puluh sen"),
        (2_500_000_000, "dua puluh lima juta rupiah"),
    ],
)
def test_terbilang(sen, words):
    assert terbilang(sen) == words


def test_terbilang_capitalised_for_a_receipt_line():
    assert terbilang(100_000, capitalize=True) == "Seribu rupiah"


def test_terbilang_takes_only_int_sen():
    with pytest.raises(TypeError):
        terbilang(1.0)  # type: ignore[arg-type]


# --- Template filters -----------------------------------------------------------


def test_money_filters_are_built_into_every_template():
    rendered = Template(
        "{{ a|rupiah }}|{{ a|rupiah_short }}|{{ b|rupiah_short }}|{{ c|terbilang }}|"
        "{{ r|rate_bulan }}|{{ n|rupiah }}"
    ).render(Context({"a": 123_400, "b": 123_450, "c": 100_100, "r": Decimal("0.015"), "n": None}))
    assert rendered == (
        "Rp1.234,00|Rp1.234|Rp1.234,50|Seribu satu rupiah|1,5% per bulan (18% per tahun)|"
    )


def test_a_float_in_a_template_fails_loudly():
    with pytest.raises(TypeError):
        Template("{{ a|rupiah }}").render(Context({"a": 1.5}))


# --- Form and model fields ------------------------------------------------------


class PaymentForm(forms.Form):
    jumlah = RupiahField(min_sen=100_000, max_sen=100_000_000)
    catatan_biaya = RupiahField(required=False)


@pytest.mark.parametrize(
    ("typed", "sen"),
    [("Rp10.000", 1_000_000), ("1.000", 100_000), ("1000000", 100_000_000), ("2500,5", 250_050)],
)
def test_rupiah_field_cleans_to_sen(typed, sen):
    form = PaymentForm(data={"jumlah": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["jumlah"] == sen
    assert form.cleaned_data["catatan_biaya"] is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Bidang ini tidak boleh kosong."),
        ("sepuluh ribu", MSG_NOT_A_NUMBER),
        ("1.000,555", MSG_TOO_MANY_DECIMALS),
        ("-5.000", MSG_NEGATIVE),
        ("999", MSG_BELOW_MINIMUM.format(limit="Rp1.000")),
        ("1.000.001", MSG_ABOVE_MAXIMUM.format(limit="Rp1.000.000")),
    ],
)
def test_rupiah_field_errors_are_indonesian_and_on_the_field(typed, message):
    form = PaymentForm(data={"jumlah": typed})
    assert not form.is_valid()
    assert form.errors["jumlah"] == [message]


def test_rupiah_field_data_is_always_rupiah_even_as_an_int():
    form = PaymentForm(data={"jumlah": 5000})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["jumlah"] == 500_000


def test_rupiah_field_shows_sen_initial_as_rupiah_and_detects_no_change():
    form = PaymentForm(initial={"jumlah": 123_450_000})
    html = str(form["jumlah"])
    assert 'value="1.234.500"' in html
    assert 'inputmode="decimal"' in html
    bound = PaymentForm(data={"jumlah": "1.234.500"}, initial={"jumlah": 123_450_000})
    assert not bound.has_changed()


def test_rupiah_field_may_allow_negatives():
    field = RupiahField(allow_negative=True)
    assert field.clean("-Rp1.000") == -100_000


def test_money_field_is_a_plain_bigint_in_sen():
    field = MoneyField(default=0)
    _name, path, args, kwargs = field.deconstruct()
    assert path == "kopdes.core.money_fields.MoneyField"
    assert args == []
    assert kwargs == {"default": 0}
    assert field.get_internal_type() == "BigIntegerField"
    assert isinstance(field.formfield(), RupiahField)
