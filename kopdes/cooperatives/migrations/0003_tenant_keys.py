"""Tenant keys for the registry (docs/tenancy.md, ADR 0009).

* History rows without a cooperative (district logins, regency-wide grants)
  move to their own shared table; ``ChangeRecord.cooperative`` becomes NOT NULL.
* PostgreSQL: unique ``(cooperative_id, id)`` on the tables tenant rows point
  to, and composite foreign keys from the registry's documents to their step or
  RAT record, so the database refuses a document of another cooperative's step.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from kopdes.core.tenancy import AddTenantForeignKey, AddTenantKey

_COLUMNS = (
    "actor_id, at, source, action, object_type, object_id, object_label, "
    "field, field_label, old_value, new_value"
)


def move_district_history(apps, schema_editor):
    """Rows outside any cooperative go to the district table, times and all."""
    change = apps.get_model("cooperatives", "ChangeRecord")._meta.db_table
    district = apps.get_model("cooperatives", "DistrictChangeRecord")._meta.db_table
    q = schema_editor.quote_name
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {q(district)} ({_COLUMNS}) SELECT {_COLUMNS} FROM {q(change)} "  # noqa: S608
            "WHERE cooperative_id IS NULL ORDER BY at, id"
        )
        cursor.execute(f"DELETE FROM {q(change)} WHERE cooperative_id IS NULL")  # noqa: S608


def move_back(apps, schema_editor):
    change = apps.get_model("cooperatives", "ChangeRecord")._meta.db_table
    district = apps.get_model("cooperatives", "DistrictChangeRecord")._meta.db_table
    q = schema_editor.quote_name
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {q(change)} ({_COLUMNS}) SELECT {_COLUMNS} FROM {q(district)} "  # noqa: S608
            "ORDER BY at, id"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cooperatives", "0002_registry"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="DistrictChangeRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "at",
                    models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="waktu"),
                ),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("web", "Web"),
                            ("api", "API"),
                            ("command", "Perintah"),
                            ("demo", "Data demo"),
                        ],
                        max_length=10,
                        verbose_name="melalui",
                    ),
                ),
                (
                    "action",
                    models.CharField(
                        choices=[("create", "Dibuat"), ("update", "Diubah"), ("delete", "Dihapus")],
                        max_length=10,
                        verbose_name="aksi",
                    ),
                ),
                ("object_type", models.CharField(max_length=60)),
                ("object_id", models.BigIntegerField()),
                ("object_label", models.CharField(max_length=200, verbose_name="objek")),
                ("field", models.CharField(blank=True, max_length=60, verbose_name="kolom")),
                (
                    "field_label",
                    models.CharField(blank=True, max_length=100, verbose_name="nama kolom"),
                ),
                ("old_value", models.TextField(blank=True, verbose_name="nilai lama")),
                ("new_value", models.TextField(blank=True, verbose_name="nilai baru")),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "riwayat perubahan kabupaten",
                "verbose_name_plural": "riwayat perubahan kabupaten",
                "ordering": ["-at", "-pk"],
                "abstract": False,
                "indexes": [
                    models.Index(
                        fields=["object_type", "object_id"], name="coop_districtchange_object"
                    )
                ],
            },
        ),
        migrations.RunPython(move_district_history, move_back, elidable=False),
        migrations.AlterField(
            model_name="changerecord",
            name="cooperative",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="changes",
                to="cooperatives.cooperative",
            ),
        ),
        AddTenantKey("BusinessUnit"),
        AddTenantKey("FormationStep"),
        AddTenantKey("RatRecord"),
        AddTenantForeignKey("RegistryDocument", "step"),
        AddTenantForeignKey("RegistryDocument", "rat"),
    ]
