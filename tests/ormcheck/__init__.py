"""A test-only app whose models pin the ORM money expressions on both engines.

It has no migrations folder on purpose: the test database syncs its tables
directly, and ``makemigrations --check`` ignores it.
"""
