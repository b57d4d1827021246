"""The test plumbing itself (``kopdes/testing/reference_pytest.py``).

After a transactional test's flush, the next test still finds what the
migrations loaded (regions, content types under their first ids), without
Django serialising the database; module-shared data is rolled back per test.
"""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from kopdes.core.models import Region

SEEN: dict[str, object] = {}


def _reference_state() -> tuple[int, list[tuple[int, str, str]]]:
    types = list(ContentType.objects.order_by("pk").values_list("pk", "app_label", "model"))
    return Region.objects.count(), types


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", [1, 2, 3])
def test_every_transactional_test_starts_from_the_migrated_reference_data(round_):
    state = _reference_state()
    regions, types = state
    assert regions > 8000
    assert Region.objects.filter(code__startswith="64.09.04.").count() > 5
    assert ("ormcheck", "movement") in {(app, model) for _, app, model in types}
    SEEN.setdefault("state", state)
    assert state == SEEN["state"], "the reference data differs from the first test's"
    # The content-type cache agrees with the table (ids survive the restore).
    cached = ContentType.objects.get_for_model(Region)
    assert ContentType.objects.get(pk=cached.pk).model == "region"
    # Damage it; the flush and the restore after this test must repair it.
    Region.objects.filter(level=4, code__startswith="64.09.04.").delete()
    ContentType.objects.filter(app_label="ormcheck").delete()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_serialized_rollback_is_served_by_the_fast_restore():
    assert not hasattr(connection, "_test_serialized_contents")
    assert Region.objects.count() > 8000


@pytest.fixture(scope="class")
def shared_region(django_db_setup, django_db_blocker):
    from kopdes.testing.reference_pytest import shared_for_the_module

    with shared_for_the_module(django_db_blocker):
        region = Region.objects.get(code="64.09")
        region.name = "Dibagikan ke modul"
        region.save(update_fields=["name"])
        yield region


class TestDataSharedByAClass:
    """Shared data must never be open while a transactional test runs, so
    outside a module of its own it is scoped to a class."""

    @pytest.mark.django_db
    @pytest.mark.parametrize("round_", [1, 2])
    def test_shared_data_is_seen_and_each_tests_writes_are_rolled_back(self, round_, shared_region):
        region = Region.objects.get(pk=shared_region.pk)
        assert region.name == "Dibagikan ke modul"
        assert not Region.objects.filter(name="Ditulis oleh tes").exists()
        Region.objects.filter(pk=region.pk).update(name="Ditulis oleh tes")


@pytest.mark.django_db
def test_shared_data_is_gone_after_its_class():
    assert Region.objects.get(code="64.09").name != "Dibagikan ke modul"
