"""Small filters for the account pages."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kopdes.accounts import access

register = template.Library()


@register.simple_tag(takes_context=True)
def read_only_badge(context: dict[str, Any]) -> SafeString | str:
    """The top bar's "read only" badge for a user whose every role only reads
    (pengawas, district viewer; docs/tenancy.md, "People and access")."""
    user = context.get("user")
    if user is None or not user.is_authenticated or not access.is_read_only(user):
        return ""
    return format_html(
        '<span class="badge text-bg-warning me-auto" id="read-only-badge" title="{}">{}</span>',
        _("Peran Anda hanya dapat melihat data, tidak mengubahnya."),
        _("Hanya lihat"),
    )


@register.filter
def minutes(value: timedelta | None) -> int:
    """Whole minutes of a duration, rounded up (a lockout of 14.5 min says 15)."""
    if not isinstance(value, timedelta):
        return 0
    return max(1, math.ceil(value.total_seconds() / 60))
