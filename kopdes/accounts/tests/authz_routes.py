"""Authorisation entries for sign-in and the user's own account pages."""

from kopdes.accounts.tokens import issue_api_token
from kopdes.testing.authz import (
    API_UNLISTED,
    DISTRICT,
    LOGIN,
    PAGE_UNLISTED_AFTER_LOGIN,
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
