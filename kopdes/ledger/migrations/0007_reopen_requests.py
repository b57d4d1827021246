"""Reopen requests: a pengurus asks, a pengawas decides from their own session.

See docs/ledger.md, "Periods and closes".
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0006_posting_hardening"),
        ("cooperatives", "0002_registry"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="periodevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("close", "Tutup bulan"),
                    ("reopen", "Buka kembali"),
                    ("year_close", "Tutup tahun"),
                    ("rat_approved", "Disahkan RAT"),
                    ("reopen_request", "Permintaan buka kembali"),
                    ("reopen_reject", "Permintaan buka kembali ditolak"),
                    ("reopen_cancel", "Permintaan buka kembali dibatalkan"),
                ],
                max_length=14,
            ),
        ),
        migrations.CreateModel(
            name="ReopenRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("reason", models.TextField(verbose_name="alasan")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Menunggu persetujuan"),
                            ("approved", "Disetujui"),
                            ("rejected", "Ditolak"),
                            ("cancelled", "Dibatalkan"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "requested_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="diminta pada"),
                ),
                (
                    "decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="diputuskan pada"),
                ),
                ("decision_note", models.TextField(blank=True, verbose_name="catatan keputusan")),
                (
                    "cooperative",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cooperatives.cooperative",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "period",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reopen_requests",
                        to="ledger.period",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "permintaan buka kembali periode",
                "verbose_name_plural": "permintaan buka kembali periode",
                "ordering": ["cooperative_id", "-requested_at", "-id"],
                "indexes": [
                    models.Index(fields=["cooperative", "status"], name="ledger_reopen_status_idx")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("status", "pending")),
                        fields=("cooperative", "period"),
                        name="ledger_reopen_one_pending",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("status__in", ["pending", "approved", "rejected", "cancelled"])
                        ),
                        name="ledger_reopen_status",
                    ),
                ],
            },
        ),
    ]
