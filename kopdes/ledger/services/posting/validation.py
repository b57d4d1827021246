"""What an entry must be before it is written: the inputs and every check on them.

Pure Python over the look-ups already made (``lookups.Cache``): no query here,
so a refused entry costs nothing but this. Messages are Indonesian, through
gettext, and name the entry (in a batch), the line and the field
(``lines[1].debit``), as docs/ledger.md ("Writing") describes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from kopdes.core.money import MAX_SEN, MSG_TOO_LARGE
from kopdes.core.timeutils import business_date as local_business_date
from kopdes.ledger.models import Entry, EntryKind
from kopdes.ledger.services.errors import (
    ControlAccountRefused,
    IdempotencyConflict,
    InvalidLine,
    LedgerError,
    UnbalancedEntry,
)
from kopdes.ledger.services.posting.lookups import Cache, LinePrefix, account_of, unit_of

if TYPE_CHECKING:
    from kopdes.cooperatives.models import Cooperative

OWNER_NAMES = {"savings": "simpanan", "loans": "pinjaman"}
KINDS = frozenset(EntryKind.values)
# Field limits of Entry and Line: longer text is refused, never cut.
MAX_KEY, MAX_MEMO, MAX_SOURCE, MAX_REF = 100, 500, 20, 100
MAX_MEMBER, MAX_LINE_MEMO = 40, 200
# A line: (account id, debit, credit, unit id, member number, memo).
LineRow = tuple[int, int, int, int | None, str, str]


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
    # Set only by ``reverse_entry``; ``post_entries`` refuses it.
    reverses_id: int | None = None


@dataclass(eq=False)  # identity, never equality: two equal inputs are two items
class Prepared:
    data: EntryInput
    lines: list[LineRow]
    content_hash: str
    number: str = ""
    year: int = 0
    sequence: int = 0
    id: int | None = None
    replay_of: Entry | None = None
    twin_of: Prepared | None = None  # same key earlier in the batch: its result is ours


def where(index: int | None) -> str:
    return "" if index is None else _("Jurnal ke-%(n)s: ") % {"n": index + 1}


def max_days_ahead() -> int:
    """How many days after today a business date may lie (setting, default 0)."""
    return int(getattr(settings, "KOPDES_LEDGER_MAX_DAYS_AHEAD", 0))


def check_date(cooperative: Cooperative, item: EntryInput, prefix: str) -> None:
    """Not after today (+ the setting) in the cooperative's zone; a year-end
    closing entry carries 31 December by definition and is exempt."""
    if not isinstance(item.business_date, date) or isinstance(item.business_date, datetime):
        raise LedgerError(prefix + _("Tanggal jurnal wajib diisi."), field="business_date")
    if item.kind == EntryKind.CLOSING:
        return
    ahead = max_days_ahead()
    # Every zone's today is at least the UTC date minus one: most dates pass here
    # without looking up the cooperative's zone.
    if item.business_date <= timezone.now().date() - timedelta(days=1 - ahead):
        return
    latest = local_business_date(cooperative) + timedelta(days=ahead)
    if item.business_date > latest:
        raise LedgerError(
            prefix
            + _(
                "Tanggal jurnal %(date)s berada setelah hari ini; paling lambat %(latest)s "
                "(%(days)s hari setelah hari ini)."
            )
            % {
                "date": item.business_date.strftime("%d-%m-%Y"),
                "latest": latest.strftime("%d-%m-%Y"),
                "days": ahead,
            },
            field="business_date",
            code="future_date",
        )


def _text(
    value: Any, limit: int, message: Callable[[], str], name: str, required: bool = False
) -> str:
    """The text, or a LedgerError (its message is built only then)."""
    if value is None:
        value = ""
    if not isinstance(value, str) or len(value) > limit or (required and not value.strip()):
        raise LedgerError(message(), field=name)
    return value


def prepare(
    cooperative: Cooperative,
    item: EntryInput,
    cache: Cache,
    index: int | None,
    *,
    reversal: bool = False,
) -> Prepared:
    """Every check of one entry; its lines as rows and its content hash."""
    prefix = where(index)
    key = item.idempotency_key
    if not isinstance(key, str) or not key or len(key) > MAX_KEY:
        raise LedgerError(
            prefix + _("Kunci idempotensi wajib diisi (paling banyak 100 karakter)."),
            field="idempotency_key",
        )
    _text(
        item.memo,
        MAX_MEMO,
        lambda: prefix + _("Keterangan jurnal wajib diisi (paling banyak 500 karakter)."),
        "memo",
        required=True,
    )
    _text(
        item.source_app,
        MAX_SOURCE,
        lambda: prefix + _("Sumber jurnal wajib diisi (paling banyak 20 karakter)."),
        "source_app",
        required=True,
    )
    _text(
        item.source_ref,
        MAX_REF,
        lambda: prefix + _("Referensi sumber paling banyak 100 karakter."),
        "source_ref",
    )
    if item.kind not in KINDS:
        raise LedgerError(prefix + _("Jenis jurnal tidak dikenal."), field="kind")
    if not reversal and (item.kind == EntryKind.REVERSAL or item.reverses_id is not None):
        raise LedgerError(
            prefix + _("Jurnal pembalik hanya dibuat melalui pembalikan jurnal."), field="kind"
        )
    check_date(cooperative, item, prefix)
    if len(item.lines) < 2:
        raise UnbalancedEntry(
            prefix + _("Jurnal memerlukan paling sedikit dua baris."), field="lines"
        )
    rows: list[LineRow] = []
    total_debit = total_credit = 0
    for number, raw in enumerate(item.lines, start=1):
        line = raw if isinstance(raw, LineInput) else LineInput(**raw)
        name = f"lines[{number - 1}]"
        here = LinePrefix(prefix, number)
        debit, credit = line.debit or 0, line.credit or 0
        for amount, side in ((debit, "debit"), (credit, "credit")):
            if type(amount) is not int:
                raise InvalidLine(
                    here + _("jumlah harus bilangan bulat dalam sen."), field=f"{name}.{side}"
                )
            if amount < 0:
                raise InvalidLine(here + _("jumlah tidak boleh negatif."), field=f"{name}.{side}")
            if amount > MAX_SEN:
                # The money module's bound (kopdes/core/money.py), its own words.
                message = _(MSG_TOO_LARGE)
                raise InvalidLine(
                    here + message[0].lower() + message[1:],
                    field=f"{name}.{side}",
                    code="amount_too_large",
                )
        if (debit > 0) == (credit > 0):
            raise InvalidLine(
                here + _("isi debit atau kredit (salah satu, lebih dari nol)."),
                field=f"{name}.debit",
            )
        account = account_of(line.account, cache, here, name)
        if account.control_key and account.owner_app != item.source_app:
            owner = OWNER_NAMES.get(account.owner_app, account.owner_app)
            raise ControlAccountRefused(
                here
                + _(
                    "akun %(code)s %(name)s adalah akun kontrol; hanya modul %(owner)s yang "
                    "dapat membukukannya."
                )
                % {"code": account.code, "name": account.name, "owner": owner},
                field=f"{name}.account",
                code="control_account",
            )
        unit = unit_of(cooperative, line.business_unit, cache, here, name)
        member = "" if line.member_number is None else line.member_number
        memo = "" if line.memo is None else line.memo
        if not isinstance(member, str) or len(member) > MAX_MEMBER:
            raise LedgerError(
                here + _("nomor anggota paling banyak 40 karakter."), field=f"{name}.member_number"
            )
        if not isinstance(memo, str) or len(memo) > MAX_LINE_MEMO:
            raise LedgerError(
                here + _("keterangan baris paling banyak 200 karakter."), field=f"{name}.memo"
            )
        total_debit += debit
        total_credit += credit
        rows.append((account.id, debit, credit, unit, member, memo))
    if total_debit > MAX_SEN or total_credit > MAX_SEN:
        raise InvalidLine(
            prefix
            + _("Jumlah jurnal terlalu besar; total debit dan kredit paling banyak %(max)s.")
            % {"max": "Rp1.000.000.000.000.000"},
            field="lines",
            code="amount_too_large",
        )
    if total_debit != total_credit:
        raise UnbalancedEntry(
            prefix
            + _("Jurnal tidak seimbang: debit %(debit)s sen, kredit %(credit)s sen.")
            % {"debit": total_debit, "credit": total_credit},
            field="lines",
            code="unbalanced",
        )
    return Prepared(data=item, lines=rows, content_hash=content_hash(item, rows))


def content_hash(item: EntryInput, rows: list[LineRow]) -> str:
    """SHA-256 of what the entry says (lines order-insensitive): replays compare it."""
    content = [
        item.business_date.isoformat(),
        item.memo,
        item.source_app,
        item.source_ref,
        item.kind,
        item.reverses_id,
        sorted(rows, key=lambda r: (r[0], r[1], r[2], r[3] or 0, r[4], r[5])),
    ]
    return hashlib.sha256(json.dumps(content, separators=(",", ":")).encode()).hexdigest()


def pair_twins(prepared: list[Prepared]) -> None:
    """The same key twice in one batch: the later item replays the first.

    Same content: one entry, returned for both. Other content: refused.
    """
    first: dict[str, Prepared] = {}
    for item in prepared:
        if item.replay_of is not None:
            continue
        key = item.data.idempotency_key
        earlier = first.get(key)
        if earlier is None:
            first[key] = item
        elif earlier.content_hash != item.content_hash:
            raise IdempotencyConflict(
                _("Kunci idempotensi %(key)s dipakai dua kali dengan isi berbeda.") % {"key": key},
                field="idempotency_key",
                code="idempotency_conflict",
            )
        else:
            item.twin_of = earlier
