"""The district list's filter form: a GET form, so every filtered view is a bookmarkable URL.

The form only renders the controls and echoes the query string; the values
are read by ``RegistryFilters.from_mapping`` (reg's selector), which ignores
anything unknown, so a hand-edited URL cannot break the page.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kopdes.cooperatives.models import CooperativeKind, Phase, Stage, UnitKind, UnitStatus
from kopdes.cooperatives.warnings import WARNING_LABELS
from kopdes.core.forms import BootstrapFormMixin

ALL = [("", _("Semua"))]


class RegistryFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("Cari nama atau desa"), required=False, max_length=100)
    kecamatan = forms.ChoiceField(label=_("Kecamatan"), required=False)
    kind = forms.ChoiceField(
        label=_("Jenis"), required=False, choices=[*ALL, *CooperativeKind.choices]
    )
    phase = forms.ChoiceField(
        label=_("Kelompok tahap"), required=False, choices=[*ALL, *Phase.choices]
    )
    stage = forms.ChoiceField(label=_("Tahap"), required=False, choices=[*ALL, *Stage.choices])
    unit_kind = forms.ChoiceField(
        label=_("Jenis unit"), required=False, choices=[*ALL, *UnitKind.choices]
    )
    unit_status = forms.ChoiceField(
        label=_("Status unit"), required=False, choices=[*ALL, *UnitStatus.choices]
    )
    warning = forms.ChoiceField(
        label=_("Peringatan"),
        required=False,
        choices=[
            *ALL,
            ("any", _("Ada peringatan")),
            ("none", _("Tanpa peringatan")),
            *WARNING_LABELS.items(),
        ],
    )

    def __init__(self, *args: Any, kecamatans: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["kecamatan"])
        field.choices = [*ALL, *((k.code, k.name) for k in kecamatans)]
