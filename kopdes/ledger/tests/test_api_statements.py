"""Every statement over the API as JSON, with its period validated."""

from __future__ import annotations

import pytest

from kopdes.ledger.statements import STATEMENTS
from kopdes.ledger.tests.api_client import api, assert_error_shape
from kopdes.ledger.tests.books_helpers import hand_built_books

pytestmark = pytest.mark.django_db


def test_the_list_names_every_statement(personas):
    listed = api(personas.ba).get(f"/k/{personas.coop.slug}/statements").json()
    assert [row["key"] for row in listed] == list(STATEMENTS)
    assert listed[0]["title"]


@pytest.mark.parametrize("key", list(STATEMENTS))
def test_each_statement_comes_as_json_in_sen(personas, key):
    hand_built_books(personas.coop)
    response = api(personas.pengawas).get(
        f"/k/{personas.coop.slug}/statements/{key}", {"periode": "2026-10"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["period"] == "2026-10"
    assert body["rows"]
    values = [v for row in body["rows"] for v in row["values"] if v is not None]
    assert all(isinstance(v, int) for v in values)
    assert all(check["ok"] for check in body["checks"]), body["checks"]


@pytest.mark.parametrize("periode", ["kemarin", "2026-13", "1999", "2026-Q5"])
def test_a_bad_period_is_refused_naming_the_parameter(personas, periode):
    response = api(personas.ba).get(f"/k/{personas.coop.slug}/statements/phu", {"periode": periode})
    assert_error_shape(response, 400, "invalid_period", "periode")


def test_an_overlong_period_or_an_unknown_statement_or_cooperative(personas):
    client = api(personas.ba)
    long = client.get(f"/k/{personas.coop.slug}/statements/phu", {"periode": "2" * 50})
    assert_error_shape(long, 422, "invalid", "periode")
    assert_error_shape(client.get(f"/k/{personas.coop.slug}/statements/rahasia"), 404, "not_found")
    outsider = api(personas.outsider).get(f"/k/{personas.coop.slug}/statements/phu")
    assert_error_shape(outsider, 404, "not_found")
