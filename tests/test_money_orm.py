"""ORM money expressions, pinned on whichever engine the run uses (docs/design.md rule 9).

CI runs this file on SQLite and on PostgreSQL. Every test asserts exact
integers and ``type(x) is int``: a float (SQLite REAL, a JSON round trip) or a
``Decimal`` (PostgreSQL returns ``numeric`` for ``SUM(bigint)``) leaking out of
the ORM would be a unit or precision bug waiting to happen.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection, models
from django.db.models import Case, Count, F, Max, Min, Q, Sum, Value, When, Window
from django.db.models.functions import Coalesce

from kopdes.core.money_fields import MoneyField, as_money
from tests.ormcheck.models import Movement

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 28)
# Rp 30 miliar in sen: 3 x 10^12, far beyond a 32-bit integer (2^31 ~ 2.1 x 10^9).
RP_30_MILIAR = 30_000_000_000 * 100
# Above 2^53, the largest integer a float (or a JavaScript number) holds exactly.
ABOVE_2_53 = 9_007_199_254_740_993


def _exact(value: object, expected: int) -> None:
    assert type(value) is int, f"{value!r} is a {type(value).__name__}, not int"
    assert value == expected


def _move(account: str, debit: int = 0, credit: int = 0, day: datetime.date = DAY) -> Movement:
    return Movement.objects.create(account=account, debit=debit, credit=credit, business_date=day)


def test_the_engine_under_test_is_named_in_the_report():
    assert connection.vendor in {"sqlite", "postgresql"}


def test_sum_of_large_amounts_is_an_exact_int():
    for _ in range(5):
        _move("kas", debit=RP_30_MILIAR + 1)
    total = Movement.objects.aggregate(total=Sum("debit"))["total"]
    _exact(total, 5 * RP_30_MILIAR + 5)


def test_sum_of_a_difference_is_an_exact_int():
    _move("kas", debit=RP_30_MILIAR, credit=1)
    _move("kas", debit=RP_30_MILIAR, credit=RP_30_MILIAR * 3)
    result = Movement.objects.aggregate(
        bare=Sum(F("debit") - F("credit")),
        typed=Sum(as_money(F("debit") - F("credit"))),
    )
    _exact(result["bare"], -RP_30_MILIAR - 1)
    _exact(result["typed"], -RP_30_MILIAR - 1)


def test_sum_of_nothing_is_none_and_coalesce_makes_it_zero():
    empty = Movement.objects.filter(account="tidak-ada")
    result = empty.aggregate(
        raw=Sum("debit"),
        coalesced=Coalesce(Sum("debit"), 0),
        net=Coalesce(Sum(as_money(F("debit") - F("credit"))), 0),
        default=Sum("debit", default=0),
    )
    assert result["raw"] is None
    _exact(result["coalesced"], 0)
    _exact(result["net"], 0)
    _exact(result["default"], 0)


def test_f_update_stays_exact_above_2_53():
    row = _move("kas", debit=ABOVE_2_53, credit=ABOVE_2_53 - 2)
    Movement.objects.filter(pk=row.pk).update(debit=F("debit") + 1, credit=F("credit") - 1)
    row.refresh_from_db()
    # A float round trip would give 9007199254740992 or ...996, never ...994.
    _exact(row.debit, 9_007_199_254_740_994)
    _exact(row.credit, 9_007_199_254_740_990)
    Movement.objects.filter(pk=row.pk).update(debit=F("debit") + F("credit"))
    row.refresh_from_db()
    _exact(row.debit, 18_014_398_509_481_984)


def test_filters_compare_exactly_beyond_float_precision():
    low = _move("kas", debit=ABOVE_2_53 - 1)  # 2^53, which a float cannot tell from 2^53+1
    high = _move("kas", debit=ABOVE_2_53)
    _move("bank", debit=RP_30_MILIAR)

    assert list(Movement.objects.filter(debit=ABOVE_2_53)) == [high]
    assert list(Movement.objects.filter(debit__gt=ABOVE_2_53 - 1)) == [high]
    assert list(Movement.objects.filter(debit__lt=ABOVE_2_53, debit__gt=RP_30_MILIAR)) == [low]
    assert Movement.objects.filter(debit__gte=RP_30_MILIAR).count() == 3
    assert list(Movement.objects.filter(debit__in=[ABOVE_2_53 - 1])) == [low]
    assert list(Movement.objects.filter(debit__range=(RP_30_MILIAR, RP_30_MILIAR))) == [
        Movement.objects.get(account="bank")
    ]


def test_values_list_returns_ints():
    _move("kas", debit=ABOVE_2_53, credit=RP_30_MILIAR)
    debit, credit = Movement.objects.values_list("debit", "credit").get()
    _exact(debit, ABOVE_2_53)
    _exact(credit, RP_30_MILIAR)


def test_group_by_account_with_sums_and_a_having_filter():
    _move("bank", debit=RP_30_MILIAR, credit=0)
    _move("bank", debit=RP_30_MILIAR, credit=1)
    _move("kas", debit=500, credit=200)
    _move("kas", debit=0, credit=100)
    rows = list(
        Movement.objects.values("account")
        .annotate(
            debits=Sum("debit"),
            credits=Sum("credit"),
            net=Sum(as_money(F("debit") - F("credit"))),
            moves=Count("id"),
        )
        .order_by("account")
    )
    assert [r["account"] for r in rows] == ["bank", "kas"]
    _exact(rows[0]["debits"], 2 * RP_30_MILIAR)
    _exact(rows[0]["net"], 2 * RP_30_MILIAR - 1)
    _exact(rows[1]["credits"], 300)
    _exact(rows[1]["net"], 200)

    # HAVING with a value beyond 32 bits: only the typed sum is safe (see below).
    big = (
        Movement.objects.values("account")
        .annotate(net=Sum(as_money(F("debit") - F("credit"))))
        .filter(net__gt=RP_30_MILIAR)
        .values_list("account", flat=True)
    )
    assert list(big) == ["bank"]


def test_aggregate_by_business_date_and_min_max():
    _move("kas", debit=RP_30_MILIAR, day=DAY)
    _move("kas", debit=1, day=DAY)
    _move("kas", debit=ABOVE_2_53, day=DAY + datetime.timedelta(days=1))
    per_day = dict(
        Movement.objects.values("business_date")
        .annotate(total=Sum("debit"))
        .values_list("business_date", "total")
    )
    _exact(per_day[DAY], RP_30_MILIAR + 1)
    _exact(per_day[DAY + datetime.timedelta(days=1)], ABOVE_2_53)
    extremes = Movement.objects.aggregate(low=Min("debit"), high=Max("debit"))
    _exact(extremes["low"], 1)
    _exact(extremes["high"], ABOVE_2_53)


def test_case_when_sums_debits_and_credits_separately():
    _move("kas", debit=RP_30_MILIAR)
    _move("kas", credit=ABOVE_2_53)
    _move("bank", debit=7)
    result = Movement.objects.aggregate(
        kas_in=Sum(
            Case(
                When(account="kas", then=F("debit")),
                default=Value(0),
                output_field=MoneyField(),
            )
        ),
        signed=Sum(
            Case(
                When(debit__gt=0, then=F("debit")),
                default=-F("credit"),
                output_field=MoneyField(),
            )
        ),
        counted=Count("id", filter=Q(debit__gt=RP_30_MILIAR - 1)),
    )
    _exact(result["kas_in"], RP_30_MILIAR)
    _exact(result["signed"], RP_30_MILIAR + 7 - ABOVE_2_53)
    _exact(result["counted"], 1)


def test_running_balance_with_a_window_sum():
    _move("kas", debit=RP_30_MILIAR, day=DAY)
    _move("kas", credit=ABOVE_2_53, day=DAY + datetime.timedelta(days=1))
    _move("kas", debit=1, day=DAY + datetime.timedelta(days=2))
    balances = list(
        Movement.objects.annotate(
            balance=Window(
                Sum(as_money(F("debit") - F("credit"))),
                order_by=[F("business_date").asc(), F("id").asc()],
            )
        )
        .order_by("business_date", "id")
        .values_list("balance", flat=True)
    )
    expected = [RP_30_MILIAR, RP_30_MILIAR - ABOVE_2_53, RP_30_MILIAR - ABOVE_2_53 + 1]
    for value, want in zip(balances, expected, strict=True):
        _exact(value, want)


def test_annotated_difference_filters_beyond_32_bits_when_typed_as_money():
    _move("kas", debit=RP_30_MILIAR * 2, credit=1)
    _move("kas", debit=5, credit=1)
    typed = Movement.objects.annotate(net=as_money(F("debit") - F("credit")))
    assert typed.filter(net__gt=RP_30_MILIAR).count() == 1
    assert typed.filter(net__lt=RP_30_MILIAR).count() == 1
    assert typed.filter(net=RP_30_MILIAR * 2 - 1).count() == 1
    _exact(typed.order_by("-net").values_list("net", flat=True)[0], RP_30_MILIAR * 2 - 1)


def test_django_types_a_bare_difference_of_money_as_a_32_bit_integer():
    # Why as_money() exists. Django resolves BigIntegerField - BigIntegerField
    # to IntegerField, and an IntegerField lookup with a value beyond 2^31 is
    # turned into "matches nothing" (gt) or "matches everything" (lt) before
    # any SQL is sent on PostgreSQL. If Django changes this, the test says so
    # and as_money() may become optional.
    qs = Movement.objects.annotate(net=F("debit") - F("credit"))
    net_field = qs.query.annotations["net"].output_field
    assert type(net_field) is models.IntegerField
    summed = Movement.objects.annotate(net=Sum(F("debit") - F("credit")))
    assert type(summed.query.annotations["net"].output_field) is models.IntegerField
    typed = Movement.objects.annotate(net=as_money(F("debit") - F("credit")))
    assert isinstance(typed.query.annotations["net"].output_field, MoneyField)


def test_the_engines_disagree_on_a_bare_difference_filter_beyond_32_bits():
    # PostgreSQL applies the 32-bit range check and silently drops the row;
    # SQLite's backend reports a 64-bit range for every integer field and
    # answers correctly. Code that must give one answer on both uses as_money().
    _move("kas", debit=RP_30_MILIAR * 2, credit=1)
    bare = Movement.objects.annotate(net=F("debit") - F("credit"))
    wrong_on_postgresql = 0 if connection.vendor == "postgresql" else 1
    assert bare.filter(net__gt=RP_30_MILIAR).count() == wrong_on_postgresql
    typed = Movement.objects.annotate(net=as_money(F("debit") - F("credit")))
    assert typed.filter(net__gt=RP_30_MILIAR).count() == 1
