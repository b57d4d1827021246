"""Copy the default chart to every cooperative that existed before the ledger."""

from django.db import migrations


def seed_existing(apps, schema_editor):
    from kopdes.ledger.chart import seed_chart

    Cooperative = apps.get_model("cooperatives", "Cooperative")
    Account = apps.get_model("ledger", "Account")
    for cooperative in Cooperative.objects.all():
        seed_chart(cooperative, account_model=Account)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]

    operations = [migrations.RunPython(seed_existing, migrations.RunPython.noop)]
