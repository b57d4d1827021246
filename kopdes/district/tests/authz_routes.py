"""Authorisation entries for the district pages."""

from kopdes.testing.authz import Route, fixed, only

ROUTES: dict[str, Route] = {
    # A BA sees the district home limited to their assigned cooperatives.
    "district:home": Route(fixed("/kabupaten/"), {("", "GET"): only(("dinas", "viewer", "ba"))}),
}
