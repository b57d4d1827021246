"""Ledger test data: accounts by code, quick balanced entries, trigger helpers."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from kopdes.ledger.models import Account, Entry
from kopdes.ledger.services import LineInput, post_entry
from kopdes.ledger.triggers import drop_triggers, install_triggers

_keys = itertools.count(1)

KAS = "1-1100"
BANK = "1-1200"
SALES_MEMBER = "4-1110"
SALES_OTHER = "4-1120"
WAGES = "6-1100"
ELECTRICITY = "6-1200"
CAPITAL = "3-1300"
SAVINGS_POKOK = "3-1100"
LOANS = "1-1300"


def account(cooperative: Any, code: str) -> Account:
    return Account.objects.get(cooperative=cooperative, code=code)


def next_key(prefix: str = "uji") -> str:
    return f"{prefix}-{next(_keys)}"


def entry(
    cooperative: Any,
    *,
    debit: str = KAS,
    credit: str = SALES_MEMBER,
    amount: int = 100_000,
    on: date = date(2026, 1, 15),
    actor: Any = None,
    key: str | None = None,
    memo: str = "Transaksi uji",
    source_app: str = "ledger",
    unit: Any = None,
) -> Entry:
    """A two-line entry: ``amount`` sen from ``credit`` to ``debit``."""
    return post_entry(
        cooperative=cooperative,
        actor=actor,
        business_date=on,
        lines=[
            LineInput(account=debit, debit=amount, business_unit=unit),
            LineInput(account=credit, credit=amount, business_unit=unit),
        ],
        memo=memo,
        source_app=source_app,
        idempotency_key=key or next_key(),
    )


@contextmanager
def triggers_dropped() -> Iterator[None]:
    """Let a transactional test's flush delete posted rows, then restore the guards.

    SQLite's flush deletes row by row, which the guards refuse for posted
    entries; PostgreSQL truncates (no row triggers). Use around teardown.
    """
    drop_triggers()
    try:
        yield
    finally:
        install_triggers()


def clear_journal() -> None:
    """Delete every entry and line with the guards stepped aside, then restore them.

    A transactional test's flush deletes row by row on SQLite, which the
    guards refuse for posted entries; the pytest plugin
    ``kopdes.testing.ledger_pytest`` calls this just before that flush.
    """
    from django.db import connection

    drop_triggers()
    try:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM ledger_snapshot")
            cursor.execute("DELETE FROM ledger_line")
            cursor.execute("UPDATE ledger_entry SET reverses_id = NULL")
            cursor.execute("DELETE FROM ledger_entry")
    finally:
        install_triggers()
