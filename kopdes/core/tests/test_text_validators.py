"""Text is checked, never cut: control characters and over-long text are refused by name."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from hypothesis import given
from hypothesis import strategies as st

from kopdes.core.errors import DomainError
from kopdes.core.money import MAX_SEN
from kopdes.core.money_fields import MoneyField
from kopdes.core.validators import (
    clean_fields,
    clean_text,
    validate_multiline_text,
    validate_text,
)


class Sample(models.Model):
    """A model only for these tests (never migrated: the checks read its fields)."""

    name = models.CharField("nama", max_length=10)
    note = models.TextField("catatan", blank=True)
    colour = models.CharField(
        "warna", max_length=5, blank=True, choices=[("merah", "Merah"), ("putih", "Putih")]
    )
    count = models.PositiveIntegerField("jumlah")
    small = models.PositiveSmallIntegerField("kecil", null=True)
    amount = MoneyField("nilai", null=True)
    share = models.DecimalField("bagian", max_digits=4, decimal_places=3, null=True)
    flag = models.BooleanField("tanda", default=False)
    day = models.DateField("tanggal", null=True)

    class Meta:
        app_label = "core"
        managed = False

    def __str__(self) -> str:
        return self.name


class SampleError(DomainError):
    pass


def refusal(**values) -> SampleError:
    with pytest.raises(SampleError) as caught:
        clean_fields(Sample, values, error=SampleError)
    return caught.value


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\x80", "\x9f"])
def test_control_characters_are_refused_naming_the_field(char):
    with pytest.raises(ValidationError) as caught:
        clean_text(f"Budi{char}Santoso", field="Nama")
    assert caught.value.code == "text_control_character"
    assert caught.value.messages[0].startswith("Nama berisi karakter kendali")


def test_a_lone_surrogate_is_refused():
    with pytest.raises(ValidationError) as caught:
        clean_text("Budi\ud800", field="Nama")
    assert caught.value.code == "text_not_unicode"


def test_line_breaks_only_in_multiline_text():
    with pytest.raises(ValidationError) as caught:
        clean_text("Budi\nSantoso", field="Nama")
    assert caught.value.code == "text_line_break"
    assert clean_text("baris satu\r\nbaris dua\tdua", multiline=True) == (
        "baris satu\r\nbaris dua\tdua"
    )
    validate_multiline_text("a\nb")
    with pytest.raises(ValidationError):
        validate_text("a\nb")


def test_too_long_text_is_refused_with_the_field_and_the_limit_never_cut():
    with pytest.raises(ValidationError) as caught:
        clean_text("x" * 151, field="Nama", max_length=150)
    error = caught.value
    assert error.code == "text_too_long"
    assert error.params == {"field": "Nama", "limit": 150, "count": 151}
    assert error.messages[0] == "Nama paling banyak 150 karakter; yang diisi 151 karakter."


def test_the_limit_counts_the_stripped_text_and_ordinary_text_passes():
    assert clean_text("  Siti Aminah  ", max_length=11) == "Siti Aminah"
    assert clean_text("Ni Luh Putu Ayu Ṣāliḥ — 佳", max_length=50) == "Ni Luh Putu Ayu Ṣāliḥ — 佳"
    assert clean_text(None) == ""
    with pytest.raises(ValidationError) as caught:
        clean_text(12, field="Nama")
    assert caught.value.code == "text_type"


@given(st.text(max_size=40))
def test_clean_text_either_refuses_or_returns_storable_text(value):
    try:
        text = clean_text(value, max_length=30, multiline=True)
    except ValidationError:
        return
    assert len(text) <= 30
    assert "\x00" not in text
    text.encode("utf-8")  # storable on PostgreSQL


# --- clean_fields: the model's own limits, checked by the service -----------------------


def test_clean_fields_refuses_what_the_column_cannot_hold_with_the_field_set():
    assert refusal(name="x" * 11).field == "name"
    assert refusal(name="x" * 11).message == (
        "Nama paling banyak 10 karakter; yang diisi 11 karakter."
    )
    assert refusal(note="a\x00b").code == "text_control_character"
    assert refusal(colour="biru").code == "field_choice"
    assert refusal(count=2**31).message == "Jumlah harus di antara 0 dan 2.147.483.647."
    assert refusal(count=-1).field == "count"
    assert refusal(count=2**64).code == "field_range"
    assert refusal(count=True).code == "field_type"
    assert refusal(count="12").code == "field_type"
    assert refusal(count=None).code == "field_required"
    assert refusal(small=40_000).field == "small"
    assert refusal(amount=MAX_SEN + 1).field == "amount"
    assert refusal(amount=-MAX_SEN - 1).field == "amount"
    assert refusal(share=Decimal("0.1234")).code == "field_decimal_places"
    assert refusal(share=Decimal("10")).code == "field_range"
    assert refusal(share="1e400").code == "field_range"
    assert refusal(share=Decimal("NaN")).code == "field_type"
    assert refusal(share=float("inf")).code == "field_type"
    assert refusal(flag=None).code == "field_required"
    assert refusal(flag="ya").code == "field_type"
    assert refusal(day="2026-01-01").code == "field_type"
    assert refusal(day=datetime(2026, 1, 1)).code == "field_type"


def test_clean_fields_returns_what_to_store():
    cleaned = clean_fields(
        Sample,
        {
            "name": " Ani ",
            "note": "",
            "colour": "",
            "count": 2**31 - 1,
            "small": None,
            "amount": MAX_SEN,
            "share": "0.500",
            "flag": True,
            "day": date(2026, 1, 1),
        },
        error=SampleError,
    )
    assert cleaned["name"] == "Ani"
    assert cleaned["share"] == Decimal("0.5")
    assert cleaned["amount"] == MAX_SEN
    assert cleaned["small"] is None


def test_an_app_cap_narrows_the_column_range():
    with pytest.raises(SampleError) as caught:
        clean_fields(Sample, {"count": 1_000_001}, error=SampleError, ranges={"count": (1, 10**6)})
    assert caught.value.message == "Jumlah harus di antara 1 dan 1.000.000."
    with pytest.raises(SampleError):
        clean_fields(Sample, {"count": 0}, error=SampleError, ranges={"count": (1, None)})
