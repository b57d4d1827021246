from datetime import date

import pytest

from kopdes.accounts import access
from kopdes.accounts.models import Role
from kopdes.accounts.services import GrantError, end_grant, grant_role
from kopdes.cooperatives.selectors import history_for
from kopdes.testing import factories

pytestmark = pytest.mark.django_db


def test_granting_a_role_gives_access_at_once_and_is_recorded(personas):
    newcomer = factories.user("bendahara.baru")
    assert not access.can(newcomer, "cooperative.edit", personas.coop)
    grant = grant_role(
        user=newcomer,
        role=Role.PENGURUS,
        cooperative=personas.coop,
        valid_from=date(2026, 1, 1),
        actor=personas.dinas,
    )
    assert access.can(newcomer, "cooperative.edit", personas.coop)
    rows = {c.field: c for c in history_for(personas.coop, grant)}
    assert rows["role"].new_value == "Pengurus/Manajer"
    assert rows["role"].actor == personas.dinas
    assert grant.granted_by == personas.dinas


def test_ending_a_grant_removes_access_and_is_recorded(personas):
    grant = grant_role(
        user=personas.teller,
        role=Role.PENGURUS,
        cooperative=personas.coop,
        valid_from=date(2026, 1, 1),
        actor=personas.dinas,
    )
    assert access.can(personas.teller, "cooperative.edit", personas.coop)
    end_grant(grant=grant, valid_to=date(2026, 1, 31), actor=personas.dinas)
    assert not access.can(personas.teller, "cooperative.edit", personas.coop)
    change = history_for(personas.coop, grant).get(field="valid_to")
    assert (change.old_value, change.new_value) == ("", "31 Jan 2026")


def test_a_regency_role_cannot_be_granted_over_a_cooperative(personas):
    with pytest.raises(GrantError) as error:
        grant_role(
            user=personas.teller,
            role=Role.DINAS_ADMIN,
            cooperative=personas.coop,
            valid_from=date(2026, 1, 1),
            actor=personas.dinas,
        )
    assert (error.value.field, error.value.message) == (
        "regency",
        "Peran Admin Dinas diberikan untuk satu kabupaten/kota, bukan koperasi.",
    )


def test_a_cooperative_role_needs_a_cooperative(personas):
    with pytest.raises(GrantError) as error:
        grant_role(
            user=personas.teller,
            role=Role.PENGAWAS,
            regency=factories.regency(),
            valid_from=date(2026, 1, 1),
            actor=personas.dinas,
        )
    assert (error.value.field, error.value.message) == (
        "cooperative",
        "Peran Pengawas diberikan untuk satu koperasi.",
    )


def test_a_grant_cannot_end_before_it_starts(personas):
    grant = grant_role(
        user=personas.teller,
        role=Role.PENGURUS,
        cooperative=personas.coop,
        valid_from=date(2026, 1, 1),
        actor=personas.dinas,
    )
    with pytest.raises(GrantError) as error:
        end_grant(grant=grant, valid_to=date(2025, 12, 31), actor=personas.dinas)
    assert error.value.field == "valid_to"
