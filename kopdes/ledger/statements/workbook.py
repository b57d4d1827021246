"""A statement as an XLSX workbook (the same rows the page and the PDF show).

Title rows name the cooperative, its kabupaten and the period; the header
row is frozen; money is exact rupiah (``Decimal``) with two decimals; totals,
subtotals and headings are bold (docs/statements.md, "Documents").
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from kopdes.cooperatives.letterhead import regency_label
from kopdes.core.documents import table_workbook
from kopdes.ledger.statements.base import Statement

BOLD_STYLES = frozenset({"heading", "subtotal", "total"})


def statement_workbook(statement: Statement, cooperative: Any) -> Any:
    width = len(statement.text_columns)
    rows = []
    bold_rows = []
    for index, row in enumerate(statement.rows):
        texts = list(row.texts) if row.texts else [""] * (width - 1) + [row.label]
        rows.append([*texts[:width], *row.values])
        if row.style in BOLD_STYLES:
            bold_rows.append(index)
    period = f"{statement.period.label} ({statement.period.range_label})"
    notes = [
        cooperative.name,
        regency_label(cooperative.regency),
        _("Periode: %(period)s") % {"period": period},
        *([statement.subtitle] if statement.subtitle else []),
        *(
            f"{_('Cocok') if c.ok else _('Tidak cocok')}: {c.label} — {c.detail}"
            for c in statement.checks
        ),
    ]
    return table_workbook(
        title=f"{statement.title} — {cooperative.name}",
        headers=[*statement.text_columns, *statement.columns],
        rows=rows,
        money_columns=range(width, width + len(statement.columns)),
        notes=notes,
        sheet_name=statement.title,
        bold_rows=bold_rows,
    )
