"""Demo data in versioned, idempotent sections.

Each section is a function that may run again safely (get-or-create by
natural keys). ``demo_load`` runs every section whose recorded version is
older than its current one, each inside one transaction together with the
record that it finished, so a section interrupted half-way is simply
redone next time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kopdes.demo.sections import people_and_cooperatives


@dataclass(frozen=True)
class Section:
    name: str
    version: int
    title: str
    load: Callable[[Callable[[str], None]], None]


SECTIONS: list[Section] = [
    Section(
        "01_cooperatives_and_people",
        1,
        "54 koperasi, pengguna Dinas, pendamping, pelatih, pengurus",
        people_and_cooperatives.load,
    ),
]
