"""Forms of the bookkeeping pages. Money fields clean to sen; every money
form carries an idempotency token generated when the form is rendered, so a
double tap or a resubmission posts once."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kopdes.core.forms import BootstrapFormMixin
from kopdes.core.money import MAX_SEN, format_rupiah
from kopdes.core.money_fields import RupiahField
from kopdes.ledger.models import Account, CashFlowClass

# Counter-accounts a village outlet uses every day, listed first (by chart code).
COMMON_IN = ("4-1120", "4-1110", "4-1320", "4-1420", "4-1720", "7-1200", "2-1300")
COMMON_OUT = ("1-1510", "5-1100", "6-1100", "6-1200", "6-1400", "6-1800", "6-1300", "2-1300")

MSG_UNBALANCED = _("Jurnal belum seimbang: debit %(debit)s, kredit %(credit)s, selisih %(diff)s.")
MSG_TOO_FEW = _("Isi paling sedikit dua baris (satu debit dan satu kredit).")
MSG_BOTH_SIDES = _("Baris %(row)s: isi debit atau kredit saja, tidak keduanya.")
MSG_NO_AMOUNT = _("Baris %(row)s: isi jumlah debit atau kredit.")
MSG_NO_ACCOUNT = _("Baris %(row)s: pilih akunnya.")


def DateInput() -> forms.DateInput:
    # An <input type=date> takes and gives ISO dates whatever the page language.
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class IdempotentForm(BootstrapFormMixin, forms.Form):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)


def _label(account: Account) -> str:
    return f"{account.code} {account.name}"  # data, not a message


def counter_account_choices(accounts: list[Account], common: tuple[str, ...]) -> list[Any]:
    """Common accounts first, then every other one, as optgroups."""
    by_code = {a.code: a for a in accounts}
    first = [(by_code[c].pk, _label(by_code[c])) for c in common if c in by_code]
    rest = [(a.pk, _label(a)) for a in accounts if a.code not in common]
    if not first:
        return [("", _("— pilih akun —")), *rest]
    return [("", _("— pilih akun —")), (_("Sering dipakai"), first), (_("Semua akun"), rest)]


class CashEntryForm(IdempotentForm):
    direction = forms.ChoiceField(
        label=_("Jenis"),
        choices=[("masuk", _("Kas masuk")), ("keluar", _("Kas keluar"))],
        widget=forms.RadioSelect,
    )
    business_date = forms.DateField(label=_("Tanggal"), widget=DateInput())
    amount = RupiahField(label=_("Jumlah (Rp)"), min_sen=1, max_sen=MAX_SEN)
    counter_account = forms.TypedChoiceField(label=_("Akun lawan"), coerce=int)
    cash_account = forms.TypedChoiceField(label=_("Kas/bank"), coerce=int)
    business_unit = forms.TypedChoiceField(
        label=_("Unit usaha"), coerce=int, required=False, empty_value=None
    )
    memo = forms.CharField(label=_("Keterangan"), max_length=500)

    def __init__(
        self,
        *args: Any,
        accounts: list[Account],
        units: list[tuple[int, str]],
        today: date,
        direction: str = "masuk",
        counters: dict[str, list[Account]] | None = None,
        **kwargs: Any,
    ) -> None:
        """``counters``: the counter-accounts of each direction (``services.cash``);
        the field offers those of ``direction``, and the page keeps the other
        list ready (``counter_choices``) for when the user switches."""
        super().__init__(*args, **kwargs)
        cash = [a for a in accounts if a.cash_flow_class == CashFlowClass.KAS]
        others = [a for a in accounts if a.cash_flow_class != CashFlowClass.KAS]
        by_direction = counters or {direction: others}
        self.counter_choices = {
            key: counter_account_choices(rows, COMMON_IN if key == "masuk" else COMMON_OUT)
            for key, rows in by_direction.items()
        }
        self.fields["counter_account"].choices = self.counter_choices[direction]  # type: ignore[attr-defined]
        # Each direction's list drawn as a <select>, for the page to swap in.
        self.counter_options = {
            key: forms.Select(choices=choices).render(f"counter_account_{key}", None)
            for key, choices in self.counter_choices.items()
        }
        self.fields["cash_account"].choices = [(a.pk, _label(a)) for a in cash]  # type: ignore[attr-defined]
        self.fields["business_unit"].choices = [("", _("— tanpa unit —")), *units]  # type: ignore[attr-defined]
        self.initial.setdefault("direction", direction)
        self.initial.setdefault("business_date", today)
        if cash:
            self.initial.setdefault("cash_account", cash[0].pk)
        self.fields["direction"].widget.attrs["class"] = "form-check-input"


class JournalForm(IdempotentForm):
    """A general journal entry: a date, a memo and up to ``ROWS`` lines."""

    ROWS = 8

    business_date = forms.DateField(label=_("Tanggal"), widget=DateInput())
    memo = forms.CharField(label=_("Keterangan"), max_length=500)

    def __init__(
        self,
        *args: Any,
        accounts: list[Account],
        units: list[tuple[int, str]],
        today: date,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        account_choices = [("", _("— pilih akun —")), *((a.pk, _label(a)) for a in accounts)]
        unit_choices = [("", _("— tanpa unit —")), *units]
        for i in range(1, self.ROWS + 1):
            self.fields[f"account_{i}"] = forms.TypedChoiceField(
                label=_("Akun"),
                choices=account_choices,
                coerce=int,
                required=False,
                empty_value=None,
            )
            self.fields[f"debit_{i}"] = RupiahField(
                label=_("Debit"), required=False, min_sen=1, max_sen=MAX_SEN
            )
            self.fields[f"credit_{i}"] = RupiahField(
                label=_("Kredit"), required=False, min_sen=1, max_sen=MAX_SEN
            )
            self.fields[f"unit_{i}"] = forms.TypedChoiceField(
                label=_("Unit"), choices=unit_choices, coerce=int, required=False, empty_value=None
            )
            # Added after BootstrapFormMixin styled the fields: style these here.
            for name, css in (("account", "form-select"), ("unit", "form-select")):
                self.fields[f"{name}_{i}"].widget.attrs.update(
                    {"class": css, "aria-label": _("Baris %(row)s") % {"row": i}}
                )
            for side, label in (("debit", _("Debit")), ("credit", _("Kredit"))):
                self.fields[f"{side}_{i}"].widget.attrs.update(
                    {"class": "form-control", "data-journal": side, "placeholder": label}
                )
        self.initial.setdefault("business_date", today)

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "number": i,
                "account": self[f"account_{i}"],
                "debit": self[f"debit_{i}"],
                "credit": self[f"credit_{i}"],
                "unit": self[f"unit_{i}"],
            }
            for i in range(1, self.ROWS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lines = []
        for i in range(1, self.ROWS + 1):
            account, debit, credit = (
                data.get(f"account_{i}"),
                data.get(f"debit_{i}"),
                data.get(f"credit_{i}"),
            )
            if f"debit_{i}" in self.errors or f"credit_{i}" in self.errors:
                continue
            if account is None and debit is None and credit is None:
                continue
            if account is None:
                self.add_error(f"account_{i}", MSG_NO_ACCOUNT % {"row": i})
            elif debit and credit:
                self.add_error(f"credit_{i}", MSG_BOTH_SIDES % {"row": i})
            elif not debit and not credit:
                self.add_error(f"debit_{i}", MSG_NO_AMOUNT % {"row": i})
            else:
                lines.append(
                    {
                        "account": account,
                        "debit": debit or 0,
                        "credit": credit or 0,
                        "unit": data.get(f"unit_{i}"),
                    }
                )
        if self.errors:
            return data
        if len(lines) < 2:
            raise forms.ValidationError(MSG_TOO_FEW, code="too_few")
        debit = sum(line["debit"] for line in lines)
        credit = sum(line["credit"] for line in lines)
        if debit != credit:
            raise forms.ValidationError(
                MSG_UNBALANCED
                % {
                    "debit": format_rupiah(debit),
                    "credit": format_rupiah(credit),
                    "diff": format_rupiah(abs(debit - credit)),
                },
                code="unbalanced",
            )
        data["lines"] = lines
        return data


class ReverseForm(IdempotentForm):
    business_date = forms.DateField(label=_("Tanggal pembalikan"), widget=DateInput())
    memo = forms.CharField(label=_("Alasan pembalikan"), max_length=400)


class SearchForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label=_("Nomor atau keterangan"), required=False, max_length=100)
    start = forms.DateField(label=_("Dari tanggal"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DateInput())
    amount = RupiahField(label=_("Jumlah (Rp)"), required=False)


class CloseMonthForm(BootstrapFormMixin, forms.Form):
    confirm = forms.BooleanField(label=_("Saya sudah memeriksa buku bulan ini"), required=True)


class ReopenRequestForm(BootstrapFormMixin, forms.Form):
    """The pengurus asks; a pengawas decides later from their own session."""

    reason = forms.CharField(
        label=_("Alasan membuka kembali"),
        widget=forms.Textarea(attrs={"rows": 3}),
        min_length=10,
        max_length=1000,
    )


class ApproveReopenForm(BootstrapFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_("Saya, pengawas, menyetujui bulan ini dibuka kembali"), required=True
    )
    note = forms.CharField(
        label=_("Catatan (boleh kosong)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
    )


class RejectReopenForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Alasan menolak"),
        widget=forms.Textarea(attrs={"rows": 2}),
        min_length=5,
        max_length=1000,
    )


class CancelReopenForm(BootstrapFormMixin, forms.Form):
    confirm = forms.BooleanField(label=_("Batalkan permintaan ini"), required=True)


class OpeningImportForm(IdempotentForm):
    business_date = forms.DateField(
        label=_("Tanggal saldo awal"),
        widget=DateInput(),
        help_text=_("Saldo per akhir hari ini; pendapatan dan beban tahun berjalan boleh ikut."),
    )
    file = forms.FileField(
        label=_("Berkas XLSX"), help_text=_("Pakai templat yang diunduh dari halaman ini.")
    )
    as_correction = forms.BooleanField(
        label=_("Catat sebagai jurnal koreksi"),
        required=False,
        help_text=_(
            "Hanya bila buku sudah berisi jurnal atau bulan yang ditutup: berkas ini dicatat "
            "sebagai jurnal umum yang keterangannya menyebut koreksi saldo awal."
        ),
    )


PERIOD_KINDS = [("bulan", _("Bulan")), ("triwulan", _("Triwulan")), ("tahun", _("Tahun"))]
_KIND_CODES = {"bulan": "month", "triwulan": "quarter", "tahun": "year"}
_KIND_NAMES = {code: name for name, code in _KIND_CODES.items()}


class PeriodForm(BootstrapFormMixin, forms.Form):
    """The statements' period picker: month, quarter or year from selects (a GET form).

    The selects (``jenis``, ``tahun``, ``bulan``, ``triwulan``) win; a link's
    ``periode`` code (``2026-11``, ``2026-Q3``, ``2026``, as the API takes it)
    fills them when they are absent; neither means the current month. A bad
    value is an error on its field (the page says so), never a not-found page.
    """

    jenis = forms.ChoiceField(label=_("Periode"), choices=PERIOD_KINDS, required=False)
    tahun = forms.TypedChoiceField(label=_("Tahun"), coerce=int, required=False)
    bulan = forms.TypedChoiceField(label=_("Bulan"), coerce=int, required=False)
    triwulan = forms.TypedChoiceField(label=_("Triwulan"), coerce=int, required=False)
    periode = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)

    def __init__(self, data: Any = None, *, today: date, **kwargs: Any) -> None:
        from kopdes.core.timeutils import month_name_id

        query = {key: data.get(key, "") for key in self.base_fields} if data else {}
        self.today = today
        self.code_error = ""
        if query and not any(query.get(k) for k in ("jenis", "tahun", "bulan", "triwulan")):
            code = query.get("periode", "")
            query = self._from_code(code) or ({"periode": code} if self.code_error else {})
        super().__init__(query or None, **kwargs)
        years = set(range(today.year - 6, today.year + 1))
        asked = str(query.get("tahun", "")) if query else ""
        if asked.isdigit() and 2000 <= int(asked) <= 2100:
            years.add(int(asked))  # any year the books may hold, when asked for
        self.fields["tahun"].choices = [(y, str(y)) for y in sorted(years, reverse=True)]  # type: ignore[attr-defined]
        self.fields["bulan"].choices = [(m, month_name_id(m)) for m in range(1, 13)]  # type: ignore[attr-defined]
        self.fields["triwulan"].choices = [  # type: ignore[attr-defined]
            (q, _("Triwulan %(n)s") % {"n": q}) for q in range(1, 5)
        ]
        self.initial.update(
            {"jenis": "bulan", "tahun": today.year, "bulan": today.month, "triwulan": 1}
        )
        self.initial["triwulan"] = (today.month - 1) // 3 + 1

    def _from_code(self, code: str) -> dict[str, Any]:
        from kopdes.ledger.statements.periods import PeriodError, parse_period

        if not code.strip():
            return {}
        try:
            period = parse_period(code, today=self.today)
        except PeriodError as exc:
            self.code_error = exc.message
            return {}
        values: dict[str, Any] = {"jenis": _KIND_NAMES[period.kind], "tahun": period.year}
        if period.kind == "month":
            values["bulan"] = period.number
        elif period.kind == "quarter":
            values["triwulan"] = period.number
        return values

    def clean_tahun(self) -> Any:
        year = self.cleaned_data.get("tahun")
        if year in (None, ""):
            return self.today.year
        return year

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.code_error:
            self.add_error("jenis", self.code_error)
        kind = cleaned.get("jenis") or "bulan"
        if kind == "bulan" and not cleaned.get("bulan") and "bulan" not in self.errors:
            cleaned["bulan"] = self.today.month if cleaned.get("tahun") == self.today.year else 12
        if kind == "triwulan" and not cleaned.get("triwulan") and "triwulan" not in self.errors:
            self.add_error("triwulan", _("Pilih triwulannya."))
        cleaned["jenis"] = kind
        return cleaned

    def period(self) -> Any:
        """The chosen ``ReportPeriod``; the current month for an unbound form; None on errors."""
        from kopdes.ledger.statements.periods import ReportPeriod

        if not self.is_bound:
            if self.code_error:
                return None
            return ReportPeriod("month", self.today.year, self.today.month)
        if not self.is_valid():
            return None
        data = self.cleaned_data
        kind = _KIND_CODES[data["jenis"]]
        number = {"month": data.get("bulan"), "quarter": data.get("triwulan"), "year": 1}[kind]
        return ReportPeriod(kind, data["tahun"], number)  # type: ignore[arg-type]
