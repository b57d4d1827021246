"""Run the demo sections that are not loaded at their current version."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from kopdes.demo.models import LoadedSection
from kopdes.demo.sections import SECTIONS


def pending_sections() -> list[str]:
    loaded = dict(LoadedSection.objects.values_list("name", "version"))
    return [s.name for s in SECTIONS if loaded.get(s.name, 0) < s.version]


def load_demo(progress: Callable[[str], None] = print, *, upto: str | None = None) -> list[str]:
    """Load every pending section (or those up to ``upto``); returns the names loaded now.

    ``upto`` lets a test load only the sections it needs: later sections
    (a year of books) are slow and irrelevant to, say, the district list.
    """
    names = [s.name for s in SECTIONS]
    if upto is not None and upto not in names:
        raise ValueError(f"unknown demo section {upto!r}")
    wanted = names[: names.index(upto) + 1] if upto else names
    done = []
    pending = set(pending_sections()) & set(wanted)
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
