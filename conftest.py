"""Personas shared by every test (docs/design.md rule 9).

Two cooperatives: ``coop`` (Telemow, Sepaku) where the pengurus, teller and
pengawas work and the business assistant is assigned, and ``other_coop``
(Giri Mukti, Penajam) whose pengurus is the outsider who must see nothing of
``coop``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from hypothesis import settings as hypothesis_settings

from kopdes.accounts.models import Role, User
from kopdes.cooperatives.models import Cooperative
from kopdes.testing import authz, factories

pytest_plugins = [
    # Clears the journal (past the ledger's DB guards) before a transactional test's flush.
    "kopdes.testing.ledger_pytest",
    # Puts the migrated reference data back after every flush (instead of
    # serialized_rollback), names each xdist worker's database, and shares
    # data built once per module.
    "kopdes.testing.reference_pytest",
]


# Hypothesis: a small count for local runs, the full count in CI (CI=true).
# HYPOTHESIS_PROFILE=ci (or dev) picks one explicitly. Tests take their
# example count from the loaded profile (no max_examples of their own).
hypothesis_settings.register_profile("ci", max_examples=300, deadline=None, print_blob=True)
hypothesis_settings.register_profile("dev", max_examples=25, deadline=None)
_IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if _IN_CI else "dev")
hypothesis_settings.load_profile(PROFILE)


def pytest_report_header(config) -> str:
    return f"hypothesis profile: {hypothesis_settings.get_current_profile_name()}"


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


def build_personas() -> Personas:
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


@pytest.fixture
def personas(db) -> Personas:
    return build_personas()


@pytest.fixture(scope="module")
def module_personas(django_db_setup, django_db_blocker) -> Iterator[Personas]:
    """The personas built once for a whole module (the authorisation sweep).

    Each test still runs in its own transaction, a savepoint inside the
    module's (see ``shared_for_the_module``), so what it writes is rolled
    back; a module that uses this sees the personas in every later test.
    A test that wants them asks for a function-scoped fixture returning
    this one, together with ``db``.
    """
    from kopdes.testing.reference_pytest import shared_for_the_module

    with shared_for_the_module(django_db_blocker):
        yield build_personas()
