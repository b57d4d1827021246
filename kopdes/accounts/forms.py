from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopdes.core.forms import BootstrapFormMixin


class LoginForm(BootstrapFormMixin, AuthenticationForm):
    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("Nama pengguna atau kata sandi salah."),
        "inactive": _("Akun ini tidak aktif. Hubungi admin Dinas."),
    }


class PasswordChangeForm(BootstrapFormMixin, auth_forms.PasswordChangeForm):
    """Django's password change, in Indonesian and Bootstrap's look."""

    error_messages = {
        **auth_forms.PasswordChangeForm.error_messages,
        "password_incorrect": _("Kata sandi lama salah. Silakan coba lagi."),
        "password_mismatch": _("Kedua kata sandi baru tidak sama."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Kata sandi lama")
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")
        self.fields["new_password1"].help_text = _(
            "Minimal 8 karakter, tidak hanya angka, tidak mirip nama pengguna, "
            "dan bukan kata sandi yang umum."
        )


class OtpCodeForm(BootstrapFormMixin, forms.Form):
    """One box for a 6-digit app code or a recovery code (xxxx-xxxx)."""

    code = forms.CharField(
        label=_("Kode"),
        max_length=20,
        error_messages={"required": _("Masukkan kode.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
                "class": "form-control-lg text-center",
            }
        ),
    )


class SetupCodeForm(OtpCodeForm):
    code = forms.CharField(
        label=_("Kode 6 angka dari aplikasi"),
        max_length=10,
        error_messages={"required": _("Masukkan kode 6 angka.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "autofocus": True,
                "class": "form-control-lg text-center",
            }
        ),
    )


# Every token expires (docs/tenancy.md, "People and access"): there is no "never".
TOKEN_LIFETIMES = [
    ("90", _("90 hari")),
    ("30", _("30 hari")),
    ("7", _("7 hari")),
    ("365", _("1 tahun")),
]


class ApiTokenForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Nama token"),
        max_length=80,
        help_text=_("Untuk apa token ini, misalnya “Laporan Excel bulanan”."),
        error_messages={"required": _("Nama token wajib diisi.")},
    )
    lifetime = forms.ChoiceField(label=_("Berlaku selama"), choices=TOKEN_LIFETIMES, initial="90")
    read_only = forms.BooleanField(
        label=_("Hanya baca (tidak dapat mengubah data)"),
        required=False,
        help_text=_("Pilih ini untuk laporan dan lembar kerja yang hanya membaca data."),
    )

    def expires_at(self) -> datetime:
        return timezone.now() + timedelta(days=int(self.cleaned_data["lifetime"]))
