"""Formation steps and the documents uploaded for them (and for RAT records)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kopdes.cooperatives.models.choices import STEP_INDEX, DocumentPurpose, StepKind


class FormationStep(models.Model):
    """One recorded pipeline step: done on a date with a document, or skipped with a reason."""

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("koperasi"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    kind = models.CharField(_("tahap"), max_length=24, choices=StepKind.choices)
    done_on = models.DateField(_("tanggal"), null=True, blank=True)
    document_number = models.CharField(_("nomor dokumen"), max_length=100, blank=True)
    notary_name = models.CharField(_("nama notaris"), max_length=150, blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    skipped = models.BooleanField(_("dilewati"), default=False)
    skip_reason = models.CharField(_("alasan dilewati"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tahap pembentukan")
        verbose_name_plural = _("tahap pembentukan")
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "kind"], name="step_unique_kind"),
            # Done steps carry a date; skipped ones carry a reason instead.
            models.CheckConstraint(
                condition=(Q(skipped=False) & Q(done_on__isnull=False))
                | (Q(skipped=True) & ~Q(skip_reason="")),
                name="step_dated_or_skipped_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cooperative_id} · {self.get_kind_display()}"

    @property
    def order(self) -> int:
        return STEP_INDEX[self.kind]


def document_upload_to(instance: RegistryDocument, filename: str) -> str:
    # Kept per cooperative so a backup or a hand-over can take one folder.
    return f"cooperatives/{instance.cooperative.slug}/{instance.purpose}/{filename}"


class RegistryDocument(models.Model):
    """An uploaded PDF/JPEG/PNG, attached to a step or a RAT record."""

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", on_delete=models.CASCADE, related_name="registry_documents"
    )
    purpose = models.CharField(_("jenis dokumen"), max_length=24, choices=DocumentPurpose.choices)
    step = models.ForeignKey(
        FormationStep, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    rat = models.ForeignKey(
        "cooperatives.RatRecord",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="documents",
    )
    file = models.FileField(_("berkas"), upload_to=document_upload_to, max_length=300)
    original_name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("ukuran (byte)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(step__isnull=False) & Q(rat__isnull=True))
                | (Q(step__isnull=True) & Q(rat__isnull=False)),
                name="document_has_exactly_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name
