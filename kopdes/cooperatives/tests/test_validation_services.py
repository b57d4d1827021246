"""Every registry service validates what it is given, whoever calls it (issue #8, section 1).

The form, the API, an import or a command all call these services, so what a
service refuses here is refused on every path; a refusal names the field and
writes nothing (no row, no history).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from kopdes.cooperatives.models import (
    ChangeRecord,
    FormationStep,
    Officer,
    OfficerRole,
    RatRecord,
    StepKind,
    UnitKind,
)
from kopdes.cooperatives.services import (
    CooperativeError,
    OfficerError,
    PipelineError,
    RatError,
    UnitError,
    add_officer,
    add_unit,
    attach_document,
    record_step,
    update_cooperative,
    update_officer,
    update_rat,
    update_unit,
)
from kopdes.core.money import MAX_SEN
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db

LONG = "x" * 5000


def _officer(coop, **fields):
    values = {
        "role": OfficerRole.SEKRETARIS,
        "name": "Wayan Sudarsana",
        "nik": rf.nik(),
        "term_start": date(2025, 6, 19),
    }
    values.update(fields)
    return add_officer(cooperative=coop, actor=None, **values)


def _refused(error_class, call, *, field, code=None):
    """``call`` raises ``error_class`` naming ``field`` and leaves no history behind."""
    before = ChangeRecord.objects.count()
    with pytest.raises(error_class) as caught:
        call()
    assert caught.value.field == field, caught.value.message
    if code:
        assert caught.value.code == code
    assert ChangeRecord.objects.count() == before
    return caught.value


# --- lengths: SQLite stores any length, the service refuses -----------------------------


def test_a_5000_character_officer_name_is_refused_naming_the_limit(personas):
    error = _refused(
        OfficerError, lambda: _officer(personas.coop, name=LONG), field="name", code="text_too_long"
    )
    assert error.message == "Nama paling banyak 150 karakter; yang diisi 5000 karakter."
    assert not Officer.objects.filter(cooperative=personas.coop).exists()


def test_a_5000_character_unit_name_or_location_is_refused(personas):
    _refused(
        UnitError,
        lambda: add_unit(cooperative=personas.coop, actor=None, kind=UnitKind.LAINNYA, name=LONG),
        field="name",
    )
    _refused(
        UnitError,
        lambda: add_unit(
            cooperative=personas.coop, actor=None, kind=UnitKind.KLINIK, location=LONG
        ),
        field="location",
    )
    unit = rf.unit(personas.coop, UnitKind.APOTEK)
    _refused(UnitError, lambda: update_unit(unit=unit, actor=None, name=LONG), field="name")


def test_over_long_step_fields_are_refused(personas):
    _refused(
        PipelineError,
        lambda: record_step(
            cooperative=personas.coop,
            kind=StepKind.SOSIALISASI,
            actor=None,
            done_on=date(2025, 4, 20),
            document_number="D" * 101,
        ),
        field="document_number",
    )
    _refused(
        PipelineError,
        lambda: record_step(
            cooperative=personas.coop,
            kind=StepKind.SOSIALISASI,
            actor=None,
            skipped=True,
            skip_reason="r" * 301,
        ),
        field="skip_reason",
    )
    assert not FormationStep.objects.filter(cooperative=personas.coop).exists()


def test_an_over_long_cooperative_name_is_refused(personas):
    _refused(
        CooperativeError,
        lambda: update_cooperative(cooperative=personas.coop, actor=None, name=LONG),
        field="name",
    )


# --- NUL and control characters ---------------------------------------------------------


@pytest.mark.parametrize("field", ["name", "notes", "phone"])
def test_a_nul_character_in_an_officer_field_is_refused(personas, field):
    values = {field: "Wayan\x00Sudarsana"} if field != "phone" else {"phone": "0812\x005555"}
    error = _refused(OfficerError, lambda: _officer(personas.coop, **values), field=field)
    assert "\x00" not in error.message


def test_control_characters_are_refused_in_units_steps_and_rat(personas):
    _refused(
        UnitError,
        lambda: add_unit(
            cooperative=personas.coop, actor=None, kind=UnitKind.KLINIK, notes="a\x1bb"
        ),
        field="notes",
        code="text_control_character",
    )
    _refused(
        PipelineError,
        lambda: record_step(
            cooperative=personas.coop,
            kind=StepKind.SOSIALISASI,
            actor=None,
            done_on=date(2025, 4, 20),
            notes="catatan\x00",
        ),
        field="notes",
    )
    _refused(
        RatError,
        lambda: rf.rat(personas.coop, shu_decision="dibagi\x00"),
        field="shu_decision",
    )
    # Line breaks belong in notes, not in a name.
    _refused(
        UnitError,
        lambda: add_unit(
            cooperative=personas.coop, actor=None, kind=UnitKind.LAINNYA, name="Baris\nDua"
        ),
        field="name",
        code="text_line_break",
    )
    unit = add_unit(
        cooperative=personas.coop, actor=None, kind=UnitKind.KLINIK, notes="baris 1\nbaris 2"
    )
    assert unit.notes == "baris 1\nbaris 2"


# --- ranges and caps ---------------------------------------------------------------------


def test_rat_members_total_of_a_trillion_is_refused(personas):
    error = _refused(
        RatError, lambda: rf.rat(personas.coop, members_total=10**12), field="members_total"
    )
    assert "Jumlah anggota" in error.message
    assert not RatRecord.objects.filter(cooperative=personas.coop).exists()


def test_an_shu_above_the_apps_money_cap_is_refused(personas):
    _refused(RatError, lambda: rf.rat(personas.coop, shu_amount=MAX_SEN + 1), field="shu_amount")
    rat = rf.rat(personas.coop, shu_amount=MAX_SEN)
    assert rat.shu_amount == MAX_SEN


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("book_year", 2**64),
        ("members_total", 2**64),
        ("members_present", -(2**64)),
        ("quorum_fraction", Decimal("0.12345")),
        ("quorum_fraction", Decimal("NaN")),
        ("members_total", None),
        ("statements_approved", None),
        ("held_on", None),
    ],
)
def test_rat_values_the_columns_cannot_hold_are_refused_on_update(personas, field, value):
    rat = rf.rat(personas.coop)
    _refused(RatError, lambda: update_rat(rat=rat, actor=None, **{field: value}), field=field)
    rat.refresh_from_db()
    assert (rat.members_total, rat.book_year) == (120, 2025)


@pytest.mark.parametrize("value", [Decimal("1e400"), Decimal("NaN"), float("inf"), 2**64])
def test_a_latitude_that_is_not_a_finite_coordinate_is_refused(personas, value):
    _refused(
        UnitError,
        lambda: add_unit(
            cooperative=personas.coop,
            actor=None,
            kind=UnitKind.KLINIK,
            latitude=value,
            longitude=Decimal("116.7"),
        ),
        field="latitude",
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("is_kepala_desa", None), ("term_start", None), ("role", "raja"), ("name", None)],
)
def test_officer_values_of_the_wrong_kind_are_refused_on_update(personas, field, value):
    officer = rf.officer(personas.coop, OfficerRole.KETUA_PENGAWAS)
    _refused(
        OfficerError,
        lambda: update_officer(officer=officer, actor=None, **{field: value}),
        field=field,
    )


# --- identifiers -------------------------------------------------------------------------


def test_the_npwp_step_refuses_a_document_number_that_is_not_an_npwp(personas):
    rf.steps_through(personas.coop, StepKind.SK_AHU)
    error = _refused(
        PipelineError,
        lambda: record_step(
            cooperative=personas.coop,
            kind=StepKind.NPWP,
            actor=None,
            done_on=date(2025, 9, 1),
            document_number="BUKAN-NPWP-123",
        ),
        field="document_number",
        code="step_npwp",
    )
    assert error.message.startswith("NPWP")
    step = record_step(
        cooperative=personas.coop,
        kind=StepKind.NPWP,
        actor=None,
        done_on=date(2025, 9, 1),
        document_number="01.234.567.8-901.000",
    )
    assert step.document_number == "0012345678901000"


def test_an_officer_nik_and_kk_are_still_checked(personas):
    _refused(OfficerError, lambda: _officer(personas.coop, nik="123"), field="nik")
    _refused(OfficerError, lambda: _officer(personas.coop, kk_number="12"), field="kk_number")


def test_an_uploaded_file_name_is_kept_whole_or_refused_never_cut(personas):
    (step,) = rf.steps_through(personas.coop, StepKind.SOSIALISASI)
    long_name = "n" * 250 + ".pdf"
    _refused(
        PipelineError,
        lambda: attach_document(
            cooperative=personas.coop, upload=rf.pdf(long_name), step=step, actor=None
        ),
        field="documents",
        code="text_too_long",
    )
    document = attach_document(
        cooperative=personas.coop, upload=rf.pdf("undangan.pdf"), step=step, actor=None
    )
    assert document.original_name == "undangan.pdf"


def test_the_rat_form_refuses_a_trillion_members_under_the_field(client, personas):
    client.force_login(personas.pengurus)
    url = reverse("cooperatives:rat_create", args=[personas.coop.slug])
    response = client.post(
        url,
        {
            "book_year": "2025",
            "held_on": "2026-03-14",
            "members_total": str(10**12),
            "members_present": "10",
        },
    )
    assert response.status_code == 200
    assert "members_total" in response.context["form"].errors
    assert not RatRecord.objects.exists()
