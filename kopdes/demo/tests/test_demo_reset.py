"""`make demo-reset` starts the demo afresh even when it holds books (posted entries that the
ledger's guards never let anyone delete row by row)."""

from __future__ import annotations

import sqlite3

import pytest
from django.core.management import call_command
from django.db import connection

from kopdes.cooperatives.models import Cooperative
from kopdes.core.models import Region
from kopdes.demo.loader import load_demo
from kopdes.demo.models import LoadedSection
from kopdes.demo.sections import books
from kopdes.ledger.models import Entry, Line, Period, PeriodStatus
from kopdes.ledger.triggers import missing_triggers

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


@pytest.fixture
def scratch_database(tmp_path):
    """On SQLite the reset replaces the database file: give it a copy of the
    test database, so the file later tests use (with the test-only tables
    ``migrate`` does not create) stays as it was."""
    if connection.vendor != "sqlite":
        yield
        return
    original = connection.settings_dict["NAME"]
    scratch = str(tmp_path / "demo-reset.sqlite3")
    connection.close()
    source, target = sqlite3.connect(original), sqlite3.connect(scratch)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    connection.settings_dict["NAME"] = scratch
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


def test_the_reset_works_on_a_demo_with_books_and_the_demo_loads_again(scratch_database):
    load_demo(progress=lambda message: None, upto="02_registry")
    # The books section for one operating cooperative: posted entries and closed months.
    cooperative = books.operating_cooperatives()[0]
    books.load_cooperative(cooperative, books.business_date(cooperative))
    LoadedSection.objects.create(name="03_books", version=1)
    assert Line.objects.exists()
    assert Period.objects.filter(status=PeriodStatus.CLOSED).exists()
    regions = Region.objects.count()

    call_command("demo_reset", "--yes", verbosity=0)

    assert not Entry.objects.exists()
    assert not Cooperative.objects.exists()
    assert not LoadedSection.objects.exists()
    assert Region.objects.count() == regions
    assert missing_triggers(connection) == []
    # And the demo comes back.
    assert load_demo(progress=lambda message: None, upto="01_cooperatives_and_people") == [
        "01_cooperatives_and_people"
    ]
    assert Cooperative.objects.exists()


def test_the_reset_wants_a_confirmation():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--yes"):
        call_command("demo_reset", verbosity=0)
