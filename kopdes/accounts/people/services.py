"""Writes for people and access: logins, passwords, second factors and grants.

Every function is keyword-only, runs in one ``transaction.atomic()``, checks
who may do it (``access.can_manage_user`` and ``access.grantable_roles``, so
no page, API handler or command can skip the rule), refuses bad input with a
``PeopleError`` naming the field, and writes the registry's history
(``ChangeRecord``: actor, time, old and new value per field). A refusal for
lack of rights is a ``PeopleForbidden`` (403 on the API). See
docs/tenancy.md, "People and access".

``cooperative`` is the cooperative whose pages the actor works from (``None``
on the district's pages): the login must be one of that cooperative, and the
history rows are filed under it (a district login's rows under none).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kopdes.accounts import access
from kopdes.accounts.models import Grant, Role, User
from kopdes.accounts.people import selectors
from kopdes.accounts.services import GrantError, end_grant, grant_role
from kopdes.accounts.tokens import revoke_all_tokens
from kopdes.accounts.two_factor import reset_two_factor
from kopdes.cooperatives.history import record_changes, snapshot
from kopdes.cooperatives.models import ChangeSource, Cooperative, Officer
from kopdes.cooperatives.officers import update_officer
from kopdes.core.errors import DomainError
from kopdes.core.models import Region
from kopdes.core.validators import clean_value, normalize_phone

# What the history shows of a login (never the password hash).
USER_FIELDS = ("username", "full_name", "phone", "email", "is_active")
_PASSWORD_ROW = "password"  # noqa: S105 - a history row name, not a secret
_TWO_FACTOR_ROW = "two_factor"
_TOKENS_ROW = "api_tokens"


class PeopleError(DomainError):
    pass


class PeopleForbidden(PeopleError):
    """The actor may see the login but may not do this to it."""

    status_code = 403


# --- Checks --------------------------------------------------------------------


def _check_context(user: User, cooperative: Cooperative | None) -> None:
    if (
        cooperative is not None
        and not selectors.cooperative_logins(cooperative).filter(pk=user.pk).exists()
    ):
        raise PeopleError(
            _("Pengguna ini bukan pengguna koperasi %(name)s.") % {"name": cooperative.name},
            field="user",
            code="people_not_in_cooperative",
        )


def _check_manageable(actor: Any, user: User) -> None:
    if user.pk == getattr(actor, "pk", None):
        raise PeopleForbidden(
            _("Akun Anda sendiri tidak dapat diubah di sini; gunakan halaman Akun saya."),
            field="user",
            code="people_self",
        )
    if not access.can_manage_user(actor, user):
        raise PeopleForbidden(
            _("Anda tidak berwenang mengubah akun %(name)s.") % {"name": user.get_username()},
            field="user",
            code="people_forbidden",
        )


def _lock_manageable(actor: Any, user: User, cooperative: Cooperative | None) -> User:
    """The login, locked for the change, once it is known the actor may change it here."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    _check_context(locked, cooperative)
    _check_manageable(actor, locked)
    return locked


def _history_cooperative(user: User, cooperative: Cooperative | None) -> Cooperative | None:
    return cooperative if cooperative is not None else selectors.home_cooperative(user)


def _check_scope_roles(
    actor: Any, role: str, cooperative: Cooperative | None, regency: Region | None
) -> None:
    if role not in Role.values:
        raise PeopleError(_("Peran tidak dikenal."), field="role", code="grant_role")
    scope = cooperative if cooperative is not None else regency
    if scope is None:
        field = "cooperative" if role not in {Role.DINAS_ADMIN, Role.DISTRICT_VIEWER} else "regency"
        raise PeopleError(_("Pilih koperasi atau kabupaten hak akses."), field=field)
    if role not in access.grantable_roles(actor, scope):
        raise PeopleForbidden(
            _("Anda tidak dapat memberikan peran %(role)s di %(scope)s.")
            % {"role": Role(role).label, "scope": scope.name},
            field="role",
            code="grant_not_allowed",
        )


def _clean_username(username: Any) -> str:
    username = clean_value(User, "username", username, error=PeopleError)
    if not username:
        raise PeopleError(_("Nama pengguna wajib diisi."), field="username")
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError as exc:
        raise PeopleError(
            _("Nama pengguna hanya boleh berisi huruf, angka dan @ . + - _ tanpa spasi."),
            field="username",
            code="username_invalid",
        ) from exc
    if User.objects.filter(username__iexact=username).exists():
        raise PeopleError(
            _("Nama pengguna %(name)s sudah dipakai; pilih nama lain.") % {"name": username},
            field="username",
            code="username_taken",
        )
    return username


def _clean_details(full_name: Any, phone: Any, email: Any) -> dict[str, str]:
    full_name = " ".join(clean_value(User, "full_name", full_name, error=PeopleError).split())
    if not full_name:
        raise PeopleError(_("Nama lengkap wajib diisi."), field="full_name")
    phone = clean_value(User, "phone", phone or "", error=PeopleError)
    if phone:
        try:
            phone = normalize_phone(phone)
        except ValidationError as exc:
            raise PeopleError(
                _("Nomor HP: %(why)s") % {"why": " ".join(exc.messages)}, field="phone"
            ) from exc
    email = clean_value(User, "email", email or "", error=PeopleError)
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise PeopleError(_("Alamat email tidak sah."), field="email") from exc
    return {"full_name": full_name, "phone": phone, "email": email}


def _check_password(password: Any, user: User) -> str:
    if not isinstance(password, str) or not password:
        raise PeopleError(_("Kata sandi wajib diisi."), field="password")
    clean_value(User, "password", password, error=PeopleError)
    try:
        password_validation.validate_password(password, user=user)
    except ValidationError as exc:
        raise PeopleError(" ".join(exc.messages), field="password", code="password") from exc
    return password


def _check_dates(valid_from: Any, valid_to: Any) -> None:
    if not isinstance(valid_from, date):
        raise PeopleError(_("Tanggal mulai berlaku wajib diisi."), field="valid_from")
    if valid_to is not None and not isinstance(valid_to, date):
        raise PeopleError(_("Tanggal berakhir tidak sah."), field="valid_to")
    if valid_to is not None and valid_to < valid_from:
        raise PeopleError(
            _("Tanggal berakhir tidak boleh sebelum tanggal mulai berlaku."),
            field="valid_to",
            code="grant_valid_range",
        )


def _record_event(
    *,
    user: User,
    actor: Any,
    cooperative: Cooperative | None,
    name: str,
    label: str,
    value: str,
    source: str,
) -> None:
    """A history row for something that is not a stored field (a reset, revoked tokens)."""
    record_changes(
        cooperative=cooperative,
        actor=actor,
        obj=user,
        before={name: (label, "")},
        after={name: (label, value)},
        source=source,
    )


# --- Logins -----------------------------------------------------------------------


def create_user(
    *,
    actor: Any,
    username: str,
    full_name: str,
    password: str,
    role: str,
    valid_from: date,
    cooperative: Cooperative | None = None,
    regency: Region | None = None,
    valid_to: date | None = None,
    phone: str = "",
    email: str = "",
    officer: Officer | None = None,
    note: str = "",
    source: str = ChangeSource.WEB,
) -> User:
    """A new login with its first grant (``role`` over ``cooperative`` or ``regency``).

    Every login belongs somewhere from its first moment, so the pengurus who
    makes one for their cooperative can manage it afterwards. ``officer``, an
    officer of that cooperative without a login, is linked to it.
    """
    with transaction.atomic():
        _check_scope_roles(actor, role, cooperative, regency)
        _check_dates(valid_from, valid_to)
        username = _clean_username(username)
        details = _clean_details(full_name, phone, email)
        user = User(username=username, **details)
        _check_password(password, user)
        if officer is not None and (
            cooperative is None or officer.cooperative_id != cooperative.pk or officer.user_id
        ):
            raise PeopleError(
                _("Pilih pengurus/pegawai koperasi ini yang belum punya akun."),
                field="officer",
                code="people_officer",
            )
        user.set_password(password)
        user.save()
        record_changes(
            cooperative=cooperative,
            actor=actor,
            obj=user,
            before={},
            after=snapshot(user, USER_FIELDS),
            source=source,
        )
        try:
            grant_role(
                user=user,
                role=role,
                valid_from=valid_from,
                valid_to=valid_to,
                cooperative=cooperative,
                regency=regency,
                note=clean_value(Grant, "note", note, error=PeopleError),
                actor=actor,
                source=source,
            )
        except GrantError as exc:
            raise PeopleError(exc.message, field=exc.field, code=exc.code) from exc
        if officer is not None:
            update_officer(officer=officer, actor=actor, source=source, user=user)
    return user


def update_user(
    *,
    actor: Any,
    user: User,
    full_name: str,
    phone: str = "",
    email: str = "",
    cooperative: Cooperative | None = None,
    source: str = ChangeSource.WEB,
) -> User:
    """Change a login's name, phone and email (the username stays: it is the sign-in)."""
    with transaction.atomic():
        user = _lock_manageable(actor, user, cooperative)
        details = _clean_details(full_name, phone, email)
        before = snapshot(user, USER_FIELDS)
        for name, value in details.items():
            setattr(user, name, value)
        user.save(update_fields=list(details))
        record_changes(
            cooperative=_history_cooperative(user, cooperative),
            actor=actor,
            obj=user,
            before=before,
            after=snapshot(user, USER_FIELDS),
            source=source,
        )
    return user


def deactivate_user(
    *,
    actor: Any,
    user: User,
    cooperative: Cooperative | None = None,
    source: str = ChangeSource.WEB,
) -> User:
    """Stop a login: it can no longer sign in, its sessions end at their next request
    (Django refuses an inactive user), and every API token of it is revoked for good."""
    with transaction.atomic():
        user = _lock_manageable(actor, user, cooperative)
        if not user.is_active:
            raise PeopleError(
                _("Akun %(name)s sudah nonaktif.") % {"name": user.get_username()},
                field="is_active",
                code="people_inactive",
            )
        history_coop = _history_cooperative(user, cooperative)
        before = snapshot(user, USER_FIELDS)
        user.is_active = False
        user.save(update_fields=["is_active"])
        record_changes(
            cooperative=history_coop,
            actor=actor,
            obj=user,
            before=before,
            after=snapshot(user, USER_FIELDS),
            source=source,
        )
        revoked = revoke_all_tokens(user=user)
        if revoked:
            _record_event(
                user=user,
                actor=actor,
                cooperative=history_coop,
                name=_TOKENS_ROW,
                label=str(_("token API")),
                value=_("%(n)d token dicabut") % {"n": revoked},
                source=source,
            )
    return user


def reactivate_user(
    *,
    actor: Any,
    user: User,
    cooperative: Cooperative | None = None,
    source: str = ChangeSource.WEB,
) -> User:
    """Let a stopped login sign in again (its revoked tokens stay revoked)."""
    with transaction.atomic():
        user = _lock_manageable(actor, user, cooperative)
        if user.is_active:
            raise PeopleError(
                _("Akun %(name)s sudah aktif.") % {"name": user.get_username()},
                field="is_active",
                code="people_active",
            )
        before = snapshot(user, USER_FIELDS)
        user.is_active = True
        user.save(update_fields=["is_active"])
        record_changes(
            cooperative=_history_cooperative(user, cooperative),
            actor=actor,
            obj=user,
            before=before,
            after=snapshot(user, USER_FIELDS),
            source=source,
        )
    return user


def reset_user_password(
    *,
    actor: Any,
    user: User,
    password: str,
    cooperative: Cooperative | None = None,
    source: str = ChangeSource.WEB,
) -> User:
    """Set a new password chosen by the admin (told to the person, changed by them later)."""
    with transaction.atomic():
        user = _lock_manageable(actor, user, cooperative)
        _check_password(password, user)
        user.set_password(password)
        user.save(update_fields=["password"])
        _record_event(
            user=user,
            actor=actor,
            cooperative=_history_cooperative(user, cooperative),
            name=_PASSWORD_ROW,
            label=str(_("kata sandi")),
            value=str(_("direset")),
            source=source,
        )
    return user


def reset_user_second_factor(
    *,
    actor: Any,
    user: User,
    cooperative: Cooperative | None = None,
    source: str = ChangeSource.WEB,
) -> int:
    """Remove the login's authenticator and recovery codes; the next sign-in sets one up."""
    with transaction.atomic():
        user = _lock_manageable(actor, user, cooperative)
        deleted = reset_two_factor(user=user, actor=actor)
        _record_event(
            user=user,
            actor=actor,
            cooperative=_history_cooperative(user, cooperative),
            name=_TWO_FACTOR_ROW,
            label=str(_("verifikasi dua langkah")),
            value=_("direset (%(n)d perangkat dihapus)") % {"n": deleted},
            source=source,
        )
    return deleted


# --- Grants -----------------------------------------------------------------------


def grant_user_role(
    *,
    actor: Any,
    user: User,
    role: str,
    valid_from: date,
    valid_to: date | None = None,
    cooperative: Cooperative | None = None,
    regency: Region | None = None,
    note: str = "",
    context: Cooperative | None = None,
    source: str = ChangeSource.WEB,
) -> Grant:
    """Give ``user`` ``role`` over ``cooperative`` or ``regency`` between two dates.

    ``context`` is the cooperative whose pages the actor works from (see the
    module docstring); a pengurus can only grant there, and only
    ``access.COOPERATIVE_GRANTABLE_ROLES``.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _check_context(user, context)
        _check_manageable(actor, user)
        if context is not None and (cooperative is None or cooperative.pk != context.pk):
            raise PeopleForbidden(
                _("Dari halaman koperasi hanya dapat diberikan peran di koperasi ini."),
                field="cooperative",
                code="grant_not_allowed",
            )
        _check_scope_roles(actor, role, cooperative, regency)
        _check_dates(valid_from, valid_to)
        if not user.is_active:
            raise PeopleError(_("Aktifkan dulu akun ini sebelum memberi hak akses."), field="user")
        note = clean_value(Grant, "note", note, error=PeopleError)
        overlapping = Grant.objects.filter(
            user=user, role=role, cooperative=cooperative, regency=regency
        ).filter(valid_to__isnull=True) | Grant.objects.filter(
            user=user,
            role=role,
            cooperative=cooperative,
            regency=regency,
            valid_to__gte=valid_from,
        )
        if valid_to is not None:
            overlapping = overlapping.filter(valid_from__lte=valid_to)
        if overlapping.exists():
            raise PeopleError(
                _("Pengguna ini sudah memegang peran %(role)s di sana pada tanggal itu.")
                % {"role": Role(role).label},
                field="role",
                code="grant_overlap",
            )
        try:
            grant = grant_role(
                user=user,
                role=role,
                valid_from=valid_from,
                valid_to=valid_to,
                cooperative=cooperative,
                regency=regency,
                note=note,
                actor=actor,
                source=source,
            )
        except GrantError as exc:
            raise PeopleError(exc.message, field=exc.field, code=exc.code) from exc
    return grant


def end_user_grant(
    *,
    actor: Any,
    grant: Grant,
    valid_to: date,
    context: Cooperative | None = None,
    source: str = ChangeSource.WEB,
) -> Grant:
    """End a grant on ``valid_to``, its last day in force (today at the earliest)."""
    with transaction.atomic():
        grant = Grant.objects.select_for_update().select_related("user").get(pk=grant.pk)
        user = grant.user
        _check_context(user, context)
        _check_manageable(actor, user)
        scope = grant.cooperative if grant.cooperative_id else grant.regency
        if scope is None or grant.role not in access.grantable_roles(actor, scope):
            raise PeopleForbidden(
                _("Anda tidak dapat mengakhiri peran %(role)s ini.")
                % {"role": grant.get_role_display()},
                field="role",
                code="grant_not_allowed",
            )
        if not isinstance(valid_to, date):
            raise PeopleError(_("Tanggal berakhir wajib diisi."), field="valid_to")
        today = timezone.localdate()
        if grant.valid_to is not None and grant.valid_to < today:
            raise PeopleError(
                _("Hak akses ini sudah berakhir."), field="valid_to", code="grant_ended"
            )
        if valid_to < today:
            raise PeopleError(
                _("Tanggal berakhir tidak boleh sebelum hari ini."),
                field="valid_to",
                code="grant_end_past",
            )
        if valid_to < grant.valid_from:
            raise PeopleError(
                _("Tanggal berakhir tidak boleh sebelum tanggal mulai berlaku."),
                field="valid_to",
                code="grant_valid_range",
            )
        if grant.valid_to is not None and valid_to > grant.valid_to:
            raise PeopleError(
                _("Hak akses ini sudah berakhir lebih awal; untuk memperpanjang, beri hak baru."),
                field="valid_to",
                code="grant_extend",
            )
        ended = end_grant(grant=grant, valid_to=valid_to, actor=actor, source=source)
    access.forget_grants(user)
    return ended
