"""People and access services: each rule (docs/tenancy.md, "People and access")."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from kopdes.accounts import access
from kopdes.accounts.models import Grant, Role, User
from kopdes.accounts.people import selectors
from kopdes.accounts.people.services import (
    PeopleError,
    PeopleForbidden,
    create_user,
    deactivate_user,
    end_user_grant,
    grant_user_role,
    reactivate_user,
    reset_user_password,
    reset_user_second_factor,
    update_user,
)
from kopdes.accounts.two_factor import has_confirmed_device
from kopdes.cooperatives.models import ChangeRecord
from kopdes.testing import factories

pytestmark = pytest.mark.django_db

PASSWORD = "Sandi-yang-panjang-2026"
TODAY = timezone.localdate


def _new(personas, actor=None, **extra):
    values = {
        "actor": actor or personas.pengurus,
        "username": "kasir.baru",
        "full_name": "Kasir Baru",
        "password": PASSWORD,
        "role": Role.TELLER,
        "cooperative": personas.coop,
        "valid_from": date(2026, 1, 1),
        **extra,
    }
    return create_user(**values)


def _rows(user):
    return list(selectors.history_of(user))


# --- Creating ----------------------------------------------------------------------


def test_a_pengurus_creates_a_teller_of_their_cooperative_with_history(personas):
    user = _new(personas)

    assert user.check_password(PASSWORD)
    grant = Grant.objects.get(user=user)
    assert (grant.role, grant.cooperative, grant.granted_by) == (
        Role.TELLER,
        personas.coop,
        personas.pengurus,
    )
    rows = _rows(user)
    assert {r.field for r in rows} >= {"username", "full_name", "role", "valid_from"}
    assert all(r.actor == personas.pengurus and r.at is not None for r in rows)
    assert all(r.cooperative == personas.coop for r in rows)
    assert not any("md5" in r.new_value or PASSWORD in r.new_value for r in rows)


@pytest.mark.parametrize("role", [Role.DINAS_ADMIN, Role.DISTRICT_VIEWER, Role.TRAINER])
def test_a_pengurus_cannot_grant_a_district_role(personas, role):
    with pytest.raises(PeopleForbidden) as refused:
        _new(personas, role=role, cooperative=None, regency=factories.regency())
    assert refused.value.field == "role"
    assert not User.objects.filter(username="kasir.baru").exists()


@pytest.mark.parametrize("role", [Role.PENGAWAS, Role.BUSINESS_ASSISTANT])
def test_a_pengurus_cannot_grant_the_pengawas_or_a_ba_role(personas, role):
    with pytest.raises(PeopleForbidden):
        _new(personas, role=role)


def test_a_pengurus_cannot_grant_a_role_in_another_cooperative(personas):
    with pytest.raises(PeopleForbidden) as refused:
        _new(personas, cooperative=personas.other_coop)
    assert "Giri Mukti" in refused.value.message or refused.value.field == "role"
    assert not User.objects.filter(username="kasir.baru").exists()


def test_the_dinas_admin_creates_a_district_user(personas):
    user = _new(
        personas,
        actor=personas.dinas,
        role=Role.DISTRICT_VIEWER,
        cooperative=None,
        regency=factories.regency(),
    )
    assert access.roles_of(user) == {Role.DISTRICT_VIEWER}
    assert all(r.cooperative is None for r in _rows(user))


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("username", "", "wajib"),
        ("username", "dua kata", "tanpa spasi"),
        ("username", "x" * 151, "150"),
        ("username", "TELLER", "sudah dipakai"),
        ("full_name", "", "wajib"),
        ("full_name", "Nama\x00", "karakter"),
        ("phone", "12", "Nomor HP"),
        ("email", "bukan-email", "email"),
        ("password", "123", ""),
        ("valid_to", date(2025, 1, 1), "sebelum"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_changes_nothing(personas, field, value, words):
    before = User.objects.count()
    with pytest.raises(PeopleError) as refused:
        _new(personas, **{field: value})
    assert refused.value.field == field
    assert words in refused.value.message
    assert User.objects.count() == before
    assert not ChangeRecord.objects.filter(object_type="accounts.user").exists()


def test_an_officer_can_only_be_linked_if_it_is_of_this_cooperative(personas):
    from kopdes.testing import registry_factories as rf

    foreign = rf.officer(personas.other_coop)
    with pytest.raises(PeopleError) as refused:
        _new(personas, officer=foreign)
    assert refused.value.field == "officer"


# --- Managing ----------------------------------------------------------------------


def test_a_pengurus_edits_resets_and_deactivates_their_teller(personas):
    teller = personas.teller
    update_user(
        actor=personas.pengurus,
        user=teller,
        full_name="Teller Baru",
        phone="0812 3456 7890",
        cooperative=personas.coop,
    )
    reset_user_password(actor=personas.pengurus, user=teller, password=PASSWORD)
    deactivate_user(actor=personas.pengurus, user=teller)
    teller.refresh_from_db()
    assert (teller.full_name, teller.phone, teller.is_active) == (
        "Teller Baru",
        "+6281234567890",
        False,
    )
    assert teller.check_password(PASSWORD)
    fields = {r.field: r for r in _rows(teller)}
    assert fields["password"].new_value == "direset"
    assert fields["is_active"].old_value == "ya"
    assert fields["is_active"].new_value == "tidak"
    assert fields["full_name"].actor == personas.pengurus
    assert fields["is_active"].cooperative == personas.coop

    reactivate_user(actor=personas.pengurus, user=teller)
    teller.refresh_from_db()
    assert teller.is_active


@pytest.mark.parametrize("target", ["dinas", "viewer", "ba", "trainer", "pengawas", "outsider"])
def test_a_pengurus_cannot_deactivate_anyone_but_their_own_pengurus_and_tellers(personas, target):
    user = personas.by_name(target)
    with pytest.raises(PeopleForbidden):
        deactivate_user(actor=personas.pengurus, user=user)
    user.refresh_from_db()
    assert user.is_active


def test_nobody_deactivates_themselves_here(personas):
    with pytest.raises(PeopleForbidden) as refused:
        deactivate_user(actor=personas.dinas, user=personas.dinas)
    assert "Akun saya" in refused.value.message


def test_read_only_roles_change_nothing(personas):
    for actor in (personas.pengawas, personas.viewer, personas.teller, personas.ba):
        with pytest.raises(PeopleForbidden):
            deactivate_user(actor=actor, user=personas.teller)
        with pytest.raises(PeopleForbidden):
            _new(personas, actor=actor)


def test_the_cooperative_context_must_be_the_logins_own(personas):
    with pytest.raises(PeopleError) as refused:
        deactivate_user(actor=personas.dinas, user=personas.teller, cooperative=personas.other_coop)
    assert refused.value.field == "user"


def test_the_dinas_admin_deactivates_a_district_user_and_their_tokens_go(personas):
    from kopdes.accounts.tokens import issue_api_token

    token, _key = issue_api_token(user=personas.viewer, name="Dasbor")
    deactivate_user(actor=personas.dinas, user=personas.viewer)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "api_tokens" in {r.field for r in _rows(personas.viewer)}


def test_deactivating_twice_says_so(personas):
    deactivate_user(actor=personas.dinas, user=personas.teller)
    with pytest.raises(PeopleError) as refused:
        deactivate_user(actor=personas.dinas, user=personas.teller)
    assert refused.value.field == "is_active"


def test_the_dinas_admin_resets_a_second_factor_with_history(personas):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=personas.viewer, name="hp", confirmed=True)
    assert reset_user_second_factor(actor=personas.dinas, user=personas.viewer) == 1
    assert not has_confirmed_device(personas.viewer)
    assert "two_factor" in {r.field for r in _rows(personas.viewer)}
    with pytest.raises(PeopleForbidden):
        reset_user_second_factor(actor=personas.pengurus, user=personas.viewer)


# --- Grants ------------------------------------------------------------------------


def test_a_pengurus_grants_and_ends_a_pengurus_role_for_their_teller(personas):
    grant = grant_user_role(
        actor=personas.pengurus,
        user=personas.teller,
        role=Role.PENGURUS,
        cooperative=personas.coop,
        valid_from=TODAY(),
        context=personas.coop,
    )
    assert Role.PENGURUS in access.roles_of(personas.teller)

    ended = end_user_grant(actor=personas.pengurus, grant=grant, valid_to=TODAY())
    assert ended.valid_to == TODAY()
    assert {"role", "valid_to"} <= {r.field for r in _rows(personas.teller)}


def test_a_pengurus_cannot_grant_elsewhere_or_from_another_cooperatives_page(personas):
    with pytest.raises(PeopleForbidden):
        grant_user_role(
            actor=personas.pengurus,
            user=personas.teller,
            role=Role.TELLER,
            cooperative=personas.other_coop,
            valid_from=TODAY(),
        )
    with pytest.raises(PeopleForbidden):
        grant_user_role(
            actor=personas.pengurus,
            user=personas.teller,
            role=Role.DINAS_ADMIN,
            regency=factories.regency(),
            valid_from=TODAY(),
        )
    assert access.roles_of(personas.teller) == {Role.TELLER}


def test_a_pengurus_cannot_end_the_pengawas_or_the_ba(personas):
    for user in (personas.pengawas, personas.ba):
        grant = Grant.objects.get(user=user)
        with pytest.raises(PeopleForbidden):
            end_user_grant(actor=personas.pengurus, grant=grant, valid_to=TODAY())
        grant.refresh_from_db()
        assert grant.valid_to is None


def test_the_dinas_admin_assigns_and_ends_a_business_assistant(personas):
    grant = grant_user_role(
        actor=personas.dinas,
        user=personas.ba,
        role=Role.BUSINESS_ASSISTANT,
        cooperative=personas.other_coop,
        valid_from=TODAY(),
    )
    end_user_grant(actor=personas.dinas, grant=grant, valid_to=TODAY() + timedelta(days=30))
    grant.refresh_from_db()
    assert grant.valid_to == TODAY() + timedelta(days=30)


def test_an_overlapping_grant_of_the_same_role_is_refused(personas):
    with pytest.raises(PeopleError) as refused:
        grant_user_role(
            actor=personas.pengurus,
            user=personas.teller,
            role=Role.TELLER,
            cooperative=personas.coop,
            valid_from=TODAY(),
        )
    assert refused.value.field == "role"


def test_ending_a_grant_in_the_past_or_before_it_starts_is_refused(personas):
    grant = Grant.objects.get(user=personas.teller)
    for day, code in ((TODAY() - timedelta(days=1), "grant_end_past"),):
        with pytest.raises(PeopleError) as refused:
            end_user_grant(actor=personas.pengurus, grant=grant, valid_to=day)
        assert (refused.value.field, refused.value.code) == ("valid_to", code)
    future = grant_user_role(
        actor=personas.pengurus,
        user=personas.teller,
        role=Role.PENGURUS,
        cooperative=personas.coop,
        valid_from=TODAY() + timedelta(days=10),
    )
    with pytest.raises(PeopleError) as refused:
        end_user_grant(actor=personas.pengurus, grant=future, valid_to=TODAY())
    assert refused.value.code == "grant_valid_range"


def test_a_grant_already_ended_cannot_be_ended_again(personas):
    grant = Grant.objects.get(user=personas.teller)
    Grant.objects.filter(pk=grant.pk).update(valid_to=TODAY() - timedelta(days=3))
    with pytest.raises(PeopleError) as refused:
        end_user_grant(actor=personas.pengurus, grant=grant, valid_to=TODAY())
    assert refused.value.code == "grant_ended"


def test_a_login_with_a_grant_elsewhere_is_no_longer_the_pengurus_to_manage(personas):
    factories.grant(personas.teller, Role.TELLER, personas.other_coop)
    assert not access.can_manage_user(personas.pengurus, personas.teller)
    assert access.can_manage_user(personas.dinas, personas.teller)
    assert personas.teller not in selectors.cooperative_logins(personas.coop)
