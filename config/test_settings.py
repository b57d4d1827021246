"""Settings for pytest: the product settings plus test-only apps.

``tests.ormcheck`` holds a small model with money columns so the ORM money
expressions are pinned on both engines before any product model uses them.
"""

from config.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.ormcheck"]  # noqa: F405
