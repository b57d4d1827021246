"""A statement as a printed document: what ``ledger/statement_pdf.html`` needs.

Every PDF carries the registry's letterhead, page numbers, the signature
block (ketua, bendahara, ketua pengawas) with place and date, and a table
whose money columns hold Rp999.999.999.999,99 without overflow.

Long listings (the buku kas: a busy outlet's year is thousands of rows) are
set as ledger lines instead of an HTML table: each row one pre-formatted
line in DejaVu Sans Mono, columns aligned by the fixed advance, several rows
per table row. WeasyPrint's cost is per text box, so this renders a year in
a fraction of the time six cells a row take (docs/statements.md, "Documents
(PDF and XLSX)"; measured by ``bench/documents.py``).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kopdes.cooperatives.letterhead import letterhead_for, place_and_date, signatories_for
from kopdes.core.money import format_rupiah
from kopdes.core.timeutils import format_date_id
from kopdes.ledger.statements.base import Statement

# A4 minus 12 mm margins each side.
PORTRAIT_MM = 186.0
LANDSCAPE_MM = 273.0
PT_MM = 25.4 / 72
# DejaVu Sans: the widest amount, Rp999.999.999.999,99, is 25,523/2048 em;
# DejaVu Sans Mono advances 1,233/2048 em a character.
WIDEST_AMOUNT_EM = 25_523 / 2048
MONO_EM = 1_233 / 2048
CELL_PADDING_MM = 2.4
TEXT_MIN_MM = 62.0

# Statements printed as ledger lines (long listings).
LEDGER_STATEMENTS = frozenset({"buku-kas"})
LEDGER_FONT_PT = 7.5
ROWS_PER_BLOCK = 6  # rows that share one table row (a page breaks between blocks)
GAP = "  "
MEMO_MIN_CHARS = 40


# A narrow first text column (account code, date) when another text column follows.
NARROW_FIRST_COLUMNS = {"Kode": 18.0, "Tanggal": 20.0}


@dataclass(frozen=True)
class TableLayout:
    landscape: bool
    font_pt: float
    money_mm: float
    text_mm: float
    first_column_mm: float | None = None


def table_layout(statement: Statement) -> TableLayout:
    """The page and font that fit the money columns at their widest amount."""
    money = len(statement.columns)
    first = None
    if len(statement.text_columns) > 1:
        first = NARROW_FIRST_COLUMNS.get(statement.text_columns[0])
    for landscape, width in ((False, PORTRAIT_MM), (True, LANDSCAPE_MM)):
        for font_pt in (8.0, 7.5, 7.0):
            money_mm = WIDEST_AMOUNT_EM * font_pt * PT_MM + CELL_PADDING_MM
            if TEXT_MIN_MM + money * money_mm <= width:
                text_mm = width - money * money_mm
                return TableLayout(landscape, font_pt, round(money_mm, 1), text_mm, first)
    font_pt = 6.0
    money_mm = WIDEST_AMOUNT_EM * font_pt * PT_MM + CELL_PADDING_MM
    text_mm = max(LANDSCAPE_MM - money * money_mm, 40)
    return TableLayout(True, font_pt, round(money_mm, 1), text_mm, first)


@dataclass(frozen=True)
class LedgerBlock:
    style: str  # item / heading / subtotal / total
    text: str  # one or more lines, joined by newlines


@dataclass
class LedgerLines:
    landscape: bool
    header: str
    width: int  # characters in the widest line
    blocks: list[LedgerBlock] = field(default_factory=list)


def _money(value: int | None) -> str:
    return "" if value is None else format_rupiah(value)


def ledger_lines(statement: Statement) -> LedgerLines:
    """The statement's rows as fixed-width lines: text columns left, money right."""
    texts = [
        row.texts or [""] * (len(statement.text_columns) - 1) + [row.label]
        for row in statement.rows
    ]
    amounts = [[_money(v) for v in row.values] for row in statement.rows]
    money_widths = [
        max([len(heading), *(len(a[i]) for a in amounts if i < len(a))])
        for i, heading in enumerate(statement.columns)
    ]
    fixed = [
        max([len(heading), *(len(t[i]) for t in texts if i < len(t))])
        for i, heading in enumerate(statement.text_columns[:-1])
    ]
    used = sum(fixed) + sum(money_widths) + len(GAP) * (len(fixed) + len(money_widths))
    chars = {}
    for landscape, width_mm in ((False, PORTRAIT_MM), (True, LANDSCAPE_MM)):
        chars[landscape] = int(width_mm / (MONO_EM * LEDGER_FONT_PT * PT_MM)) - 1
    longest_memo = max([len(statement.text_columns[-1]), *(len(t[-1]) for t in texts)])
    landscape = chars[False] - used < min(MEMO_MIN_CHARS, longest_memo)
    # No wider than the longest memo: every padding space is a glyph to draw.
    memo_width = max(min(chars[landscape] - used, longest_memo), 12)

    def line(cells: list[str], money: list[str]) -> list[str]:
        wrapped = textwrap.wrap(cells[-1], memo_width) or [""]
        left = "".join(
            cell[:width].ljust(width) + GAP for cell, width in zip(cells, fixed, strict=False)
        )
        right = "".join(GAP + m.rjust(width) for m, width in zip(money, money_widths, strict=False))
        first = left + wrapped[0].ljust(memo_width) + right
        indent = " " * len(left)
        return [first.rstrip(), *(indent + more for more in wrapped[1:])]

    result = LedgerLines(
        landscape=landscape,
        header=line(list(statement.text_columns), list(statement.columns))[0],
        width=used + memo_width,
    )
    pending: list[str] = []
    count = 0
    for row, row_texts, row_amounts in zip(statement.rows, texts, amounts, strict=True):
        lines = line(row_texts, row_amounts)
        if row.style != "item":
            if pending:
                result.blocks.append(LedgerBlock("item", "\n".join(pending)))
                pending, count = [], 0
            result.blocks.append(LedgerBlock(row.style, "\n".join(lines)))
            continue
        pending += lines
        count += 1
        if count == ROWS_PER_BLOCK:
            result.blocks.append(LedgerBlock("item", "\n".join(pending)))
            pending, count = [], 0
    if pending:
        result.blocks.append(LedgerBlock("item", "\n".join(pending)))
    return result


def pdf_context(cooperative: Any, statement: Statement, *, printed_on: date) -> dict[str, Any]:
    """Everything ``ledger/statement_pdf.html`` shows besides the statement itself."""
    ledger = ledger_lines(statement) if statement.key in LEDGER_STATEMENTS else None
    layout = table_layout(statement)
    return {
        "cooperative": cooperative,
        "statement": statement,
        "letterhead": letterhead_for(cooperative),
        "signatories": signatories_for(cooperative, printed_on),
        "place_and_date": place_and_date(cooperative, printed_on),
        "printed_on": format_date_id(printed_on),
        "layout": layout,
        "ledger": ledger,
        "landscape": ledger.landscape if ledger else layout.landscape,
    }
