"""Test data builders. Used by tests and benches, never by the product."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from kopdes.accounts.models import Grant, Role, User
from kopdes.cooperatives.models import Cooperative
from kopdes.cooperatives.services import create_cooperative
from kopdes.core.models import Region

PASSWORD = "rahasia-uji-123"
_counter = itertools.count(1)


def regency(code: str = "64.09") -> Region:
    return Region.objects.get(code=code)


def village(code: str) -> Region:
    return Region.objects.get(code=code)


def cooperative(village_code: str = "64.09.04.2015", **kwargs: Any) -> Cooperative:
    existing = Cooperative.objects.filter(primary_village__code=village_code).first()
    if existing:
        return existing
    return create_cooperative(village=village(village_code), actor=None, **kwargs)


def user(username: str | None = None, *, password: str = PASSWORD, **fields: Any) -> User:
    username = username or f"pengguna{next(_counter)}"
    fields.setdefault("full_name", username.replace(".", " ").title())
    return User.objects.create_user(username=username, password=password, **fields)


def grant(
    who: User,
    role: str,
    scope: Cooperative | Region,
    *,
    valid_from: date = date(2025, 1, 1),
    valid_to: date | None = None,
) -> Grant:
    is_regency = role in {Role.DINAS_ADMIN, Role.DISTRICT_VIEWER, Role.TRAINER}
    return Grant.objects.create(
        user=who,
        role=role,
        cooperative=scope if isinstance(scope, Cooperative) else None,
        regency=scope if isinstance(scope, Region) and is_regency else None,
        valid_from=valid_from,
        valid_to=valid_to,
    )
