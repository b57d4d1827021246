"""Authorisation entries for project-level routes (see kopdes/testing/authz.py)."""

from kopdes.testing.authz import API_UNLISTED, Route, api_everyone, everyone, fixed

ROUTES: dict[str, Route] = {
    "api:openapi-json": Route(
        fixed("/api/v1/openapi.json"), {("", "GET"): everyone(200, anonymous=200)}
    ),
    "api:openapi-view": Route(fixed("/api/v1/docs"), {("", "GET"): everyone(200, anonymous=200)}),
    # Ninja's bare prefix has no operation: 404 whatever the method.
    "api:api-root": Route(fixed("/api/v1/"), {}, everyone(404, anonymous=404)),
    "api:list_regions": Route(
        fixed("/api/v1/regions?level=2&parent=64"), {("", "GET"): api_everyone()}, API_UNLISTED
    ),
    "api:get_region": Route(
        {
            "real": lambda p: "/api/v1/regions/64.09",
            "missing": lambda p: "/api/v1/regions/99.99",
        },
        {("real", "GET"): api_everyone(), ("missing", "GET"): api_everyone(404)},
        API_UNLISTED,
    ),
    # Django's language switch: anyone; only POST changes the language, every
    # method redirects back.
    "set_language": Route(fixed("/i18n/setlang/"), {}, everyone(302, anonymous=302)),
}
