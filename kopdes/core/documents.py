"""Documents: PDF from HTML templates (WeasyPrint) and XLSX (openpyxl).

One template feeds the web page and the PDF; statements, lists and
certificates all go through ``render_pdf``. Static files (fonts, CSS,
SVG charts) are resolved from the app's own static folders, never from the
network, so a PDF renders the same offline.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

from kopdes.core.money import sen_to_decimal

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Rupiah amounts in XLSX: exact decimal numbers (sen / 100 as ``Decimal``)
# shown with two decimals, so a spreadsheet sums them and nothing is rounded.
RUPIAH_NUMBER_FORMAT = '"Rp"#,##0.00;-"Rp"#,##0.00'


class FetchRefused(ValueError):
    """A PDF asked for a resource that is neither our static files nor a data: URI."""


def _static_path(relative: str) -> str | None:
    """The file on disk behind a static path, or None; never outside the static folders."""
    from django.core.exceptions import SuspiciousFileOperation
    from django.utils._os import safe_join

    relative = unquote(relative.split("?", 1)[0].split("#", 1)[0])
    try:
        found = finders.find(relative)
        if found:
            return str(found if isinstance(found, str) else found[0])
        candidate = safe_join(str(settings.STATIC_ROOT), relative)
    except SuspiciousFileOperation:
        return None
    return candidate if Path(candidate).is_file() else None


@cache
def _fetcher_class() -> type:
    # WeasyPrint is imported on first use: most requests never make a PDF.
    from weasyprint.urls import URLFetcher

    class StaticFilesFetcher(URLFetcher):
        """The project's static files and data: URIs, nothing else.

        ``file:///static/...`` (what ``{% static %}`` gives under the PDF's
        base URL) is served from the static folders; any other file, and
        every network address, is refused, so a document renders offline and
        cannot read the server's files (docs/statements.md, "Documents").
        """

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            prefix = f"file://{settings.STATIC_URL}"
            if url.startswith(prefix):
                path = _static_path(url[len(prefix) :])
                if path is not None:
                    return super().fetch(Path(path).as_uri(), headers)
            raise FetchRefused(
                f"refusing to fetch {url!r}: documents use only the app's static files"
            )

    return StaticFilesFetcher


def url_fetcher() -> Any:
    """A new WeasyPrint URL fetcher limited to static files and data: URIs."""
    return _fetcher_class()(timeout=5, allowed_protocols=("file", "data"))


def render_html(html: str) -> Any:
    """An HTML string laid out in pages (a WeasyPrint ``Document``), fetching static files only."""
    from weasyprint import HTML

    return HTML(string=html, base_url="file:///", url_fetcher=url_fetcher()).render()


def pdf_from_html(html: str) -> bytes:
    """An HTML string as PDF bytes, resources through ``url_fetcher`` only."""
    return bytes(render_html(html).write_pdf())


def pdf_bytes(
    template_name: str, context: dict[str, Any], request: HttpRequest | None = None
) -> bytes:
    """Render a Django template to PDF bytes."""
    return pdf_from_html(render_to_string(template_name, context, request=request))


def rupiah_number(sen: int) -> Decimal:
    """Sen as the exact rupiah number an XLSX cell holds (never a binary float)."""
    return sen_to_decimal(sen)


def set_exact_number(cell: Any, amount: Decimal) -> None:
    """Write ``amount`` into an XLSX cell as a number, digit for digit.

    openpyxl writes every int, float and Decimal through ``"%.16g"``, which
    turns 79680448.76 into 79680448.76000001 and loses the sen of amounts
    past 10^14 rupiah. A numeric cell whose value is the decimal text keeps
    the exact digits; spreadsheets read it as the number it is.
    """
    cell.value = format(amount, "f")
    cell.data_type = "n"


def safe_filename(name: str, extension: str) -> str:
    stem = slugify(name) or "dokumen"
    return f"{stem}.{extension}"


def pdf_response(
    template_name: str,
    context: dict[str, Any],
    *,
    filename: str,
    request: HttpRequest | None = None,
    inline: bool = False,
) -> HttpResponse:
    response = HttpResponse(
        pdf_bytes(template_name, context, request), content_type="application/pdf"
    )
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{safe_filename(filename, "pdf")}"'
    return response


# Wide enough for Rp999.999.999.999,99 in the Rupiah format.
MONEY_COLUMN_WIDTH = 22
# The row-number column of a numbered table (Indonesian forms say "No").
NUMBER_HEADER = "No"


def table_workbook(
    *,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    money_columns: Iterable[int] = (),
    notes: Sequence[str] = (),
    sheet_name: str = "Data",
    bold_rows: Collection[int] = (),
    numbered: bool = False,
) -> Any:
    """A workbook with title rows, a bold frozen header row and the rows.

    Money columns take integer sen and are written as exact rupiah numbers
    (``Decimal``, two decimals in the Rupiah format), so spreadsheets can sum
    them and no binary float such as 79680448.76000001 appears; dates stay
    dates. ``bold_rows`` are indexes into ``rows`` (totals and subtotals).
    ``numbered`` puts a "No" column first, 1 to n (``money_columns`` still
    count the caller's columns).
    """
    if numbered:
        headers = [NUMBER_HEADER, *headers]
        rows = ([number, *row] for number, row in enumerate(rows, start=1))
        money_columns = [index + 1 for index in money_columns]
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name[:31]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=13)
    for note in notes:
        sheet.append([note])
    sheet.append([])
    header_row = 1 + len(notes) + 2
    sheet.append(list(headers))
    bold = Font(bold=True)
    for index in range(len(headers)):
        sheet.cell(row=header_row, column=index + 1).font = bold
    money = set(money_columns)
    widths = [len(str(h)) for h in headers]
    for index in money:
        if index < len(widths):
            widths[index] = max(widths[index], MONEY_COLUMN_WIDTH - 2)
    bold_indexes = set(bold_rows)
    row_number = header_row
    for position, row in enumerate(rows):
        row_number += 1
        values: list[Any] = []
        for index, value in enumerate(row):
            if index in money and isinstance(value, int) and not isinstance(value, bool):
                values.append(rupiah_number(value))
            else:
                values.append(value)
                if value is not None and index < len(widths):
                    widths[index] = max(widths[index], min(len(str(value)), 60))
        sheet.append(values)
        for index in range(len(values)):
            cell = sheet.cell(row=row_number, column=index + 1)
            if index in money:
                cell.number_format = RUPIAH_NUMBER_FORMAT
                if isinstance(values[index], Decimal):
                    set_exact_number(cell, values[index])
            elif isinstance(values[index], date) and not isinstance(values[index], datetime):
                cell.number_format = "DD-MM-YYYY"
            if position in bold_indexes:
                cell.font = bold
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    return workbook


def xlsx_response(workbook: Any, *, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{safe_filename(filename, "xlsx")}"'
    return response
