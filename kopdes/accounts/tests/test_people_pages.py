"""People pages: happy paths, 403 inside the scope, 404 outside it, the read-only badge."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from kopdes.accounts.models import Grant, Role, User
from kopdes.cooperatives.models import ChangeRecord

pytestmark = pytest.mark.django_db

PASSWORD = "Sandi-yang-panjang-2026"
READ_ONLY = "Anda hanya dapat melihat data ini"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_dinas_admin_lists_district_users_and_finds_cooperative_ones(personas):
    client = _client(personas.dinas)
    page = client.get("/pengguna/").content.decode()
    assert "Pengguna kabupaten" in page
    assert "viewer" in page
    assert "trainer" in page
    assert ">Teller<" not in page
    everyone = client.get("/pengguna/?jenis=semua&q=tell").content.decode()
    assert "teller" in everyone
    assert "trainer" not in everyone


def test_the_dinas_admin_creates_a_district_user_on_the_page(personas):
    client = _client(personas.dinas)
    assert client.get("/pengguna/baru/").status_code == 200
    response = client.post(
        "/pengguna/baru/",
        {
            "username": "satgas.baru",
            "full_name": "Satgas Baru",
            "role": Role.DISTRICT_VIEWER,
            "regency": personas.viewer.grants.get().regency_id,
            "valid_from": "2026-01-01",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    user = User.objects.get(username="satgas.baru")
    assert response.status_code == 302
    assert response["Location"] == f"/pengguna/{user.pk}/"
    detail = client.get(response["Location"]).content.decode()
    assert "Pemantau Kabupaten" in detail
    assert 'id="history-table"' in detail
    assert "satgas.baru" in detail


def test_a_bad_form_names_the_field_and_keeps_nothing(personas):
    client = _client(personas.pengurus)
    response = client.post(
        f"/k/{personas.coop.slug}/pengguna/baru/",
        {
            "username": "dua kata",
            "full_name": "X",
            "role": Role.TELLER,
            "valid_from": "2026-01-01",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["username"]
    assert not User.objects.filter(full_name="X").exists()


def test_a_pengurus_creates_a_teller_login_and_ends_it(personas):
    client = _client(personas.pengurus)
    base = f"/k/{personas.coop.slug}/pengguna/"
    form = client.get(f"{base}baru/").content.decode()
    # Only the roles a cooperative may grant are offered.
    assert 'value="teller"' in form
    assert 'value="pengurus"' in form
    assert 'value="pengawas"' not in form
    assert 'value="dinas_admin"' not in form
    response = client.post(
        f"{base}baru/",
        {
            "username": "kasir.dua",
            "full_name": "Kasir Dua",
            "role": Role.TELLER,
            "valid_from": "2026-01-01",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    user = User.objects.get(username="kasir.dua")
    assert response["Location"] == f"{base}{user.pk}/"
    grant = Grant.objects.get(user=user)
    today = timezone.localdate().isoformat()
    response = client.post(f"{base}{user.pk}/peran/{grant.pk}/akhiri/", {"valid_to": today})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.valid_to.isoformat() == today


def test_a_pengurus_deactivates_a_teller_after_confirming(personas):
    client = _client(personas.pengurus)
    url = f"/k/{personas.coop.slug}/pengguna/{personas.teller.pk}/status/"
    assert "Nonaktifkan" in client.get(url).content.decode()
    assert client.post(url).status_code == 200  # no confirmation: asks again
    personas.teller.refresh_from_db()
    assert personas.teller.is_active
    assert client.post(url, {"konfirmasi": "ya"}).status_code == 302
    personas.teller.refresh_from_db()
    assert not personas.teller.is_active
    assert ChangeRecord.objects.filter(
        object_type="accounts.user",
        object_id=personas.teller.pk,
        field="is_active",
        actor=personas.pengurus,
    ).exists()


def test_the_pengurus_sees_the_pengawas_login_but_may_not_change_it(personas):
    client = _client(personas.pengurus)
    base = f"/k/{personas.coop.slug}/pengguna/{personas.pengawas.pk}/"
    detail = client.get(base).content.decode()
    assert 'id="person-read-only"' in detail
    response = client.get(f"{base}status/")
    assert response.status_code == 403
    assert READ_ONLY in response.content.decode()


@pytest.mark.parametrize("persona", ["pengawas", "viewer"])
def test_a_read_only_role_opening_a_people_edit_page_gets_403(personas, persona):
    response = _client(personas.by_name(persona)).get(
        f"/k/{personas.coop.slug}/pengguna/{personas.teller.pk}/ubah/"
    )
    assert response.status_code == 403
    assert READ_ONLY in response.content.decode()


def test_out_of_scope_stays_not_found(personas):
    client = _client(personas.outsider)
    assert client.get(f"/k/{personas.coop.slug}/pengguna/").status_code == 404
    assert client.get(f"/k/{personas.coop.slug}/pengguna/{personas.teller.pk}/").status_code == 404
    assert client.get("/pengguna/").status_code == 404


def test_another_cooperatives_login_under_ones_own_slug_is_not_found(personas):
    client = _client(personas.pengurus)
    response = client.get(f"/k/{personas.coop.slug}/pengguna/{personas.outsider.pk}/ubah/")
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["pengawas", "viewer", "teller", "ba"])
def test_a_reader_opening_a_registry_edit_page_gets_403_not_404(personas, persona):
    slug = personas.coop.slug
    client = _client(personas.by_name(persona))
    for path in (f"/k/{slug}/ubah/", f"/k/{slug}/pengurus/baru/", f"/k/{slug}/unit/baru/"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert READ_ONLY in response.content.decode()


def test_a_registry_edit_page_of_another_cooperative_stays_404(personas):
    response = _client(personas.pengawas).get(f"/k/{personas.other_coop.slug}/ubah/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("persona", "badge"),
    [("pengawas", True), ("viewer", True), ("pengurus", False), ("dinas", False)],
)
def test_read_only_roles_see_a_badge_in_the_top_bar(personas, persona, badge):
    page = _client(personas.by_name(persona)).get("/akun/").content.decode()
    assert ('id="read-only-badge"' in page) is badge


def test_the_profile_links_to_the_people_pages_one_may_open(personas):
    page = _client(personas.pengurus).get("/akun/").content.decode()
    assert f'href="/k/{personas.coop.slug}/pengguna/"' in page
    assert 'href="/pengguna/"' in _client(personas.dinas).get("/akun/").content.decode()
    teller = _client(personas.teller).get("/akun/").content.decode()
    assert "/pengguna/" not in teller


def test_the_people_list_has_no_wide_table(personas):
    page = _client(personas.pengurus).get(f"/k/{personas.coop.slug}/pengguna/").content.decode()
    assert 'id="people-list"' in page
    assert "<table" not in page
