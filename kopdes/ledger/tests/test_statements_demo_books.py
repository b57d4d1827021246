"""Demo section 3: every operating cooperative's books give statements that check out."""

from __future__ import annotations

import pytest

from kopdes.cooperatives.models import Cooperative
from kopdes.demo.loader import load_demo
from kopdes.demo.sections import books
from kopdes.ledger.models import Entry, Period, PeriodStatus
from kopdes.ledger.statements import build_statement
from kopdes.ledger.statements.periods import ReportPeriod

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_demo_books_load_close_last_month_balance_and_reload_without_doubling():
    load_demo(progress=lambda message: None)
    operating = books.operating_cooperatives()
    assert len(operating) >= 10
    sample = operating[0]
    assert Entry.objects.filter(cooperative=sample).count() > 300
    today = books.business_date(sample)
    this_month = today.replace(day=1)
    open_before = Period.objects.filter(
        cooperative=sample, end_date__lt=this_month, status=PeriodStatus.OPEN
    )
    assert not open_before.exists()
    last = ReportPeriod("month", (this_month.year if this_month.month > 1 else this_month.year - 1),
                        (this_month.month - 1) or 12)  # fmt: skip
    for key in ("posisi-keuangan", "phu", "phu-unit", "arus-kas", "perubahan-ekuitas",
                "neraca-saldo", "catatan"):  # fmt: skip
        statement = build_statement(key, sample, last)
        assert statement.all_ok, (key, statement.checks)
    not_operating = Cooperative.objects.exclude(pk__in=[c.pk for c in operating]).first()
    assert not Entry.objects.filter(cooperative=not_operating).exists()
    # Running the section again replays every posting: nothing doubles.
    before = Entry.objects.count()
    books.load(lambda message: None)
    assert Entry.objects.count() == before
