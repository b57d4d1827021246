"""The authorisation sweep (docs/design.md rule 3).

Every route × HTTP method × persona, with an explicit expected status.
Each app declares its routes in ``kopdes/<app>/tests/authz_routes.py``
(vocabulary in ``kopdes/testing/authz.py``); project-level routes are in
``tests/authz_routes.py``. Cooperative-scoped routes are tried under the
persona's own cooperative and under another one; routes with an object id
are tried with another cooperative's object under the persona's own slug.
A route without an entry fails ``test_every_route_has_an_entry``.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

import kopdes
from conftest import Personas
from kopdes.testing.authz import LOGIN, METHODS, PERSONA_NAMES, Route


def _collect_routes() -> dict[str, Route]:
    routes: dict[str, Route] = {}
    modules = ["tests.authz_routes"] + [
        f"kopdes.{app.name}.tests.authz_routes"
        for app in pkgutil.iter_modules(kopdes.__path__)
        if app.ispkg
    ]
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not name.startswith(exc.name):
                raise
            continue
        duplicated = set(routes) & set(module.ROUTES)
        assert not duplicated, f"{name} repeats entries {duplicated}"
        routes.update(module.ROUTES)
    return routes


ROUTES = _collect_routes()

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


@pytest.fixture
def personas(module_personas, db) -> Personas:
    """Built once for the module; each route's requests run (and are rolled
    back) in a savepoint inside the module's transaction."""
    return module_personas


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
