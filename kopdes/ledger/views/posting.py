"""Turn the bookkeeping forms' cleaned data into calls of the posting service."""

from __future__ import annotations

from datetime import date
from typing import Any

from kopdes.cooperatives.models import Cooperative
from kopdes.ledger.models import Entry
from kopdes.ledger.services.cash import post_cash_entry
from kopdes.ledger.services.posting import LineInput, post_entry, reverse_entry

SOURCE_APP = "ledger"


def post_cash(
    *,
    cooperative: Cooperative,
    actor: Any,
    direction: str,
    business_date: date,
    amount: int,
    counter_account: int,
    cash_account: int,
    business_unit: int | None,
    memo: str,
    idempotency_key: str,
) -> Entry:
    """The cash-book form's quick entry; the rule lives in ``services.cash``."""
    return post_cash_entry(
        cooperative=cooperative,
        actor=actor,
        direction=direction,
        business_date=business_date,
        amount=amount,
        counter_account=counter_account,
        cash_account=cash_account,
        business_unit=business_unit,
        memo=memo,
        idempotency_key=idempotency_key,
    )


def post_journal(
    *,
    cooperative: Any,
    actor: Any,
    business_date: date,
    memo: str,
    idempotency_key: str,
    lines: list[dict[str, Any]],
    **_: Any,
) -> Entry:
    return post_entry(
        cooperative=cooperative,
        actor=actor,
        business_date=business_date,
        lines=[
            LineInput(
                account=line["account"],
                debit=line["debit"],
                credit=line["credit"],
                business_unit=line["unit"],
            )
            for line in lines
        ],
        memo=memo,
        source_app=SOURCE_APP,
        source_ref="jurnal-umum",
        idempotency_key=idempotency_key,
    )


def reverse(
    *, entry: Entry, actor: Any, business_date: date, memo: str, idempotency_key: str
) -> Entry:
    return reverse_entry(
        entry=entry,
        actor=actor,
        business_date=business_date,
        memo=memo,
        idempotency_key=idempotency_key,
    )
