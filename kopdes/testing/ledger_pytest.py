"""A pytest plugin (registered in the root conftest): transactional tests vs the guards.

After a transactional test (``transaction=True``, ``transactional_db``,
``live_server``) Django flushes the database; on SQLite that is a DELETE per
table, which the ledger's triggers refuse for posted entries. Just before
the flush this clears the journal with the guards stepped aside and puts the
guards back, so every later test still runs against them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest


def _is_transactional(request: pytest.FixtureRequest) -> bool:
    names = set(request.fixturenames)
    if {"transactional_db", "live_server", "django_db_reset_sequences"} & names:
        return True
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return False
    return bool(marker.kwargs.get("transaction") or (marker.args and marker.args[0]))


@pytest.fixture(autouse=True)
def _ledger_journal_cleared_before_flush(request: pytest.FixtureRequest) -> Iterator[None]:
    if not _is_transactional(request):
        yield
        return
    # Set the database up first, so its flush is torn down after our clean-up.
    request.getfixturevalue("_django_db_helper")
    yield
    from kopdes.testing.ledger_factories import clear_journal

    clear_journal()
