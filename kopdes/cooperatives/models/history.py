"""The registry's audit trail: one row per changed field, written by the services."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kopdes.cooperatives.models.choices import ChangeAction, ChangeSource


class ChangeRecord(models.Model):
    # Null only for changes outside any cooperative (a regency-wide grant).
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="changes",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    source = models.CharField(_("melalui"), max_length=10, choices=ChangeSource.choices)
    action = models.CharField(_("aksi"), max_length=10, choices=ChangeAction.choices)
    # "app_label.model" of the changed object: a plain label, not a
    # ContentType, so reading history needs no extra join or cache.
    object_type = models.CharField(max_length=60)
    object_id = models.BigIntegerField()
    object_label = models.CharField(_("objek"), max_length=200)
    field = models.CharField(_("kolom"), max_length=60, blank=True)
    field_label = models.CharField(_("nama kolom"), max_length=100, blank=True)
    old_value = models.TextField(_("nilai lama"), blank=True)
    new_value = models.TextField(_("nilai baru"), blank=True)

    class Meta:
        verbose_name = _("riwayat perubahan")
        verbose_name_plural = _("riwayat perubahan")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["cooperative", "-at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.object_label} · {self.field} · {self.at:%Y-%m-%d %H:%M}"
