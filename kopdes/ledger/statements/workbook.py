"""A statement as an XLSX workbook (the same rows the page and the PDF show)."""

from __future__ import annotations

from typing import Any

from kopdes.core.documents import table_workbook
from kopdes.ledger.statements.base import Statement


def statement_workbook(statement: Statement, cooperative: Any) -> Any:
    width = len(statement.text_columns)
    rows = []
    for row in statement.rows:
        texts = list(row.texts) if row.texts else [""] * (width - 1) + [row.label]
        rows.append([*texts[:width], *row.values])
    notes = [
        cooperative.name,
        f"{statement.period.label} ({statement.period.range_label})",
        *(f"{'OK' if c.ok else 'TIDAK COCOK'}: {c.label} — {c.detail}" for c in statement.checks),
    ]
    return table_workbook(
        title=statement.title,
        headers=[*statement.text_columns, *statement.columns],
        rows=rows,
        money_columns=range(width, width + len(statement.columns)),
        notes=notes,
        sheet_name=statement.title,
    )
