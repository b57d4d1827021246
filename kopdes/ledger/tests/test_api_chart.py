"""The chart over the API: read, add a sub-account, deactivate."""

from __future__ import annotations

from datetime import date

import pytest

from kopdes.ledger.models import Account, Entry
from kopdes.ledger.tests.api_client import api, assert_error_shape
from kopdes.ledger.tests.books_helpers import post

pytestmark = pytest.mark.django_db

NEW = {"parent": "6-1800", "code": "6-1810", "name": "Beban Alat Tulis Kantor"}


def test_every_reader_sees_the_chart_with_its_classification(personas):
    rows = api(personas.pengawas).get(f"/k/{personas.coop.slug}/accounts").json()
    by_code = {row["code"]: row for row in rows}
    assert by_code["1-1100"]["system_key"] == "kas"
    assert by_code["1-1100"]["cash_flow_class"] == "kas"
    assert by_code["1-1300"]["control_key"] == "loans_receivable"
    assert by_code["1-1100"]["parent"] == "1-1000"
    assert by_code["1-0000"]["is_header"] is True
    assert [row["code"] for row in rows] == sorted(by_code)


def test_the_pengurus_adds_a_sub_account_that_inherits_and_turns_the_parent_into_a_header(
    personas,
):
    response = api(personas.pengurus).post(f"/k/{personas.coop.slug}/accounts", NEW)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["code"], body["parent"], body["type"], body["is_header"]) == (
        "6-1810",
        "6-1800",
        "beban",
        False,
    )
    assert Account.objects.get(cooperative=personas.coop, code="6-1800").is_header
    assert not Account.objects.filter(cooperative=personas.other_coop, code="6-1810").exists()


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"code": "7-1810"}, 400, "code"),
        ({"code": "6-1100"}, 400, "code"),
        ({"parent": "9-9999"}, 400, "parent"),
        ({"parent": "1-1300"}, 400, "parent"),
        ({"name": "   "}, 400, "name"),
        ({"name": None}, 422, "name"),
        ({"code": "6-" + "1" * 30}, 422, "code"),
    ],
)
def test_a_bad_sub_account_is_refused_naming_the_field(personas, change, status, field):
    response = api(personas.pengurus).post(f"/k/{personas.coop.slug}/accounts", {**NEW, **change})
    assert_error_shape(response, status, response.json().get("code"), field)
    assert not Account.objects.filter(cooperative=personas.coop, name=NEW["name"]).exists()


def test_only_the_pengurus_changes_the_chart(personas):
    for reader in (personas.teller, personas.pengawas, personas.dinas):
        assert_error_shape(
            api(reader).post(f"/k/{personas.coop.slug}/accounts", NEW), 403, "forbidden"
        )
        deactivate = api(reader).post(f"/k/{personas.coop.slug}/accounts/6-1800/deactivate")
        assert_error_shape(deactivate, 403, "forbidden")
    assert api(personas.outsider).post(f"/k/{personas.coop.slug}/accounts", NEW).status_code == 404
    assert Account.objects.get(cooperative=personas.coop, code="6-1800").is_active


def test_a_deactivated_account_keeps_its_history_and_takes_no_new_entry(personas):
    post(personas.coop, date(2026, 11, 2), "ATK", ("6-1800", 5_000, 0), ("1-1100", 0, 5_000))
    response = api(personas.pengurus).post(f"/k/{personas.coop.slug}/accounts/6-1800/deactivate")
    assert response.status_code == 200, response.content
    assert response.json()["is_active"] is False
    assert Entry.objects.filter(cooperative=personas.coop).count() == 1
    refused = api(personas.pengurus).post(
        f"/k/{personas.coop.slug}/entries",
        {
            "business_date": "2026-11-03",
            "memo": "ATK lagi",
            "lines": [
                {"account": "6-1800", "debit_sen": 5_000},
                {"account": "1-1100", "credit_sen": 5_000},
            ],
        },
        key="atk-2",
    )
    assert_error_shape(refused, 400, "inactive_account", "lines[0].account")
    assert Account.objects.get(cooperative=personas.other_coop, code="6-1800").is_active


def test_a_system_account_cannot_be_deactivated_and_an_unknown_code_is_404(personas):
    client = api(personas.pengurus)
    refused = client.post(f"/k/{personas.coop.slug}/accounts/1-1100/deactivate")
    assert_error_shape(refused, 400, "invalid", "account")
    missing = client.post(f"/k/{personas.coop.slug}/accounts/9-9999/deactivate")
    assert_error_shape(missing, 404, "not_found")


@pytest.mark.parametrize(
    ("change", "field", "status"),
    [({"parent": "6-1200\x00"}, "parent", 422), ({"name": "Listrik\x00"}, "name", 400)],
)
def test_a_nul_in_a_new_account_is_refused_naming_the_field(personas, change, field, status):
    # Found by the API fuzz test: on PostgreSQL a NUL answered 500. The schema
    # refuses a malformed parent code (422); the service refuses the name (400).
    response = api(personas.pengurus).post(f"/k/{personas.coop.slug}/accounts", {**NEW, **change})
    assert response.status_code == status, response.content
    assert response.json()["field"] == field
