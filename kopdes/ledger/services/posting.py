"""THE way to write the ledger: ``post_entry``, ``post_entries``, ``reverse_entry``.

Every entry goes in as a draft, its lines follow, then one UPDATE flips it
to posted; the database triggers (``kopdes.ledger.triggers``) check the
balance at that flip, so even a bug here cannot store an unbalanced entry.

Speed matters (thousands of entries a day per cooperative at month-end
closes of savings and loans), so the hot path is a handful of plain SQL
statements per call: one for the accounts referenced, one idempotency
look-up, one counter bump per year (the lock that keeps numbers gapless),
one period check per month, one INSERT of the entries, one of the lines,
one flip.
"""

# ruff: noqa: S608
from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from kopdes.ledger.models import Entry, EntryKind, EntryStatus, PeriodStatus
from kopdes.ledger.services.calendar import ensure_period, month_label
from kopdes.ledger.services.errors import (
    AccountRefused,
    AlreadyReversed,
    ControlAccountRefused,
    IdempotencyConflict,
    InvalidLine,
    LedgerError,
    PeriodClosed,
    UnbalancedEntry,
)
from kopdes.ledger.triggers import MSG_PERIOD_CLOSED

OWNER_NAMES = {"savings": "simpanan", "loans": "pinjaman"}
CHUNK = 400  # rows per multi-row INSERT (SQLite's variable limit is far above)
# The SQL f-strings here interpolate only placeholders ("%s") and fixed
# column lists; every value travels as a parameter (hence the S608 waiver).


@dataclass(frozen=True)
class LineInput:
    """One line to post: an account (instance, id or code), debit or credit in sen."""

    account: Any
    debit: int = 0
    credit: int = 0
    business_unit: Any = None
    member_number: str = ""
    memo: str = ""


@dataclass
class EntryInput:
    business_date: date
    lines: Sequence[LineInput | Mapping[str, Any]]
    memo: str
    source_app: str
    idempotency_key: str
    source_ref: str = ""
    kind: str = EntryKind.GENERAL
    reverses_id: int | None = None


@dataclass
class _Prepared:
    data: EntryInput
    lines: list[tuple[int, int, int, int | None, str, str]]  # account, D, C, unit, member, memo
    content_hash: str
    number: str = ""
    year: int = 0
    sequence: int = 0
    id: int | None = None
    replay_of: Entry | None = None


@dataclass
class _AccountRow:
    id: int
    code: str
    name: str
    is_header: bool
    is_active: bool
    control_key: str
    owner_app: str


@dataclass
class _Cache:
    """Look-ups made once per call, shared by every entry of a batch."""

    by_id: dict[int, _AccountRow] = field(default_factory=dict)
    by_code: dict[str, _AccountRow] = field(default_factory=dict)
    units: set[int] | None = None
    periods: dict[tuple[int, int], str] = field(default_factory=dict)  # (year, month) -> status
    keys: dict[str, tuple[int, str, str]] = field(default_factory=dict)  # key -> id, hash, number


def post_entry(
    *,
    cooperative: Any,
    actor: Any,
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
    *, cooperative: Any, actor: Any, entries: Sequence[EntryInput | Mapping[str, Any]]
) -> list[Entry]:
    """Post many entries in one transaction with the checks of ``post_entry``.

    All or nothing: one refused entry refuses the batch (the message names it).
    """
    items = [e if isinstance(e, EntryInput) else EntryInput(**e) for e in entries]
    if not items:
        return []
    try:
        return _post_batch(cooperative, actor, items)
    except IntegrityError as exc:
        if MSG_PERIOD_CLOSED in str(exc):
            # A close won the race between our look-up and the flip.
            first = min(items, key=lambda i: i.business_date)
            raise _closed(first.business_date.year, first.business_date.month) from exc
        if "ledger:" in str(exc):
            raise
        # Lost a race on an idempotency key: the other writer committed first,
        # so a second pass finds its entry and replays (or refuses) cleanly.
        return _post_batch(cooperative, actor, items)


def reverse_entry(
    *,
    entry: Entry,
    actor: Any,
    business_date: date,
    memo: str,
    idempotency_key: str,
    source_app: str | None = None,
) -> Entry:
    """Post the mirror of ``entry`` (debits become credits), linked to it; once only.

    ``source_app`` defaults to "ledger", which may not touch control
    accounts: a savings or loans entry is reversed by its own app.
    """
    if not entry.is_posted:
        raise LedgerError("Hanya jurnal yang sudah diposting yang dapat dibalik.", field="entry")
    existing = Entry.objects.filter(reverses=entry).first()
    if existing is not None:
        if existing.idempotency_key == idempotency_key:
            return existing
        raise AlreadyReversed(
            f"Jurnal {entry.number} sudah dibalik dengan {existing.number}.",
            field="entry",
            code="already_reversed",
        )
    mirror = [
        LineInput(
            account=line.account_id,
            debit=line.credit,
            credit=line.debit,
            business_unit=line.business_unit_id,
            member_number=line.member_number,
            memo=line.memo,
        )
        for line in entry.lines.all()
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
    try:
        return _post_batch(entry.cooperative, actor, [data])[0]
    except IntegrityError as exc:
        if MSG_PERIOD_CLOSED in str(exc):
            raise _closed(business_date.year, business_date.month) from exc
        # The one-to-one on ``reverses``: someone reversed it a moment ago.
        raise AlreadyReversed(
            f"Jurnal {entry.number} sudah dibalik.", field="entry", code="already_reversed"
        ) from exc


# --- the batch ---------------------------------------------------------------


def _post_batch(cooperative: Any, actor: Any, items: list[EntryInput]) -> list[Entry]:
    cache = _Cache()
    multi = len(items) > 1
    with transaction.atomic():
        _look_up(cooperative, items, cache)
        prepared = [
            _prepare(cooperative, item, cache, index if multi else None)
            for index, item in enumerate(items)
        ]
        _find_replays(prepared, cache)
        fresh = _dedupe([p for p in prepared if p.replay_of is None])
        if fresh:
            _check_periods(cooperative, fresh, cache)
            _number(cooperative, fresh)
            _insert(cooperative, actor, fresh)
    results = []
    for item in prepared:
        if item.replay_of is not None:
            results.append(item.replay_of)
        else:
            results.append(_as_entry(cooperative, actor, item))
    return results


def _where(index: int | None) -> str:
    return "" if index is None else f"Jurnal ke-{index + 1}: "


def _prepare(cooperative: Any, item: EntryInput, cache: _Cache, index: int | None) -> _Prepared:
    where = _where(index)
    if not item.idempotency_key or len(item.idempotency_key) > 100:
        raise LedgerError(
            f"{where}Kunci idempotensi wajib diisi (paling banyak 100 karakter).",
            field="idempotency_key",
        )
    if not item.memo or not item.memo.strip():
        raise LedgerError(f"{where}Keterangan jurnal wajib diisi.", field="memo")
    if not item.source_app:
        raise LedgerError(f"{where}Sumber jurnal wajib diisi.", field="source_app")
    if not isinstance(item.business_date, date):
        raise LedgerError(f"{where}Tanggal jurnal wajib diisi.", field="business_date")
    if len(item.lines) < 2:
        raise UnbalancedEntry(f"{where}Jurnal memerlukan paling sedikit dua baris.", field="lines")
    rows = []
    total_debit = total_credit = 0
    for number, raw in enumerate(item.lines, start=1):
        line = raw if isinstance(raw, LineInput) else LineInput(**raw)
        name = f"lines[{number - 1}]"
        debit, credit = line.debit or 0, line.credit or 0
        for amount, side in ((debit, "debit"), (credit, "credit")):
            if type(amount) is not int:
                raise InvalidLine(
                    f"{where}Baris {number}: jumlah harus bilangan bulat dalam sen.",
                    field=f"{name}.{side}",
                )
            if amount < 0:
                raise InvalidLine(
                    f"{where}Baris {number}: jumlah tidak boleh negatif.", field=f"{name}.{side}"
                )
        if (debit > 0) == (credit > 0):
            raise InvalidLine(
                f"{where}Baris {number}: isi debit atau kredit (salah satu, lebih dari nol).",
                field=f"{name}.debit",
            )
        account = _account(cooperative, line.account, cache, where, number, name)
        if account.control_key and account.owner_app != item.source_app:
            owner = OWNER_NAMES.get(account.owner_app, account.owner_app)
            raise ControlAccountRefused(
                f"{where}Baris {number}: akun {account.code} {account.name} adalah akun kontrol; "
                f"hanya modul {owner} yang dapat membukukannya.",
                field=f"{name}.account",
                code="control_account",
            )
        unit = _unit(cooperative, line.business_unit, cache, where, number, name)
        total_debit += debit
        total_credit += credit
        rows.append((account.id, debit, credit, unit, line.member_number or "", line.memo or ""))
    if total_debit != total_credit:
        raise UnbalancedEntry(
            f"{where}Jurnal tidak seimbang: debit {total_debit} sen, kredit {total_credit} sen.",
            field="lines",
            code="unbalanced",
        )
    content = [
        item.business_date.isoformat(),
        item.memo,
        item.source_app,
        item.source_ref,
        item.kind,
        item.reverses_id,
        sorted(rows, key=lambda r: (r[0], r[1], r[2], r[3] or 0, r[4], r[5])),
    ]
    digest = hashlib.sha256(json.dumps(content, separators=(",", ":")).encode()).hexdigest()
    return _Prepared(data=item, lines=rows, content_hash=digest)


def _look_up(cooperative: Any, items: list[EntryInput], cache: _Cache) -> None:
    """One round trip for the accounts, the periods and the keys the batch names.

    The period status read here gives the friendly message; the flip trigger
    re-checks it under the numbering lock (a close may have won the race).
    """
    ids: set[int] = set()
    codes: set[str] = set()
    for item in items:
        for raw in item.lines:
            account = raw.account if isinstance(raw, LineInput) else raw.get("account")
            if isinstance(account, str):
                codes.add(account)
            elif isinstance(account, int):
                ids.add(account)
            elif account is not None and getattr(account, "pk", None) is not None:
                ids.add(account.pk)
    months = sorted(
        {i.business_date.year * 100 + i.business_date.month for i in items
         if isinstance(i.business_date, date)}
    )  # fmt: skip
    keys = sorted({item.idempotency_key for item in items if item.idempotency_key})

    def marks(values: Any) -> str:
        return ",".join(["%s"] * len(values))

    conditions = []
    if ids:
        conditions.append(f"id IN ({marks(ids)})")
    if codes:
        conditions.append(f"code IN ({marks(codes)})")
    parts, params = [], []
    if conditions:
        parts.append(
            "SELECT 'a', id, code, name, is_header, is_active, control_key, owner_app "
            f"FROM ledger_account WHERE cooperative_id = %s AND ({' OR '.join(conditions)})"
        )
        params += [cooperative.pk, *ids, *codes]
    if months:
        parts.append(
            "SELECT 'p', year * 100 + month, status, '', FALSE, FALSE, '', '' "
            f"FROM ledger_period WHERE cooperative_id = %s AND year * 100 + month IN "
            f"({marks(months)})"
        )
        params += [cooperative.pk, *months]
    if keys:
        parts.append(
            "SELECT 'k', id, idempotency_key, content_hash, FALSE, FALSE, number, '' "
            f"FROM ledger_entry WHERE cooperative_id = %s AND idempotency_key IN ({marks(keys)})"
        )
        params += [cooperative.pk, *keys]
    if not parts:
        return
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    for kind, key, text, name, header, active, extra, owner in rows:
        if kind == "a":
            account = _AccountRow(key, text, name, bool(header), bool(active), extra, owner)
            cache.by_id[account.id] = account
            cache.by_code[account.code] = account
        elif kind == "p":
            cache.periods[(key // 100, key % 100)] = text
        else:
            cache.keys[text] = (key, name, extra)


def _account(
    cooperative: Any, value: Any, cache: _Cache, where: str, number: int, name: str
) -> _AccountRow:
    if isinstance(value, str):
        account = cache.by_code.get(value)
    elif isinstance(value, int):
        account = cache.by_id.get(value)
    else:
        account = cache.by_id.get(getattr(value, "pk", None) or -1)
    if account is None:
        raise AccountRefused(
            f"{where}Baris {number}: akun tidak ditemukan di bagan akun koperasi ini.",
            field=f"{name}.account",
            code="unknown_account",
        )
    if account.is_header:
        raise AccountRefused(
            f"{where}Baris {number}: akun {account.code} {account.name} adalah akun induk; "
            "pilih sub-akunnya.",
            field=f"{name}.account",
            code="header_account",
        )
    if not account.is_active:
        raise AccountRefused(
            f"{where}Baris {number}: akun {account.code} {account.name} sudah tidak aktif.",
            field=f"{name}.account",
            code="inactive_account",
        )
    return account


def _unit(
    cooperative: Any, value: Any, cache: _Cache, where: str, number: int, name: str
) -> int | None:
    if value is None or value == "":
        return None
    unit_id = value if isinstance(value, int) else getattr(value, "pk", None)
    if cache.units is None:
        from kopdes.cooperatives.models import BusinessUnit

        cache.units = set(
            BusinessUnit.objects.filter(cooperative=cooperative).values_list("id", flat=True)
        )
    if unit_id not in cache.units:
        raise InvalidLine(
            f"{where}Baris {number}: unit usaha tidak ditemukan di koperasi ini.",
            field=f"{name}.business_unit",
        )
    return int(unit_id)


def _find_replays(prepared: list[_Prepared], cache: _Cache) -> None:
    for item in prepared:
        first = cache.keys.get(item.data.idempotency_key)
        if first is None:
            continue
        entry_id, content_hash, number = first
        if content_hash != item.content_hash:
            raise IdempotencyConflict(
                f"Kunci idempotensi {item.data.idempotency_key} sudah dipakai untuk jurnal "
                f"{number} dengan isi berbeda.",
                field="idempotency_key",
                code="idempotency_conflict",
            )
        item.replay_of = Entry.objects.get(pk=entry_id)


def _dedupe(fresh: list[_Prepared]) -> list[_Prepared]:
    """The same key twice in one batch: post once, let the twin replay it."""
    seen: dict[str, _Prepared] = {}
    unique = []
    for item in fresh:
        twin = seen.get(item.data.idempotency_key)
        if twin is None:
            seen[item.data.idempotency_key] = item
            unique.append(item)
        elif twin.content_hash != item.content_hash:
            raise IdempotencyConflict(
                f"Kunci idempotensi {item.data.idempotency_key} dipakai dua kali dengan isi "
                "berbeda.",
                field="idempotency_key",
                code="idempotency_conflict",
            )
    for item in fresh:
        if item not in unique:
            item.replay_of = None  # resolved after insert (see _as_entry)
            item.id = -1
    return unique


def _number(cooperative: Any, fresh: list[_Prepared]) -> None:
    """Allocate gapless numbers per year: the counter row is the lock."""
    per_year: dict[int, list[_Prepared]] = {}
    for item in fresh:
        per_year.setdefault(item.data.business_date.year, []).append(item)
    with connection.cursor() as cursor:
        for year in sorted(per_year):
            batch = per_year[year]
            last = _bump(cursor, cooperative.pk, year, len(batch))
            first = last - len(batch) + 1
            for offset, item in enumerate(batch):
                item.year = year
                item.sequence = first + offset
                item.number = f"JU-{year}-{item.sequence:06d}"


def _bump(cursor: Any, cooperative_id: int, year: int, count: int) -> int:
    sql = (
        "UPDATE ledger_entrycounter SET last_number = last_number + %s "
        "WHERE cooperative_id = %s AND year = %s RETURNING last_number"
    )
    cursor.execute(sql, [count, cooperative_id, year])
    row = cursor.fetchone()
    if row is None:
        # First entry of the year: create the row (a racing creator wins,
        # ON CONFLICT keeps us out of its way), then bump it under the lock.
        cursor.execute(
            "INSERT INTO ledger_entrycounter (cooperative_id, year, last_number) "
            "VALUES (%s, %s, 0) ON CONFLICT (cooperative_id, year) DO NOTHING",
            [cooperative_id, year],
        )
        cursor.execute(sql, [count, cooperative_id, year])
        row = cursor.fetchone()
    return int(row[0])


def _check_periods(cooperative: Any, fresh: list[_Prepared], cache: _Cache) -> None:
    months = {(p.data.business_date.year, p.data.business_date.month) for p in fresh}
    for year, month in sorted(months):
        status = cache.periods.get((year, month))
        if status is None:
            status = ensure_period(cooperative, year, month).status
        if status != PeriodStatus.OPEN:
            raise _closed(year, month)


def _closed(year: int, month: int) -> PeriodClosed:
    return PeriodClosed(
        f"Periode {month_label(year, month)} sudah ditutup; tanggal jurnal harus "
        "berada di periode yang terbuka.",
        field="business_date",
        code="period_closed",
    )


def _insert(cooperative: Any, actor: Any, fresh: list[_Prepared]) -> None:
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    actor_id = getattr(actor, "pk", None)
    columns = (
        "cooperative_id, number, year, sequence, business_date, kind, status, memo, "
        "source_app, source_ref, idempotency_key, content_hash, reverses_id, created_by_id, "
        "created_at"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(fresh), CHUNK):
            chunk = fresh[start : start + CHUNK]
            params: list[Any] = []
            for item in chunk:
                d = item.data
                params += [
                    cooperative.pk, item.number, item.year, item.sequence,
                    ops.adapt_datefield_value(d.business_date), d.kind, EntryStatus.DRAFT,
                    d.memo[:500], d.source_app, d.source_ref, d.idempotency_key,
                    item.content_hash, d.reverses_id, actor_id, now,
                ]  # fmt: skip
            values = ",".join(["(" + ",".join(["%s"] * 15) + ")"] * len(chunk))
            cursor.execute(
                f"INSERT INTO ledger_entry ({columns}) VALUES {values} RETURNING id",
                params,
            )
            ids = sorted(row[0] for row in cursor.fetchall())
            # Ids grow with insertion order on both engines (a fresh sequence).
            for item, new_id in zip(chunk, ids, strict=True):
                item.id = new_id
        line_rows = [
            [item.id, cooperative.pk, ops.adapt_datefield_value(item.data.business_date), *row]
            for item in fresh
            for row in item.lines
        ]
        for start in range(0, len(line_rows), CHUNK):
            chunk_rows = line_rows[start : start + CHUNK]
            values = ",".join(["(%s,%s,%s,%s,%s,%s,%s,%s,%s)"] * len(chunk_rows))
            cursor.execute(
                "INSERT INTO ledger_line (entry_id, cooperative_id, business_date, account_id, "
                f"debit, credit, business_unit_id, member_number, memo) VALUES {values}",
                [value for row in chunk_rows for value in row],
            )
        ids = [item.id for item in fresh]
        for start in range(0, len(ids), CHUNK):
            chunk_ids = ids[start : start + CHUNK]
            marks = ",".join(["%s"] * len(chunk_ids))
            cursor.execute(
                f"UPDATE ledger_entry SET status = %s WHERE id IN ({marks})",
                [EntryStatus.POSTED, *chunk_ids],
            )


def _as_entry(cooperative: Any, actor: Any, item: _Prepared) -> Entry:
    if item.id == -1:
        # A twin of an entry posted earlier in this batch.
        return Entry.objects.get(cooperative=cooperative, idempotency_key=item.data.idempotency_key)
    d = item.data
    entry = Entry(
        id=item.id,
        cooperative=cooperative,
        number=item.number,
        year=item.year,
        sequence=item.sequence,
        business_date=d.business_date,
        kind=d.kind,
        status=EntryStatus.POSTED,
        memo=d.memo[:500],
        source_app=d.source_app,
        source_ref=d.source_ref,
        idempotency_key=d.idempotency_key,
        content_hash=item.content_hash,
        reverses_id=d.reverses_id,
        created_by_id=getattr(actor, "pk", None),
    )
    entry._state.adding = False
    entry._state.db = "default"
    return entry
