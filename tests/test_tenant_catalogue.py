"""The tenant catalogue: every table held to the keys a sharded nation needs (ADR 0009).

The catalogue (``kopdes.core.tenancy.catalogue``) introspects the real test
database (``connection.introspection``; on PostgreSQL also ``pg_constraint``)
and lists every breach of the rules of docs/tenancy.md, "Tables and keys";
each count must be 0. A later table is held to the same rules: classify its
model in ``kopdes/core/tenancy.py`` and give it its keys in its migration.

On PostgreSQL the database itself refuses a row that points into another
cooperative (raw SQL here, past the ORM and the services); SQLite keeps the
services' checks.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from kopdes.accounts.people.selectors import history_of
from kopdes.cooperatives.history import record_changes
from kopdes.cooperatives.models import (
    ChangeRecord,
    DistrictChangeRecord,
    FormationStep,
    StepKind,
)
from kopdes.core import tenancy
from kopdes.ledger.models import Period
from kopdes.testing import factories
from kopdes.testing import ledger_factories as lf
from kopdes.testing import registry_factories as rf

POSTGRES = connection.vendor == "postgresql"
postgres_only = pytest.mark.skipif(not POSTGRES, reason="composite keys are PostgreSQL's")
DAY = date(2026, 1, 15)


@pytest.mark.django_db
def test_every_table_keeps_the_tenant_rules(capsys):
    found = tenancy.catalogue(connection)
    counts = found.counts()
    with capsys.disabled():
        print(f"\ntenant catalogue ({connection.vendor}):")
        for rule, count in counts.items():
            print(f"  {rule}: {'n/a' if count is None else count} (target 0)")
    assert found.failures() == {}
    if POSTGRES:
        assert counts["tenant_foreign_keys_not_composite"] == 0
        assert counts["tenant_targets_without_unique_key"] == 0


@pytest.mark.django_db
def test_the_catalogue_sees_a_breach_of_each_rule(monkeypatch):
    # Grants are shared (a regency grant has no cooperative); called tenant,
    # their nullable cooperative_id is a breach. Regions have no key at all and
    # a unique code not led by one.
    monkeypatch.setitem(tenancy.CLASSIFICATION, "accounts.Grant", tenancy.TENANT)
    monkeypatch.setitem(tenancy.CLASSIFICATION, "core.Region", tenancy.TENANT)
    monkeypatch.delitem(tenancy.CLASSIFICATION, "demo.LoadedSection")
    found = tenancy.catalogue(connection)
    assert found.unclassified_models == ["demo.LoadedSection"]
    assert {"accounts_grant", "core_region"} <= set(found.tenant_tables_without_not_null_key)
    assert any(
        item.startswith("core_region.") and "['code']" in item
        for item in found.unique_constraints_not_led_by_key
    )
    # A shared table (cooperatives) now points into a "tenant" one (regions).
    assert any(
        item.startswith("cooperatives_cooperative.primary_village_id")
        for item in found.foreign_keys_across_classes
    )


@postgres_only
@pytest.mark.django_db
def test_the_catalogue_sees_a_missing_composite_key():
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "ALTER TABLE ledger_line DROP CONSTRAINT ledger_line_business_unit_id_tenant_fk"
        )
        cursor.execute("ALTER TABLE ledger_line DROP CONSTRAINT ledger_line_entry_id_tenant_fk")
        cursor.execute(
            "ALTER TABLE cooperatives_businessunit DROP CONSTRAINT "
            "cooperatives_businessunit_tenant_key CASCADE"
        )
        found = tenancy.catalogue(connection)
        assert found.tenant_targets_without_unique_key == ["cooperatives_businessunit"]
        assert set(found.tenant_foreign_keys_not_composite or []) >= {
            "ledger_line.business_unit_id -> cooperatives_businessunit",
            "ledger_line.entry_id -> ledger_entry",
            "ledger_snapshot.business_unit_id -> cooperatives_businessunit",
        }
        transaction.set_rollback(True)
    assert tenancy.catalogue(connection).failures() == {}


# --- the database refuses cross-cooperative pointers (PostgreSQL) -------------------


def refused_at_once(sql: str, params: list) -> str:
    """Run raw SQL with every deferred constraint checked now; it must fail."""
    with pytest.raises(IntegrityError) as info, transaction.atomic():
        _write_and_check(sql, params)
    return str(info.value)


def _write_and_check(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    connection.check_constraints()


def accepted_at_once(sql: str, params: list) -> None:
    with transaction.atomic():
        _write_and_check(sql, params)
        transaction.set_rollback(True)


@pytest.fixture
def two(db):
    ours = factories.cooperative("64.09.04.2015")
    theirs = factories.cooperative("64.09.01.2020")
    return ours, theirs


LINE_SQL = (
    "INSERT INTO ledger_line (entry_id, cooperative_id, business_date, account_id, debit, "
    "credit, business_unit_id, member_number, memo) VALUES (%s, %s, %s, %s, 1, 0, %s, '', '')"
)


@postgres_only
def test_a_journal_line_cannot_name_another_cooperatives_business_unit(two):
    ours, theirs = two
    entry = lf.entry(ours, amount=5000, on=DAY)
    kas = lf.account(ours, lf.KAS)
    own_unit = rf.unit(ours)
    their_unit = rf.unit(theirs)
    # The same line with our own unit is fine (so the refusal is the unit's).
    accepted_at_once(LINE_SQL, [entry.pk, ours.pk, DAY, kas.pk, own_unit.pk])
    message = refused_at_once(LINE_SQL, [entry.pk, ours.pk, DAY, kas.pk, their_unit.pk])
    assert "ledger_line_business_unit_id_tenant_fk" in message


@postgres_only
def test_a_snapshot_cannot_name_another_cooperatives_account_or_unit(two):
    ours, theirs = two
    lf.entry(ours, amount=5000, on=DAY)
    lf.entry(theirs, amount=5000, on=DAY)
    period = Period.objects.get(cooperative=ours, year=2026, month=1)
    their_period = Period.objects.get(cooperative=theirs, year=2026, month=1)
    sql = (
        "INSERT INTO ledger_snapshot (cooperative_id, period_id, account_id, business_unit_id, "
        "debit, credit, balance) VALUES (%s, %s, %s, %s, 0, 0, 0)"
    )
    kas, their_kas = lf.account(ours, lf.KAS), lf.account(theirs, lf.KAS)
    accepted_at_once(sql, [ours.pk, period.pk, kas.pk, None])
    assert "ledger_snapshot_account_id_tenant_fk" in refused_at_once(
        sql, [ours.pk, period.pk, their_kas.pk, None]
    )
    assert "ledger_snapshot_period_id_tenant_fk" in refused_at_once(
        sql, [ours.pk, their_period.pk, kas.pk, None]
    )
    assert "ledger_snapshot_business_unit_id_tenant_fk" in refused_at_once(
        sql, [ours.pk, period.pk, kas.pk, rf.unit(theirs).pk]
    )


@postgres_only
def test_a_sub_account_cannot_hang_under_another_cooperatives_account(two):
    ours, theirs = two
    sub, their_parent = lf.account(ours, lf.KAS), lf.account(theirs, "1-1000")
    message = refused_at_once(
        "UPDATE ledger_account SET parent_id = %s WHERE id = %s", [their_parent.pk, sub.pk]
    )
    assert "ledger_account_parent_id_tenant_fk" in message


@postgres_only
def test_a_reopen_request_or_period_event_cannot_name_another_cooperatives_month(two):
    ours, theirs = two
    lf.entry(theirs, amount=5000, on=DAY)
    their_period = Period.objects.get(cooperative=theirs, year=2026, month=1)
    asker = factories.user()
    now = timezone.now()
    assert "ledger_reopenrequest_period_id_tenant_fk" in refused_at_once(
        "INSERT INTO ledger_reopenrequest (cooperative_id, period_id, requested_by_id, reason, "
        "status, requested_at, decision_note) VALUES (%s, %s, %s, 'x', 'pending', %s, '')",
        [ours.pk, their_period.pk, asker.pk, now],
    )
    assert "ledger_periodevent_period_id_tenant_fk" in refused_at_once(
        "INSERT INTO ledger_periodevent (cooperative_id, period_id, year, action, reason, at) "
        "VALUES (%s, %s, 2026, 'close', '', %s)",
        [ours.pk, their_period.pk, now],
    )


@postgres_only
def test_a_registry_document_cannot_belong_to_another_cooperatives_step(two):
    ours, theirs = two
    their_step = FormationStep.objects.create(
        cooperative=theirs, kind=StepKind.SOSIALISASI, done_on=DAY
    )
    message = refused_at_once(
        "INSERT INTO cooperatives_registrydocument (cooperative_id, purpose, step_id, file, "
        "original_name, content_type, size, uploaded_at) "
        "VALUES (%s, 'step', %s, 'x.pdf', 'x.pdf', 'application/pdf', 1, %s)",
        [ours.pk, their_step.pk, timezone.now()],
    )
    assert "cooperatives_registrydocument_step_id_tenant_fk" in message


@pytest.mark.django_db
def test_a_reversal_link_is_unique_per_cooperative_and_led_by_it():
    constraints = connection.introspection.get_constraints(connection.cursor(), "ledger_entry")
    uniques = [c["columns"] for c in constraints.values() if c["unique"] and not c["primary_key"]]
    assert ["cooperative_id", "reverses_id"] in uniques
    assert ["reverses_id"] not in uniques


# --- history outside any cooperative ---------------------------------------------------


@pytest.mark.django_db
def test_history_outside_any_cooperative_is_filed_as_the_districts(two):
    ours, _theirs = two
    login = factories.user()
    before = {"full_name": ("Nama lengkap", "Lama")}
    after = {"full_name": ("Nama lengkap", "Baru")}
    district = record_changes(cooperative=None, actor=None, obj=login, before=before, after=after)
    filed = record_changes(cooperative=ours, actor=None, obj=login, before=after, after=before)
    assert [type(row) for row in district] == [DistrictChangeRecord]
    assert [type(row) for row in filed] == [ChangeRecord]
    assert (
        ChangeRecord.objects.get(object_type="accounts.user", object_id=login.pk).cooperative_id
        == ours.pk
    )
    # The login's history reads both, newest first.
    assert [row.new_value for row in history_of(login)] == ["Lama", "Baru"]


# --- row locks name the cooperative (PostgreSQL: SQLite has no FOR UPDATE) ---------


def _locks(queries) -> list[str]:
    return [q["sql"] for q in queries if "FOR UPDATE" in q["sql"] or "FOR NO KEY" in q["sql"]]


@postgres_only
def test_every_row_lock_of_the_registry_and_the_books_filters_by_cooperative(two):
    from django.test.utils import CaptureQueriesContext

    from kopdes.cooperatives.officers import update_officer
    from kopdes.cooperatives.rat import update_rat
    from kopdes.cooperatives.units import update_unit
    from kopdes.ledger.services.periods import close_month

    ours, _theirs = two
    unit, rat, officer = rf.unit(ours), rf.rat(ours), rf.officer(ours)
    lf.entry(ours, amount=5000, on=DAY)
    period = Period.objects.get(cooperative=ours, year=2026, month=1)
    actor = factories.user()
    with CaptureQueriesContext(connection) as seen:
        update_unit(unit=unit, actor=None, location="Jalan Poros")
        update_rat(rat=rat, actor=None, notes="Catatan")
        update_officer(officer=officer, actor=None, phone="081234567890")
        close_month(cooperative=ours, period=period, actor=actor)
    locks = _locks(seen.captured_queries)
    assert len(locks) >= 4
    unfiltered = [sql for sql in locks if '"cooperative_id" =' not in sql.split("WHERE", 1)[-1]]
    assert unfiltered == []
