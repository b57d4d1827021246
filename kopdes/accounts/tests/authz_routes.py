"""Authorisation entries for sign-in and the user's own account pages."""

from kopdes.testing.authz import (
    API_UNLISTED,
    LOGIN,
    PAGE_UNLISTED_AFTER_LOGIN,
    Route,
    api_everyone,
    everyone,
    fixed,
)

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
}
