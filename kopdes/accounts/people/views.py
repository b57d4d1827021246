"""The people pages: the district's at ``/pengguna/``, a cooperative's at ``/k/<slug>/pengguna/``.

Each view parses, calls one service from ``people.services`` and renders;
who may do what is ``access`` (docs/tenancy.md, "People and access"):
outside the user's scope 404, inside it without the right 403 ("Anda hanya
dapat melihat data ini"), and a login the user may see but not change 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kopdes.accounts import access
from kopdes.accounts.models import REGENCY_ROLES, Grant, User
from kopdes.accounts.people import selectors, services
from kopdes.accounts.people.forms import (
    EndGrantForm,
    GrantForm,
    PasswordResetForm,
    PersonCreateForm,
    PersonEditForm,
)
from kopdes.accounts.two_factor import has_confirmed_device
from kopdes.cooperatives.models import Cooperative
from kopdes.core.errors import DomainError
from kopdes.core.models import Region
from kopdes.core.timeutils import format_date_id

FORM_METHODS = ["GET", "POST"]
PAGE_SIZE = 50
CONFIRM_FIELD = "konfirmasi"
# Service field names that the forms call otherwise.
_ALIASES = {"password": "password1", "user": None, "is_active": None}


@dataclass
class Where:
    """The pages a request works from: a cooperative's, or the district's regencies."""

    cooperative: Cooperative | None
    regencies: list[Region] = field(default_factory=list)

    def url(self, name: str, *args: Any) -> str:
        if self.cooperative is not None:
            return reverse(f"accounts:coop_{name}", args=[self.cooperative.slug, *args])
        return reverse(f"accounts:{name}", args=args)

    def people(self) -> Any:
        if self.cooperative is not None:
            return selectors.cooperative_logins(self.cooperative)
        return selectors.regency_people(self.regencies)


def _where(request: HttpRequest, slug: str | None, *, manage: bool) -> Where:
    if slug is not None:
        action = "people.manage" if manage else "people.view"
        return Where(access.cooperative_for_action(request.user, slug, action))
    action = "grants.manage" if manage else "people.view"
    return Where(None, access.regencies_for_action(request.user, action))


def _person(where: Where, pk: int) -> User:
    person = where.people().filter(pk=pk).first()
    if person is None:
        raise Http404(_("Pengguna tidak ditemukan."))
    return person


def _managed(request: HttpRequest, slug: str | None, pk: int) -> tuple[Where, User]:
    where = _where(request, slug, manage=True)
    person = _person(where, pk)
    access.require_user_manageable(request.user, person)
    return where, person


def _add_error(form: forms.Form, error: DomainError) -> None:
    name = _ALIASES.get(error.field or "", error.field)
    form.add_error(name if name in form.fields else None, error.message)


def _form_page(
    request: HttpRequest,
    *,
    where: Where,
    form: forms.Form,
    title: str,
    save: Callable[[dict[str, Any]], Any],
    done: Callable[[Any], str],
    back_url: str,
    intro: str = "",
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except DomainError as error:
            _add_error(form, error)
        else:
            return redirect(done(result))
    return render(
        request,
        "accounts/people/form.html",
        {"where": where, "form": form, "title": title, "intro": intro, "back_url": back_url},
    )


def _confirm_page(
    request: HttpRequest,
    *,
    where: Where,
    title: str,
    question: str,
    button: str,
    action: Callable[[], Any],
    done: str,
    back_url: str,
) -> HttpResponse:
    """Ask (GET); act on a POST that carries the confirmation (an empty POST asks again)."""
    error = ""
    if request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "ya":
        try:
            action()
        except DomainError as refusal:
            error = refusal.message
        else:
            messages.success(request, done)
            return redirect(back_url)
    return render(
        request,
        "accounts/people/confirm.html",
        {
            "where": where,
            "title": title,
            "question": question,
            "button": button,
            "error": error,
            "confirm_field": CONFIRM_FIELD,
            "back_url": back_url,
        },
    )


def _scope_choices(where: Where, actor: Any) -> dict[str, Any]:
    """Roles and scope fields of a grant form for these pages."""
    if where.cooperative is not None:
        return {"roles": access.grantable_roles(actor, where.cooperative)}
    regency_ids = [r.pk for r in where.regencies]
    roles: set[str] = set()
    for regency in where.regencies:
        roles |= access.grantable_roles(actor, regency)
    roles |= access.DISTRICT_GRANTABLE_COOPERATIVE_ROLES
    return {
        "roles": roles,
        "cooperatives": Cooperative.objects.filter(
            primary_village__parent__parent_id__in=regency_ids
        ).order_by("name"),
        "regencies": Region.objects.filter(pk__in=regency_ids).order_by("name"),
    }


def _scope_values(where: Where, data: dict[str, Any]) -> dict[str, Any]:
    if where.cooperative is not None:
        return {"cooperative": where.cooperative, "regency": None}
    if data.get("role") in REGENCY_ROLES:
        return {"cooperative": None, "regency": data.get("regency")}
    return {"cooperative": data.get("cooperative"), "regency": None}


# --- Reading ------------------------------------------------------------------------


@require_safe
@login_required
def people_list(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    where = _where(request, slug, manage=False)
    people = where.people()
    kind = request.GET.get("jenis", "kabupaten") if where.cooperative is None else ""
    if kind == "kabupaten":
        people = selectors.district_logins(where.regencies)
    elif kind not in ("", "semua"):
        kind = "semua"
    query = request.GET.get("q", "")
    people = selectors.search(people, query).prefetch_related(
        Prefetch(
            "grants",
            queryset=Grant.objects.active().select_related("cooperative", "regency"),
            to_attr="active_grants",
        )
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("halaman"))
    can_manage = (
        bool(access.grantable_roles(request.user, where.cooperative))
        if where.cooperative is not None
        else access.can(request.user, "grants.manage", where.regencies[0])
    )
    return render(
        request,
        "accounts/people/list.html",
        {
            "where": where,
            "page": page,
            "query": query,
            "kind": kind,
            "can_create": can_manage,
        },
    )


@require_safe
@login_required
def person_detail(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    where = _where(request, slug, manage=False)
    person = _person(where, pk)
    today_grants = selectors.grants_of(person)
    manageable = access.can_manage_user(request.user, person)
    grants = []
    for grant in today_grants:
        scope = grant.cooperative if grant.cooperative_id else grant.regency
        endable = (
            manageable
            and scope is not None
            and grant.role in access.grantable_roles(request.user, scope)
            and (grant.valid_to is None or grant.valid_to >= timezone.localdate())
        )
        grants.append({"grant": grant, "active": grant.is_active(), "endable": endable})
    return render(
        request,
        "accounts/people/detail.html",
        {
            "where": where,
            "person": person,
            "grants": grants,
            "history": selectors.history_of(person),
            "manageable": manageable,
            "has_device": has_confirmed_device(person),
        },
    )


# --- Changing -----------------------------------------------------------------------


@require_http_methods(FORM_METHODS)
@login_required
def person_create(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    where = _where(request, slug, manage=True)
    officers = (
        selectors.officers_without_login(where.cooperative)
        if where.cooperative is not None
        else None
    )
    form = PersonCreateForm(request.POST or None, officers=officers)
    form.setup_scope(**_scope_choices(where, request.user))
    if officers is not None and request.method == "GET":
        chosen = officers.filter(pk=request.GET.get("pengurus") or 0).first()
        if chosen is not None:
            form.initial.update({"officer": chosen, "full_name": chosen.name})

    def save(data: dict[str, Any]) -> User:
        user = services.create_user(
            actor=request.user,
            username=data["username"],
            full_name=data["full_name"],
            phone=data["phone"],
            email=data["email"],
            password=data["password1"],
            role=data["role"],
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            note=data["note"],
            officer=data.get("officer"),
            **_scope_values(where, data),
        )
        messages.success(request, _("Akun %(name)s dibuat.") % {"name": user.username})
        return user

    return _form_page(
        request,
        where=where,
        form=form,
        title=_("Tambah pengguna"),
        save=save,
        done=lambda user: where.url("person", user.pk),
        back_url=where.url("people"),
        intro=_("Pengguna baru langsung mendapat satu peran; peran lain dapat ditambah nanti."),
    )


@require_http_methods(FORM_METHODS)
@login_required
def person_edit(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    where, person = _managed(request, slug, pk)
    form = PersonEditForm(
        request.POST or None,
        initial={"full_name": person.full_name, "phone": person.phone, "email": person.email},
    )

    def save(data: dict[str, Any]) -> User:
        user = services.update_user(
            actor=request.user, user=person, cooperative=where.cooperative, **data
        )
        messages.success(request, _("Data %(name)s disimpan.") % {"name": user.username})
        return user

    return _form_page(
        request,
        where=where,
        form=form,
        title=_("Ubah data %(name)s") % {"name": person.username},
        save=save,
        done=lambda user: where.url("person", user.pk),
        back_url=where.url("person", person.pk),
    )


@require_http_methods(FORM_METHODS)
@login_required
def person_status(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    where, person = _managed(request, slug, pk)
    name = {"name": person.username}
    if person.is_active:
        title = _("Nonaktifkan akun %(name)s") % name
        question = (
            _(
                "%(name)s tidak akan dapat masuk lagi, sesi yang sedang berjalan berakhir, dan "
                "semua token API miliknya dicabut. Lanjutkan?"
            )
            % name
        )

        def act() -> Any:
            return services.deactivate_user(
                actor=request.user, user=person, cooperative=where.cooperative
            )

        button, done = _("Nonaktifkan"), _("Akun %(name)s dinonaktifkan.") % name
    else:
        title = _("Aktifkan kembali akun %(name)s") % name
        question = (
            _(
                "%(name)s dapat masuk lagi dengan kata sandinya; token yang sudah dicabut tetap "
                "dicabut. Lanjutkan?"
            )
            % name
        )

        def act() -> Any:
            return services.reactivate_user(
                actor=request.user, user=person, cooperative=where.cooperative
            )

        button, done = _("Aktifkan"), _("Akun %(name)s aktif kembali.") % name
    return _confirm_page(
        request,
        where=where,
        title=title,
        question=question,
        button=button,
        action=act,
        done=done,
        back_url=where.url("person", person.pk),
    )


@require_http_methods(FORM_METHODS)
@login_required
def person_password(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    where, person = _managed(request, slug, pk)
    form = PasswordResetForm(request.POST or None)

    def save(data: dict[str, Any]) -> User:
        user = services.reset_user_password(
            actor=request.user,
            user=person,
            password=data["password1"],
            cooperative=where.cooperative,
        )
        messages.success(request, _("Kata sandi %(name)s sudah diganti.") % {"name": user.username})
        return user

    return _form_page(
        request,
        where=where,
        form=form,
        title=_("Reset kata sandi %(name)s") % {"name": person.username},
        save=save,
        done=lambda user: where.url("person", user.pk),
        back_url=where.url("person", person.pk),
        intro=_("Kata sandi lama langsung tidak berlaku."),
    )


@require_http_methods(FORM_METHODS)
@login_required
def person_two_factor(request: HttpRequest, pk: int) -> HttpResponse:
    where, person = _managed(request, None, pk)
    name = {"name": person.username}
    return _confirm_page(
        request,
        where=where,
        title=_("Reset verifikasi dua langkah %(name)s") % name,
        question=_(
            "Aplikasi autentikator dan kode pemulihan %(name)s dihapus; saat masuk berikutnya "
            "ia harus memasang ulang. Lakukan hanya setelah memastikan orangnya sendiri yang "
            "meminta. Lanjutkan?"
        )
        % name,
        button=_("Reset"),
        action=lambda: services.reset_user_second_factor(actor=request.user, user=person),
        done=_("Verifikasi dua langkah %(name)s direset.") % name,
        back_url=where.url("person", person.pk),
    )


@require_http_methods(FORM_METHODS)
@login_required
def person_grant(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    where, person = _managed(request, slug, pk)
    form = GrantForm(request.POST or None)
    form.setup_scope(**_scope_choices(where, request.user))

    def save(data: dict[str, Any]) -> Grant:
        grant = services.grant_user_role(
            actor=request.user,
            user=person,
            role=data["role"],
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            note=data["note"],
            context=where.cooperative,
            **_scope_values(where, data),
        )
        messages.success(
            request,
            _("Peran %(role)s diberikan kepada %(name)s.")
            % {"role": grant.get_role_display(), "name": person.username},
        )
        return grant

    return _form_page(
        request,
        where=where,
        form=form,
        title=_("Beri peran kepada %(name)s") % {"name": person.username},
        save=save,
        done=lambda grant: where.url("person", person.pk),
        back_url=where.url("person", person.pk),
    )


@require_http_methods(FORM_METHODS)
@login_required
def person_grant_end(
    request: HttpRequest, pk: int, grant_id: int, slug: str | None = None
) -> HttpResponse:
    where, person = _managed(request, slug, pk)
    grant = (
        Grant.objects.filter(user=person, pk=grant_id)
        .select_related("cooperative", "regency")
        .first()
    )
    if grant is None:
        raise Http404(_("Hak akses tidak ditemukan."))
    form = EndGrantForm(request.POST or None)
    scope = grant.cooperative or grant.regency

    def save(data: dict[str, Any]) -> Grant:
        ended = services.end_user_grant(
            actor=request.user, grant=grant, valid_to=data["valid_to"], context=where.cooperative
        )
        messages.success(
            request,
            _("Peran %(role)s %(name)s berakhir %(date)s.")
            % {
                "role": ended.get_role_display(),
                "name": person.username,
                "date": format_date_id(ended.valid_to) if ended.valid_to else "",
            },
        )
        return ended

    return _form_page(
        request,
        where=where,
        form=form,
        title=_("Akhiri peran %(role)s di %(scope)s")
        % {"role": grant.get_role_display(), "scope": scope},
        save=save,
        done=lambda grant: where.url("person", person.pk),
        back_url=where.url("person", person.pk),
    )
