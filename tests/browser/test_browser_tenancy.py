"""A pengurus on a phone signs in, lands on their cooperative, and cannot open another's."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from kopdes.testing.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_pengurus_lands_on_own_cooperative_and_gets_404_for_another(phone_page, log_in, personas):
    page = phone_page
    own, other = personas.coop, personas.other_coop

    log_in(page, personas.pengurus.username, PASSWORD)

    expect(page).to_have_url(re.compile(rf"/k/{own.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(own.name)
    assert page.viewport_size == {"width": 390, "height": 844}

    response = page.goto(f"/k/{other.slug}/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Tidak ditemukan")
    expect(page.locator("body")).not_to_contain_text(other.name)
    assert page.foreign_requests == []
