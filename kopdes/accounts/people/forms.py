"""Forms of the people pages. They only parse; the services in ``people.services`` check."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopdes.accounts.models import Role
from kopdes.core.forms import BootstrapFormMixin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def _role_choices(roles: Iterable[str]) -> list[tuple[str, str]]:
    allowed = set(roles)
    return [(value, str(label)) for value, label in Role.choices if value in allowed]


class _PasswordPair(forms.Form):
    password1 = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Minimal 8 karakter, tidak hanya angka, tidak mirip nama pengguna, dan bukan "
            "kata sandi yang umum. Sampaikan langsung kepada pemilik akun."
        ),
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        return cleaned


class _GrantFields(forms.Form):
    role = forms.ChoiceField(label=_("Peran"))
    cooperative: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Koperasi"),
        queryset=None,
        required=False,
        help_text=_("Untuk peran di satu koperasi (pendamping, pengurus, teller, pengawas)."),
    )
    regency: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Kabupaten/kota"),
        queryset=None,
        required=False,
        help_text=_("Untuk peran kabupaten (admin Dinas, pemantau, pelatih)."),
    )
    valid_from = forms.DateField(label=_("Berlaku sejak"), widget=DateInput())
    valid_to = forms.DateField(
        label=_("Berlaku sampai"),
        required=False,
        widget=DateInput(),
        help_text=_("Kosongkan bila tanpa batas waktu."),
    )
    note = forms.CharField(label=_("Catatan"), required=False, max_length=200)

    def setup_scope(
        self, *, roles: Iterable[str], cooperatives: Any = None, regencies: Any = None
    ) -> None:
        """Offer ``roles``; a cooperative page fixes the scope (no scope fields)."""
        self.fields["role"].choices = [("", "—"), *_role_choices(roles)]  # type: ignore[attr-defined]
        if cooperatives is None:
            del self.fields["cooperative"]
        else:
            self.fields["cooperative"].queryset = cooperatives  # type: ignore[attr-defined]
        if regencies is None:
            del self.fields["regency"]
        else:
            self.fields["regency"].queryset = regencies  # type: ignore[attr-defined]
            if regencies.count() == 1:
                self.fields["regency"].initial = regencies.first()
        self.fields["valid_from"].initial = timezone.localdate()


class PersonCreateForm(BootstrapFormMixin, _PasswordPair, _GrantFields):
    username = forms.CharField(
        label=_("Nama pengguna"),
        max_length=150,
        help_text=_("Untuk masuk; huruf kecil tanpa spasi, misalnya budi.santoso."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    phone = forms.CharField(
        label=_("Nomor HP"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    email = forms.CharField(
        label=_("Email"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    officer: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Hubungkan dengan pengurus/pegawai"),
        queryset=None,
        required=False,
        help_text=_("Pejabat koperasi ini yang belum punya akun login."),
    )

    field_order = [
        "username",
        "full_name",
        "phone",
        "email",
        "officer",
        "role",
        "cooperative",
        "regency",
        "valid_from",
        "valid_to",
        "note",
        "password1",
        "password2",
    ]

    def __init__(self, *args: Any, officers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if officers is None:
            del self.fields["officer"]
        else:
            self.fields["officer"].queryset = officers  # type: ignore[attr-defined]


class PersonEditForm(BootstrapFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    phone = forms.CharField(
        label=_("Nomor HP"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    email = forms.CharField(
        label=_("Email"), required=False, max_length=254, widget=forms.EmailInput()
    )


class PasswordResetForm(BootstrapFormMixin, _PasswordPair):
    pass


class GrantForm(BootstrapFormMixin, _GrantFields):
    pass


class EndGrantForm(BootstrapFormMixin, forms.Form):
    valid_to = forms.DateField(
        label=_("Hari terakhir berlaku"),
        widget=DateInput(),
        help_text=_("Hari ini atau sesudahnya; sejak hari berikutnya peran ini tidak berlaku."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["valid_to"].initial = timezone.localdate()
