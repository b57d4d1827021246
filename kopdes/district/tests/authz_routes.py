"""Authorisation entries for the district pages."""

from kopdes.testing.authz import Route, fixed, only

# A BA sees the district pages limited to their assigned cooperatives.
DISTRICT_PAGE_READERS = ("dinas", "viewer", "ba")

ROUTES: dict[str, Route] = {
    "district:home": Route(fixed("/kabupaten/"), {("", "GET"): only(DISTRICT_PAGE_READERS)}),
    "district:map": Route(fixed("/kabupaten/peta/"), {("", "GET"): only(DISTRICT_PAGE_READERS)}),
    "district:registry": Route(
        fixed("/kabupaten/koperasi/"), {("", "GET"): only(DISTRICT_PAGE_READERS)}
    ),
    "district:registry_xlsx": Route(
        fixed("/kabupaten/koperasi/unduh.xlsx"), {("", "GET"): only(DISTRICT_PAGE_READERS)}
    ),
    "district:officers_xlsx": Route(
        fixed("/kabupaten/pengurus/unduh.xlsx"), {("", "GET"): only(DISTRICT_PAGE_READERS)}
    ),
}
