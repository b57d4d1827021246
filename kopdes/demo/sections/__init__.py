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

from kopdes.demo.sections import books, people_and_cooperatives, registry


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
    Section(
        "02_registry",
        1,
        "Tahap pembentukan, pengurus dan pengawas, unit usaha, RAT 2025",
        registry.load,
    ),
    Section(
        "03_books",
        1,
        "Saldo awal dan setahun buku kas per unit koperasi yang beroperasi; bulan lalu ditutup",
        books.load,
    ),
]
