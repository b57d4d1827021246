import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kopdes.demo.loader import load_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo(progress=lambda message: None, upto="01_cooperatives_and_people")


def _get_as(username: str, path: str):
    from kopdes.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, len(queries)


def test_dinas_sees_the_54_cooperatives_grouped_by_kecamatan(demo):
    response, _ = _get_as("dinas", "/kabupaten/")
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [k.name for k in groups] == ["Penajam", "Waru", "Babulu", "Sepaku"]
    assert sum(len(rows) for rows in groups.values()) == 54
    html = response.content.decode()
    assert "Kabupaten Penajam Paser Utara" in html
    assert "54 Koperasi Desa/Kelurahan Merah Putih" in html
    assert "Koperasi Desa Merah Putih Telemow" in html


def test_a_business_assistant_sees_only_assigned_cooperatives(demo):
    response, _ = _get_as("ba.andi", "/kabupaten/")
    assert response.status_code == 200
    assert response.context["total"] == 9


def test_the_district_home_query_count_does_not_grow_with_cooperatives():
    from kopdes.accounts.models import Role
    from kopdes.core.models import Region
    from kopdes.testing import factories

    dinas = factories.user("dinas")
    factories.grant(dinas, Role.DINAS_ADMIN, factories.regency())
    villages = list(Region.objects.villages().order_by("code"))

    def count() -> int:
        client = Client()
        client.force_login(dinas)
        # The first request for a set of villages reads their boundaries once
        # for the map (then cached per process): measure the steady state.
        assert client.get("/kabupaten/").status_code == 200
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/kabupaten/").status_code == 200
        return len(queries)

    for village in villages[:3]:
        factories.cooperative(village.code)
    with_3 = count()
    for village in villages[3:]:
        factories.cooperative(village.code)
    with_54 = count()
    assert with_3 == with_54
    assert with_54 <= 8


def test_a_pengurus_lands_on_their_cooperative_and_cannot_open_another(demo):
    from kopdes.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="pengurus.telemow"))
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/k/6409042015/"
    assert "Koperasi Desa Merah Putih Telemow" in response.content.decode()
    other = client.get("/k/6409012020/")
    assert other.status_code == 404
    assert "Tidak ditemukan" in other.content.decode()


def test_the_dinas_lands_on_the_district_home(demo):
    from kopdes.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="dinas"))
    response = client.get("/")
    assert response["Location"] == "/kabupaten/"


def test_the_cooperative_home_has_a_constant_query_count(demo):
    # The profile reads the cooperative, grants, steps and their documents,
    # officers, units, the latest RAT and its documents, and history: a fixed
    # number (kopdes/cooperatives/tests/test_pages_profile.py checks it does
    # not grow with the rows).
    _, queries = _get_as("pengurus.telemow", "/k/6409042015/")
    assert queries <= 14
