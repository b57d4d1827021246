"""Posting hardening (issue #7, ADR 0008).

* Snapshots become unique per (cooperative, period, account, unit), with a
  second, partial constraint for "no unit" (NULL never equals NULL). Any
  duplicate left by the old code is dropped first (the close that stored it
  recomputes it; the verify command compares snapshots with the lines).
* The journal guards change (the flip re-checks that the lines agree with
  their entry, reversal links only on a reversal's insert, every look-up by
  cooperative): re-installed here, as after every migrate.
"""

from django.db import migrations, models


def drop_duplicate_snapshots(apps, schema_editor):
    Snapshot = apps.get_model("ledger", "Snapshot")
    seen = set()
    duplicates = []
    for pk, coop, period, account, unit in Snapshot.objects.order_by("-id").values_list(
        "id", "cooperative_id", "period_id", "account_id", "business_unit_id"
    ):
        key = (coop, period, account, unit)
        if key in seen:
            duplicates.append(pk)
        seen.add(key)
    Snapshot.objects.filter(pk__in=duplicates).delete()


def install_guards(apps, schema_editor):
    from kopdes.ledger.triggers import install_triggers

    install_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0005_balance_indexes")]

    operations = [
        migrations.RunPython(drop_duplicate_snapshots, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="snapshot",
            constraint=models.UniqueConstraint(
                condition=models.Q(("business_unit__isnull", False)),
                fields=("cooperative", "period", "account", "business_unit"),
                name="ledger_snapshot_unit",
            ),
        ),
        migrations.AddConstraint(
            model_name="snapshot",
            constraint=models.UniqueConstraint(
                condition=models.Q(("business_unit__isnull", True)),
                fields=("cooperative", "period", "account"),
                name="ledger_snapshot_no_unit",
            ),
        ),
        migrations.RunPython(install_guards, migrations.RunPython.noop),
    ]
