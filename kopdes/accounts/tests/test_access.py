from datetime import date

from kopdes.accounts import access
from kopdes.accounts.models import Role
from kopdes.testing import factories


def test_dinas_sees_every_cooperative_of_the_regency(personas):
    visible = set(access.visible_cooperatives(personas.dinas))
    assert {personas.coop, personas.other_coop} <= visible


def test_pengurus_sees_only_their_own_cooperative(personas):
    assert list(access.visible_cooperatives(personas.pengurus)) == [personas.coop]


def test_business_assistant_sees_only_assigned_cooperatives(personas):
    assert list(access.visible_cooperatives(personas.ba)) == [personas.coop]
    assert not access.can(personas.ba, "cooperative.view", personas.other_coop)


def test_pengawas_may_view_but_not_edit_or_transact(personas):
    assert access.can(personas.pengawas, "cooperative.view", personas.coop)
    assert not access.can(personas.pengawas, "cooperative.edit", personas.coop)
    assert not access.can(personas.pengawas, "cooperative.transact", personas.coop)


def test_district_viewer_cannot_edit(personas):
    assert access.can(personas.viewer, "cooperative.view", personas.coop)
    assert not access.can(personas.viewer, "cooperative.edit", personas.coop)


def test_an_expired_grant_gives_nothing(personas):
    former = factories.user("mantan")
    factories.grant(
        former,
        Role.PENGURUS,
        personas.coop,
        valid_from=date(2024, 1, 1),
        valid_to=date(2024, 12, 31),
    )
    assert not access.can(former, "cooperative.view", personas.coop)
    assert list(access.visible_cooperatives(former)) == []


def test_a_future_grant_gives_nothing_yet(personas):
    newcomer = factories.user("baru")
    factories.grant(newcomer, Role.TELLER, personas.coop, valid_from=date(2999, 1, 1))
    assert not access.can(newcomer, "cooperative.view", personas.coop)


def test_trainer_sees_no_cooperative_books(personas):
    assert list(access.visible_cooperatives(personas.trainer)) == []
