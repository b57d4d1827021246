"""The tenant: one Koperasi Desa/Kelurahan Merah Putih.

Every tenant-owned table elsewhere carries ``cooperative_id``. A cooperative
covers one or more villages (a desa under 500 inhabitants may join its
neighbours); the primary village gives its slug, kecamatan and regency.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kopdes.cooperatives.models.choices import Stage
from kopdes.core.models import Region


class CooperativeKind(models.TextChoices):
    KDMP = "KDMP", _("Koperasi Desa Merah Putih")
    KKMP = "KKMP", _("Koperasi Kelurahan Merah Putih")


class FormationModel(models.TextChoices):
    BARU = "baru", _("Pembentukan baru")
    PENGEMBANGAN = "pengembangan", _("Pengembangan koperasi yang ada")
    REVITALISASI = "revitalisasi", _("Revitalisasi koperasi yang ada")


class CooperativeStatus(models.TextChoices):
    # Coarse life-cycle kept consistent with the formation stage by the
    # pipeline services (see kopdes/cooperatives/pipeline.py); only
    # "tidak_aktif" is set by hand.
    PEMBENTUKAN = "pembentukan", _("Dalam pembentukan")
    BERBADAN_HUKUM = "berbadan_hukum", _("Berbadan hukum")
    BEROPERASI = "beroperasi", _("Beroperasi")
    TIDAK_AKTIF = "tidak_aktif", _("Tidak aktif")


def default_kind_for(village: Region) -> str:
    return CooperativeKind.KKMP if village.kind == "kelurahan" else CooperativeKind.KDMP


def default_name_for(kind: str, village: Region) -> str:
    """The naming rule of Inpres 9/2025 (docs/domain.md §1)."""
    word = "Kelurahan" if kind == CooperativeKind.KKMP else "Desa"
    return f"Koperasi {word} Merah Putih {village.name}"


def slug_for(village: Region) -> str:
    # Village codes are stable and unique; names are not (and get renamed).
    return village.code.replace(".", "")


class CooperativeQuerySet(models.QuerySet["Cooperative"]):
    def with_regions(self) -> CooperativeQuerySet:
        return self.select_related(
            "primary_village", "primary_village__parent", "primary_village__parent__parent"
        )

    def in_regency(self, regency: Region) -> CooperativeQuerySet:
        return self.filter(primary_village__parent__parent=regency)


class Cooperative(models.Model):
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=4, choices=CooperativeKind.choices)
    slug = models.SlugField(_("kode URL"), max_length=40, unique=True)
    primary_village = models.ForeignKey(
        Region,
        verbose_name=_("desa/kelurahan utama"),
        on_delete=models.PROTECT,
        related_name="primary_cooperatives",
        limit_choices_to={"level": 4},
    )
    villages = models.ManyToManyField(
        Region, verbose_name=_("wilayah kerja"), related_name="cooperatives", blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CooperativeStatus.choices,
        default=CooperativeStatus.PEMBENTUKAN,
    )
    formation_model = models.CharField(
        _("model pembentukan"),
        max_length=20,
        choices=FormationModel.choices,
        default=FormationModel.BARU,
    )
    # Stored (not only derived) so the district list can filter, sort and count
    # by stage in SQL; the pipeline services recompute it from the recorded
    # steps in the same transaction as every step change.
    stage = models.CharField(
        _("tahap"), max_length=24, choices=Stage.choices, default=Stage.BELUM_MULAI, db_index=True
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = CooperativeQuerySet.as_manager()

    class Meta:
        ordering = ["primary_village__code"]
        verbose_name = _("koperasi")
        verbose_name_plural = _("koperasi")

    def __str__(self) -> str:
        return self.name

    @property
    def kecamatan(self) -> Region | None:
        return self.primary_village.parent

    @property
    def regency(self) -> Region | None:
        return self.primary_village.ancestor(2)

    @property
    def time_zone(self) -> str:
        return self.primary_village.effective_time_zone()
