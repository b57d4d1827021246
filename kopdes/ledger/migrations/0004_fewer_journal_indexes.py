"""Drop the per-column cooperative indexes of entry and line (composite ones lead with it).

SQLite rebuilds both tables for this, and refuses to while the guards name
them: drop the guards first; the post_migrate handler re-creates them.
"""

import django.db.models.deletion
from django.db import migrations, models


def drop_guards(apps, schema_editor):
    from kopdes.ledger.triggers import drop_triggers

    drop_triggers(schema_editor.connection)


def install_guards(apps, schema_editor):
    from kopdes.ledger.triggers import install_triggers

    install_triggers(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ('cooperatives', '0002_registry'),
        ('ledger', '0003_journal_triggers'),
    ]

    operations = [
        migrations.RunPython(drop_guards, install_guards),
        migrations.AlterField(
            model_name='entry',
            name='cooperative',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='ledger_entries', to='cooperatives.cooperative'),
        ),
        migrations.AlterField(
            model_name='line',
            name='cooperative',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='cooperatives.cooperative'),
        ),
        migrations.RunPython(install_guards, drop_guards),
    ]
