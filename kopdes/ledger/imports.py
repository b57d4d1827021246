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

from kopdes.core.errors import DomainError
from kopdes.core.money import MoneyError, format_rupiah, parse_rupiah
from kopdes.ledger.models import Account, EntryKind
from kopdes.ledger.services.posting import LineInput, post_entry

HEADERS = ("Kode akun", "Nama akun", "Debit", "Kredit")
FIRST_DATA_ROW = 5  # rows 1–3 title and notes, row 4 the headers
SOURCE_APP = "ledger"


class OpeningImportRefused(DomainError):
    """The file was refused; ``errors`` lists every bad row (row number, reason)."""

    def __init__(self, message: str, errors: list[RowError]):
        super().__init__(message, field="file", code="import_refused")
        self.errors = errors


@dataclass(frozen=True)
class RowError:
    row: int
    message: str

    def __str__(self) -> str:
        return f"Baris {self.row}: {self.message}" if self.row else self.message


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
                return None, f"jumlah {side} tidak boleh negatif."
            if decimal != decimal.quantize(Decimal("0.01")):
                return None, f"jumlah {side} paling banyak dua angka di belakang koma."
            return int(decimal * 100), None
        text = str(value).strip()
        if text.startswith("-"):
            return None, f"jumlah {side} tidak boleh negatif."
        return parse_rupiah(text), None
    except (MoneyError, InvalidOperation, ValueError):
        return None, f"jumlah {side} tidak valid ({value})."


def read_rows(content: bytes) -> list[tuple[int, Any, Any, Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a non-XLSX file
        raise OpeningImportRefused(
            "Berkas bukan XLSX yang dapat dibaca.",
            [RowError(0, "Berkas bukan XLSX yang dapat dibaca.")],
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
            reasons.append("kode akun kosong.")
        elif account is None:
            reasons.append(f"kode akun {code} tidak dikenal.")
        elif account.control_key:
            reasons.append(
                f"akun {code} {account.name} adalah akun kendali; saldonya diisi lewat impor "
                "simpanan atau pinjaman, bukan di sini."
            )
        elif account.is_header:
            reasons.append(f"akun {code} {account.name} adalah akun induk; isi pada sub-akunnya.")
        elif not account.is_active:
            reasons.append(f"akun {code} {account.name} tidak aktif.")
        if code and code in seen:
            reasons.append(f"akun {code} sudah ada di baris {seen[code]}.")
        elif code:
            seen[code] = number
        reasons.extend(r for r in (debit_error, credit_error) if r)
        if debit and credit:
            reasons.append("isi debit atau kredit saja, tidak keduanya.")
        if reasons:
            errors.extend(RowError(number, reason) for reason in reasons)
        elif account is not None and (debit or credit):
            lines.append(OpeningLine(number, account, debit or 0, credit or 0))
    return lines, errors


def check_balanced(lines: list[OpeningLine]) -> None:
    debit = sum(line.debit for line in lines)
    credit = sum(line.credit for line in lines)
    if not lines:
        message = "Tidak ada saldo yang diisi."
        raise OpeningImportRefused(message, [RowError(0, message)])
    if debit != credit:
        message = (
            f"Saldo awal tidak seimbang: debit {format_rupiah(debit)}, "
            f"kredit {format_rupiah(credit)}, selisih {format_rupiah(abs(debit - credit))}."
        )
        raise OpeningImportRefused(message, [RowError(0, message)])


def import_opening_balances(
    *, cooperative: Any, actor: Any, business_date: date, content: bytes, idempotency_key: str
) -> Any:
    """Validate every row, then post one balanced opening entry; returns the entry."""
    lines, errors = validate_rows(cooperative, read_rows(content))
    if errors:
        raise OpeningImportRefused(
            f"Berkas ditolak: {len(errors)} kesalahan. Perbaiki semua baris lalu unggah lagi.",
            errors,
        )
    check_balanced(lines)
    return post_entry(
        cooperative=cooperative,
        actor=actor,
        business_date=business_date,
        memo=f"Saldo awal per {business_date:%d-%m-%Y}",
        lines=[
            LineInput(account=line.account, debit=line.debit, credit=line.credit) for line in lines
        ],
        idempotency_key=idempotency_key,
        source_app=SOURCE_APP,
        kind=EntryKind.OPENING,
    )
