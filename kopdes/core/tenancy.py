"""Which table belongs to whom, and the keys that let the schema grow (docs/tenancy.md, ADR 0009).

Every model is classified here, by its label:

* ``TENANT``: each row belongs to one cooperative. The table has a NOT NULL
  ``cooperative_id``; it leads every unique constraint; on PostgreSQL every
  foreign key to another tenant table is composite ``(cooperative_id, x_id)``
  referencing the target's unique ``(cooperative_id, id)``, so the database
  refuses a row that points into another cooperative, and the tables can
  later be sharded by ``cooperative_id`` (Citus distributed tables).
* ``SHARED``: one copy that every cooperative reads and tenant rows may point
  to: regions, the cooperatives themselves, logins, their grants and second
  factors (Citus reference tables). A shared table never points into a tenant
  table.
* ``LOCAL``: the framework's own bookkeeping in each database (content types,
  permissions, sessions, the admin's log, lockout records, demo sections).
  Nothing of a tenant points to it.

A model missing from this list fails ``tests/test_tenant_catalogue.py``, which
also holds the real database schema to the rules above (``catalogue``).

Composite keys are written by the migration operations at the end of this
module (``AddTenantKey``, ``AddTenantForeignKey``): PostgreSQL only; SQLite
keeps the services' checks.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps as global_apps
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.operations.base import Operation

TENANT = "tenant"
SHARED = "shared"
LOCAL = "local"

TENANT_COLUMN = "cooperative_id"

# Whole framework apps whose every model is LOCAL.
LOCAL_APPS = frozenset({"admin", "auth", "contenttypes", "sessions", "axes"})

CLASSIFICATION: dict[str, str] = {
    # core
    "core.Region": SHARED,
    # cooperatives
    "cooperatives.Cooperative": SHARED,
    "cooperatives.Cooperative_villages": TENANT,
    "cooperatives.Officer": TENANT,
    "cooperatives.BusinessUnit": TENANT,
    "cooperatives.FormationStep": TENANT,
    "cooperatives.RegistryDocument": TENANT,
    "cooperatives.RatRecord": TENANT,
    "cooperatives.ChangeRecord": TENANT,
    "cooperatives.DistrictChangeRecord": SHARED,
    # accounts: a login and its grants span cooperatives (a BA's several, the Dinas all)
    "accounts.User": SHARED,
    "accounts.User_groups": SHARED,
    "accounts.User_user_permissions": SHARED,
    "accounts.Grant": SHARED,
    "accounts.ApiToken": SHARED,
    "otp_totp.TOTPDevice": SHARED,
    "otp_static.StaticDevice": SHARED,
    "otp_static.StaticToken": SHARED,
    # ledger
    "ledger.Account": TENANT,
    "ledger.Period": TENANT,
    "ledger.BookYear": TENANT,
    "ledger.EntryCounter": TENANT,
    "ledger.Entry": TENANT,
    "ledger.Line": TENANT,
    "ledger.Snapshot": TENANT,
    "ledger.PeriodEvent": TENANT,
    "ledger.Notice": TENANT,
    "ledger.ReopenRequest": TENANT,
    # demo
    "demo.LoadedSection": LOCAL,
    # tests only (config/test_settings.py): money columns in SQL
    "ormcheck.Movement": LOCAL,
}


def classify(model: type[models.Model]) -> str | None:
    """TENANT, SHARED or LOCAL for a model (None: unclassified, which the catalogue refuses)."""
    label = model._meta.label
    if label in CLASSIFICATION:
        return CLASSIFICATION[label]
    if model._meta.app_label in LOCAL_APPS:
        return LOCAL
    return None


def all_models() -> list[type[models.Model]]:
    """Every concrete model with a table, auto-created many-to-many tables included."""
    return [
        m
        for m in global_apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy
    ]


def tables_by_class() -> dict[str, str | None]:
    """Table name -> classification, for every model's table."""
    return {m._meta.db_table: classify(m) for m in all_models()}


# --- the catalogue: the real schema against the rules ----------------------------


@dataclass
class Catalogue:
    """What breaks each rule; every list must be empty (tests/test_tenant_catalogue.py)."""

    unclassified_models: list[str] = field(default_factory=list)
    tables_without_model: list[str] = field(default_factory=list)
    tenant_tables_without_not_null_key: list[str] = field(default_factory=list)
    unique_constraints_not_led_by_key: list[str] = field(default_factory=list)
    foreign_keys_across_classes: list[str] = field(default_factory=list)
    # PostgreSQL only (None elsewhere: SQLite keeps the service checks).
    tenant_targets_without_unique_key: list[str] | None = None
    tenant_foreign_keys_not_composite: list[str] | None = None

    def counts(self) -> dict[str, int | None]:
        return {name: (None if value is None else len(value)) for name, value in vars(self).items()}

    def failures(self) -> dict[str, list[str]]:
        return {name: value for name, value in vars(self).items() if value}


def catalogue(connection: BaseDatabaseWrapper) -> Catalogue:
    """Introspect the database behind ``connection`` and list every breach of the rules."""
    result = Catalogue()
    classes = tables_by_class()
    result.unclassified_models = sorted(m._meta.label for m in all_models() if classify(m) is None)
    tenant = {t for t, c in classes.items() if c == TENANT}
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        result.tables_without_model = sorted(present - set(classes) - {"django_migrations"})
        constraints = {t: connection.introspection.get_constraints(cursor, t) for t in present}
        for table in sorted(tenant & present):
            columns = {
                c.name: c for c in connection.introspection.get_table_description(cursor, table)
            }
            key = columns.get(TENANT_COLUMN)
            if key is None or key.null_ok:
                result.tenant_tables_without_not_null_key.append(table)
            for name, info in sorted(constraints[table].items()):
                leading = (info["columns"] or [None])[0]
                if info["unique"] and not info["primary_key"] and leading != TENANT_COLUMN:
                    result.unique_constraints_not_led_by_key.append(
                        f"{table}.{name} {info['columns']}"
                    )
        for table in sorted(present & set(classes)):
            for _name, info in sorted(constraints[table].items()):
                target = (info.get("foreign_key") or (None, None))[0]
                if target is None or target not in classes:
                    continue
                source_class, target_class = classes[table], classes[target]
                # Citus: a reference (shared) table cannot point into a distributed
                # one, and a distributed table only to reference or co-located tables.
                if (source_class != TENANT and target_class == TENANT) or (
                    source_class == TENANT and target_class == LOCAL
                ):
                    result.foreign_keys_across_classes.append(
                        f"{table}.{info['columns'][0]} ({source_class}) -> {target} "
                        f"({target_class})"
                    )
        if connection.vendor == "postgresql":
            _postgres_rules(cursor, result, tenant, constraints)
    return result


def _postgres_rules(
    cursor: Any, result: Catalogue, tenant: set[str], constraints: dict[str, Any]
) -> None:
    cursor.execute(
        """
        SELECT c.conname, src.relname, dst.relname,
               ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n
                     ORDER BY k.i),
               ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                     JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n
                     ORDER BY k.i)
          FROM pg_constraint c
          JOIN pg_class src ON src.oid = c.conrelid
          JOIN pg_class dst ON dst.oid = c.confrelid
          JOIN pg_namespace ns ON ns.oid = src.relnamespace
         WHERE c.contype = 'f' AND ns.nspname = current_schema()
        """
    )
    fks = [(name, src, dst, list(cols), list(refs)) for name, src, dst, cols, refs in cursor]
    composite = {
        (src, cols[1], dst)
        for _name, src, dst, cols, refs in fks
        if len(cols) == 2 and cols[0] == TENANT_COLUMN and refs == [TENANT_COLUMN, "id"]
    }
    targets_missing: set[str] = set()
    not_composite: list[str] = []
    for _name, src, dst, cols, _refs in fks:
        if src not in tenant or dst not in tenant or len(cols) != 1:
            continue
        if not any(
            info["unique"] and info["columns"] == [TENANT_COLUMN, "id"]
            for info in constraints.get(dst, {}).values()
        ):
            targets_missing.add(dst)
        if (src, cols[0], dst) not in composite:
            not_composite.append(f"{src}.{cols[0]} -> {dst}")
    result.tenant_targets_without_unique_key = sorted(targets_missing)
    result.tenant_foreign_keys_not_composite = sorted(not_composite)


# --- migration operations (PostgreSQL only) --------------------------------------


def constraint_name(table: str, suffix: str) -> str:
    """A PostgreSQL identifier (at most 63 bytes) for ``table`` + ``suffix``."""
    name = f"{table}_{suffix}"
    if len(name) <= 63:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{name[: 63 - len(digest) - 1]}_{digest}"


def _is_postgres(schema_editor: Any) -> bool:
    return bool(schema_editor.connection.vendor == "postgresql")


class AddTenantKey(Operation):
    """PostgreSQL: ``UNIQUE (cooperative_id, id)`` on a tenant table, the target
    of composite foreign keys. Keeps ``id`` the primary key (a composite primary
    key cannot be a foreign key's target in Django)."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (self.__class__.__qualname__, [], {"model_name": self.model_name})

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass  # the database only: Django's state needs no unique constraint it never uses

    def _table(self, app_label: str, state: Any) -> str:
        return str(state.apps.get_model(app_label, self.model_name)._meta.db_table)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if not _is_postgres(schema_editor):
            return
        table = self._table(app_label, to_state)
        q = schema_editor.quote_name
        schema_editor.execute(
            f"ALTER TABLE {q(table)} ADD CONSTRAINT {q(constraint_name(table, 'tenant_key'))} "
            f"UNIQUE ({q(TENANT_COLUMN)}, {q('id')})"
        )

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if not _is_postgres(schema_editor):
            return
        table = self._table(app_label, from_state)
        q = schema_editor.quote_name
        schema_editor.execute(
            f"ALTER TABLE {q(table)} DROP CONSTRAINT IF EXISTS "
            f"{q(constraint_name(table, 'tenant_key'))}"
        )

    def describe(self) -> str:
        return f"Unique (cooperative_id, id) on {self.model_name} (PostgreSQL)"

    @property
    def migration_name_fragment(self) -> str:
        return f"tenant_key_{self.model_name.lower()}"


class AddTenantForeignKey(Operation):
    """PostgreSQL: ``FOREIGN KEY (cooperative_id, <field>_id) REFERENCES
    <target> (cooperative_id, id)``, beside Django's own foreign key.

    Like Django's it is DEFERRABLE INITIALLY DEFERRED and ON DELETE NO ACTION:
    Django carries out ``on_delete`` (CASCADE, PROTECT) itself before the
    parent row goes, so the database only checks. A NULL ``<field>_id`` passes
    (MATCH SIMPLE), as it does for the plain key. The target needs
    ``AddTenantKey`` first.
    """

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name: str, field_name: str) -> None:
        self.model_name = model_name
        self.field_name = field_name

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (
            self.__class__.__qualname__,
            [],
            {"model_name": self.model_name, "field_name": self.field_name},
        )

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass

    def _parts(self, app_label: str, state: Any) -> tuple[str, str, str]:
        model = state.apps.get_model(app_label, self.model_name)
        fk = model._meta.get_field(self.field_name)
        return model._meta.db_table, fk.column, fk.related_model._meta.db_table

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if not _is_postgres(schema_editor):
            return
        table, column, target = self._parts(app_label, to_state)
        q = schema_editor.quote_name
        name = constraint_name(table, f"{column}_tenant_fk")
        schema_editor.execute(
            f"ALTER TABLE {q(table)} ADD CONSTRAINT {q(name)} "
            f"FOREIGN KEY ({q(TENANT_COLUMN)}, {q(column)}) "
            f"REFERENCES {q(target)} ({q(TENANT_COLUMN)}, {q('id')}) "
            "ON DELETE NO ACTION DEFERRABLE INITIALLY DEFERRED"
        )

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        if not _is_postgres(schema_editor):
            return
        table, column, _target = self._parts(app_label, from_state)
        q = schema_editor.quote_name
        name = constraint_name(table, f"{column}_tenant_fk")
        schema_editor.execute(f"ALTER TABLE {q(table)} DROP CONSTRAINT IF EXISTS {q(name)}")

    def describe(self) -> str:
        return f"Composite tenant foreign key {self.model_name}.{self.field_name} (PostgreSQL)"

    @property
    def migration_name_fragment(self) -> str:
        return f"tenant_fk_{self.model_name.lower()}_{self.field_name.lower()}"
