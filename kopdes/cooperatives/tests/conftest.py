"""Registry test helpers: uploads go to a temporary MEDIA_ROOT, never var/media."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
