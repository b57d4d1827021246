"""A hypothesis state machine over the ledger: the books hold after every step.

Rules post entries, batches, reversals and replays, close months in order and
reopen the last closed one (pengurus with a pengawas co-signing), and close the
year. Each example runs inside its own savepoint that is rolled back at the
end, on a freshly created cooperative, so examples never see each other.
After every step: the trial balance sums to zero, assets = liabilities +
equity + current SHU, balances from snapshots equal balances from lines and
a simple model of the books, snapshots equal a recomputation, numbering is
gapless.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from kopdes.accounts.models import Role
from kopdes.ledger.balances import balances_as_of, current_shu, totals_by_type, trial_balance
from kopdes.ledger.checks import numbering_gaps, stale_snapshots, unbalanced_entries
from kopdes.ledger.models import Entry, Period, PeriodStatus
from kopdes.ledger.services import (
    EntryInput,
    IdempotencyConflict,
    LineInput,
    PeriodClosed,
    close_month,
    close_year,
    post_entries,
    post_entry,
    reopen_month,
    reverse_entry,
)
from kopdes.ledger.services.errors import YearCloseRefused
from kopdes.testing import factories

CODES = ["1-1100", "1-1200", "1-1400", "2-1300", "3-1300", "4-1110", "4-1120", "6-1100", "6-1200"]
MONTHS = [1, 2, 3, 4]
END = date(2026, 12, 31)

amounts = st.integers(min_value=1, max_value=10**12)
codes = st.sampled_from(CODES)
days = st.builds(
    date, st.just(2026), st.sampled_from(MONTHS), st.integers(min_value=1, max_value=28)
)
line_sets = st.lists(st.tuples(codes, amounts), min_size=1, max_size=3)


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.coop = factories.cooperative("64.09.04.2015")
        self.pengurus = factories.user(f"pengurus-{id(self)}")
        self.pengawas = factories.user(f"pengawas-{id(self)}")
        factories.grant(self.pengurus, Role.PENGURUS, self.coop)
        factories.grant(self.pengawas, Role.PENGAWAS, self.coop)
        self.accounts = {
            a.code: a.pk for a in self.coop.ledger_accounts.filter(code__in=[*CODES, "3-1700"])
        }
        self.model: dict[int, int] = {}  # account id -> debit-minus-credit
        self.posted: dict[str, tuple[int, list[LineInput]]] = {}  # key -> (entry id, lines)
        self.counter = 0

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    # --- helpers --------------------------------------------------------------
    def _lines(self, pairs: list[tuple[str, int]], cash_side: str) -> list[LineInput]:
        """Balanced lines: each pair on its account, the total against cash or bank."""
        total = sum(amount for _code, amount in pairs)
        other = "debit" if cash_side == "credit" else "credit"
        lines = [LineInput(account=code, **{other: amount}) for code, amount in pairs]
        lines.append(LineInput(account="1-1100", **{cash_side: total}))
        return lines

    def _apply(self, lines: list[LineInput]) -> None:
        for line in lines:
            key = self.accounts[line.account] if isinstance(line.account, str) else line.account
            self.model[key] = self.model.get(key, 0) + line.debit - line.credit

    def _open(self, on: date) -> bool:
        period = Period.objects.filter(cooperative=self.coop, year=on.year, month=on.month).first()
        closed_later = Period.objects.filter(
            cooperative=self.coop, status=PeriodStatus.CLOSED, start_date__gt=on
        ).exists()
        return not closed_later and (period is None or period.status == PeriodStatus.OPEN)

    def _key(self) -> str:
        self.counter += 1
        return f"h-{self.counter}"

    # --- rules ------------------------------------------------------------------
    @rule(pairs=line_sets, on=days, side=st.sampled_from(["debit", "credit"]))
    def post(self, pairs, on, side):
        lines = self._lines(pairs, side)
        key = self._key()
        expect_open = self._open(on)
        try:
            entry = post_entry(
                cooperative=self.coop,
                actor=self.pengurus,
                business_date=on,
                lines=lines,
                memo="uji",
                source_app="ledger",
                idempotency_key=key,
            )
        except PeriodClosed:
            assert not expect_open
            return
        assert expect_open
        self._apply(lines)
        self.posted[key] = (entry.pk, lines)

    @rule(batch=st.lists(st.tuples(line_sets, days), min_size=1, max_size=4))
    def post_batch(self, batch):
        items, all_lines = [], []
        for pairs, on in batch:
            lines = self._lines(pairs, "debit")
            all_lines.append(lines)
            items.append(
                EntryInput(
                    business_date=on,
                    lines=lines,
                    memo="batch",
                    source_app="ledger",
                    idempotency_key=self._key(),
                )
            )
        expect_open = all(self._open(item.business_date) for item in items)
        before = Entry.objects.filter(cooperative=self.coop).count()
        try:
            entries = post_entries(cooperative=self.coop, actor=None, entries=items)
        except PeriodClosed:
            assert not expect_open
            assert Entry.objects.filter(cooperative=self.coop).count() == before
            return
        assert expect_open
        for item, entry, lines in zip(items, entries, all_lines, strict=True):
            self._apply(lines)
            self.posted[item.idempotency_key] = (entry.pk, lines)

    @precondition(lambda self: self.posted)
    @rule(data=st.data())
    def replay(self, data):
        key = data.draw(st.sampled_from(sorted(self.posted)))
        entry_id, lines = self.posted[key]
        entry = Entry.objects.get(pk=entry_id)
        count = Entry.objects.filter(cooperative=self.coop).count()
        again = (
            post_entry(
                cooperative=self.coop,
                actor=None,
                business_date=entry.business_date,
                lines=lines,
                memo=entry.memo,
                source_app=entry.source_app,
                source_ref=entry.source_ref,
                kind=entry.kind,
                idempotency_key=key,
            )
            if entry.kind != "pembalik"
            else None
        )
        if again is not None:
            assert again.pk == entry_id
        assert Entry.objects.filter(cooperative=self.coop).count() == count
        if entry.kind == "umum":
            with pytest.raises(IdempotencyConflict):
                post_entry(
                    cooperative=self.coop,
                    actor=None,
                    business_date=entry.business_date,
                    lines=lines,
                    memo=entry.memo + " (ubah)",
                    source_app="ledger",
                    idempotency_key=key,
                )

    @precondition(lambda self: self.posted)
    @rule(data=st.data(), on=days)
    def reverse(self, data, on):
        key = data.draw(st.sampled_from(sorted(self.posted)))
        entry = Entry.objects.get(pk=self.posted[key][0])
        if entry.kind != "umum" or Entry.objects.filter(reverses=entry).exists():
            return
        if not self._open(on):
            with pytest.raises(PeriodClosed):
                reverse_entry(
                    entry=entry,
                    actor=None,
                    business_date=on,
                    memo="balik",
                    idempotency_key=self._key(),
                )
            return
        rkey = self._key()
        mirror = reverse_entry(
            entry=entry, actor=None, business_date=on, memo="balik", idempotency_key=rkey
        )
        lines = [
            LineInput(account=line.account, debit=line.credit, credit=line.debit)
            for line in self.posted[key][1]
        ]
        self._apply(lines)
        self.posted[rkey] = (mirror.pk, lines)

    @rule()
    def close_next_month(self):
        period = (
            Period.objects.filter(cooperative=self.coop, status=PeriodStatus.OPEN)
            .order_by("start_date")
            .first()
        )
        if period is None or period.month > max(MONTHS):
            return
        close_month(cooperative=self.coop, period=period, actor=self.pengurus)

    @rule()
    def reopen_last_closed(self):
        period = (
            Period.objects.filter(cooperative=self.coop, status=PeriodStatus.CLOSED)
            .order_by("-start_date")
            .first()
        )
        if period is None:
            return
        reopen_month(
            cooperative=self.coop,
            period=period,
            actor=self.pengurus,
            cosigner=self.pengawas,
            reason="koreksi",
        )

    @precondition(lambda self: self.counter > 3)
    @rule()
    def close_the_year(self):
        try:
            entry = close_year(cooperative=self.coop, year=2026, actor=self.pengurus)
        except YearCloseRefused:
            # Refused while January-November are open; nothing was posted.
            return
        if entry is None:
            return
        lines = [
            LineInput(account=line.account_id, debit=line.debit, credit=line.credit)
            for line in entry.lines.all()
        ]
        self._apply(lines)

    # --- invariants --------------------------------------------------------------
    @invariant()
    def books_hold(self):
        rows = trial_balance(cooperative=self.coop, start=date(2026, 1, 1), end=END)
        assert sum(row.closing for row in rows) == 0
        assert sum(row.debit for row in rows) == sum(row.credit for row in rows)
        totals = totals_by_type(cooperative=self.coop, as_of=END)
        shu = current_shu(cooperative=self.coop, as_of=END)
        assert totals["aset"] == totals["kewajiban"] + totals["ekuitas"] + shu
        expected = {(acc, None): value for acc, value in self.model.items() if value}
        for as_of in (date(2026, 2, 28), END):
            assert balances_as_of(cooperative=self.coop, as_of=as_of) == balances_as_of(
                cooperative=self.coop, as_of=as_of, use_snapshots=False
            )
        assert balances_as_of(cooperative=self.coop, as_of=END) == expected
        assert stale_snapshots(self.coop) == []
        assert numbering_gaps(self.coop) == []
        assert unbalanced_entries(self.coop) == []


@pytest.mark.slow
def test_the_books_hold_under_any_sequence_of_operations(db):
    run_state_machine_as_test(
        LedgerMachine,
        # The example count comes from the loaded hypothesis profile (the root
        # conftest): 300 in CI (CI=true), fewer locally (HYPOTHESIS_PROFILE=ci
        # for the full count).
        settings=settings(
            stateful_step_count=5,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            database=None,
        ),
    )
