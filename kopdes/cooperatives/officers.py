"""Writes for officers: pengurus, pengawas, manajer and karyawan."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kopdes.cooperatives.history import record_changes, snapshot
from kopdes.cooperatives.models import (
    SINGLE_HOLDER_ROLES,
    ChangeSource,
    Cooperative,
    Officer,
    OfficerRole,
)
from kopdes.core.errors import DomainError
from kopdes.core.validators import clean_instance, normalize_phone, parse_nik

OFFICER_FIELDS = (
    "role",
    "name",
    "nik",
    "phone",
    "kk_number",
    "is_kepala_desa",
    "term_start",
    "term_end",
    "ended_on",
    "user",
    "notes",
)


# Checked against the model's limits (docs/registry.md, "Validation") before the
# rules below; the identifiers are checked again once normalised.
_CHECKED_FIELDS = (
    "role",
    "name",
    "is_kepala_desa",
    "term_start",
    "term_end",
    "ended_on",
    "notes",
)
_IDENTIFIER_FIELDS = ("nik", "phone", "kk_number")
_LABELS = {"nik": "NIK", "phone": "Nomor HP", "kk_number": "Nomor KK"}


class OfficerError(DomainError):
    pass


def _first_message(exc: ValidationError) -> str:
    return str(exc.messages[0]) if exc.messages else str(exc)


def _clean(officer: Officer) -> None:
    """Normalise and check an officer's fields; messages name the field."""
    clean_instance(officer, _CHECKED_FIELDS, error=OfficerError)
    for name in _IDENTIFIER_FIELDS:
        # Text first; the normalisers below judge the digits (and refuse anything else).
        value = getattr(officer, name)
        if value is None:
            setattr(officer, name, "")
        elif not isinstance(value, str):
            raise OfficerError(
                _("%(field)s harus berupa teks.") % {"field": _LABELS[name]},
                field=name,
                code="field_type",
            )
    if officer.role not in OfficerRole.values:
        raise OfficerError("Jabatan tidak dikenal.", field="role", code="officer_role")
    officer.name = " ".join(officer.name.split())
    if not officer.name:
        raise OfficerError("Nama wajib diisi.", field="name", code="officer_name")
    try:
        officer.nik = parse_nik(officer.nik).nik
    except ValidationError as exc:
        raise OfficerError(f"NIK: {_first_message(exc)}", field="nik", code="officer_nik") from exc
    if officer.phone:
        try:
            officer.phone = normalize_phone(officer.phone)
        except ValidationError as exc:
            raise OfficerError(
                f"Nomor HP: {_first_message(exc)}", field="phone", code="officer_phone"
            ) from exc
    officer.kk_number = re.sub(r"[\s.\-]", "", officer.kk_number or "")
    if officer.kk_number and not (
        len(officer.kk_number) == 16 and officer.kk_number.isdigit() and officer.kk_number.isascii()
    ):
        raise OfficerError("Nomor KK harus 16 angka.", field="kk_number", code="officer_kk_number")
    if officer.term_end is not None and officer.term_end < officer.term_start:
        raise OfficerError(
            "Akhir masa jabatan tidak boleh sebelum awal masa jabatan.",
            field="term_end",
            code="officer_term_range",
        )
    if officer.ended_on is not None and officer.ended_on < officer.term_start:
        raise OfficerError(
            "Tanggal berhenti menjabat tidak boleh sebelum awal masa jabatan.",
            field="ended_on",
            code="officer_ended_range",
        )
    if officer.is_kepala_desa and officer.role != OfficerRole.KETUA_PENGAWAS:
        raise OfficerError(
            "Kepala desa hanya dapat dicatat sebagai Ketua Pengawas.",
            field="is_kepala_desa",
            code="officer_kepala_desa_role",
        )
    if officer.ended_on is None and officer.role in SINGLE_HOLDER_ROLES:
        clash = (
            Officer.objects.filter(
                cooperative_id=officer.cooperative_id, role=officer.role, ended_on__isnull=True
            )
            .exclude(pk=officer.pk)
            .first()
        )
        if clash is not None:
            raise OfficerError(
                f"Jabatan {officer.get_role_display()} masih dipegang {clash.name}; "
                "isi dulu tanggal berhentinya.",
                field="role",
                code="officer_role_taken",
            )
    # The stored forms fit their columns by construction; checked all the same.
    clean_instance(officer, _IDENTIFIER_FIELDS, error=OfficerError)


def _check_login(officer: Officer, previous_user_id: int | None) -> None:
    """A newly linked login must be an active login of this cooperative: every grant
    it ever held is here and none is a business assistant's (docs/tenancy.md,
    "People and access"). Read through the user's ``grants`` relation, so this
    layer imports nothing from accounts. The refusal reads exactly like the
    form's "no such account", so nobody learns that a username exists elsewhere.
    """
    user = officer.user
    if user is None or user.pk == previous_user_id:
        return
    grants = user.grants.all()
    if (
        not user.is_active
        or not grants.filter(cooperative_id=officer.cooperative_id).exists()
        or grants.exclude(cooperative_id=officer.cooperative_id).exists()
        or grants.filter(cooperative_id__isnull=True).exists()
        or grants.filter(role="business_assistant").exists()
    ):
        raise OfficerError(
            _("Akun %(name)s tidak ditemukan atau tidak aktif.") % {"name": user.get_username()},
            field="user",
            code="officer_user",
        )


def add_officer(
    *,
    cooperative: Cooperative,
    actor: Any,
    role: str,
    name: str,
    nik: str,
    term_start: date,
    phone: str = "",
    kk_number: str = "",
    is_kepala_desa: bool = False,
    term_end: date | None = None,
    user: Any = None,
    notes: str = "",
    source: str = ChangeSource.WEB,
) -> Officer:
    officer = Officer(
        cooperative=cooperative,
        role=role,
        name=name,
        nik=nik,
        phone=phone,
        kk_number=kk_number,
        is_kepala_desa=is_kepala_desa,
        term_start=term_start,
        term_end=term_end,
        user=user,
        notes=notes,
    )
    with transaction.atomic():
        _clean(officer)
        _check_login(officer, None)
        officer.save()
        record_changes(
            cooperative=cooperative,
            actor=actor,
            obj=officer,
            before={},
            after=snapshot(officer),
            source=source,
        )
    return officer


def update_officer(
    *, officer: Officer, actor: Any, source: str = ChangeSource.WEB, **changes: Any
) -> Officer:
    """Change any of ``OFFICER_FIELDS``; unknown names are refused (no silent typos)."""
    unknown = set(changes) - set(OFFICER_FIELDS)
    if unknown:
        raise TypeError(f"unknown officer fields: {sorted(unknown)}")
    with transaction.atomic():
        # Locked with its cooperative, as every row lock (docs/tenancy.md).
        officer = Officer.objects.select_for_update().get(
            cooperative_id=officer.cooperative_id, pk=officer.pk
        )
        before = snapshot(officer)
        previous_user_id = officer.user_id
        for name, value in changes.items():
            setattr(officer, name, value)
        _clean(officer)
        _check_login(officer, previous_user_id)
        officer.save()
        record_changes(
            cooperative=officer.cooperative,
            actor=actor,
            obj=officer,
            before=before,
            after=snapshot(officer),
            source=source,
        )
    return officer


def end_officer(
    *, officer: Officer, ended_on: date, actor: Any, source: str = ChangeSource.WEB
) -> Officer:
    """Record that the person left office on ``ended_on``."""
    return update_officer(officer=officer, actor=actor, source=source, ended_on=ended_on)


def delete_officer(*, officer: Officer, actor: Any, source: str = ChangeSource.WEB) -> None:
    """Remove an officer entered by mistake (someone who left office gets ``end_officer``)."""
    with transaction.atomic():
        record_changes(
            cooperative=officer.cooperative,
            actor=actor,
            obj=officer,
            before=snapshot(officer),
            after={},
            source=source,
        )
        officer.delete()
