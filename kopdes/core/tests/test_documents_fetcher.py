"""A PDF fetches only the app's static files and data: URIs (issue #8): never a server file."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from kopdes.core import documents

A4_PORTRAIT = (595, 842)


def page_size(pdf: bytes) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


@pytest.fixture
def outside_stylesheet(tmp_path):
    """A stylesheet on disk outside the static folders that would make the page 50 mm square."""
    sheet = tmp_path / "outside.css"
    sheet.write_text("@page { size: 50mm 50mm; }")
    return sheet


def test_a_file_outside_the_static_folders_is_not_read(outside_stylesheet):
    link = f'<link rel="stylesheet" href="{outside_stylesheet.as_uri()}">'
    html = f"<html><head>{link}</head><body>x</body></html>"
    assert page_size(documents.pdf_from_html(html)) == A4_PORTRAIT


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///static/../../../../etc/passwd",
        "file:///static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.org/logo.png",
        "ftp://example.org/x",
    ],
)
def test_the_fetcher_refuses_anything_but_static_files_and_data(url):
    with pytest.raises(documents.FetchRefused):
        documents.url_fetcher().fetch(url)


def test_the_fetcher_serves_a_static_file_and_a_data_uri():
    fetcher = documents.url_fetcher()
    static = fetcher.fetch("file:///static/kopdes/kopdes.css")
    assert static.read()  # the app's own stylesheet
    assert fetcher.fetch("data:text/css,p%7Bcolor:red%7D").read() == b"p{color:red}"


def test_a_static_stylesheet_is_applied(tmp_path):
    html = (
        "<html><head><style>@page { size: A5; }</style>"
        '<link rel="stylesheet" href="/static/kopdes/kopdes.css"></head><body>x</body></html>'
    )
    assert page_size(documents.pdf_from_html(html)) == (420, 595)
