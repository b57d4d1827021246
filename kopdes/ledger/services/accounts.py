"""A cooperative's own sub-accounts; accounts are deactivated, never deleted."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction

from kopdes.core.validators.fields import clean_fields
from kopdes.ledger.models import Account, Line
from kopdes.ledger.services.errors import LedgerError

CODE_PATTERN = re.compile(r"^\d-\d{4}(\.\d{1,3})?$")


def add_account(*, cooperative: Any, actor: Any, parent: Account, code: str, name: str) -> Account:
    """Add a postable sub-account under ``parent``, inheriting its classification.

    A postable parent that has no lines yet becomes a header; one with lines
    is refused (its history would be split between parent and child).
    """
    # The model's own limits first (length, NUL and control characters): a NUL
    # would otherwise reach PostgreSQL, which refuses it with a server error.
    cleaned = clean_fields(Account, {"code": code or "", "name": name or ""}, error=LedgerError)
    code, name = cleaned["code"].strip(), cleaned["name"].strip()
    if parent.cooperative_id != cooperative.pk:
        raise LedgerError("Akun induk tidak ditemukan di koperasi ini.", field="parent")
    if parent.control_key or parent.system_key:
        raise LedgerError(
            f"Akun {parent.code} {parent.name} tidak dapat diberi sub-akun.", field="parent"
        )
    if not CODE_PATTERN.match(code) or code[0] != parent.code[0]:
        raise LedgerError(
            f"Kode akun harus berpola seperti {parent.code[0]}-1234 atau "
            f"{parent.code[0]}-1234.1 dan diawali {parent.code[0]}.",
            field="code",
        )
    if not name:
        raise LedgerError("Nama akun wajib diisi.", field="name")
    with transaction.atomic():
        if Account.objects.filter(cooperative=cooperative, code=code).exists():
            raise LedgerError(f"Kode akun {code} sudah dipakai.", field="code")
        if not parent.is_header:
            if Line.objects.filter(account=parent).exists():
                raise LedgerError(
                    f"Akun {parent.code} sudah memiliki transaksi; buat sub-akun di bawah "
                    "akun induknya.",
                    field="parent",
                )
            parent.is_header = True
            parent.save(update_fields=["is_header"])
        return Account.objects.create(
            cooperative=cooperative,
            code=code,
            name=name,
            type=parent.type,
            normal_side=parent.normal_side,
            parent=parent,
            is_header=False,
            is_contra=parent.is_contra,
            cash_flow_class=parent.cash_flow_class,
            segment=parent.segment,
            report_group=parent.report_group,
        )


def deactivate_account(*, account: Account, actor: Any) -> Account:
    """Stop new postings on an account; its history stays."""
    if account.control_key or account.system_key:
        raise LedgerError(
            f"Akun {account.code} {account.name} dibutuhkan sistem dan tidak dapat dinonaktifkan.",
            field="account",
        )
    account.is_active = False
    account.save(update_fields=["is_active"])
    return account


def activate_account(*, account: Account, actor: Any) -> Account:
    account.is_active = True
    account.save(update_fields=["is_active"])
    return account
