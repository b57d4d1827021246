"""The cash book's quick entry: kas masuk / kas keluar as one balanced two-line entry.

The rule (``docs/ledger.md``, "Cash book"), used by the cash-book page and
the API alike:

- *kas masuk* debits the cash or bank account and credits the counter-account;
  *kas keluar* credits cash and debits the counter-account;
- the cash side is an active postable account of cash-flow class ``kas``
  (the ``kas`` system account when none is named);
- the counter-account is an active postable account that is neither cash nor
  bank (moving money between them is a general-journal entry) nor a control
  account (savings and loans post those through their own modules); the page
  offers only the types the direction takes (``counter_accounts``: income,
  debts, capital, assets for kas masuk; costs, assets, debts, capital for kas
  keluar), and a teller only income (masuk) or costs (keluar);
- both lines carry the business unit, so the unit's cash book and its PHU
  column see the movement.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from kopdes.cooperatives.models import Cooperative
from kopdes.core.money import MAX_SEN, MSG_TOO_LARGE
from kopdes.ledger.models import Account, AccountType, CashFlowClass, Entry
from kopdes.ledger.services.errors import AccountRefused, InvalidLine, LedgerError
from kopdes.ledger.services.posting import LineInput, post_entry

CASH_IN = "masuk"
CASH_OUT = "keluar"
DIRECTIONS = (CASH_IN, CASH_OUT)
SOURCE_APP = "ledger"
SOURCE_REF = "buku-kas"


def _postable(cooperative: Cooperative) -> Any:
    return Account.objects.filter(
        cooperative=cooperative, is_header=False, is_active=True, control_key=""
    ).order_by("code")


def cash_accounts(cooperative: Cooperative) -> list[Account]:
    """The cash and bank accounts a cash entry may use."""
    return list(_postable(cooperative).filter(cash_flow_class=CashFlowClass.KAS))


# What the other side of a cash movement can be, by direction: money comes in
# against income, a debt taken on, capital, or an asset turned into cash (a
# receivable collected); it goes out against a cost, an asset bought, a debt
# paid or capital returned. Income never pays for kas keluar, nor a cost for
# kas masuk (a refund is a general-journal entry).
_TYPES_BY_DIRECTION = {
    CASH_IN: (AccountType.PENDAPATAN, AccountType.KEWAJIBAN, AccountType.EKUITAS, AccountType.ASET),
    CASH_OUT: (AccountType.BEBAN, AccountType.ASET, AccountType.KEWAJIBAN, AccountType.EKUITAS),
}
# A teller records the day's sales and the day's costs only: income for kas
# masuk, costs for kas keluar (docs/ledger.md, "Cash book").
_TELLER_TYPES = {CASH_IN: (AccountType.PENDAPATAN,), CASH_OUT: (AccountType.BEBAN,)}


def counter_accounts(
    cooperative: Cooperative, direction: str | None = None, *, teller: bool = False
) -> list[Account]:
    """The counter-accounts a cash entry may use (never cash, bank or a control account).

    With a ``direction`` (``masuk``/``keluar``), only the account types that
    direction takes (income first for kas masuk, costs first for kas keluar);
    ``teller=True`` narrows that to a teller's accounts (income, or costs).
    Without a direction: every account either direction may use.
    """
    accounts = _postable(cooperative).exclude(cash_flow_class=CashFlowClass.KAS)
    if direction is None:
        return list(accounts)
    if direction not in DIRECTIONS:
        raise LedgerError(
            _("Jenis kas harus %(in)s atau %(out)s.") % {"in": CASH_IN, "out": CASH_OUT},
            field="direction",
            code="invalid_direction",
        )
    types = (_TELLER_TYPES if teller else _TYPES_BY_DIRECTION)[direction]
    order = {kind: i for i, kind in enumerate(types)}
    chosen = [a for a in accounts if a.type in order]
    return sorted(chosen, key=lambda a: (order[a.type], a.code))


def _find(cooperative: Cooperative, value: Any) -> Account | None:
    if isinstance(value, Account):
        return value if value.cooperative_id == cooperative.pk else None
    accounts = Account.objects.filter(cooperative=cooperative)
    if isinstance(value, int) and not isinstance(value, bool):
        return accounts.filter(pk=value).first()
    if isinstance(value, str) and value.strip():
        return accounts.filter(code=value.strip()).first()
    return None


def _usable(account: Account | None, field: str, shown: Any) -> Account:
    if account is None:
        raise AccountRefused(
            _("Akun %(account)s tidak dikenal di koperasi ini.") % {"account": shown},
            field=field,
            code="unknown_account",
        )
    label = f"{account.code} {account.name}"
    if account.is_header:
        raise AccountRefused(
            _("Akun %(account)s adalah akun induk; pilih sub-akunnya.") % {"account": label},
            field=field,
            code="header_account",
        )
    if not account.is_active:
        raise AccountRefused(
            _("Akun %(account)s tidak aktif.") % {"account": label},
            field=field,
            code="inactive_account",
        )
    if account.control_key:
        raise AccountRefused(
            _(
                "Akun %(account)s adalah akun kontrol; transaksinya dicatat lewat modul "
                "simpanan atau pinjaman, bukan buku kas."
            )
            % {"account": label},
            field=field,
            code="control_account",
        )
    return account


def cash_account_for(cooperative: Cooperative, value: Any = None) -> Account:
    """The cash side: the account named, or the ``kas`` system account."""
    if value is None or value == "":
        account = Account.objects.filter(cooperative=cooperative, system_key="kas").first()
        return _usable(account, "cash_account", "kas")
    account = _usable(_find(cooperative, value), "cash_account", value)
    if account.cash_flow_class != CashFlowClass.KAS:
        raise AccountRefused(
            _("Akun %(account)s bukan akun kas atau bank.")
            % {"account": f"{account.code} {account.name}"},
            field="cash_account",
            code="not_cash_account",
        )
    return account


def counter_account_for(cooperative: Cooperative, value: Any) -> Account:
    account = _usable(_find(cooperative, value), "counter_account", value)
    if account.cash_flow_class == CashFlowClass.KAS:
        raise AccountRefused(
            _(
                "Akun lawan %(account)s adalah akun kas atau bank; pemindahan antar kas dan "
                "bank dicatat di jurnal umum."
            )
            % {"account": f"{account.code} {account.name}"},
            field="counter_account",
            code="cash_counter_account",
        )
    return account


def post_cash_entry(
    *,
    cooperative: Cooperative,
    actor: Any,
    direction: str,
    business_date: date,
    amount: int,
    counter_account: Any,
    memo: str,
    idempotency_key: str,
    cash_account: Any = None,
    business_unit: Any = None,
    source_ref: str = SOURCE_REF,
) -> Entry:
    """Post one kas masuk / kas keluar (accounts as instance, id or chart code)."""
    if direction not in DIRECTIONS:
        raise LedgerError(
            _("Jenis kas harus %(in)s atau %(out)s.") % {"in": CASH_IN, "out": CASH_OUT},
            field="direction",
            code="invalid_direction",
        )
    if type(amount) is not int or amount <= 0:
        raise InvalidLine(
            _("Jumlah harus bilangan bulat sen lebih dari nol."),
            field="amount",
            code="invalid_amount",
        )
    if amount > MAX_SEN:
        raise InvalidLine(MSG_TOO_LARGE, field="amount", code="money_too_large")
    cash = cash_account_for(cooperative, cash_account)
    counter = counter_account_for(cooperative, counter_account)
    cash_debit, cash_credit = (amount, 0) if direction == CASH_IN else (0, amount)
    try:
        return post_entry(
            cooperative=cooperative,
            actor=actor,
            business_date=business_date,
            lines=[
                LineInput(cash, cash_debit, cash_credit, business_unit=business_unit),
                LineInput(counter, cash_credit, cash_debit, business_unit=business_unit),
            ],
            memo=memo,
            source_app=SOURCE_APP,
            source_ref=source_ref,
            idempotency_key=idempotency_key,
        )
    except LedgerError as exc:
        # The unit is one field of the cash entry, not of its lines.
        if exc.field and exc.field.endswith(".business_unit"):
            exc.field = "business_unit"
        raise
