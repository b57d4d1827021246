import pytest
from django.db import connection
from kopdes.core.models import Region

@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a():
    print("A regions", Region.objects.count(), len(getattr(connection, "_test_serialized_contents", "")))

@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_b(live_server):
    print("B regions", Region.objects.count(), len(getattr(connection, "_test_serialized_contents", "")))
