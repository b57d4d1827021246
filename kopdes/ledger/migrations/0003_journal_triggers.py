"""The journal's database guards (see kopdes/ledger/triggers.py and ADR 0004).

They are also re-created after every migrate, because SQLite drops a
table's triggers when a later migration rebuilds it.
"""

from django.db import migrations


def install(apps, schema_editor):
    from kopdes.ledger.triggers import install_triggers

    install_triggers(schema_editor.connection)


def drop(apps, schema_editor):
    from kopdes.ledger.triggers import drop_triggers

    drop_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0002_seed_default_chart")]

    operations = [migrations.RunPython(install, drop)]
