"""Run the demo sections that are not loaded at their current version."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from kopdes.demo.models import LoadedSection
from kopdes.demo.sections import SECTIONS


def pending_sections() -> list[str]:
    loaded = dict(LoadedSection.objects.values_list("name", "version"))
    return [s.name for s in SECTIONS if loaded.get(s.name, 0) < s.version]


def load_demo(progress: Callable[[str], None] = print) -> list[str]:
    """Load every pending section; returns the names loaded now."""
    done = []
    pending = set(pending_sections())
    for section in SECTIONS:
        if section.name not in pending:
            continue
        progress(f"Memuat bagian demo {section.name} v{section.version}: {section.title}")
        with transaction.atomic():
            section.load(lambda message: progress(f"  · {message}"))
            LoadedSection.objects.update_or_create(
                name=section.name, defaults={"version": section.version}
            )
        done.append(section.name)
    return done
