"""Production settings: everything in ``config.settings`` plus HTTPS hardening.

``manage.py check --deploy --settings=config.production`` must be clean.
"""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int
from config.settings import *  # noqa: F403
from config.settings import INSECURE_DEV_KEY, SECRET_KEY

if SECRET_KEY == INSECURE_DEV_KEY or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of at least 50 characters")

DEBUG = False
KOPDES_REQUIRE_2FA = env_bool("KOPDES_REQUIRE_2FA", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("KOPDES_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("KOPDES_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
