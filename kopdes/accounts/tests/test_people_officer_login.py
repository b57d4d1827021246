"""Linking an officer to a login takes only a login of that cooperative, and says the
same thing whether a username exists elsewhere or not at all (docs/tenancy.md)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from kopdes.accounts.models import Role
from kopdes.accounts.people.services import create_user
from kopdes.cooperatives.models import Officer
from kopdes.cooperatives.officers import OfficerError, add_officer, update_officer
from kopdes.testing import factories
from kopdes.testing import registry_factories as rf

pytestmark = pytest.mark.django_db


def _officer_data(**extra: str) -> dict[str, str]:
    return {
        "role": "manajer",
        "name": "Budi Santoso",
        "nik": rf.nik(),
        "term_start": "2025-06-19",
        **extra,
    }


def _post(personas, **extra: str):
    client = Client()
    client.force_login(personas.pengurus)
    return client.post(f"/k/{personas.coop.slug}/pengurus/baru/", _officer_data(**extra))


def test_a_login_of_another_cooperative_is_refused_with_the_not_found_message(personas):
    response = _post(personas, username="outsider")

    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        "Akun outsider tidak ditemukan atau tidak aktif."
    ]
    assert not Officer.objects.filter(cooperative=personas.coop).exists()


def test_elsewhere_and_nowhere_read_exactly_the_same(personas):
    factories.user("tanpa.peran")
    answers = {}
    for username in ("outsider", "dinas", "ba", "tanpa.peran", "tidak.ada.sama.sekali"):
        response = _post(personas, username=username)
        answers[username] = response.context["form"].errors["username"][0].replace(username, "X")
    assert set(answers.values()) == {"Akun X tidak ditemukan atau tidak aktif."}


def test_a_login_of_this_cooperative_is_linked(personas):
    response = _post(personas, username="teller")
    assert response.status_code == 302
    assert Officer.objects.get(cooperative=personas.coop).user == personas.teller


def test_the_service_refuses_a_foreign_login_whoever_calls_it(personas):
    officer = rf.officer(personas.coop)
    for stranger in (personas.outsider, personas.dinas, personas.ba):
        with pytest.raises(OfficerError) as refused:
            update_officer(officer=officer, actor=personas.dinas, user=stranger)
        assert refused.value.field == "user"
        assert refused.value.message == (
            f"Akun {stranger.username} tidak ditemukan atau tidak aktif."
        )
    with pytest.raises(OfficerError):
        add_officer(
            cooperative=personas.coop,
            actor=personas.dinas,
            role="manajer",
            name="Siti",
            nik=rf.nik(),
            term_start=date(2025, 1, 1),
            user=personas.outsider,
        )
    officer.refresh_from_db()
    assert officer.user is None


def test_an_inactive_login_of_this_cooperative_is_refused(personas):
    personas.teller.is_active = False
    personas.teller.save(update_fields=["is_active"])
    officer = rf.officer(personas.coop)
    with pytest.raises(OfficerError):
        update_officer(officer=officer, actor=personas.pengurus, user=personas.teller)


def test_an_existing_link_survives_other_edits(personas):
    stranger = factories.user("lama")
    officer = rf.officer(personas.coop)
    Officer.objects.filter(pk=officer.pk).update(user=stranger)  # linked before the rule
    update_officer(officer=officer, actor=personas.pengurus, notes="catatan baru")
    officer.refresh_from_db()
    assert officer.user == stranger


def test_creating_a_login_for_an_officer_links_it(personas):
    officer = rf.officer(personas.coop, "manajer")
    user = create_user(
        actor=personas.pengurus,
        username="manajer.baru",
        full_name="Manajer Baru",
        password="Sandi-yang-panjang-2026",
        role=Role.PENGURUS,
        cooperative=personas.coop,
        valid_from=date(2026, 1, 1),
        officer=officer,
    )
    officer.refresh_from_db()
    assert officer.user == user
