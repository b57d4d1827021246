"""Checking and storing uploaded registry documents (PDF, JPEG, PNG)."""

from __future__ import annotations

import uuid
from pathlib import PurePath
from typing import Any

from django.conf import settings

from kopdes.core.errors import DomainError

DEFAULT_MAX_UPLOAD_BYTES = 5 * 1024 * 1024

# Magic bytes decide the type: a renamed .exe must not pass as a PDF.
_SIGNATURES: tuple[tuple[bytes, str, frozenset[str]], ...] = (
    (b"%PDF-", "application/pdf", frozenset({".pdf"})),
    (b"\x89PNG\r\n\x1a\n", "image/png", frozenset({".png"})),
    (b"\xff\xd8\xff", "image/jpeg", frozenset({".jpg", ".jpeg"})),
)
_EXTENSION_FOR = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}


class UploadError(DomainError):
    pass


def max_upload_bytes() -> int:
    return int(getattr(settings, "KOPDES_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def check_upload(upload: Any, *, field: str = "documents") -> str:
    """The content type of a PDF/JPEG/PNG upload, or ``UploadError`` naming the field."""
    name = str(getattr(upload, "name", "") or "")
    size = int(getattr(upload, "size", 0) or 0)
    limit = max_upload_bytes()
    if size == 0:
        raise UploadError(f"Berkas {name} kosong.", field=field, code="upload_empty")
    if size > limit:
        raise UploadError(
            f"Berkas {name} terlalu besar ({size // 1024} KB); paling besar {limit // 1024} KB.",
            field=field,
            code="upload_too_large",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    extension = PurePath(name).suffix.lower()
    for magic, content_type, extensions in _SIGNATURES:
        if head.startswith(magic):
            if extension not in extensions:
                raise UploadError(
                    f"Berkas {name}: isinya {content_type} tetapi namanya berakhiran "
                    f"{extension or '(tanpa akhiran)'}.",
                    field=field,
                    code="upload_extension_mismatch",
                )
            return content_type
    raise UploadError(
        f"Berkas {name} bukan PDF, JPEG atau PNG.", field=field, code="upload_bad_type"
    )


def stored_name(prefix: str, content_type: str) -> str:
    # Never keep the uploader's file name on disk (paths, odd characters, clashes).
    return f"{prefix}-{uuid.uuid4().hex[:12]}{_EXTENSION_FOR[content_type]}"
