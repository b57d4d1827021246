"""Authorisation entries for the cooperative pages and API."""

from kopdes.testing.authz import (
    API_UNLISTED,
    COOP_READERS,
    DISTRICT,
    Route,
    api_everyone,
    api_only,
    fixed,
    only,
)

ROUTES: dict[str, Route] = {
    "cooperatives:home": Route(
        {"own": lambda p: f"/k/{p.coop.slug}/", "other": lambda p: f"/k/{p.other_coop.slug}/"},
        {
            ("own", "GET"): only(COOP_READERS),
            ("other", "GET"): only((*DISTRICT, "outsider")),
        },
    ),
    "api:list_cooperatives": Route(
        fixed("/api/v1/cooperatives"),
        # Everyone signed in may ask; the answer is filtered to what they see.
        {("", "GET"): api_everyone()},
        API_UNLISTED,
    ),
    "api:get_cooperative": Route(
        {
            "own": lambda p: f"/api/v1/k/{p.coop.slug}",
            "other": lambda p: f"/api/v1/k/{p.other_coop.slug}",
        },
        {
            ("own", "GET"): api_only(COOP_READERS),
            ("other", "GET"): api_only((*DISTRICT, "outsider")),
        },
        API_UNLISTED,
    ),
}
