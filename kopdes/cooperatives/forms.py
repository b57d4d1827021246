"""Forms of the registry pages. They only parse; the services validate and write.

A ``DomainError`` raised by a service carries the name of the offending field;
``add_domain_error`` puts it under that field (or above the form when the
field is not on it), so every refusal is shown where the user can fix it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kopdes.cooperatives.models import (
    CooperativeKind,
    FormationModel,
    OfficerRole,
    StepKind,
    UnitKind,
    UnitStatus,
)
from kopdes.cooperatives.rat import MAX_MEMBERS
from kopdes.core.errors import DomainError
from kopdes.core.forms import BootstrapFormMixin
from kopdes.core.money_fields import RupiahField

# Uploads are checked again by the service (magic bytes, size); the accept
# list only helps the phone's file picker offer the right files.
_DOCUMENT_ACCEPT = "application/pdf,image/jpeg,image/png"
# A label: plain text or a lazily translated string (the stubs' type is private).
Label = Any
_NOTES = _("Catatan")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        # ISO in the value attribute: what <input type=date> understands.
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _date(label: Label, *, required: bool = False) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput())


def _text(label: Label, *, required: bool = False, max_length: int = 200) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=max_length)


def _notes(label: Label = _NOTES) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}))


def _document(label: Label) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": _DOCUMENT_ACCEPT}),
        help_text=_("PDF, JPEG atau PNG."),
    )


def add_domain_error(
    form: forms.BaseForm, error: DomainError, aliases: dict[str, str] | None = None
) -> None:
    """Put a service's refusal under the field it names (``aliases`` map service names to ours)."""
    name = (aliases or {}).get(error.field or "", error.field)
    field = name if name in form.fields else None
    form.add_error(field, error.message)


class StepForm(BootstrapFormMixin, forms.Form):
    done_on = _date(_("Tanggal"))
    document_number = _text(_("Nomor dokumen"), max_length=100)
    notary_name = _text(_("Nama notaris"), max_length=150)
    notes = _notes()
    skipped = forms.BooleanField(label=_("Tahap ini dilewati"), required=False)
    skip_reason = _text(_("Alasan dilewati"), max_length=300)
    documents = _document(_("Unggah dokumen"))

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind != StepKind.AKTA_PENDIRIAN:
            # The notary signs the deed only.
            del self.fields["notary_name"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("skipped"):
            if not cleaned.get("skip_reason"):
                self.add_error("skip_reason", _("Isi alasan tahap ini dilewati."))
        elif not cleaned.get("done_on") and "done_on" not in self.errors:
            self.add_error(
                "done_on", _("Isi tanggal tahap ini, atau tandai dilewati dengan alasan.")
            )
        return cleaned


class OfficerForm(BootstrapFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Jabatan"), choices=OfficerRole.choices)
    name = _text(_("Nama lengkap"), required=True, max_length=150)
    nik = forms.CharField(
        label=_("NIK"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    phone = forms.CharField(
        label=_("Nomor HP"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    kk_number = forms.CharField(
        label=_("Nomor KK"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    is_kepala_desa = forms.BooleanField(label=_("Kepala desa"), required=False)
    term_start = _date(_("Awal masa jabatan"), required=True)
    term_end = _date(_("Akhir masa jabatan"))
    ended_on = _date(_("Berhenti menjabat"))
    notes = _notes()
    # An optional login: the username of an existing, active account.
    username = forms.CharField(
        label=_("Akun login (nama pengguna)"),
        required=False,
        max_length=150,
        help_text=_("Kosongkan bila orang ini tidak memakai akun."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )

    def clean_username(self) -> Any:
        """The account itself (or None): the service takes the user, not the name."""
        username = (self.cleaned_data.get("username") or "").strip()
        if not username:
            return None
        user_model = get_user_model()
        user = user_model._default_manager.filter(
            **{user_model.USERNAME_FIELD: username}, is_active=True
        ).first()
        if user is None:
            raise forms.ValidationError(
                _("Akun %(name)s tidak ditemukan atau tidak aktif.") % {"name": username}
            )
        return user


class EndOfficerForm(BootstrapFormMixin, forms.Form):
    """The day someone left office (the record stays, greyed, on the profile)."""

    ended_on = _date(_("Berhenti menjabat sejak"), required=True)


class CooperativeForm(BootstrapFormMixin, forms.Form):
    """The cooperative's own header; the other statuses follow its formation stage."""

    name = _text(_("Nama koperasi"), required=True, max_length=200)
    kind = forms.ChoiceField(label=_("Jenis"), choices=CooperativeKind.choices)
    formation_model = forms.ChoiceField(
        label=_("Model pembentukan"), choices=FormationModel.choices
    )
    inactive = forms.BooleanField(
        label=_("Koperasi tidak aktif"),
        required=False,
        help_text=_("Bila tidak dicentang, status mengikuti tahap pembentukan."),
    )


class UnitForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Jenis unit"), choices=UnitKind.choices)
    name = _text(_("Nama unit"), max_length=150)
    status = forms.ChoiceField(label=_("Status"), choices=UnitStatus.choices)
    started_on = _date(_("Mulai beroperasi"))
    stopped_on = _date(_("Berhenti"))
    location = _text(_("Lokasi"), max_length=300)
    latitude = forms.DecimalField(
        label=_("Lintang"), required=False, max_digits=9, decimal_places=6
    )
    longitude = forms.DecimalField(label=_("Bujur"), required=False, max_digits=9, decimal_places=6)
    notes = _notes()


class UnitStatusForm(BootstrapFormMixin, forms.Form):
    """The one-field form beside each unit on the profile: change its status."""

    status = forms.ChoiceField(label=_("Status"), choices=UnitStatus.choices)
    # The day the unit started or stopped, when the new status needs one
    # and the unit has none yet (today when left empty).
    on = _date(_("Sejak tanggal"))


class RatForm(BootstrapFormMixin, forms.Form):
    book_year = forms.IntegerField(label=_("Tahun buku"), min_value=2000, max_value=2100)
    held_on = _date(_("Tanggal RAT"), required=True)
    members_total = forms.IntegerField(
        label=_("Jumlah anggota"), min_value=0, max_value=MAX_MEMBERS
    )
    members_present = forms.IntegerField(
        label=_("Anggota hadir"), min_value=0, max_value=MAX_MEMBERS
    )
    statements_approved = forms.BooleanField(label=_("Laporan keuangan disahkan"), required=False)
    shu_decision = _notes(_("Keputusan SHU"))
    shu_amount = RupiahField(label=_("Jumlah SHU"), required=False, allow_negative=True)
    pengurus_report = _notes(_("Laporan pengurus"))
    pengawas_report = _notes(_("Laporan pengawas"))
    notes = _notes()
    minutes = _document(_("Berita acara RAT"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        total, present = cleaned.get("members_total"), cleaned.get("members_present")
        if total is not None and present is not None and present > total:
            self.add_error(
                "members_present", _("Anggota hadir tidak boleh lebih dari jumlah anggota.")
            )
        return cleaned
