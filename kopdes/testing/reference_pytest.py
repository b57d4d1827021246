"""A pytest plugin (registered in the root conftest): fast database plumbing.

**Reference data after a flush.** Migrations load reference data (8,511
regions, the content types and permissions). A transactional test
(``transaction=True``, ``transactional_db``, ``live_server``) ends with a
flush that empties every table. Django's ``serialized_rollback`` puts the
data back by deserialising a JSON dump of the whole database object by
object: 8 to 15 seconds per test on PostgreSQL. Instead, right after the
migrations this plugin copies every non-empty table, inside the database
server, to a side store the flush does not know about (a schema
``kopdes_reference`` on PostgreSQL, an attached file beside the test
database on SQLite), and after every flush puts the rows back with one
``INSERT ... SELECT`` per table (milliseconds). Every test, transactional
or not, in whatever order xdist runs them, therefore starts from the
migrated database. ``serialized_rollback=True`` on a ``django_db`` marker
is accepted and is replaced by this restore (so the database is never
serialised at start-up).

**Order.** Modules with a test marked ``slow`` run first (see
:func:`_slow_modules_first`).

**Worker databases.** Under pytest-xdist each worker gets its own test
database: ``test_kopdes<tag>_gw0`` on PostgreSQL,
``var/test-kopdes<tag>_gw0.sqlite3`` on SQLite (``KOPDES_TEST_DB_TAG`` is
the tag; see ``config/settings.py``).

**Data shared by a module.** :func:`shared_for_the_module` builds data once
for a module (personas, the demo) in an outer transaction that each
test's own transaction nests in as a savepoint, so each test still rolls
back to the shared data, and the module rolls everything back at its end.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

REFERENCE_SCHEMA = "kopdes_reference"
REFERENCE_ALIAS = "kopdes_reference"

# alias -> [(table, quoted column list)], filled once per session by capture().
_captured: dict[str, list[tuple[str, str]]] = {}


# --- worker databases --------------------------------------------------------
@pytest.fixture(scope="session")
def django_db_modify_db_settings_xdist_suffix(request: pytest.FixtureRequest) -> None:
    """Name each xdist worker's database with the tag and the worker id.

    pytest-django appends ``_gw0`` to the whole name, which turns the SQLite
    file into ``...sqlite3_gw0``; this keeps the extension last.
    """
    from django.conf import settings

    worker = getattr(request.config, "workerinput", {}).get("workerid")
    if not worker:
        return
    for db_settings in settings.DATABASES.values():
        test = db_settings.setdefault("TEST", {})
        name = test.get("NAME") or f"test_{db_settings['NAME']}"
        if name == ":memory:":
            continue
        if db_settings["ENGINE"] == "django.db.backends.sqlite3":
            path = Path(name)
            test["NAME"] = str(path.with_name(f"{path.stem}_{worker}{path.suffix}"))
        else:
            test["NAME"] = f"{name}_{worker}"


# --- serialized_rollback becomes the fast restore; slow modules first -----------
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    _drop_serialized_rollback(items)
    _slow_modules_first(items)


def _slow_modules_first(items: list[pytest.Item]) -> None:
    """Put modules with a ``slow`` test first, keeping every other order.

    ``make test`` hands xdist whole modules in collection order
    (``--dist loadfile --no-loadscope-reorder``): starting the long ones
    (the ledger's state machine, the full demo, the browser flows) first
    keeps one of them from being the last thing a worker does while the
    other worker sits idle.
    """
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow)


def _drop_serialized_rollback(items: list[pytest.Item]) -> None:
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("serialized_rollback"):
            continue
        kwargs = {k: v for k, v in marker.kwargs.items() if k != "serialized_rollback"}
        # The closest marker wins: the item's own markers come before its module's.
        item.own_markers.insert(0, pytest.mark.django_db(*marker.args, **kwargs).mark)


def is_transactional(item: pytest.Item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    if {"transactional_db", "live_server", "django_db_reset_sequences"} & names:
        return True
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    return bool(
        marker.kwargs.get("transaction")
        or marker.kwargs.get("reset_sequences")
        or (marker.args and marker.args[0])
    )


# --- capture after migrate, restore after every flush --------------------------
def _quote(connection: Any, name: str) -> str:
    return connection.ops.quote_name(name)


def _sqlite_store(connection: Any) -> str:
    return str(Path(connection.settings_dict["NAME"]).with_suffix(".reference.sqlite3"))


@contextmanager
def _reference_store(connection: Any) -> Iterator[str]:
    """Yield the prefix that names the side store's tables on this connection."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"ATTACH DATABASE %s AS {REFERENCE_ALIAS}", [_sqlite_store(connection)])
        try:
            yield REFERENCE_ALIAS
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"DETACH DATABASE {REFERENCE_ALIAS}")
    elif connection.vendor == "postgresql":
        yield REFERENCE_SCHEMA
    else:  # pragma: no cover - the project runs on these two engines only
        raise RuntimeError(f"no reference store for {connection.vendor}")


def capture(alias: str = "default") -> None:
    """Copy every non-empty table of the freshly migrated test database aside."""
    from django.db import connections

    connection = connections[alias]
    if connection.vendor == "sqlite":
        Path(_sqlite_store(connection)).unlink(missing_ok=True)
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {REFERENCE_SCHEMA} CASCADE")
            cursor.execute(f"CREATE SCHEMA {REFERENCE_SCHEMA}")
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    captured = []
    with _reference_store(connection) as store, connection.cursor() as cursor:
        for table in sorted(tables):
            quoted = _quote(connection, table)
            # Names below come from Django's introspection, quoted: no user input.
            cursor.execute(f"SELECT 1 FROM {quoted} LIMIT 1")  # noqa: S608
            if cursor.fetchone() is None:
                continue
            columns = [
                column.name
                for column in connection.introspection.get_table_description(cursor, table)
            ]
            column_list = ", ".join(_quote(connection, c) for c in columns)
            cursor.execute(
                f"CREATE TABLE {store}.{quoted} AS SELECT {column_list} FROM {quoted}"  # noqa: S608
            )
            captured.append((table, column_list))
    _captured[alias] = captured


def restore(alias: str = "default") -> None:
    """Put the captured rows back (after a flush, and after the ``post_migrate``
    handlers that the flush ran re-created content types under new ids)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections, transaction

    captured = _captured.get(alias)
    if not captured:
        return
    connection = connections[alias]
    with (
        _reference_store(connection) as store,
        transaction.atomic(using=alias),
        connection.cursor() as cursor,
    ):
        for table, column_list in captured:
            quoted = _quote(connection, table)
            cursor.execute(f"DELETE FROM {quoted}")  # noqa: S608 (introspected names)
            cursor.execute(
                f"INSERT INTO {quoted} ({column_list}) "  # noqa: S608 (introspected names)
                f"SELECT {column_list} FROM {store}.{quoted}"
            )
    ContentType.objects.clear_cache()
    # As after every transactional test: leave no connection open (under
    # Playwright this one can be a context-local object that Django's
    # teardown would never close, which keeps PostgreSQL from dropping the
    # test database at the end).
    connection.close()


def discard(alias: str = "default") -> None:
    from django.db import connections

    connection = connections[alias]
    if connection.vendor == "sqlite":
        Path(_sqlite_store(connection)).unlink(missing_ok=True)
    _captured.pop(alias, None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """pytest-django's database set-up, then the reference data copied aside."""
    with django_db_blocker.unblock():
        capture()
    yield
    with django_db_blocker.unblock():
        discard()


def pytest_fixture_post_finalizer(fixturedef: Any, request: pytest.FixtureRequest) -> None:
    """Right after pytest-django's per-test database helper is torn down (for a
    transactional test, that is the flush), put the reference data back."""
    if fixturedef.argname != "_django_db_helper" or not is_transactional(request.node):
        return
    from pytest_django.plugin import blocking_manager_key

    with request.config.stash[blocking_manager_key].unblock():
        restore()


# --- data shared by every test of a module --------------------------------------
_shared_open: list[str] = []


def _refuse_transactional_inside_shared_data(item: pytest.Item) -> None:
    if _shared_open and is_transactional(item):
        pytest.fail(
            f"{item.nodeid} is transactional but runs while shared data is open "
            f"({', '.join(_shared_open)}): a flush cannot run inside that transaction. "
            "Move it to another module, or scope the shared data to a class.",
            pytrace=False,
        )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _refuse_transactional_inside_shared_data(item)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    _refuse_transactional_inside_shared_data(item)


@contextmanager
def shared_for_the_module(django_db_blocker: Any) -> Iterator[None]:
    """Open an outer transaction for a module-scoped fixture to build data in.

    Use it in a ``scope="module"`` fixture (which pytest sets up before any
    function-scoped ``db``), for data every test of the module reads::

        @pytest.fixture(scope="module")
        def demo(django_db_setup, django_db_blocker):
            with shared_for_the_module(django_db_blocker):
                load_demo(...)
                yield

    Each test's own transaction (pytest-django's ``db``) becomes a savepoint
    inside it, so what a test writes is still rolled back after it; at the
    end of the module the shared data is rolled back too. The data is
    visible to every later test of the module, so use it only in modules
    (or classes, with ``scope="class"``) whose tests all expect it, and
    never with transactional tests (the plugin fails one that would run
    while shared data is open).
    """
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        _shared_open.append("shared_for_the_module")
        try:
            yield
        finally:
            _shared_open.pop()
            transaction.set_rollback(True)
