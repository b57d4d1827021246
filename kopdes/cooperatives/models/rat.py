"""The annual members' meeting (Rapat Anggota Tahunan) of one book year."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from kopdes.core.money_fields import MoneyField

# "More than half of the members" (default; a cooperative's AD/ART may say otherwise).
DEFAULT_QUORUM_FRACTION = Decimal("0.5")


def quorum_reached(members_present: int, members_total: int, fraction: Decimal) -> bool:
    """Strictly more than ``fraction`` of the members attended."""
    return members_total > 0 and Decimal(members_present) > Decimal(members_total) * fraction


class RatRecord(models.Model):
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("koperasi"),
        on_delete=models.CASCADE,
        related_name="rat_records",
    )
    book_year = models.PositiveSmallIntegerField(_("tahun buku"))
    held_on = models.DateField(_("tanggal RAT"))
    members_total = models.PositiveIntegerField(_("jumlah anggota"))
    members_present = models.PositiveIntegerField(_("anggota hadir"))
    # The quorum rule in force for this meeting, kept with the record so a
    # later change of the AD/ART does not rewrite history.
    quorum_fraction = models.DecimalField(
        _("kuorum (bagian anggota)"),
        max_digits=4,
        decimal_places=3,
        default=DEFAULT_QUORUM_FRACTION,
    )
    statements_approved = models.BooleanField(_("laporan keuangan disahkan"), default=False)
    shu_decision = models.TextField(_("keputusan SHU"), blank=True)
    shu_amount = MoneyField(_("jumlah SHU"), null=True, blank=True)
    pengurus_report = models.TextField(_("laporan pengurus"), blank=True)
    pengawas_report = models.TextField(_("laporan pengawas"), blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("RAT")
        verbose_name_plural = _("RAT")
        ordering = ["-book_year"]
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "book_year"], name="rat_unique_year"),
            models.CheckConstraint(
                condition=models.Q(members_present__lte=models.F("members_total")),
                name="rat_present_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"RAT {self.book_year}"

    @property
    def quorum_reached(self) -> bool:
        return quorum_reached(self.members_present, self.members_total, self.quorum_fraction)
