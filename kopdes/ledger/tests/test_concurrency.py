"""Several processes posting at once: numbers stay unique and gapless, a key posts once.

Real processes against the same test database (a file on SQLite, the server on
PostgreSQL), so the locks are the database's, not Python's.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.db import connection

from kopdes.ledger.checks import numbering_gaps, verify_cooperative
from kopdes.ledger.models import Entry
from kopdes.testing import factories
from kopdes.testing import ledger_factories as lf

WORKER = Path(__file__).with_name("concurrency_worker.py")
PROCESSES = 4

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.slow]


def run_workers(cooperative, mode: str, per_worker: int) -> list[int]:
    database = connection.settings_dict["NAME"]
    workers = [
        subprocess.Popen(  # noqa: S603 - our own worker script, argv we built
            [
                sys.executable,
                str(WORKER),
                database,
                str(cooperative.pk),
                mode,
                str(per_worker),
                str(n),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(PROCESSES)
    ]
    ids: list = []
    for worker in workers:
        out, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
        ids += [line if line == "already" else int(line) for line in out.split()]
    return ids


def test_numbers_stay_unique_and_gapless_under_concurrent_posting():
    coop = factories.cooperative("64.09.04.2015")
    ids = run_workers(coop, "numbers", 25)
    assert len(set(ids)) == PROCESSES * 25
    sequences = sorted(Entry.objects.filter(cooperative=coop).values_list("sequence", flat=True))
    assert sequences == list(range(1, PROCESSES * 25 + 1))
    assert numbering_gaps(coop) == []
    assert verify_cooperative(coop) == []


def test_one_idempotency_key_sent_a_hundred_times_at_once_posts_one_entry():
    coop = factories.cooperative("64.09.04.2015")
    ids = run_workers(coop, "same_key", 25)
    assert len(ids) == 100
    assert len(set(ids)) == 1
    assert Entry.objects.filter(cooperative=coop).count() == 1


def test_one_reversal_sent_at_once_with_one_key_is_a_replay_for_everyone():
    """Issue #7 defect 9: losing the race with the same key is a replay, not AlreadyReversed."""
    coop = factories.cooperative("64.09.04.2015")
    lf.entry(coop, on=date(2026, 3, 1))
    results = run_workers(coop, "reverse_same_key", 1)
    assert "already" not in results
    assert len(set(results)) == 1
    assert Entry.objects.filter(cooperative=coop, kind="pembalik").count() == 1


def test_reversals_with_different_keys_at_once_post_one_and_refuse_the_rest():
    coop = factories.cooperative("64.09.04.2015")
    lf.entry(coop, on=date(2026, 3, 1))
    results = run_workers(coop, "reverse_own_key", 1)
    assert results.count("already") == PROCESSES - 1
    assert Entry.objects.filter(cooperative=coop, kind="pembalik").count() == 1
