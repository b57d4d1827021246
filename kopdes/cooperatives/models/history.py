"""The registry's audit trail: one row per changed field, written by the services.

A change inside a cooperative is a ``ChangeRecord`` (a tenant row, filed under
that cooperative); a change outside any cooperative (a district login, a
regency-wide grant) is a ``DistrictChangeRecord`` (shared). See
docs/tenancy.md, "Tables and keys".
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kopdes.cooperatives.models.choices import ChangeAction, ChangeSource


class ChangeFields(models.Model):
    """What every history row records, wherever it is filed."""

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
        abstract = True
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.object_label} · {self.field} · {self.at:%Y-%m-%d %H:%M}"


class ChangeRecord(ChangeFields):
    """A change inside one cooperative."""

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        on_delete=models.CASCADE,
        related_name="changes",
    )

    class Meta(ChangeFields.Meta):
        verbose_name = _("riwayat perubahan")
        verbose_name_plural = _("riwayat perubahan")
        indexes = [
            models.Index(fields=["cooperative", "-at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]


class DistrictChangeRecord(ChangeFields):
    """A change outside any cooperative: a district login, a regency-wide grant."""

    class Meta(ChangeFields.Meta):
        verbose_name = _("riwayat perubahan kabupaten")
        verbose_name_plural = _("riwayat perubahan kabupaten")
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="coop_districtchange_object"),
        ]

    # Read like a ChangeRecord: filed under no cooperative.
    @property
    def cooperative(self) -> None:
        return None

    @property
    def cooperative_id(self) -> None:
        return None
