"""Authorisation entries for the registry API (merged into ``authz_routes.ROUTES``).

Every object route is tried with the persona's own cooperative's object, with
another cooperative's object under that cooperative's slug, and with another
cooperative's object under the persona's own slug ("tampered": always 404).
Write bodies are not sent by the sweep, so an allowed writer gets 422 (the
body is missing) while everyone else gets 404 before the body is read.
"""

from __future__ import annotations

from typing import Any

from kopdes.cooperatives.models import BusinessUnit, Officer, RatRecord, StepKind
from kopdes.testing import registry_factories as rf
from kopdes.testing.authz import API_UNLISTED, COOP_READERS, DISTRICT, Route, api_only

EDITORS = ("dinas", "pengurus")
OTHER_EDITORS = ("dinas", "outsider")
NOBODY: tuple[str, ...] = ()


def _officer(coop: Any) -> int:
    found = Officer.objects.filter(cooperative=coop).first()
    return (found or rf.officer(coop)).pk


def _unit(coop: Any) -> int:
    found = BusinessUnit.objects.filter(cooperative=coop).first()
    return (found or rf.unit(coop)).pk


def _rat(coop: Any) -> int:
    found = RatRecord.objects.filter(cooperative=coop).first()
    return (found or rf.rat(coop)).pk


def _collection(suffix: str, *, read: bool = True, write: str | None = None) -> Route:
    expect = {}
    if read:
        expect[("own", "GET")] = api_only(COOP_READERS)
        expect[("other", "GET")] = api_only((*DISTRICT, "outsider"))
    if write:
        expect[("own", write)] = api_only(EDITORS, 422)
        expect[("other", write)] = api_only(OTHER_EDITORS, 422)
    return Route(
        {
            "own": lambda p: f"/api/v1/k/{p.coop.slug}/{suffix}",
            "other": lambda p: f"/api/v1/k/{p.other_coop.slug}/{suffix}",
        },
        expect,
        API_UNLISTED,
    )


def _object(
    suffix: str, make: Any, *, read: bool = True, write: str | None = None, tail: str = ""
) -> Route:
    expect = {}
    if read:
        expect[("own", "GET")] = api_only(COOP_READERS)
        expect[("other", "GET")] = api_only((*DISTRICT, "outsider"))
        expect[("tampered", "GET")] = api_only(NOBODY)
    if write:
        expect[("own", write)] = api_only(EDITORS, 422)
        expect[("other", write)] = api_only(OTHER_EDITORS, 422)
        expect[("tampered", write)] = api_only(NOBODY)
    return Route(
        {
            "own": lambda p: f"/api/v1/k/{p.coop.slug}/{suffix}/{make(p.coop)}{tail}",
            "other": lambda p: f"/api/v1/k/{p.other_coop.slug}/{suffix}/{make(p.other_coop)}{tail}",
            "tampered": lambda p: f"/api/v1/k/{p.coop.slug}/{suffix}/{make(p.other_coop)}{tail}",
        },
        expect,
        API_UNLISTED,
    )


REGISTRY_API_ROUTES: dict[str, Route] = {
    "api:get_pipeline": _collection("pipeline"),
    "api:put_step": _collection(f"pipeline/{StepKind.SOSIALISASI}", read=False, write="PUT"),
    "api:upload_step_document": _collection(
        f"pipeline/{StepKind.SOSIALISASI}/documents", read=False, write="POST"
    ),
    "api:list_officers": _collection("officers", write="POST"),
    "api:get_officer": _object("officers", _officer, write="PATCH"),
    "api:list_warnings": _collection("warnings"),
    "api:list_units": _collection("units", write="POST"),
    "api:get_unit": _object("units", _unit, write="PATCH"),
    "api:list_rat_records": _collection("rat", write="POST"),
    "api:get_rat_record": _object("rat", _rat, write="PATCH"),
    "api:upload_rat_document": _object("rat", _rat, read=False, write="POST", tail="/documents"),
    "api:list_history": _collection("history"),
}
