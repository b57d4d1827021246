"""THE way to write the ledger: ``post_entry``, ``post_entries``, ``reverse_entry``.

The database guards (``kopdes.ledger.triggers``, ADR 0004 and 0008) check
every entry, so even a bug here cannot store an unbalanced one: on SQLite an
entry goes in as a draft, its lines follow, and one UPDATE flips it to posted
(checked there); on PostgreSQL it goes in posted with its lines in one
statement and its balance is checked at commit.

The work is split three ways (ADR 0008 has the design and the figures):

* ``validation``: the inputs (``LineInput``, ``EntryInput``) and every check,
  in Python over what the look-ups found;
* ``lookups``: the one statement that reads the accounts, the months and the
  idempotency keys a batch names;
* ``sql``: the numbering lock and the writes, two statements before the
  commit on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kopdes.ledger.models import Entry, EntryKind
from kopdes.ledger.services.errors import AlreadyReversed, LedgerError
from kopdes.ledger.services.posting import sql
from kopdes.ledger.services.posting.lookups import Cache, check_periods, closed, find_replays
from kopdes.ledger.services.posting.validation import (
    OWNER_NAMES,
    EntryInput,
    LineInput,
    pair_twins,
    prepare,
)
from kopdes.ledger.triggers import MSG_PERIOD_CLOSED

if TYPE_CHECKING:
    from kopdes.accounts.models import User
    from kopdes.cooperatives.models import Cooperative

__all__ = ["OWNER_NAMES", "EntryInput", "LineInput", "post_entries", "post_entry", "reverse_entry"]


def post_entry(
    *,
    cooperative: Cooperative,
    actor: User | None,
    business_date: date,
    lines: Sequence[LineInput | Mapping[str, Any]],
    memo: str,
    source_app: str,
    idempotency_key: str,
    source_ref: str = "",
    kind: str = EntryKind.GENERAL,
) -> Entry:
    """Post one balanced entry; a replay of the same key and content returns the first."""
    data = EntryInput(
        business_date=business_date,
        lines=lines,
        memo=memo,
        source_app=source_app,
        idempotency_key=idempotency_key,
        source_ref=source_ref,
        kind=kind,
    )
    return post_entries(cooperative=cooperative, actor=actor, entries=[data])[0]


def post_entries(
    *,
    cooperative: Cooperative,
    actor: User | None,
    entries: Sequence[EntryInput | Mapping[str, Any]],
) -> list[Entry]:
    """Post many entries in one transaction with the checks of ``post_entry``.

    All or nothing: one refused entry refuses the batch (the message names it).
    The same key twice with the same content is one entry, returned twice.
    """
    items = [e if isinstance(e, EntryInput) else EntryInput(**e) for e in entries]
    if not items:
        return []
    return _post(cooperative, actor, items, reversal=False)


def reverse_entry(
    *,
    entry: Entry,
    actor: User | None,
    business_date: date,
    memo: str,
    idempotency_key: str,
    source_app: str | None = None,
) -> Entry:
    """Post the mirror of ``entry`` (debits become credits), linked to it; once only.

    ``source_app`` defaults to "ledger", which may not touch control
    accounts: a savings or loans entry is reversed by its own app. The only
    way to make a reversal link (the database refuses any other, ADR 0004).
    """
    if not entry.is_posted:
        raise LedgerError(_("Hanya jurnal yang sudah diposting yang dapat dibalik."), field="entry")
    cooperative = entry.cooperative
    mirror = [
        LineInput(
            account=line.account_id,
            debit=line.credit,
            credit=line.debit,
            business_unit=line.business_unit_id,
            member_number=line.member_number,
            memo=line.memo,
        )
        for line in entry.lines.filter(cooperative=cooperative).order_by("id")
    ]
    data = EntryInput(
        business_date=business_date,
        lines=mirror,
        memo=memo,
        source_app=source_app or "ledger",
        idempotency_key=idempotency_key,
        source_ref=entry.number,
        kind=EntryKind.REVERSAL,
        reverses_id=entry.pk,
    )
    existing = _reversal_of(entry)
    if existing is not None and existing.idempotency_key != idempotency_key:
        raise _already(entry, existing)
    try:
        # A replay (same key) goes through the batch too: same content returns
        # the first reversal, other content is an IdempotencyConflict.
        return _post(cooperative, actor, [data], reversal=True)[0]
    except IntegrityError:
        # Only the unique (cooperative, reverses) makes this "already reversed":
        # someone reversed it a moment ago with another key.
        existing = _reversal_of(entry)
        if existing is None:
            raise
        if existing.idempotency_key == idempotency_key:
            return _post(cooperative, actor, [data], reversal=True)[0]
        raise _already(entry, existing) from None


def _reversal_of(entry: Entry) -> Entry | None:
    return Entry.objects.filter(cooperative_id=entry.cooperative_id, reverses=entry).first()


def _already(entry: Entry, existing: Entry) -> AlreadyReversed:
    return AlreadyReversed(
        _("Jurnal %(number)s sudah dibalik dengan %(reversal)s.")
        % {"number": entry.number, "reversal": existing.number},
        field="entry",
        code="already_reversed",
    )


# --- the batch ---------------------------------------------------------------


def _post(
    cooperative: Cooperative, actor: User | None, items: list[EntryInput], *, reversal: bool
) -> list[Entry]:
    try:
        return _post_batch(cooperative, actor, items, reversal)
    except IntegrityError as exc:
        if MSG_PERIOD_CLOSED in str(exc):
            # A close won the race between our look-up and the flip.
            first = min(items, key=lambda i: i.business_date)
            raise closed(first.business_date.year, first.business_date.month) from exc
        if "ledger:" in str(exc) or reversal:
            raise
        # Lost a race on an idempotency key: the other writer committed first,
        # so a second pass finds its entry and replays (or refuses) cleanly.
        return _post_batch(cooperative, actor, items, reversal)


def _post_batch(
    cooperative: Cooperative, actor: User | None, items: list[EntryInput], reversal: bool
) -> list[Entry]:
    cache = Cache()
    multi = len(items) > 1
    moment = timezone.now()
    # Inside a caller's transaction the commit is not ours: PostgreSQL's
    # deferred balance check is then fired before we return (sql.write).
    nested = connection.in_atomic_block
    with transaction.atomic():
        bumped = sql.open_batch(cooperative, items, cache)
        prepared = [
            prepare(cooperative, item, cache, index if multi else None, reversal=reversal)
            for index, item in enumerate(items)
        ]
        find_replays(cooperative, prepared, cache)
        pair_twins(prepared)
        fresh = [p for p in prepared if p.replay_of is None and p.twin_of is None]
        if fresh:
            check_periods(cooperative, fresh, cache)
        give_back = sql.number(fresh, bumped)
        if fresh or give_back:
            sql.write(cooperative, actor, fresh, give_back, moment, nested=nested)
    built: dict[int, Entry] = {}
    results = []
    for item in prepared:
        origin = item.twin_of or item
        if origin.replay_of is not None:
            results.append(origin.replay_of)
            continue
        key = id(origin)
        if key not in built:
            built[key] = sql.as_entry(cooperative, actor, origin, moment)
        results.append(built[key])
    return results
