"""Kopdes settings, driven by environment variables (see README, "Configuration").

Defaults suit a laptop or a village office: SQLite in ``var/``, Indonesian,
WITA. Production sets ``DATABASE_URL``, ``SECRET_KEY`` and ``ALLOWED_HOSTS``
and uses ``config.production``, which adds the HTTPS hardening.
"""

from pathlib import Path

import dj_database_url

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("KOPDES_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DJANGO_DEBUG", False)
# The fallback key exists so `make run` works on a fresh clone; production
# settings refuse to start with it.
INSECURE_DEV_KEY = "kopdes-dev-only-insecure-key-change-me-in-production-0123456789"
SECRET_KEY = env_str("SECRET_KEY", INSECURE_DEV_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",
    "kopdes.core",
    "kopdes.cooperatives",
    "kopdes.accounts",
    "kopdes.ledger",
    "kopdes.district",
    "kopdes.demo",
]

MIDDLEWARE = [
    # Outermost: every error on an /api/ path leaves as JSON, never an HTML page.
    "config.api.ApiErrorMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kopdes.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kopdes.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy on every response (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
    # Axes must come last: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Content security policy (django-csp): scripts and everything else only from
# our own origin, so an injected <script> or on*="" attribute never runs; the
# templates carry no inline script (page behaviour lives in static files).
# Inline *styles* stay allowed: a few templates and Swagger UI set style
# attributes, and a style cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kopdes" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["kopdes.core.templatetags.money"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# SQLite is the embedded default: a file under var/, WAL so readers never
# block the writer, IMMEDIATE transactions so a writer takes the lock at BEGIN
# (no deadlock-on-upgrade), and a busy timeout so concurrent writers queue.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA busy_timeout=20000;"
    ),
}
DATABASE_URL = env_str("DATABASE_URL", "")
# Lets several test runs share a machine without sharing a test database.
TEST_DB_TAG = env_str("KOPDES_TEST_DB_TAG", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    DATABASES["default"]["TEST"] = {"NAME": f"test_kopdes{TEST_DB_TAG}"}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "kopdes.sqlite3"),
            "OPTIONS": SQLITE_OPTIONS,
            # Tests use a file too, so locking is really exercised.
            "TEST": {"NAME": str(VAR_DIR / f"test-kopdes{TEST_DB_TAG}.sqlite3")},
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users and login ------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Lockout counts failures per username and per username+address, never per
# address alone: a whole village shares one carrier address.
AXES_FAILURE_LIMIT = env_int("KOPDES_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("KOPDES_LOGIN_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_IPWARE_PROXY_COUNT = env_int("KOPDES_PROXY_COUNT", 0)

# Two-factor sign-in (TOTP) for district roles and staff. Off here unless set;
# config.production turns it on by default, and KOPDES_REQUIRE_2FA=0 turns it off there too.
KOPDES_REQUIRE_2FA = env_bool("KOPDES_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = "Kopdes"
# Personal API tokens expire after this many days unless a shorter life is chosen
# (docs/tenancy.md, "People and access"); a longer one is refused.
KOPDES_API_TOKEN_DAYS = env_int("KOPDES_API_TOKEN_DAYS", 90)
KOPDES_API_TOKEN_MAX_DAYS = env_int("KOPDES_API_TOKEN_MAX_DAYS", 365)

SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads it to send X-CSRFToken

# --- Language and time ----------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "kopdes" / "locale"]
USE_I18N = True
USE_TZ = True
# Default zone of the regency; each regency carries its own (WIB/WITA/WIT).
TIME_ZONE = env_str("KOPDES_TIME_ZONE", "Asia/Makassar")

# --- Static files ---------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Bootstrap and htmx come from npm at set-up (package-lock.json) and are
# served by the app itself; no CDN at run time.
STATICFILES_DIRS = [
    BASE_DIR / "kopdes" / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("KOPDES_MANIFEST_STATIC", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# --- Reference data and the first regency ---------------------------------
KOPDES_REFERENCE_DIR = BASE_DIR / "kopdes" / "core" / "reference"
KOPDES_HOME_REGENCY = env_str("KOPDES_HOME_REGENCY", "64.09")

# --- Ledger -----------------------------------------------------------------
# How many days after today (in the cooperative's zone) a business date may lie
# (docs/ledger.md, "Writing"); 0: not after today.
KOPDES_LEDGER_MAX_DAYS_AHEAD = env_int("KOPDES_LEDGER_MAX_DAYS_AHEAD", 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("KOPDES_LOG_LEVEL", "WARNING")},
}
