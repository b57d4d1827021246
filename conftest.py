"""Personas shared by every test (docs/design.md rule 9).

Two cooperatives: ``coop`` (Telemow, Sepaku) where the pengurus, teller and
pengawas work and the business assistant is assigned, and ``other_coop``
(Giri Mukti, Penajam) whose pengurus is the outsider who must see nothing of
``coop``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kopdes.accounts.models import Role, User
from kopdes.cooperatives.models import Cooperative
from kopdes.testing import authz, factories

# Clears the journal (past the ledger's DB guards) before a transactional test's flush.
pytest_plugins = ["kopdes.testing.ledger_pytest"]


def pytest_configure(config) -> None:
    from django.conf import settings

    # The production hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Personas:
    coop: Cooperative
    other_coop: Cooperative
    dinas: User
    viewer: User
    ba: User
    trainer: User
    pengurus: User
    teller: User
    pengawas: User
    outsider: User

    def by_name(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


# One list of persona names, shared with the authorisation sweep.
PERSONA_NAMES = authz.PERSONA_NAMES


@pytest.fixture
def personas(db) -> Personas:
    regency = factories.regency()
    coop = factories.cooperative("64.09.04.2015")
    other = factories.cooperative("64.09.01.2020")

    def person(name: str, role: str, scope) -> User:
        who = factories.user(name)
        factories.grant(who, role, scope)
        return who

    return Personas(
        coop=coop,
        other_coop=other,
        dinas=person("dinas", Role.DINAS_ADMIN, regency),
        viewer=person("viewer", Role.DISTRICT_VIEWER, regency),
        ba=person("ba", Role.BUSINESS_ASSISTANT, coop),
        trainer=person("trainer", Role.TRAINER, regency),
        pengurus=person("pengurus", Role.PENGURUS, coop),
        teller=person("teller", Role.TELLER, coop),
        pengawas=person("pengawas", Role.PENGAWAS, coop),
        outsider=person("outsider", Role.PENGURUS, other),
    )
