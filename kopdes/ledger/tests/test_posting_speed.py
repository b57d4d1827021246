"""Posting cost does not grow with the books (issue #7, "Speed that does not decay").

No timing here (speed is measured in ``bench/ledger.py``): on SQLite the work
of one ``post_entry`` is counted in virtual-machine steps (the progress
handler), which is exact and deaf to the machine's load. The count must stay
the same whether the cooperative holds a few lines or thousands.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from kopdes.ledger.services import EntryInput, LineInput, post_entries
from kopdes.testing import factories
from kopdes.testing import ledger_factories as lf

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite counts its virtual-machine steps"
)
DAY = date(2026, 2, 10)


def _steps_of_one_post(coop) -> int:
    counted = [0]

    def tick() -> int:
        counted[0] += 1
        return 0  # go on

    connection.ensure_connection()
    raw = connection.connection
    raw.set_progress_handler(tick, 10)
    try:
        lf.entry(coop, amount=12_345, on=DAY)
    finally:
        raw.set_progress_handler(None, 0)
    return counted[0]


def _fill(coop, entries: int) -> None:
    for start in range(0, entries, 200):
        post_entries(
            cooperative=coop,
            actor=None,
            entries=[
                EntryInput(
                    business_date=DAY,
                    lines=[
                        LineInput(account=lf.KAS, debit=100 + i),
                        LineInput(account=lf.SALES_OTHER, credit=100 + i),
                    ],
                    memo="isi",
                    source_app="ledger",
                    idempotency_key=f"isi-{coop.pk}-{i}",
                )
                for i in range(start, min(entries, start + 200))
            ],
        )


def test_one_post_entry_does_the_same_work_with_thousands_of_lines_in_the_books(db):
    coop = factories.cooperative("64.09.04.2015")
    other = factories.cooperative("64.09.01.2020")
    for _ in range(3):  # the month, the counter and the plans exist
        lf.entry(coop, on=DAY)
    before = min(_steps_of_one_post(coop) for _ in range(3))
    _fill(coop, 2000)  # 4 000 lines here
    _fill(other, 1000)  # and 2 000 in another cooperative
    after = min(_steps_of_one_post(coop) for _ in range(3))
    assert after <= before * 1.2, (before, after)
