"""Regions: the Kemendagri hierarchy from province down to desa/kelurahan.

One table for all four levels keeps the parent chain a plain foreign key and
lets the NIK check look a code up at any level. Regions carry validity dates
because villages are being reorganised (IKN) and old codes live on in NIKs.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.IntegerChoices):
    PROVINSI = 1, _("Provinsi")
    KABUPATEN = 2, _("Kabupaten/Kota")
    KECAMATAN = 3, _("Kecamatan")
    DESA = 4, _("Desa/Kelurahan")


class RegionKind(models.TextChoices):
    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")
    KECAMATAN = "kecamatan", _("Kecamatan")
    DESA = "desa", _("Desa")
    KELURAHAN = "kelurahan", _("Kelurahan")


class RegionQuerySet(models.QuerySet["Region"]):
    def current(self, on: date | None = None) -> RegionQuerySet:
        on = on or timezone.localdate()
        return self.filter(is_current=True).filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=on),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=on),
        )

    def villages(self) -> RegionQuerySet:
        return self.filter(level=RegionLevel.DESA)


class Region(models.Model):
    code = models.CharField(_("kode"), max_length=16, unique=True)
    # The code without dots: the form in which it appears inside an NIK.
    nik_code = models.CharField(_("kode NIK"), max_length=12, db_index=True)
    name = models.CharField(_("nama"), max_length=120)
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=RegionLevel.choices)
    kind = models.CharField(_("jenis"), max_length=12, choices=RegionKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # False for codes that only survive in older decrees (for example Papua
    # before its 2022 split): still valid inside an NIK, not for new records.
    is_current = models.BooleanField(_("berlaku"), default=True)
    valid_from = models.DateField(_("berlaku sejak"), null=True, blank=True)
    valid_to = models.DateField(_("berlaku sampai"), null=True, blank=True)
    # IANA zone for a province or regency; blank means "inherit from parent".
    time_zone = models.CharField(_("zona waktu"), max_length=40, blank=True)
    centroid_lat = models.FloatField(_("lintang pusat"), null=True, blank=True)
    centroid_lng = models.FloatField(_("bujur pusat"), null=True, blank=True)
    boundary = models.JSONField(_("batas wilayah (GeoJSON)"), null=True, blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="region_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.nik_code:
            self.nik_code = self.code.replace(".", "")
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        if self.level == RegionLevel.DESA:
            return f"{self.get_kind_display()} {self.name}"
        if self.level == RegionLevel.KECAMATAN:
            return f"Kecamatan {self.name}"
        return self.name

    def effective_time_zone(self) -> str:
        """The zone of this region, walking up to the province, else the default."""
        region: Region | None = self
        while region is not None:
            if region.time_zone:
                return region.time_zone
            region = region.parent
        return str(settings.TIME_ZONE)

    def ancestor(self, level: int) -> Region | None:
        region: Region | None = self
        while region is not None and region.level > level:
            region = region.parent
        return region if region is not None and region.level == level else None
