"""A district user inside a cooperative keeps the district's navigation, and the
breadcrumbs (kabupaten, kecamatan, desa) are links (docs/architecture.md,
"Pages on a phone")."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _html(user, path: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def _crumbs(html: str) -> str:
    return html.split('id="breadcrumbs"')[1].split("</ol>")[0]


def _nav(html: str) -> str:
    return html.split('id="mainnav"')[1].split("</div>")[0]


@pytest.mark.parametrize("path", ["", "buku/", "buku/kas/", "laporan/", "laporan/phu/"])
def test_the_dinas_keeps_the_district_navigation_inside_a_cooperative(personas, path):
    html = _html(personas.dinas, f"/k/{personas.coop.slug}/{path}")
    nav = _nav(html)
    for url in ("/kabupaten/", "/kabupaten/koperasi/", "/kabupaten/peta/"):
        assert f'href="{url}"' in nav, (path, url)


@pytest.mark.parametrize("path", ["", "buku/kas/", "laporan/phu/"])
def test_the_breadcrumbs_link_kabupaten_kecamatan_and_desa_for_a_district_user(personas, path):
    coop = personas.coop
    crumbs = _crumbs(_html(personas.dinas, f"/k/{coop.slug}/{path}"))
    assert f'<a href="/kabupaten/">{coop.regency.name}</a>' in crumbs
    assert f'href="/kabupaten/koperasi/?kecamatan={coop.kecamatan.code}"' in crumbs
    if path:  # on the cooperative's own home the desa is the current page
        assert f'href="/k/{coop.slug}/"' in crumbs
    assert coop.primary_village.display_name in crumbs


def test_a_cooperative_user_gets_no_district_links_but_the_desa_links_home(personas):
    coop = personas.coop
    html = _html(personas.pengurus, f"/k/{coop.slug}/buku/kas/")
    assert 'href="/kabupaten/' not in html
    crumbs = _crumbs(html)
    assert coop.regency.name in crumbs
    assert f'<a href="/k/{coop.slug}/">' in crumbs
    assert re.search(r'href="/k/[^"]+/buku/kas/"[^>]*>', _nav(html))


def test_the_tab_title_never_holds_markup(personas):
    html = _html(personas.pengurus, f"/k/{personas.coop.slug}/buku/kas/")
    title = html.split("<title>")[1].split("</title>")[0]
    assert "<" not in title
    assert ">" not in title
    assert 'rel="icon"' in html
