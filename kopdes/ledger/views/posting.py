"""Turn the bookkeeping forms' cleaned data into calls of the posting service."""

from __future__ import annotations

from datetime import date
from typing import Any

from kopdes.ledger.models import Entry
from kopdes.ledger.services.posting import LineInput, post_entry, reverse_entry

SOURCE_APP = "ledger"


def post_cash(
    *,
    cooperative: Any,
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
    """Kas masuk debits cash and credits the counter-account; kas keluar the reverse.

    Both lines carry the business unit, so the unit's cash book and its PHU
    column see the movement.
    """
    cash_in = direction == "masuk"
    cash_debit, cash_credit = (amount, 0) if cash_in else (0, amount)
    return post_entry(
        cooperative=cooperative,
        actor=actor,
        business_date=business_date,
        lines=[
            LineInput(cash_account, cash_debit, cash_credit, business_unit=business_unit),
            LineInput(counter_account, cash_credit, cash_debit, business_unit=business_unit),
        ],
        memo=memo,
        source_app=SOURCE_APP,
        source_ref="buku-kas",
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
