"""Settings for pytest: the product settings plus test-only apps.

``tests.ormcheck`` holds a small model with money columns so the ORM money
expressions are pinned on both engines before any product model uses them.
"""

from config import settings as _product
from config.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.ormcheck"]  # noqa: F405

# WhiteNoise walks and stats every file under STATIC_ROOT when its middleware
# starts, which happens once per test ``Client`` (about 0.12 s each, the
# largest single cost of the authorisation sweep). Looking files up per
# request instead serves the same files from the same directory.
WHITENOISE_AUTOREFRESH = True

# The same hashed names as production (the manifest), without the gzip and
# brotli copies: compressing the 56 MB of collected files is most of a
# minute, and no test reads them. ``make test`` collects with these settings.
_COMPRESSED = "whitenoise.storage.CompressedManifestStaticFilesStorage"
if _product.STORAGES["staticfiles"]["BACKEND"] == _COMPRESSED:
    STORAGES = {
        **_product.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
