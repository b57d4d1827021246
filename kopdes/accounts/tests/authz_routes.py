"""Authorisation entries for sign-in and the user's own account pages."""

from kopdes.accounts.tokens import issue_api_token
from kopdes.testing.authz import (
    API_UNLISTED,
    AUTHENTICATED,
    DISTRICT,
    LOGIN,
    PAGE_UNLISTED_AFTER_LOGIN,
    Expect,
    Route,
    api_everyone,
    everyone,
    fixed,
    only,
)


def _outsiders_token(personas) -> str:
    token, _key = issue_api_token(user=personas.outsider, name="Milik outsider")
    return f"/akun/token/{token.pk}/cabut/"


ROUTES: dict[str, Route] = {
    "home": Route(fixed("/"), {("", "GET"): everyone(302)}),
    "accounts:login": Route(
        fixed("/masuk/"),
        {
            # A signed-in user is sent on; everyone else sees the form.
            ("", "GET"): everyone(302, anonymous=200),
            # An empty POST re-shows the form with errors.
            ("", "POST"): everyone(302, anonymous=200),
        },
    ),
    "accounts:logout": Route(fixed("/keluar/"), {("", "POST"): everyone(LOGIN)}),
    "accounts:profile": Route(fixed("/akun/"), {("", "GET"): everyone(200)}),
    "accounts:password_change": Route(
        fixed("/akun/kata-sandi/"),
        {("", "GET"): everyone(200), ("", "POST"): everyone(200)},
        PAGE_UNLISTED_AFTER_LOGIN,
    ),
    "accounts:password_change_done": Route(
        fixed("/akun/kata-sandi/selesai/"), {("", "GET"): everyone(200)}, PAGE_UNLISTED_AFTER_LOGIN
    ),
    "api:me": Route(
        fixed("/api/v1/me"),
        # A PATCH without a body passes authentication, then fails validation.
        {("", "GET"): api_everyone(), ("", "PATCH"): api_everyone(422)},
        API_UNLISTED,
    ),
    # Ninja names each operation on a path; both names reach the same view.
    "api:update_me": Route(
        fixed("/api/v1/me"),
        {("", "GET"): api_everyone(), ("", "PATCH"): api_everyone(422)},
        API_UNLISTED,
    ),
    # Two-factor pages (KOPDES_REQUIRE_2FA off, no persona has a device yet).
    "accounts:otp_status": Route(fixed("/akun/2fa/"), {("", "GET"): everyone(200)}),
    # Only roles that use a second factor may set one up; an empty POST
    # re-shows the form with its error.
    "accounts:otp_setup": Route(
        fixed("/akun/2fa/pasang/"),
        {("", "GET"): only(DISTRICT), ("", "POST"): only(DISTRICT)},
    ),
    # Without a device: district roles go to setup, the others straight on.
    "accounts:otp_verify": Route(
        fixed("/akun/2fa/verifikasi/"),
        {("", "GET"): everyone(302), ("", "POST"): everyone(302)},
    ),
    # Without a device there are no recovery codes: back to the status page.
    "accounts:recovery_codes": Route(
        fixed("/akun/2fa/kode-pemulihan/"),
        {("", "GET"): everyone(302), ("", "POST"): everyone(302)},
    ),
    "accounts:api_tokens": Route(
        fixed("/akun/token/"), {("", "GET"): everyone(200), ("", "POST"): everyone(200)}
    ),
    # Only the owner may revoke; anyone else's id answers 404 like a missing one.
    "accounts:api_token_revoke": Route(
        {"outsiders": _outsiders_token, "missing": lambda personas: "/akun/token/999999/cabut/"},
        {
            ("outsiders", "POST"): only(("outsider",), status=302),
            ("missing", "POST"): everyone(404),
        },
    ),
}


# --- People and access (docs/tenancy.md) -------------------------------------------
# Inside the scope without the right: 403 ("Anda hanya dapat melihat data ini");
# outside it: 404. The sweep's POSTs carry no data, so every form re-shows (200)
# and every confirmation asks again (200): nothing changes.


def _expect(ok: tuple[str, ...], forbidden: tuple[str, ...] = ()) -> Expect:
    """200 for ``ok``, 403 for ``forbidden``, 404 for every other signed-in persona."""
    return {
        **{p: 200 if p in ok else 403 if p in forbidden else 404 for p in AUTHENTICATED},
        "anonymous": LOGIN,
    }


def _get_post(expect: Expect) -> dict:
    return {("", "GET"): expect, ("", "POST"): expect}


def _variants_get_post(expects: dict[str, Expect]) -> dict:
    return {(v, m): e for v, e in expects.items() for m in ("GET", "POST")}


def _other_teller(personas):
    from kopdes.accounts.models import Grant, Role, User
    from kopdes.testing import factories

    user = User.objects.filter(username="teller.lain").first()
    if user is None:
        user = factories.user("teller.lain")
        factories.grant(user, Role.TELLER, personas.other_coop)
    return user, Grant.objects.get(user=user)


def _teller_grant(personas):
    from kopdes.accounts.models import Grant

    return Grant.objects.get(user=personas.teller)


def _trainer_grant(personas):
    from kopdes.accounts.models import Grant

    return Grant.objects.get(user=personas.trainer)


# District pages: the Dinas admin manages, the viewer reads, the trainer (a regency
# role without this right) is refused with 403; cooperative people never reach them.
_DISTRICT_READ = _expect(DISTRICT, forbidden=("trainer",))
_DISTRICT_WRITE = _expect(("dinas",), forbidden=("viewer", "trainer"))
_DISTRICT_MISSING = _expect((), forbidden=("viewer", "trainer"))
# The Dinas admin's own login is managed on "Akun saya", not here.
_DISTRICT_SELF = _expect((), forbidden=("dinas", "viewer", "trainer"))


def _district_person(suffix: str = "") -> dict:
    return {
        "district": lambda p: f"/pengguna/{p.trainer.pk}/{suffix}",
        "coop": lambda p: f"/pengguna/{p.teller.pk}/{suffix}",
        "self": lambda p: f"/pengguna/{p.dinas.pk}/{suffix}",
        "missing": lambda p: f"/pengguna/999999/{suffix}",
    }


def _district_write(suffix: str) -> Route:
    return Route(
        _district_person(suffix),
        _variants_get_post(
            {
                "district": _DISTRICT_WRITE,
                "coop": _DISTRICT_WRITE,
                "self": _DISTRICT_SELF,
                "missing": _DISTRICT_MISSING,
            }
        ),
    )


# Cooperative pages: its pengurus (and the Dinas admin) manage pengurus and teller
# logins; the pengawas and the district viewer read; its teller and BA may see the
# cooperative but not its logins (403); the pengawas' login is the Dinas admin's.
_COOP_READ = _expect(("dinas", "viewer", "pengurus", "pengawas"), ("ba", "teller"))
_OTHER_READ = _expect(("dinas", "viewer", "outsider"))
_COOP_WRITE = _expect(("dinas", "pengurus"), ("viewer", "ba", "teller", "pengawas"))
_OTHER_WRITE = _expect(("dinas", "outsider"), ("viewer",))
_TAMPERED_READ = _expect((), ("ba", "teller"))
_TAMPERED_WRITE = _expect((), ("viewer", "ba", "teller", "pengawas"))
_PENGAWAS_WRITE = _expect(("dinas",), ("viewer", "ba", "teller", "pengawas", "pengurus"))


def _coop_person(suffix: str = "") -> dict:
    return {
        "own": lambda p: f"/k/{p.coop.slug}/pengguna/{p.teller.pk}/{suffix}",
        "other": lambda p: f"/k/{p.other_coop.slug}/pengguna/{_other_teller(p)[0].pk}/{suffix}",
        "tampered": lambda p: f"/k/{p.coop.slug}/pengguna/{_other_teller(p)[0].pk}/{suffix}",
        "pengawas": lambda p: f"/k/{p.coop.slug}/pengguna/{p.pengawas.pk}/{suffix}",
    }


def _coop_write(suffix: str) -> Route:
    return Route(
        _coop_person(suffix),
        _variants_get_post(
            {
                "own": _COOP_WRITE,
                "other": _OTHER_WRITE,
                "tampered": _TAMPERED_WRITE,
                "pengawas": _PENGAWAS_WRITE,
            }
        ),
    )


PEOPLE_ROUTES: dict[str, Route] = {
    "accounts:people": Route(fixed("/pengguna/"), {("", "GET"): _DISTRICT_READ}),
    "accounts:person_create": Route(fixed("/pengguna/baru/"), _get_post(_DISTRICT_WRITE)),
    "accounts:person": Route(
        _district_person(),
        {
            ("district", "GET"): _DISTRICT_READ,
            ("coop", "GET"): _DISTRICT_READ,
            ("self", "GET"): _DISTRICT_READ,
            ("missing", "GET"): _expect((), forbidden=("trainer",)),
        },
    ),
    "accounts:person_edit": _district_write("ubah/"),
    "accounts:person_status": _district_write("status/"),
    "accounts:person_password": _district_write("kata-sandi/"),
    "accounts:person_two_factor": _district_write("2fa/"),
    "accounts:person_grant": _district_write("peran/"),
    "accounts:person_grant_end": Route(
        {
            "own": lambda p: f"/pengguna/{p.trainer.pk}/peran/{_trainer_grant(p).pk}/akhiri/",
            # Another login's grant under this login's page.
            "tampered": lambda p: f"/pengguna/{p.trainer.pk}/peran/{_teller_grant(p).pk}/akhiri/",
        },
        _variants_get_post({"own": _DISTRICT_WRITE, "tampered": _DISTRICT_MISSING}),
    ),
    "accounts:coop_people": Route(
        {
            "own": lambda p: f"/k/{p.coop.slug}/pengguna/",
            "other": lambda p: f"/k/{p.other_coop.slug}/pengguna/",
        },
        {("own", "GET"): _COOP_READ, ("other", "GET"): _OTHER_READ},
    ),
    "accounts:coop_person_create": Route(
        {
            "own": lambda p: f"/k/{p.coop.slug}/pengguna/baru/",
            "other": lambda p: f"/k/{p.other_coop.slug}/pengguna/baru/",
        },
        _variants_get_post({"own": _COOP_WRITE, "other": _OTHER_WRITE}),
    ),
    "accounts:coop_person": Route(
        _coop_person(),
        {
            ("own", "GET"): _COOP_READ,
            ("other", "GET"): _OTHER_READ,
            ("tampered", "GET"): _TAMPERED_READ,
            ("pengawas", "GET"): _COOP_READ,
        },
    ),
    "accounts:coop_person_edit": _coop_write("ubah/"),
    "accounts:coop_person_status": _coop_write("status/"),
    "accounts:coop_person_password": _coop_write("kata-sandi/"),
    "accounts:coop_person_grant": _coop_write("peran/"),
    "accounts:coop_person_grant_end": Route(
        {
            "own": lambda p: (
                f"/k/{p.coop.slug}/pengguna/{p.teller.pk}/peran/{_teller_grant(p).pk}/akhiri/"
            ),
            "tampered": lambda p: (
                f"/k/{p.coop.slug}/pengguna/{p.teller.pk}/peran/{_other_teller(p)[1].pk}/akhiri/"
            ),
        },
        _variants_get_post(
            {"own": _COOP_WRITE, "tampered": _expect((), ("viewer", "ba", "teller", "pengawas"))}
        ),
    ),
}

ROUTES.update(PEOPLE_ROUTES)
