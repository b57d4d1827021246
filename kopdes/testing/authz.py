"""Vocabulary for the authorisation sweep's route tables.

Each app declares ``ROUTES`` in ``kopdes/<app>/tests/authz_routes.py`` (and
the project-level routes live in ``tests/authz_routes.py``); the sweep in
``tests/test_authorization_sweep.py`` merges them and fails when a route has
no entry. An entry says how to build the path for each *variant* (own
cooperative, another cooperative, another cooperative's object under the
own slug…) and which status each persona must get per method.

Statuses: a number is the exact HTTP status; ``LOGIN`` is a redirect to the
sign-in page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

LOGIN = "login"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
PERSONA_NAMES = (
    "dinas",
    "viewer",
    "ba",
    "trainer",
    "pengurus",
    "teller",
    "pengawas",
    "outsider",
    "anonymous",
)
AUTHENTICATED = tuple(p for p in PERSONA_NAMES if p != "anonymous")
COOP_MEMBERS = ("pengurus", "teller", "pengawas")
DISTRICT = ("dinas", "viewer")
# Who may read a cooperative's pages: the district, its BA and its own people.
COOP_READERS = (*DISTRICT, "ba", *COOP_MEMBERS)

Expect = dict[str, int | str]
PathBuilder = Callable[[Any], str]  # receives the Personas object


def everyone(status: int | str, anonymous: int | str = LOGIN) -> Expect:
    return {**dict.fromkeys(AUTHENTICATED, status), "anonymous": anonymous}


def only(
    allowed: tuple[str, ...],
    status: int | str = 200,
    others: int | str = 404,
    anonymous: int | str = LOGIN,
) -> Expect:
    return {
        **{p: (status if p in allowed else others) for p in AUTHENTICATED},
        "anonymous": anonymous,
    }


def api_only(allowed: tuple[str, ...], status: int = 200, others: int = 404) -> Expect:
    return only(allowed, status, others, anonymous=401)


def api_everyone(status: int = 200) -> Expect:
    return everyone(status, anonymous=401)


@dataclass
class Route:
    """How to reach a route and what each persona must get, per variant and method."""

    variants: dict[str, PathBuilder]
    # (variant, method) -> persona -> status.
    expect: dict[tuple[str, str], Expect]
    # What every method not listed must answer (default: 405 from everyone,
    # i.e. the method check runs before authentication).
    unlisted: Expect = field(default_factory=lambda: everyone(405, anonymous=405))
    # Form data sent with POST/PUT/PATCH (None: an empty body).
    data: dict[str, Any] | None = None


def fixed(path: str) -> dict[str, PathBuilder]:
    return {"": lambda personas: path}


# Pages behind login_required with a method check inside (class-based views):
# the anonymous visitor is sent to sign in whatever the method.
PAGE_UNLISTED_AFTER_LOGIN = everyone(405, anonymous=LOGIN)
API_UNLISTED = everyone(405, anonymous=405)
