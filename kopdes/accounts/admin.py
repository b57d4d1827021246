"""Admin for users, grants and API tokens, with the two security resets.

"Reset 2FA" and "Buka kunci" call the same services as the ``reset_2fa``
and ``unlock_user`` commands; a password is reset with Django's own
"ubah kata sandi" form here or ``manage.py changepassword``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from kopdes.accounts import lockout, two_factor
from kopdes.accounts.models import ApiToken, Grant, User


class GrantInline(admin.TabularInline):
    model = Grant
    fk_name = "user"
    extra = 0
    fields = ("role", "cooperative", "regency", "valid_from", "valid_to", "note")
    raw_id_fields = ("cooperative", "regency")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Data diri"), {"fields": ("full_name", "phone", "email")}),
        (
            _("Izin"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Tanggal penting"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "full_name", "phone", "password1", "password2"),
            },
        ),
    )
    list_display = ("username", "full_name", "phone", "is_active", "is_staff", "has_2fa")
    list_filter = ("is_active", "is_staff", "grants__role")
    search_fields = ("username", "full_name", "phone", "email")
    ordering = ("username",)
    inlines = [GrantInline]
    actions = ["reset_two_factor_action", "unlock_action"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        # One query for the whole list instead of one per row.
        confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(_has_2fa=Exists(confirmed))

    @admin.display(boolean=True, description=_("2FA"), ordering="_has_2fa")
    def has_2fa(self, obj: Any) -> bool:
        return bool(getattr(obj, "_has_2fa", False))

    @admin.action(description=_("Reset verifikasi dua langkah (harus pasang ulang)"))
    def reset_two_factor_action(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            two_factor.reset_two_factor(user=user, actor=request.user)
            self.log_change(request, user, "Verifikasi dua langkah direset.")
        self.message_user(
            request,
            _("Verifikasi dua langkah direset untuk %(n)d pengguna.") % {"n": queryset.count()},
            messages.SUCCESS,
        )

    @admin.action(description=_("Buka kunci masuk (hapus percobaan gagal)"))
    def unlock_action(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            lockout.unlock_user(username=user.get_username(), actor=request.user)
            self.log_change(request, user, "Kunci masuk dibuka.")
        self.message_user(
            request,
            _("Kunci masuk dibuka untuk %(n)d pengguna.") % {"n": queryset.count()},
            messages.SUCCESS,
        )


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "cooperative", "regency", "valid_from", "valid_to")
    list_filter = ("role",)
    search_fields = ("user__username", "user__full_name", "cooperative__name")
    raw_id_fields = ("user", "cooperative", "regency", "granted_by")
    list_select_related = ("user", "cooperative", "regency")
    date_hierarchy = "valid_from"

    def save_model(self, request: HttpRequest, obj: Grant, form: Any, change: bool) -> None:
        if not change and obj.granted_by_id is None:
            obj.granted_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "user",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    )
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__username")
    list_select_related = ("user",)
    readonly_fields = (
        "user",
        "name",
        "prefix",
        "key_hash",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    )
    actions = ["revoke_action"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A key exists only when its owner creates it on /akun/token/.
        return False

    @admin.action(description=_("Cabut token terpilih"))
    def revoke_action(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, _("%(n)d token dicabut.") % {"n": count}, messages.SUCCESS)
