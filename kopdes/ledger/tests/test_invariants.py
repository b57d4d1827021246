"""The books hold under any sequence of operations (hypothesis state machine).

The machine itself is in ``ledger_machine.py``: postings, batches with twin
keys and stored keys, replays, reversals and their replays, opening-balance
imports (a second one refused unless posted as a correction), month closes in
and out of order, year closes, the RAT's approval, the documented year-end
order, and reopen requests (ask, approve, reject, withdraw) over 2025 and 2026.
Each example runs on a fresh cooperative inside a savepoint rolled back at
its end. After every step the books must match the machine's model and every
statement's self-check must pass for the months the step touched.

What the machine found is kept below as plain tests, each minimal.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis.stateful import run_state_machine_as_test

from kopdes.core.timeutils import business_date
from kopdes.ledger.imports import import_opening_rows
from kopdes.ledger.models import Entry, EntryKind, Period
from kopdes.ledger.services import PeriodError, close_month, close_year
from kopdes.ledger.services.posting.validation import max_days_ahead
from kopdes.ledger.tests.books_helpers import post, rp
from kopdes.ledger.tests.ledger_machine import LATEST, LedgerMachine, attempt

# Each example is a fresh cooperative and about twenty steps, each followed by the
# statements for the months it touched: one example here costs what ~12 examples of a
# plain property test do, so the profile's count is divided (root conftest: "dev"
# locally, "ci" in CI; HYPOTHESIS_PROFILE=ci for the full count). Measured figures:
# docs/ledger.md, "Tests and bench".
STEPS = 20
EXAMPLES_PER_PROFILE_EXAMPLE = 1 / 12


@pytest.mark.slow
def test_the_books_hold_under_any_sequence_of_operations(db, settings):
    # The machine's dates lie before 1 Dec 2026 (business dates after today are
    # refused); on a clock behind that, allow them so the test does not depend on it.
    behind = (LATEST - business_date()).days
    settings.KOPDES_LEDGER_MAX_DAYS_AHEAD = max(max_days_ahead(), behind)
    profile = hypothesis_settings.default
    run_state_machine_as_test(
        LedgerMachine,
        settings=hypothesis_settings(
            profile,
            max_examples=max(3, int(profile.max_examples * EXAMPLES_PER_PROFILE_EXAMPLE)),
            stateful_step_count=STEPS,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            database=None,
        ),
    )


# --- what the machine found, kept as plain tests -------------------------------------


def test_replaying_an_import_sent_as_a_correction_into_empty_books_returns_the_first(personas):
    """Found by the machine: on empty books a request with ``as_correction`` posts the
    ordinary opening entry; the same request again (same key, same rows, same flag, as
    an API client retries it) must return that entry, not an IdempotencyConflict
    (docs/ledger.md: "A replay of the same idempotency key returns the first entry")."""
    rows = [(1, "1-1100", "1.000,00", None), (2, "3-1300", None, "1.000,00")]
    sent = {
        "cooperative": personas.coop,
        "actor": personas.pengurus,
        "business_date": date(2025, 1, 1),
        "rows": rows,
        "idempotency_key": "saldo-awal-1",
        "as_correction": True,
    }
    first = import_opening_rows(**sent)
    assert first.kind == EntryKind.OPENING
    again = import_opening_rows(**sent)
    assert again.pk == first.pk
    assert Entry.objects.filter(cooperative=personas.coop).count() == 1


def test_closing_the_next_january_first_does_not_leave_the_year_unclosable(personas):
    """Found by the machine: with no entry in December 2025 (so no December period),
    January 2026 can be closed before the 2025 year-end close; the closing entry
    (31 December 2025) then cannot be posted behind the closed January, so 2025 can
    neither be closed nor approved at its RAT until January is reopened. The order
    must hold either way: refuse the January close, or let the year close after it."""
    coop, pengurus = personas.coop, personas.pengurus
    post(coop, date(2025, 11, 10), "jual", ("1-1100", rp(100), 0), ("4-1120", 0, rp(100)))
    post(coop, date(2026, 1, 10), "jual", ("1-1100", rp(50), 0), ("4-1120", 0, rp(50)))
    november = Period.objects.get(cooperative=coop, year=2025, month=11)
    close_month(cooperative=coop, period=november, actor=pengurus)
    january = Period.objects.get(cooperative=coop, year=2026, month=1)
    _closed, refused = attempt(close_month, cooperative=coop, period=january, actor=pengurus)
    if refused is not None:  # the next year waits for the year-end close: the order holds
        assert isinstance(refused, PeriodError)
        return
    closing, refused = attempt(close_year, cooperative=coop, year=2025, actor=pengurus)
    assert refused is None, refused
    assert closing is not None
    assert closing.business_date == date(2025, 12, 31)
