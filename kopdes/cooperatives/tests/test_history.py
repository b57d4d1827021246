"""History records every field change, with the acting user, in the same transaction."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kopdes.cooperatives.models import ChangeRecord, OfficerRole, StepKind, UnitKind, UnitStatus
from kopdes.cooperatives.selectors import history_for
from kopdes.cooperatives.services import (
    UnitError,
    record_step,
    update_officer,
    update_rat,
    update_unit,
)
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db


def _changes(obj) -> dict[str, tuple[str, str]]:
    rows = history_for(obj.cooperative, obj).filter(action="update")
    return {c.field: (c.old_value, c.new_value) for c in rows}


def test_a_unit_status_change_is_recorded_with_who_and_old_and_new_values(personas):
    unit = rf.unit(personas.coop, UnitKind.GERAI_SEMBAKO, actor=personas.pengurus)
    update_unit(
        unit=unit,
        actor=personas.dinas,
        status=UnitStatus.BEROPERASI,
        started_on=date(2026, 3, 2),
        location="Jl. Poros Telemow",
    )
    latest = list(history_for(personas.coop, unit))
    updates = {c.field: c for c in latest if c.action == "update"}
    assert set(updates) == {"status", "started_on", "location"}
    status = updates["status"]
    assert (status.old_value, status.new_value) == ("Direncanakan", "Beroperasi")
    assert status.actor == personas.dinas
    assert status.field_label == "status"
    assert status.source == "web"
    assert updates["started_on"].new_value == "2 Mar 2026"
    created = [c for c in latest if c.action == "create"]
    assert {c.actor for c in created} == {personas.pengurus}


def test_an_officer_change_records_every_field_and_masks_the_nik(personas):
    officer = rf.officer(personas.coop, OfficerRole.BENDAHARA, phone="081234567890")
    update_officer(
        officer=officer,
        actor=personas.pengurus,
        name="Hj. Rahmawati",
        phone="0813-1111-2222",
        nik=rf.nik(serial=4321),
        term_end=date(2030, 6, 18),
    )
    changes = _changes(officer)
    assert changes["name"][1] == "Hj. Rahmawati"
    assert changes["phone"] == ("+6281234567890", "+6281311112222")
    assert changes["term_end"] == ("", "18 Jun 2030")
    assert "•" in changes["nik"][0]
    assert "•" in changes["nik"][1]
    assert changes["nik"][1].endswith("4322")


def test_step_and_stage_changes_are_both_recorded(personas):
    record_step(
        cooperative=personas.coop,
        kind=StepKind.SOSIALISASI,
        done_on=date(2025, 4, 20),
        document_number="BA/01",
        actor=personas.dinas,
    )
    fields = {(c.object_type, c.field) for c in history_for(personas.coop)}
    assert ("cooperatives.formationstep", "done_on") in fields
    assert ("cooperatives.formationstep", "document_number") in fields
    assert ("cooperatives.cooperative", "stage") in fields


def test_a_rat_change_is_recorded(personas):
    rat = rf.rat(personas.coop)
    update_rat(rat=rat, actor=personas.pengurus, statements_approved=True, shu_amount=12_345_600)
    changes = _changes(rat)
    assert changes["statements_approved"] == ("tidak", "ya")
    assert changes["shu_amount"] == ("", "Rp123.456")


def test_a_refused_change_leaves_no_history(personas):
    unit = rf.unit(personas.coop, UnitKind.KLINIK)
    before = ChangeRecord.objects.count()
    with pytest.raises(UnitError):
        update_unit(unit=unit, actor=personas.dinas, status=UnitStatus.BERHENTI)
    assert ChangeRecord.objects.count() == before


def test_nothing_changed_writes_no_row(personas):
    unit = rf.unit(personas.coop, UnitKind.KLINIK)
    before = ChangeRecord.objects.count()
    update_unit(unit=unit, actor=personas.dinas, notes="")
    assert ChangeRecord.objects.count() == before


def test_reading_history_takes_one_query_however_many_rows(personas):
    for kind in (UnitKind.KLINIK, UnitKind.APOTEK, UnitKind.GUDANG):
        unit = rf.unit(personas.coop, kind, actor=personas.pengurus)
        update_unit(unit=unit, actor=personas.dinas, notes="cek")
    with CaptureQueriesContext(connection) as queries:
        rows = [(c.actor.username if c.actor else "", c.field) for c in history_for(personas.coop)]
    assert len(queries) == 1
    assert len(rows) > 6


def test_history_of_one_cooperative_never_shows_another(personas):
    rf.unit(personas.other_coop, UnitKind.KLINIK)
    assert not history_for(personas.coop).filter(object_label__icontains="Klinik").exists()
