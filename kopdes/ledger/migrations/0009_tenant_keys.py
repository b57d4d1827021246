"""Tenant keys for the books (docs/tenancy.md, ADR 0009).

* The reversal link's uniqueness (one reversal per entry) is led by the tenant
  key: unique ``(cooperative_id, reverses_id)`` instead of a one-to-one.
* PostgreSQL: unique ``(cooperative_id, id)`` on every table a ledger row
  points to, and every foreign key between tenant tables composite
  ``(cooperative_id, x_id)``, so the database itself refuses a journal line
  (or snapshot, reversal link, sub-account, period event, reopen request)
  that names another cooperative's row. SQLite keeps the services' checks and
  the journal triggers.

SQLite rebuilds the entry table for the first change, and refuses to while the
guards name it: the guards step aside and come back (as in 0004).
"""

import django.db.models.deletion
from django.db import migrations, models

from kopdes.core.tenancy import AddTenantForeignKey, AddTenantKey


def drop_guards(apps, schema_editor):
    from kopdes.ledger.triggers import drop_triggers

    drop_triggers(schema_editor.connection)


def install_guards(apps, schema_editor):
    from kopdes.ledger.triggers import install_triggers

    install_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("cooperatives", "0003_tenant_keys"),
        ("ledger", "0008_statement_classes"),
    ]

    operations = [
        migrations.RunPython(drop_guards, install_guards),
        migrations.AlterField(
            model_name="entry",
            name="reverses",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reversed_by",
                to="ledger.entry",
                verbose_name="membalik jurnal",
            ),
        ),
        migrations.AddConstraint(
            model_name="entry",
            constraint=models.UniqueConstraint(
                fields=("cooperative", "reverses"), name="ledger_entry_reversed_once"
            ),
        ),
        migrations.RunPython(install_guards, drop_guards),
        AddTenantKey("Account"),
        AddTenantKey("Period"),
        AddTenantKey("Entry"),
        AddTenantForeignKey("Account", "parent"),
        AddTenantForeignKey("Entry", "reverses"),
        AddTenantForeignKey("Line", "entry"),
        AddTenantForeignKey("Line", "account"),
        AddTenantForeignKey("Line", "business_unit"),
        AddTenantForeignKey("Snapshot", "period"),
        AddTenantForeignKey("Snapshot", "account"),
        AddTenantForeignKey("Snapshot", "business_unit"),
        AddTenantForeignKey("PeriodEvent", "period"),
        AddTenantForeignKey("ReopenRequest", "period"),
    ]
