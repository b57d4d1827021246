# Placeholder in the migration chain; its owner fills in the operations.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("ledger", "0007_reopen_requests")]

    operations: list = []
