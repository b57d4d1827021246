"""A confirmation appears only when something changed, at the top of the content."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import Client

pytestmark = pytest.mark.django_db


def _edit_data(coop) -> dict[str, str]:
    return {
        "name": coop.name,
        "kind": coop.kind,
        "formation_model": coop.formation_model,
        "inactive": "",
    }


def _messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_saving_an_unchanged_form_says_nothing_changed(personas):
    client = Client()
    client.force_login(personas.pengurus)
    coop = personas.coop
    response = client.post(f"/k/{coop.slug}/ubah/", _edit_data(coop))
    assert response.status_code == 302
    shown = _messages(response)
    assert ("success", "Data koperasi disimpan.") not in shown
    assert ("info", "Tidak ada yang berubah.") in shown


def test_saving_a_change_confirms_it_in_the_sticky_message_area(personas):
    client = Client()
    client.force_login(personas.pengurus)
    coop = personas.coop
    data = {**_edit_data(coop), "name": coop.name + " Baru"}
    response = client.post(f"/k/{coop.slug}/ubah/", data, follow=True)
    html = response.content.decode()
    assert "Data koperasi disimpan." in html
    # Near the top of the content: before the page's own heading.
    assert html.index('class="kopdes-messages"') < html.index("<h1")
