"""Helpers for the books tests (pages, statements, import, API): post by chart code."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from kopdes.cooperatives.models import BusinessUnit
from kopdes.ledger.models import EntryKind
from kopdes.ledger.services.posting import LineInput, post_entry

_keys = itertools.count(1)


def unit(cooperative: Any, kind: str = "gerai_sembako") -> BusinessUnit:
    found, _ = BusinessUnit.objects.get_or_create(
        cooperative=cooperative, kind=kind, name="", defaults={"status": "beroperasi"}
    )
    return found


def post(
    cooperative: Any,
    on: date,
    memo: str,
    *lines: tuple[str, int, int],
    unit: BusinessUnit | None = None,
    kind: str = EntryKind.GENERAL,
    actor: Any = None,
) -> Any:
    """Post (code, debit sen, credit sen) lines; the unit goes on every line."""
    return post_entry(
        cooperative=cooperative,
        actor=actor,
        business_date=on,
        lines=[
            LineInput(account=code, debit=d, credit=c, business_unit=unit) for code, d, c in lines
        ],
        memo=memo,
        source_app="ledger",
        idempotency_key=f"test-{next(_keys)}",
        kind=kind,
    )


def rp(rupiah: int, sen: int = 0) -> int:
    return rupiah * 100 + sen


def hand_built_books(cooperative: Any) -> BusinessUnit:
    """Opening balances on 30 Sep 2026 and thirteen October entries (see the statements test)."""
    gerai = unit(cooperative)
    post(
        cooperative, date(2026, 9, 30), "Saldo awal",
        ("1-1100", rp(5_000_000), 0), ("1-1200", rp(20_000_000), 0), ("1-1510", rp(8_000_000), 0),
        ("1-2300", rp(12_000_000), 0), ("5-1100", rp(4_500_000), 0), ("6-1100", rp(2_500_000), 0),
        ("2-1300", 0, rp(3_000_000)), ("3-1300", 0, rp(30_000_000)), ("3-1400", 0, rp(10_000_000)),
        ("3-1500", 0, rp(3_000_000)), ("4-1120", 0, rp(6_000_000)),
        kind=EntryKind.OPENING,
    )  # fmt: skip
    october = [
        (
            2,
            "Penjualan tunai non-anggota",
            [("1-1100", rp(1_250_000, 50), 0), ("4-1120", 0, rp(1_250_000, 50))],
            gerai,
        ),
        (
            3,
            "Penjualan tunai anggota",
            [("1-1100", rp(800_000), 0), ("4-1110", 0, rp(800_000))],
            gerai,
        ),
        (
            5,
            "Setor kas ke bank",
            [("1-1200", rp(1_000_000), 0), ("1-1100", 0, rp(1_000_000))],
            None,
        ),
        (
            7,
            "Beli persediaan lewat bank",
            [("1-1510", rp(2_000_000), 0), ("1-1200", 0, rp(2_000_000))],
            gerai,
        ),
        (
            10,
            "Bayar utang usaha",
            [("2-1300", rp(1_500_000), 0), ("1-1200", 0, rp(1_500_000))],
            None,
        ),
        (
            12,
            "Penjualan sebagian kredit dengan HPP",
            [
                ("1-1100", rp(400_000), 0),
                ("1-1400", rp(200_000), 0),
                ("4-1120", 0, rp(600_000)),
                ("5-1100", rp(450_000), 0),
                ("1-1510", 0, rp(450_000)),
            ],
            gerai,
        ),
        (15, "Gaji Oktober", [("6-1100", rp(1_200_000), 0), ("1-1100", 0, rp(1_200_000))], None),
        (
            20,
            "Listrik gerai",
            [("6-1200", rp(350_000, 25), 0), ("1-1100", 0, rp(350_000, 25))],
            gerai,
        ),
        (22, "Beli peralatan", [("1-2300", rp(2_500_000), 0), ("1-1200", 0, rp(2_500_000))], None),
        (25, "Hibah diterima", [("1-1200", rp(5_000_000), 0), ("3-1400", 0, rp(5_000_000))], None),
        (
            28,
            "Bunga dan administrasi bank",
            [("1-1200", rp(10_000), 0), ("7-2100", rp(5_000), 0), ("7-1100", 0, rp(15_000))],
            None,
        ),
        (
            30,
            "Pendapatan lain tunai",
            [("1-1100", rp(100_000), 0), ("7-1200", 0, rp(100_000))],
            None,
        ),
        (
            31,
            "HPP penjualan tunai",
            [("5-1100", rp(1_500_000), 0), ("1-1510", 0, rp(1_500_000))],
            gerai,
        ),
    ]
    for day, memo, lines, line_unit in october:
        post(cooperative, date(2026, 10, day), memo, *lines, unit=line_unit)
    return gerai
