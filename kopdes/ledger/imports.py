"""Opening balances from XLSX: a template, row-by-row validation, one balanced entry.

The template lists the cooperative's postable accounts (control accounts
left out: their balances come from the savings and loans imports, so nothing
is counted twice). The bendahara fills Debit or Kredit per row; every row is
checked first and the file is refused as a whole, listing every bad row by
number with its reason, unless all rows pass. Then the balances post as one
entry through ``post_entry``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kopdes.cooperatives.models import Cooperative
from kopdes.core.errors import DomainError
from kopdes.core.money import MoneyError, format_rupiah, parse_rupiah
from kopdes.ledger.models import Account, Entry, EntryKind, EntryStatus, Period, PeriodStatus
from kopdes.ledger.services.posting import LineInput, post_entry

HEADERS = ("Kode akun", "Nama akun", "Debit", "Kredit")
FIRST_DATA_ROW = 5  # rows 1–3 title and notes, row 4 the headers
SOURCE_APP = "ledger"


MSG_BOOKS_STARTED = _lazy(
    "Buku koperasi ini sudah berisi jurnal atau bulan yang ditutup, jadi saldo awal tidak dapat "
    "diimpor lagi. Bila berkas ini memang koreksi saldo awal, centang “Catat sebagai jurnal "
    "koreksi”."
)


class OpeningImportRefused(DomainError):
    """The file was refused; ``errors`` lists every bad row (row number, reason)."""

    def __init__(
        self,
        message: str,
        errors: list[RowError],
        *,
        field: str = "file",
        code: str = "import_refused",
    ):
        super().__init__(message, field=field, code=code)
        self.errors = errors


@dataclass(frozen=True)
class RowError:
    row: int
    message: str

    def __str__(self) -> str:
        if not self.row:
            return self.message
        return _("Baris %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass(frozen=True)
class OpeningLine:
    row: int
    account: Account
    debit: int
    credit: int


def template_workbook(cooperative: Any) -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Saldo awal"
    sheet.append([f"Saldo awal — {cooperative.name}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(
        ["Isi Debit atau Kredit (rupiah, tanpa minus) per akun; kosongkan akun tanpa saldo."]
    )
    sheet.append(
        [
            "Akun kendali (simpanan, pinjaman) tidak ada di sini: "
            "saldonya diisi lewat impor simpanan dan pinjaman."
        ]
    )
    sheet.append(list(HEADERS))
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    accounts = Account.objects.filter(
        cooperative=cooperative, is_header=False, is_active=True, control_key=""
    )
    for account in accounts.order_by("code"):
        sheet.append([account.code, account.name, None, None])
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 50
    sheet.column_dimensions["C"].width = 18
    sheet.column_dimensions["D"].width = 18
    for row in sheet.iter_rows(min_row=FIRST_DATA_ROW, min_col=3, max_col=4):
        for cell in row:
            cell.number_format = "#,##0.00"
    sheet.freeze_panes = "A5"
    return workbook


def _amount(value: Any, side: str) -> tuple[int | None, str | None]:
    """(sen, None) or (None, reason) for one cell; empty is (0, None)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0, None
    try:
        if isinstance(value, bool):
            raise MoneyError("x")
        if isinstance(value, int | float):
            # A spreadsheet number is rupiah; go through Decimal(str()) so 0.1 stays 10 sen.
            decimal = Decimal(str(value))
            if decimal < 0:
                return None, _("jumlah %(side)s tidak boleh negatif.") % {"side": side}
            if decimal != decimal.quantize(Decimal("0.01")):
                return None, _("jumlah %(side)s paling banyak dua angka di belakang koma.") % {
                    "side": side
                }
            return int(decimal * 100), None
        text = str(value).strip()
        if text.startswith("-"):
            return None, _("jumlah %(side)s tidak boleh negatif.") % {"side": side}
        return parse_rupiah(text), None
    except (MoneyError, InvalidOperation, ValueError):
        return None, _("jumlah %(side)s tidak valid (%(value)s).") % {"side": side, "value": value}


def read_rows(content: bytes) -> list[tuple[int, Any, Any, Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a non-XLSX file
        raise OpeningImportRefused(
            _("Berkas bukan XLSX yang dapat dibaca."),
            [RowError(0, _("Berkas bukan XLSX yang dapat dibaca."))],
        ) from exc
    sheet = workbook.worksheets[0]
    rows = []
    for number, values in enumerate(
        sheet.iter_rows(min_row=FIRST_DATA_ROW, values_only=True), start=FIRST_DATA_ROW
    ):
        cells = list(values) + [None] * 4
        code, debit, credit = cells[0], cells[2], cells[3]
        if code is None and debit is None and credit is None:
            continue
        rows.append((number, code, debit, credit))
    workbook.close()
    return rows


def validate_rows(
    cooperative: Any, rows: list[tuple[int, Any, Any, Any]]
) -> tuple[list[OpeningLine], list[RowError]]:
    accounts = {a.code: a for a in Account.objects.filter(cooperative=cooperative)}
    seen: dict[str, int] = {}
    lines: list[OpeningLine] = []
    errors: list[RowError] = []
    for number, raw_code, raw_debit, raw_credit in rows:
        code = str(raw_code or "").strip()
        debit, debit_error = _amount(raw_debit, "debit")
        credit, credit_error = _amount(raw_credit, "kredit")
        reasons = []
        account = accounts.get(code)
        if not code:
            reasons.append(_("kode akun kosong."))
        elif account is None:
            reasons.append(_("kode akun %(code)s tidak dikenal.") % {"code": code})
        elif account.control_key:
            reasons.append(
                _(
                    "akun %(code)s %(name)s adalah akun kendali; saldonya diisi lewat impor "
                    "simpanan atau pinjaman, bukan di sini."
                )
                % {"code": code, "name": account.name}
            )
        elif account.is_header:
            reasons.append(
                _("akun %(code)s %(name)s adalah akun induk; isi pada sub-akunnya.")
                % {"code": code, "name": account.name}
            )
        elif not account.is_active:
            reasons.append(
                _("akun %(code)s %(name)s tidak aktif.") % {"code": code, "name": account.name}
            )
        if code and code in seen:
            reasons.append(
                _("akun %(code)s sudah ada di baris %(row)s.") % {"code": code, "row": seen[code]}
            )
        elif code:
            seen[code] = number
        reasons.extend(r for r in (debit_error, credit_error) if r)
        if debit and credit:
            reasons.append(_("isi debit atau kredit saja, tidak keduanya."))
        if reasons:
            errors.extend(RowError(number, reason) for reason in reasons)
        elif account is not None and (debit or credit):
            lines.append(OpeningLine(number, account, debit or 0, credit or 0))
    return lines, errors


def check_balanced(lines: list[OpeningLine]) -> None:
    debit = sum(line.debit for line in lines)
    credit = sum(line.credit for line in lines)
    if not lines:
        message = _("Tidak ada saldo yang diisi.")
        raise OpeningImportRefused(message, [RowError(0, message)])
    if debit != credit:
        message = _(
            "Saldo awal tidak seimbang: debit %(debit)s, kredit %(credit)s, selisih %(diff)s."
        ) % {
            "debit": format_rupiah(debit),
            "credit": format_rupiah(credit),
            "diff": format_rupiah(abs(debit - credit)),
        }
        raise OpeningImportRefused(message, [RowError(0, message)])


def books_started(cooperative: Any) -> bool:
    """True once the books hold a posted entry or a closed month."""
    return (
        Entry.objects.filter(cooperative=cooperative, status=EntryStatus.POSTED).exists()
        or Period.objects.filter(cooperative=cooperative, status=PeriodStatus.CLOSED).exists()
    )


def import_opening_balances(
    *,
    cooperative: Any,
    actor: Any,
    business_date: date,
    content: bytes,
    idempotency_key: str,
    as_correction: bool = False,
) -> Any:
    """Validate every row of an XLSX file, then post one balanced entry; returns the entry."""
    return import_opening_rows(
        cooperative=cooperative,
        actor=actor,
        business_date=business_date,
        rows=read_rows(content),
        idempotency_key=idempotency_key,
        as_correction=as_correction,
    )


def import_opening_rows(
    *,
    cooperative: Any,
    actor: Any,
    business_date: date,
    rows: list[tuple[int, Any, Any, Any]],
    idempotency_key: str,
    as_correction: bool = False,
) -> Any:
    """Validate (row number, code, debit, credit) rows, then post one balanced entry.

    The books take one opening entry: once they hold a posted entry or a
    closed month, a second import is refused, unless the user chose
    ``as_correction``: then it posts as a general entry whose memo says it
    corrects the opening balances. A replay of the same idempotency key
    returns the first entry whatever the books hold by then.
    """
    lines, errors = validate_rows(cooperative, rows)
    if errors:
        raise OpeningImportRefused(
            _("Berkas ditolak: %(count)s kesalahan. Perbaiki semua baris lalu unggah lagi.")
            % {"count": len(errors)},
            errors,
        )
    check_balanced(lines)
    with transaction.atomic():
        # One import at a time per cooperative: the check below stays true until we post.
        list(Cooperative.objects.select_for_update().filter(pk=cooperative.pk))
        replay = Entry.objects.filter(
            cooperative=cooperative, idempotency_key=idempotency_key
        ).first()
        correction = False
        if replay is None and books_started(cooperative):
            if not as_correction:
                message = str(MSG_BOOKS_STARTED)
                raise OpeningImportRefused(
                    message, [RowError(0, message)], field="as_correction", code="books_started"
                )
            correction = True
        # A replay posts what the first request posted (the flag alone does not say:
        # on empty books a request ticked as a correction posted the opening entry).
        if correction or (replay is not None and replay.kind == EntryKind.GENERAL):
            # A memo is the entry's data, not page text: never translated (and the
            # idempotency hash covers it).
            memo = f"Koreksi saldo awal per {business_date:%d-%m-%Y} (impor saldo awal kedua)"
            kind = EntryKind.GENERAL
        else:
            memo = f"Saldo awal per {business_date:%d-%m-%Y}"
            kind = EntryKind.OPENING
        return post_entry(
            cooperative=cooperative,
            actor=actor,
            business_date=business_date,
            memo=memo,
            lines=[
                LineInput(account=line.account, debit=line.debit, credit=line.credit)
                for line in lines
            ],
            idempotency_key=idempotency_key,
            source_app=SOURCE_APP,
            source_ref="impor-saldo-awal",
            kind=kind,
        )
