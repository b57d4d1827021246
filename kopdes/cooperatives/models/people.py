"""Officers (pengurus, pengawas, manajer, karyawan) and business units."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopdes.cooperatives.models.choices import (
    PENGAWAS_ROLES,
    PENGURUS_ROLES,
    OfficerRole,
    UnitKind,
    UnitStatus,
)


class OfficerQuerySet(models.QuerySet["Officer"]):
    def active(self, on: date | None = None) -> OfficerQuerySet:
        """In office on ``on``: started, and not (yet) left office.

        A term that ran past its planned end is still *active* (the person
        still holds the office): that is exactly what the expired-term warning
        is about.
        """
        on = on or timezone.localdate()
        return self.filter(term_start__lte=on).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))


class Officer(models.Model):
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("koperasi"),
        on_delete=models.CASCADE,
        related_name="officers",
    )
    role = models.CharField(_("jabatan"), max_length=24, choices=OfficerRole.choices)
    name = models.CharField(_("nama"), max_length=150)
    nik = models.CharField(_("NIK"), max_length=16)
    phone = models.CharField(_("nomor HP"), max_length=16, blank=True)
    kk_number = models.CharField(_("nomor KK"), max_length=16, blank=True)
    is_kepala_desa = models.BooleanField(_("kepala desa"), default=False)
    term_start = models.DateField(_("awal masa jabatan"))
    term_end = models.DateField(_("akhir masa jabatan"), null=True, blank=True)
    # When the person actually left office (resigned, replaced); empty while in office.
    ended_on = models.DateField(_("berhenti menjabat"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="officer_posts",
    )
    notes = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfficerQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengurus/pengawas/pegawai")
        verbose_name_plural = _("pengurus/pengawas/pegawai")
        indexes = [models.Index(fields=["cooperative", "role"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="officer_term_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def is_pengurus(self) -> bool:
        return self.role in PENGURUS_ROLES

    @property
    def is_pengawas(self) -> bool:
        return self.role in PENGAWAS_ROLES

    def is_active(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.term_start <= on and (self.ended_on is None or self.ended_on > on)


class BusinessUnit(models.Model):
    """A line of business with its own revenue and cost centre (ledger lines may point here)."""

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("koperasi"),
        on_delete=models.CASCADE,
        related_name="units",
    )
    kind = models.CharField(_("jenis unit"), max_length=20, choices=UnitKind.choices)
    # Empty for a standard unit (its kind names it); required for "lainnya".
    name = models.CharField(_("nama unit"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=UnitStatus.choices, default=UnitStatus.DIRENCANAKAN
    )
    started_on = models.DateField(_("mulai beroperasi"), null=True, blank=True)
    stopped_on = models.DateField(_("berhenti"), null=True, blank=True)
    location = models.CharField(_("lokasi"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("bujur"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    notes = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unit usaha")
        verbose_name_plural = _("unit usaha")
        ordering = ["cooperative_id", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "kind", "name"], name="unit_unique_kind_name"
            ),
            models.CheckConstraint(
                condition=Q(stopped_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(stopped_on__gte=models.F("started_on")),
                name="unit_date_range",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        label = str(self.get_kind_display())
        if not self.name:
            return label
        return self.name if self.kind == UnitKind.LAINNYA else f"{label} {self.name}"
