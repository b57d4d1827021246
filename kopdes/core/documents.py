"""Documents: PDF from HTML templates (WeasyPrint) and XLSX (openpyxl).

One template feeds the web page and the PDF; statements, lists and
certificates all go through ``render_pdf``. Static files (fonts, CSS,
SVG charts) are resolved from the app's own static folders, never from the
network, so a PDF renders the same offline.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel's built-in format for Indonesian Rupiah amounts held as whole sen /100.
RUPIAH_NUMBER_FORMAT = '"Rp"#,##0.00;-"Rp"#,##0.00'


def _fetch_local(url: str, timeout: int = 10, ssl_context: Any = None) -> dict[str, Any]:
    """WeasyPrint URL fetcher that serves /static/ from disk and refuses the network."""
    from weasyprint.urls import default_url_fetcher

    static_prefix = f"file://{settings.STATIC_URL}"
    if url.startswith(static_prefix) or url.startswith(settings.STATIC_URL):
        relative = url.split(settings.STATIC_URL, 1)[1]
        path = finders.find(relative)
        if path is None:
            static_root = Path(settings.STATIC_ROOT) / relative
            path = str(static_root) if static_root.exists() else None
        if path is None:
            raise ValueError(f"static file not found: {relative}")
        return default_url_fetcher(Path(path).as_uri())
    if url.startswith(("file://", "data:")):
        return default_url_fetcher(url)
    raise ValueError(f"refusing to fetch {url!r}: documents never use the network")


def pdf_bytes(
    template_name: str, context: dict[str, Any], request: HttpRequest | None = None
) -> bytes:
    """Render a Django template to PDF bytes."""
    from weasyprint import HTML

    html = render_to_string(template_name, context, request=request)
    document = HTML(string=html, base_url="file:///", url_fetcher=_fetch_local)
    return bytes(document.write_pdf())


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


def table_workbook(
    *,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    money_columns: Iterable[int] = (),
    notes: Sequence[str] = (),
    sheet_name: str = "Data",
) -> Any:
    """A workbook with a title, optional notes, a bold header row and the rows.

    Money columns take integer sen and are written as rupiah numbers with
    the Rupiah format, so spreadsheets can sum them; dates stay dates.
    """
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
    header_row = sheet.max_row + 1
    sheet.append(list(headers))
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    money = set(money_columns)
    widths = [len(str(h)) for h in headers]
    for row in rows:
        values = []
        for index, value in enumerate(row):
            if index in money and isinstance(value, int):
                values.append(value / 100)
            else:
                values.append(value)
            widths[index] = max(widths[index], min(len(str(value)) if value is not None else 0, 60))
        sheet.append(values)
        for index in money:
            sheet.cell(row=sheet.max_row, column=index + 1).number_format = RUPIAH_NUMBER_FORMAT
        for index, value in enumerate(row):
            if isinstance(value, date) and not isinstance(value, datetime):
                sheet.cell(row=sheet.max_row, column=index + 1).number_format = "DD-MM-YYYY"
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
