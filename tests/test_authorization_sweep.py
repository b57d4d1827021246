"""The authorisation sweep (DESIGN.md rule 3).

Every route × HTTP method × persona, with an explicit expected status.
Cooperative-scoped routes are tried under the persona's own cooperative
and under another one; routes with an object id are tried with an object of
another cooperative under the user's own slug. A route added without an
entry in ``ROUTES`` fails ``test_every_route_has_an_entry``.

Statuses: a number is the exact HTTP status; ``LOGIN`` is a redirect to the
sign-in page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from conftest import PERSONA_NAMES, Personas

LOGIN = "login"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
AUTHENTICATED = tuple(p for p in PERSONA_NAMES if p != "anonymous")
COOP_MEMBERS = ("pengurus", "teller", "pengawas")
DISTRICT = ("dinas", "viewer")

Expect = dict[str, int | str]


def everyone(status: int | str, anonymous: int | str = LOGIN) -> Expect:
    return {**{p: status for p in AUTHENTICATED}, "anonymous": anonymous}


def only(
    allowed: tuple[str, ...], status: int = 200, others: int = 404, anonymous: int | str = LOGIN
) -> Expect:
    return {
        **{p: (status if p in allowed else others) for p in AUTHENTICATED},
        "anonymous": anonymous,
    }


@dataclass
class Route:
    """How to reach a route and what each persona must get, per variant and method."""

    variants: dict[str, Callable[[Personas], str]]
    # (variant, method) -> persona -> status. Missing methods expect 405 from everyone.
    expect: dict[tuple[str, str], Expect]
    # Whether a method not listed answers 405 before authentication (pages) or
    # 401 for anonymous first (API).
    unlisted: Expect = field(default_factory=lambda: everyone(405, anonymous=405))


def fixed(path: str) -> dict[str, Callable[[Personas], str]]:
    return {"": lambda p: path}


def api_everyone_signed_in(status: int = 200) -> Expect:
    return everyone(status, anonymous=401)


API_UNLISTED = everyone(405, anonymous=405)

ROUTES: dict[str, Route] = {
    "home": Route(
        fixed("/"),
        {
            ("", "GET"): {
                **everyone(302),
            }
        },
    ),
    "accounts:login": Route(
        fixed("/masuk/"),
        {
            # A signed-in user is sent on; everyone else sees the form.
            ("", "GET"): everyone(302, anonymous=200),
            # An empty POST re-shows the form with errors.
            ("", "POST"): everyone(302, anonymous=200),
        },
    ),
    "accounts:logout": Route(fixed("/keluar/"), {("", "POST"): everyone(LOGIN)}),
    "accounts:profile": Route(fixed("/akun/"), {("", "GET"): everyone(200)}),
    "accounts:password_change": Route(
        fixed("/akun/kata-sandi/"),
        {("", "GET"): everyone(200), ("", "POST"): everyone(200)},
    ),
    "accounts:password_change_done": Route(
        fixed("/akun/kata-sandi/selesai/"), {("", "GET"): everyone(200)}
    ),
    "district:home": Route(fixed("/kabupaten/"), {("", "GET"): only(("dinas", "viewer", "ba"))}),
    "cooperatives:home": Route(
        {"own": lambda p: f"/k/{p.coop.slug}/", "other": lambda p: f"/k/{p.other_coop.slug}/"},
        {
            ("own", "GET"): only((*DISTRICT, "ba", *COOP_MEMBERS)),
            ("other", "GET"): only((*DISTRICT, "outsider")),
        },
    ),
    "api:openapi-json": Route(
        fixed("/api/v1/openapi.json"), {("", "GET"): everyone(200, anonymous=200)}
    ),
    "api:openapi-view": Route(fixed("/api/v1/docs"), {("", "GET"): everyone(200, anonymous=200)}),
    # Ninja's bare prefix has no operation: 404 whatever the method.
    "api:api-root": Route(fixed("/api/v1/"), {}, everyone(404, anonymous=404)),
    "api:me": Route(
        fixed("/api/v1/me"),
        # A PATCH without a body passes authentication, then fails validation.
        {("", "GET"): api_everyone_signed_in(), ("", "PATCH"): api_everyone_signed_in(422)},
        API_UNLISTED,
    ),
    "api:list_regions": Route(
        fixed("/api/v1/regions?level=2&parent=64"),
        {("", "GET"): api_everyone_signed_in()},
        API_UNLISTED,
    ),
    "api:get_region": Route(
        {
            "real": lambda p: "/api/v1/regions/64.09",
            "missing": lambda p: "/api/v1/regions/99.99",
        },
        {
            ("real", "GET"): api_everyone_signed_in(),
            ("missing", "GET"): api_everyone_signed_in(404),
        },
        API_UNLISTED,
    ),
    "api:list_cooperatives": Route(
        fixed("/api/v1/cooperatives"), {("", "GET"): api_everyone_signed_in()}, API_UNLISTED
    ),
    "api:get_cooperative": Route(
        {
            "own": lambda p: f"/api/v1/k/{p.coop.slug}",
            "other": lambda p: f"/api/v1/k/{p.other_coop.slug}",
        },
        {
            ("own", "GET"): only((*DISTRICT, "ba", *COOP_MEMBERS), anonymous=401),
            ("other", "GET"): only((*DISTRICT, "outsider"), anonymous=401),
        },
        API_UNLISTED,
    ),
    # Django's language switch: anyone may POST it; GET is refused.
    # Django's language switch: anyone; only POST changes the language, every
    # method redirects back.
    "set_language": Route(fixed("/i18n/setlang/"), {}, everyone(302, anonymous=302)),
}

# The Django admin is for system staff only (no persona is staff); it is
# swept by ``test_admin_refuses_every_persona`` rather than route by route.
EXCLUDED_NAMESPACES = {"admin"}


def _route_names(patterns, namespace: str | None = None) -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or namespace
            if namespace and pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}"
            names |= _route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            if namespace in EXCLUDED_NAMESPACES:
                continue
            name = pattern.name or str(pattern.pattern)
            names.add(f"{namespace}:{name}" if namespace else name)
    return names


def test_every_route_has_an_entry():
    routes = _route_names(get_resolver().url_patterns)
    missing = sorted(routes - set(ROUTES))
    stale = sorted(set(ROUTES) - routes)
    assert not missing, f"routes without an authorisation entry: {missing}"
    assert not stale, f"entries for routes that no longer exist: {stale}"


def _status(response) -> int | str:
    if response.status_code == 302 and response["Location"].startswith("/masuk/"):
        return LOGIN
    return response.status_code


def _client_for(personas: Personas, persona: str) -> Client:
    client = Client()
    user = personas.by_name(persona)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("route_name", sorted(ROUTES))
def test_route_answers_each_persona_as_expected(personas, route_name):
    route = ROUTES[route_name]
    clients = {name: _client_for(personas, name) for name in PERSONA_NAMES}
    wrong = []
    for variant, build_path in route.variants.items():
        path = build_path(personas)
        for method in METHODS:
            expected = route.expect.get((variant, method), route.unlisted)
            for persona in PERSONA_NAMES:
                response = clients[persona].generic(method, path)
                got = _status(response)
                if got != expected[persona]:
                    wrong.append(
                        f"{method} {path} as {persona}: expected {expected[persona]}, got {got}"
                    )
    assert not wrong, "\n".join(wrong)


def test_admin_refuses_every_persona(personas):
    for persona in PERSONA_NAMES:
        client = _client_for(personas, persona)
        for path in ("/admin/", "/admin/accounts/user/", "/admin/cooperatives/cooperative/"):
            response = client.get(path)
            assert response.status_code == 302, (persona, path)
            assert response["Location"].startswith("/admin/login/"), (persona, path)


def test_session_post_without_csrf_token_is_refused(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.pengurus)
    response = client.post("/akun/kata-sandi/", {"old_password": "x"})
    assert response.status_code == 403
    assert "ditolak" in response.content.decode().lower()


def test_the_sweep_notices_a_route_without_an_entry():
    """Guard the guard: an unlisted route must show up as missing."""
    from django.urls import include, path

    import config.urls

    extra = [
        *config.urls.urlpatterns,
        path("rahasia/", lambda request: None, name="secret"),
        path("k/<slug:slug>/", include(([path("x/", lambda r, slug: None, name="x")], "newapp"))),
    ]
    added = _route_names(extra) - _route_names(config.urls.urlpatterns)
    assert added == {"secret", "newapp:x"}
    assert not added & set(ROUTES)
