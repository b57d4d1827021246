"""What a batch needs to know before it is checked, read in one statement.

The accounts the lines name (by id or code), the status of the months the
entries fall in, and the entries already holding the batch's idempotency keys:
one ``UNION ALL`` filtered by the cooperative, each branch on an index that
leads with ``cooperative_id`` (account code, period month, idempotency key), so
its cost does not grow with the ledger (ADR 0008).
"""

# ruff: noqa: S608  (the SQL interpolates placeholders and fixed text only)
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from kopdes.ledger.models import Entry, PeriodStatus
from kopdes.ledger.services.calendar import ensure_period, month_label
from kopdes.ledger.services.errors import (
    AccountRefused,
    IdempotencyConflict,
    InvalidLine,
    PeriodClosed,
)

if TYPE_CHECKING:
    from kopdes.cooperatives.models import Cooperative
    from kopdes.ledger.services.posting.validation import EntryInput, Prepared


@dataclass
class AccountRow:
    id: int
    code: str
    name: str
    is_header: bool
    is_active: bool
    control_key: str
    owner_app: str


@dataclass
class Cache:
    """Look-ups made once per call, shared by every entry of a batch."""

    by_id: dict[int, AccountRow] = field(default_factory=dict)
    by_code: dict[str, AccountRow] = field(default_factory=dict)
    units: set[int] | None = None
    periods: dict[tuple[int, int], str] = field(default_factory=dict)  # (year, month) -> status
    keys: dict[str, tuple[int, str, str]] = field(default_factory=dict)  # key -> id, hash, number


def query(cooperative_id: int, items: list[EntryInput], mark: str) -> tuple[str, list[Any]] | None:
    """The one statement (SQL with ``mark`` placeholders, params), or None if nothing to read."""
    ids: set[int] = set()
    codes: set[str] = set()
    for item in items:
        for raw in item.lines:
            account = (
                raw.get("account") if isinstance(raw, Mapping) else getattr(raw, "account", None)
            )
            if isinstance(account, str):
                codes.add(account)
            elif isinstance(account, int):
                ids.add(account)
            elif account is not None and getattr(account, "pk", None) is not None:
                ids.add(account.pk)
    months = sorted(
        {(i.business_date.year, i.business_date.month) for i in items
         if isinstance(i.business_date, date)}
    )  # fmt: skip
    keys = sorted({i.idempotency_key for i in items if isinstance(i.idempotency_key, str)})

    def marks(count: int) -> str:
        return ",".join([mark] * count)

    parts, params = [], []
    if ids or codes:
        conditions = []
        if ids:
            conditions.append(f"id IN ({marks(len(ids))})")
        if codes:
            conditions.append(f"code IN ({marks(len(codes))})")
        parts.append(
            "SELECT 'a', id, code, name, is_header, is_active, control_key, owner_app "
            f"FROM ledger_account WHERE cooperative_id = {mark} AND ({' OR '.join(conditions)})"
        )
        params += [cooperative_id, *sorted(ids), *sorted(codes)]
    if months:
        # (year, month) pairs as OR-ed equalities: the unique index answers each.
        pairs = " OR ".join([f"(year = {mark} AND month = {mark})"] * len(months))
        parts.append(
            "SELECT 'p', year * 100 + month, status, '', FALSE, FALSE, '', '' "
            f"FROM ledger_period WHERE cooperative_id = {mark} AND ({pairs})"
        )
        params += [cooperative_id, *(v for pair in months for v in pair)]
    if keys:
        parts.append(
            "SELECT 'k', id, idempotency_key, content_hash, FALSE, FALSE, number, '' "
            f"FROM ledger_entry WHERE cooperative_id = {mark} AND idempotency_key IN "
            f"({marks(len(keys))})"
        )
        params += [cooperative_id, *keys]
    if not parts:
        return None
    return " UNION ALL ".join(parts), params


def absorb(rows: list[tuple[Any, ...]], cache: Cache) -> None:
    for kind, key, text, name, header, active, extra, owner in rows:
        if kind == "a":
            account = AccountRow(key, text, name, bool(header), bool(active), extra, owner)
            cache.by_id[account.id] = account
            cache.by_code[account.code] = account
        elif kind == "p":
            cache.periods[(key // 100, key % 100)] = text
        else:
            cache.keys[text] = (key, name, extra)


class LinePrefix:
    """ "Jurnal ke-2: Baris 3: ", translated only when a message needs it."""

    __slots__ = ("number", "prefix")

    def __init__(self, prefix: str, number: int) -> None:
        self.prefix, self.number = prefix, number

    def __str__(self) -> str:
        return self.prefix + _("Baris %(n)s: ") % {"n": self.number}

    def __add__(self, other: str) -> str:
        return str(self) + other


def account_of(value: Any, cache: Cache, here: LinePrefix, name: str) -> AccountRow:
    if isinstance(value, str):
        account = cache.by_code.get(value)
    elif isinstance(value, int):
        account = cache.by_id.get(value)
    else:
        account = cache.by_id.get(getattr(value, "pk", None) or -1)
    if account is None:
        raise AccountRefused(
            here + _("akun tidak ditemukan di bagan akun koperasi ini."),
            field=f"{name}.account",
            code="unknown_account",
        )
    if account.is_header:
        raise AccountRefused(
            here
            + _("akun %(code)s %(name)s adalah akun induk; pilih sub-akunnya.")
            % {"code": account.code, "name": account.name},
            field=f"{name}.account",
            code="header_account",
        )
    if not account.is_active:
        raise AccountRefused(
            here
            + _("akun %(code)s %(name)s sudah tidak aktif.")
            % {"code": account.code, "name": account.name},
            field=f"{name}.account",
            code="inactive_account",
        )
    return account


def unit_of(
    cooperative: Cooperative, value: Any, cache: Cache, here: LinePrefix, name: str
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
            here + _("unit usaha tidak ditemukan di koperasi ini."),
            field=f"{name}.business_unit",
        )
    return int(unit_id)


def find_replays(cooperative: Cooperative, prepared: list[Prepared], cache: Cache) -> None:
    """An entry whose key is already stored: the same content replays it, other refuses."""
    for item in prepared:
        first = cache.keys.get(item.data.idempotency_key)
        if first is None:
            continue
        entry_id, content_hash, number = first
        if content_hash != item.content_hash:
            raise IdempotencyConflict(
                _(
                    "Kunci idempotensi %(key)s sudah dipakai untuk jurnal %(number)s dengan isi "
                    "berbeda."
                )
                % {"key": item.data.idempotency_key, "number": number},
                field="idempotency_key",
                code="idempotency_conflict",
            )
        item.replay_of = Entry.objects.get(pk=entry_id, cooperative=cooperative)


def closed(year: int, month: int) -> PeriodClosed:
    return PeriodClosed(
        _("Periode %(month)s sudah ditutup; tanggal jurnal harus berada di periode yang terbuka.")
        % {"month": month_label(year, month)},
        field="business_date",
        code="period_closed",
    )


def check_periods(cooperative: Cooperative, fresh: list[Prepared], cache: Cache) -> None:
    """Every month written to is an open period; a month's first entry creates it."""
    months = {(p.data.business_date.year, p.data.business_date.month) for p in fresh}
    for year, month in sorted(months):
        status = cache.periods.get((year, month))
        if status is None:
            status = ensure_period(cooperative, year, month).status
        if status != PeriodStatus.OPEN:
            raise closed(year, month)
