"""NIK, NPWP, phone, RT/RW and postcode checks (docs/domain.md §9).

The region table is loaded by a data migration, so NIK tests run against the
real national codes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from pytest_django import DjangoAssertNumQueries

from kopdes.core import validators as v
from kopdes.core.models import Region

TODAY = date(2026, 11, 28)

# Penajam (64.09.01), man born 12-03-1985, serial 0001.
MAN_PPU = "6409011203850001"
# Sepaku (64.09.04), woman born 12-03-1986: the day is written 52 (12 + 40).
WOMAN_PPU = "6409045203860002"
# A transmigrant: first issued in Donomulyo, Kabupaten Malang, Jawa Timur (35.07.01).
MIGRANT_JATIM = "3507011508700003"
# Merauke under the old Papua code 91.01 (now 93.01 Papua Selatan).
OLD_PAPUA = "9101012507900004"


@pytest.fixture(autouse=True)
def fresh_region_cache() -> Iterator[None]:
    # Each test starts and ends with an empty cache, so a region created
    # inside one test (then rolled back) cannot leak into another.
    v.clear_region_cache()
    yield
    v.clear_region_cache()


def refusal(value: str) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        v.parse_nik(value, today=TODAY)
    return caught.value


def codes(error: ValidationError) -> list[str | None]:
    return [e.code for e in error.error_list]


# --- NIK: accepted ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_man_nik_from_ppu_is_decoded() -> None:
    info = v.parse_nik(MAN_PPU, today=TODAY)

    assert info == v.NikInfo(
        nik=MAN_PPU,
        province_code="64",
        regency_code="64.09",
        kecamatan_code="64.09.01",
        birth_date=date(1985, 3, 12),
        sex="L",
        serial="0001",
        warnings=[],
    )


@pytest.mark.django_db
def test_woman_nik_has_forty_added_to_the_day() -> None:
    info = v.parse_nik(WOMAN_PPU, today=TODAY)

    assert info.sex == "P"
    assert info.birth_date == date(1986, 3, 12)
    assert info.kecamatan_code == "64.09.04"


@pytest.mark.django_db
def test_woman_born_on_the_31st_is_written_71() -> None:
    info = v.parse_nik("6409017112800005", today=TODAY)

    assert (info.sex, info.birth_date) == ("P", date(1980, 12, 31))


@pytest.mark.django_db
def test_migrant_nik_from_another_province_is_valid() -> None:
    info = v.parse_nik(MIGRANT_JATIM, today=TODAY)

    assert info.province_code == "35"
    assert info.regency_code == "35.07"
    assert info.kecamatan_code == "35.07.01"
    assert info.birth_date == date(1970, 8, 15)
    assert info.warnings == []


@pytest.mark.django_db
def test_historical_papua_regency_code_is_valid() -> None:
    assert Region.objects.get(code="91.01").is_current is False

    info = v.parse_nik(OLD_PAPUA, today=TODAY)

    assert info.regency_code == "91.01"
    assert info.warnings == []


@pytest.mark.django_db
def test_unknown_kecamatan_is_a_warning_not_a_refusal() -> None:
    info = v.parse_nik("6409991203850001", today=TODAY)

    assert info.kecamatan_code == "64.09.99"
    assert info.warnings == [
        "Kode kecamatan 64.09.99 pada NIK tidak ada di tabel wilayah; periksa kembali "
        "(kode kecamatan dapat berubah, jadi NIK tetap diterima)."
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "written",
    ["6409 0112 0385 0001", "6409.0112.0385.0001", " 6409011203850001 ", "64.09.01.120385.0001"],
)
def test_spaces_and_dots_are_ignored(written: str) -> None:
    assert v.parse_nik(written, today=TODAY).nik == MAN_PPU


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("yymmdd_and_serial", "expected"),
    [
        # 2000s when that date has already happened...
        ("0101000001", date(2000, 1, 1)),
        ("2902000001", date(2000, 2, 29)),  # 2000 was a leap year
        ("0111260001", date(2026, 11, 1)),
        ("2811260001", date(2026, 11, 28)),  # today itself
        # ...otherwise the 1900s: nobody is born in the future.
        ("2911260001", date(1926, 11, 29)),
        ("0101270001", date(1927, 1, 1)),
        ("3112990001", date(1999, 12, 31)),
    ],
)
def test_two_digit_year_is_the_latest_not_in_the_future(
    yymmdd_and_serial: str, expected: date
) -> None:
    nik = "640901" + yymmdd_and_serial[:6] + yymmdd_and_serial[6:]

    assert v.parse_nik(nik, today=TODAY).birth_date == expected


@pytest.mark.django_db
def test_default_today_is_the_local_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2026, 1, 1))

    # "26" with a date after 1 Jan 2026 is still in the future, so 1926.
    assert v.parse_nik("6409010203260001").birth_date == date(1926, 3, 2)


@pytest.mark.django_db
def test_validate_nik_accepts_a_valid_nik() -> None:
    assert v.validate_nik(MIGRANT_JATIM) is None


# --- NIK: refused, each message exact ---------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["6409O11203850001", "6409-0112-0385-0001", "", "NIK"])
def test_non_digits_are_refused(value: str) -> None:
    error = refusal(value)

    assert error.messages == ["NIK hanya boleh berisi angka."]
    assert error.code == "nik_not_digits"


@pytest.mark.django_db
@pytest.mark.parametrize(("value", "count"), [("640901120385001", 15), ("64090112038500011", 17)])
def test_wrong_length_is_refused(value: str, count: int) -> None:
    error = refusal(value)

    assert error.messages == [f"NIK harus 16 angka; yang diisi {count} angka."]
    assert error.code == "nik_length"


@pytest.mark.django_db
def test_unknown_province_is_refused() -> None:
    error = refusal("9901011203850001")

    assert error.messages == ["Kode provinsi 99 pada NIK tidak dikenal."]
    assert codes(error) == ["nik_province"]


@pytest.mark.django_db
def test_unknown_regency_is_refused() -> None:
    error = refusal("6499011203850001")

    assert error.messages == ["Kode kabupaten/kota 64.99 pada NIK tidak dikenal."]
    assert codes(error) == ["nik_regency"]


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["00", "32", "40", "72", "99"])
def test_day_outside_01_31_and_41_71_is_refused(day: str) -> None:
    error = refusal(f"640901{day}03850001")

    assert error.messages == [
        f"Tanggal lahir pada NIK ({day}) tidak sah: harus 01–31, atau 41–71 untuk perempuan."
    ]
    assert codes(error) == ["nik_day"]


@pytest.mark.django_db
@pytest.mark.parametrize("month", ["00", "13"])
def test_month_outside_01_12_is_refused(month: str) -> None:
    error = refusal(f"64090112{month}850001")

    assert error.messages == [f"Bulan lahir pada NIK ({month}) tidak sah: harus 01–12."]
    assert codes(error) == ["nik_month"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("nik", "shown"),
    [
        ("6409013102850001", "31-02-85"),
        ("6409017102850001", "31-02-85"),  # a woman's 71 is the 31st too
        ("6409012902850001", "29-02-85"),  # 1985 was not a leap year
        ("6409013104850001", "31-04-85"),
    ],
)
def test_impossible_date_is_refused(nik: str, shown: str) -> None:
    error = refusal(nik)

    assert error.messages == [f"Tanggal lahir pada NIK ({shown}) tidak ada di kalender."]
    assert codes(error) == ["nik_date"]


@pytest.mark.django_db
def test_serial_0000_is_refused() -> None:
    error = refusal("6409011203850000")

    assert error.messages == ["Nomor urut pada NIK (4 angka terakhir) tidak boleh 0000."]
    assert codes(error) == ["nik_serial"]


@pytest.mark.django_db
def test_every_fault_is_reported_at_once() -> None:
    # An import report should list every reason for a row, not the first only.
    error = refusal("6499013213850000")

    assert codes(error) == ["nik_regency", "nik_day", "nik_month", "nik_serial"]


@pytest.mark.django_db
def test_validate_nik_refuses_with_the_same_message() -> None:
    with pytest.raises(ValidationError) as caught:
        v.validate_nik("9901011203850001")

    assert caught.value.messages == [str(v.NIK_UNKNOWN_PROVINCE % {"code": "99"})]


# --- NIK: the region codes are loaded once ---------------------------------------------------


@pytest.mark.django_db
def test_many_niks_cost_one_query(django_assert_num_queries: DjangoAssertNumQueries) -> None:
    niks = [f"640901120385{serial:04d}" for serial in range(1, 501)]

    with django_assert_num_queries(1):
        for nik in [*niks, MIGRANT_JATIM, OLD_PAPUA]:
            v.parse_nik(nik, today=TODAY)


@pytest.mark.django_db
def test_a_new_region_clears_the_cache() -> None:
    with pytest.raises(ValidationError):
        v.parse_nik("9901011203850001", today=TODAY)

    Region.objects.create(code="99", name="Provinsi Uji", level=1, kind="provinsi")
    Region.objects.create(
        code="99.01", name="Kabupaten Uji", level=2, kind="kabupaten", parent=None
    )

    assert v.parse_nik("9901011203850001", today=TODAY).province_code == "99"


# --- NIK against the member's recorded data --------------------------------------------------


def test_matching_birth_date_and_sex_give_no_messages() -> None:
    assert v.check_nik_matches(WOMAN_PPU, birth_date=date(1986, 3, 12), sex="P") == []


def test_recorded_birth_date_contradicting_the_nik() -> None:
    messages = v.check_nik_matches(MAN_PPU, birth_date=date(1985, 3, 13), sex="L")

    assert messages == [
        "Tanggal lahir 13-03-1985 tidak cocok dengan NIK (NIK menunjukkan 12-03-1985)."
    ]


def test_recorded_birth_year_contradicting_the_nik() -> None:
    messages = v.check_nik_matches(WOMAN_PPU, birth_date=date(1985, 3, 12), sex="P")

    assert messages == [
        "Tanggal lahir 12-03-1985 tidak cocok dengan NIK (NIK menunjukkan 12-03-1986)."
    ]


def test_woman_recorded_as_man_contradicts_the_nik() -> None:
    messages = v.check_nik_matches(WOMAN_PPU, birth_date=date(1986, 3, 12), sex="L")

    assert messages == [
        "Jenis kelamin tidak cocok dengan NIK: tanggal pada NIK untuk perempuan ditambah 40."
    ]


def test_woman_whose_day_was_not_raised_by_40_is_reported_both_ways() -> None:
    # Recorded as a woman born 12-03-1985 but the NIK says a man (day 12).
    messages = v.check_nik_matches(MAN_PPU, birth_date=date(1985, 3, 12), sex="P")

    assert messages == [str(v.NIK_SEX_MISMATCH)]


def test_only_two_year_digits_are_compared() -> None:
    # The NIK cannot tell 1925 from 2025; a recorded 1925 agrees with "25".
    nik = "6409011203250001"

    assert v.check_nik_matches(nik, birth_date=date(1925, 3, 12), sex="l") == []


def test_missing_recorded_values_are_not_compared() -> None:
    assert v.check_nik_matches(MAN_PPU, birth_date=None, sex=None) == []


@pytest.mark.django_db
def test_check_accepts_a_parsed_nik() -> None:
    info = v.parse_nik(MAN_PPU, today=TODAY)

    assert v.check_nik_matches(info, birth_date=date(1985, 3, 12), sex="P") == [
        str(v.NIK_SEX_MISMATCH)
    ]


def test_check_on_a_malformed_nik_raises() -> None:
    with pytest.raises(ValidationError) as caught:
        v.check_nik_matches("6409013203850001", birth_date=date(1985, 3, 12), sex="L")

    assert codes(caught.value) == ["nik_day"]


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        (MAN_PPU, "6409••••••••0001"),
        ("6409 0112 0385 0001", "6409••••••••0001"),
        ("1234", "••••"),
        ("", ""),
    ],
)
def test_mask_nik(value: str, masked: str) -> None:
    assert v.mask_nik(value) == masked


# --- NPWP -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("01.234.567.8-901.000", "0012345678901000"),  # legacy 15 digits, formatted
        ("012345678901000", "0012345678901000"),
        ("0012345678901000", "0012345678901000"),
        ("6409011203850001", "6409011203850001"),  # an individual's NIK serves as NPWP
        (" 0012 3456 7890 1000 ", "0012345678901000"),
    ],
)
def test_npwp_is_normalised_to_16_digits(value: str, expected: str) -> None:
    assert v.normalize_npwp(value) == expected
    assert v.validate_npwp(value) is None


@pytest.mark.parametrize(
    ("value", "message", "code"),
    [
        ("01.234.567.8-901", "NPWP harus 16 angka, atau 15 angka untuk NPWP lama; "
         "yang diisi 12 angka.", "npwp_length"),
        ("00123456789010001", "NPWP harus 16 angka, atau 15 angka untuk NPWP lama; "
         "yang diisi 17 angka.", "npwp_length"),
        ("01.234.567.8-901.00A", "NPWP hanya boleh berisi angka (titik, tanda hubung, "
         "dan spasi diabaikan).", "npwp_not_digits"),
        ("", "NPWP hanya boleh berisi angka (titik, tanda hubung, dan spasi diabaikan).",
         "npwp_not_digits"),
        ("00.000.000.0-000.000", "NPWP tidak boleh semuanya angka 0.", "npwp_zero"),
    ],
)  # fmt: skip
def test_bad_npwp_is_refused(value: str, message: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        v.normalize_npwp(value)

    assert caught.value.messages == [message]
    assert caught.value.code == code


# --- Phone ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0812-3456-789", "+628123456789"),
        ("08123456789", "+628123456789"),
        ("628123456789", "+628123456789"),
        ("+62 812-3456-789", "+628123456789"),
        ("+62 (0)812 3456 789", "+628123456789"),  # trunk 0 kept after the country code
        ("8123456789", "+628123456789"),
        ("0812345678", "+62812345678"),  # 10 digits, the shortest mobile
        ("0812345678901", "+62812345678901"),  # 13 digits, the longest
        ("0542-721100", "+62542721100"),  # Balikpapan landline
        ("(0542) 721100", "+62542721100"),
        ("021-12345678", "+622112345678"),  # Jakarta, two-digit area code
        ("0543 21234", "+6254321234"),  # Tanah Grogot, 5-digit subscriber
    ],
)
def test_phone_is_normalised_to_e164(value: str, expected: str) -> None:
    assert v.normalize_phone(value) == expected
    assert v.validate_phone(value) is None


@pytest.mark.parametrize(
    ("value", "message", "code"),
    [
        ("0812-345-67", "Nomor ponsel harus 10–13 angka dalam bentuk 08…; nomor ini 9 angka.",
         "phone_length"),
        ("08123456789012", "Nomor ponsel harus 10–13 angka dalam bentuk 08…; nomor ini 14 angka.",
         "phone_length"),
        ("0542-7211", "Nomor telepon rumah/kantor harus 9–11 angka termasuk kode wilayah "
         "(mis. 0542-721100); nomor ini 8 angka.", "phone_length"),
        ("021-123456789", "Nomor telepon rumah/kantor harus 9–11 angka termasuk kode wilayah "
         "(mis. 0542-721100); nomor ini 12 angka.", "phone_length"),
        ("+65 9123 4567", "Nomor telepon harus nomor Indonesia (+62).", "phone_country"),
        ("542721100", "Nomor telepon tidak dikenal: nomor ponsel diawali 08, nomor telepon "
         "rumah/kantor diawali kode wilayah (mis. 0542).", "phone_prefix"),
        ("0123456789", "Nomor telepon tidak dikenal: nomor ponsel diawali 08, nomor telepon "
         "rumah/kantor diawali kode wilayah (mis. 0542).", "phone_prefix"),
        ("0812 3456 789 ext", "Nomor telepon hanya boleh berisi angka, spasi, tanda hubung, "
         "titik, kurung, dan + di depan.", "phone_chars"),
        ("", "Nomor telepon hanya boleh berisi angka, spasi, tanda hubung, titik, kurung, "
         "dan + di depan.", "phone_chars"),
        ("0812+3456789", "Nomor telepon hanya boleh berisi angka, spasi, tanda hubung, titik, "
         "kurung, dan + di depan.", "phone_chars"),
    ],
)  # fmt: skip
def test_bad_phone_is_refused(value: str, message: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        v.normalize_phone(value)

    assert caught.value.messages == [message]
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("value", "local"),
    [
        ("+628123456789", "0812-3456-789"),
        ("+62812345678", "0812-345-678"),
        ("+6281234567890", "0812-3456-7890"),
        ("+62812345678901", "0812-3456-78901"),
        ("+62542721100", "0542-721100"),
        ("+622112345678", "021-12345678"),
        ("0812 3456 789", "0812-3456-789"),
    ],
)
def test_format_phone_local(value: str, local: str) -> None:
    assert v.format_phone_local(value) == local


# --- RT/RW ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["3/2", "03 / 02", "003/002", "RT 3 RW 2", "rt 03 rw 02", "RT.003/RW.002", "RT 3/RW 2", "3-2"],
)
def test_rt_rw_is_normalised(value: str) -> None:
    assert v.normalize_rt_rw(value) == "003/002"
    assert v.validate_rt_rw(value) is None


def test_rt_rw_keeps_three_digit_numbers() -> None:
    assert v.normalize_rt_rw("12/999") == "012/999"


@pytest.mark.parametrize("value", ["0/2", "3/0", "1000/2", "3/1000"])
def test_rt_rw_out_of_range_is_refused(value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        v.normalize_rt_rw(value)

    assert caught.value.messages == ["Nomor RT dan RW harus antara 1 dan 999."]
    assert caught.value.code == "rt_rw_range"


@pytest.mark.parametrize("value", ["", "3", "RT 3", "tiga/dua", "3/2/1", "RW 2 RT 3"])
def test_rt_rw_garbage_is_refused(value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        v.normalize_rt_rw(value)

    assert caught.value.messages == ["RT/RW harus ditulis seperti 003/002 atau RT 3 RW 2."]
    assert caught.value.code == "rt_rw_format"


# --- Postcode ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [("76141", "76141"), (" 76142 ", "76142")])
def test_postcode_is_five_digits(value: str, expected: str) -> None:
    assert v.normalize_postcode(value) == expected
    assert v.validate_postcode(value) is None


@pytest.mark.parametrize("value", ["7614", "761411", "7614a", "", "06141", "76 141x"])
def test_bad_postcode_is_refused(value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        v.normalize_postcode(value)

    assert caught.value.messages == ["Kode pos harus 5 angka dan tidak diawali 0 (mis. 76141)."]
    assert caught.value.code == "postcode"
