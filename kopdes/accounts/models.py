"""Users, roles and dated grants, and API tokens.

A role is always held *somewhere*: a grant ties a user to a role over a
scope (one cooperative, or a whole regency) for a span of dates. A business
assistant's assignment to a cooperative is such a grant; there is no second
table for it.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    full_name = models.CharField(_("nama lengkap"), max_length=150, blank=True)
    phone = models.CharField(_("nomor HP"), max_length=16, blank=True)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.get_full_name() or self.username


class Role(models.TextChoices):
    DINAS_ADMIN = "dinas_admin", _("Admin Dinas")
    DISTRICT_VIEWER = "district_viewer", _("Pemantau Kabupaten")
    BUSINESS_ASSISTANT = "business_assistant", _("Pendamping Usaha (BA)")
    TRAINER = "trainer", _("Pelatih")
    PENGURUS = "pengurus", _("Pengurus/Manajer")
    TELLER = "teller", _("Teller/Staf")
    PENGAWAS = "pengawas", _("Pengawas")
    ANGGOTA = "anggota", _("Anggota")


# Roles granted over a regency; all others are granted over one cooperative.
REGENCY_ROLES = frozenset({Role.DINAS_ADMIN, Role.DISTRICT_VIEWER, Role.TRAINER})
COOPERATIVE_ROLES = frozenset(
    {Role.BUSINESS_ASSISTANT, Role.PENGURUS, Role.TELLER, Role.PENGAWAS, Role.ANGGOTA}
)
# Roles that must sign in with a second factor when KOPDES_REQUIRE_2FA is on.
TWO_FACTOR_ROLES = frozenset({Role.DINAS_ADMIN, Role.DISTRICT_VIEWER})


class GrantQuerySet(models.QuerySet["Grant"]):
    def active(self, on: date | None = None) -> GrantQuerySet:
        on = on or timezone.localdate()
        return self.filter(valid_from__lte=on).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        )


class Grant(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grants"
    )
    role = models.CharField(_("peran"), max_length=24, choices=Role.choices)
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        verbose_name=_("koperasi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grants",
    )
    regency = models.ForeignKey(
        "core.Region",
        verbose_name=_("kabupaten/kota"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grants",
        limit_choices_to={"level": 2},
    )
    valid_from = models.DateField(_("berlaku sejak"))
    valid_to = models.DateField(_("berlaku sampai"), null=True, blank=True)
    note = models.CharField(_("catatan"), max_length=200, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("hak akses")
        verbose_name_plural = _("hak akses")
        constraints = [
            models.CheckConstraint(
                condition=(Q(cooperative__isnull=False) & Q(regency__isnull=True))
                | (Q(cooperative__isnull=True) & Q(regency__isnull=False)),
                name="grant_has_exactly_one_scope",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="grant_valid_range",
            ),
        ]
        indexes = [models.Index(fields=["user", "valid_from"])]

    def __str__(self) -> str:
        scope = self.cooperative or self.regency
        return f"{self.user} · {self.get_role_display()} · {scope}"

    def is_active(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.valid_from <= on and (self.valid_to is None or self.valid_to >= on)


class ApiToken(models.Model):
    """A personal API token. Only a hash is stored; the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("nama token"), max_length=80)
    prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("kedaluwarsa"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # A read-only token may only read: any other method answers 403 (docs/tenancy.md).
    read_only = models.BooleanField(_("hanya baca"), default=False)

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
