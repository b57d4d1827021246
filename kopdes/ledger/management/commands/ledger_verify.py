"""``kopdes ledger verify [slug ...] [--all]``: check the books' invariants."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from kopdes.cooperatives.models import Cooperative
from kopdes.ledger.checks import trigger_problems, verify_cooperative


class Command(BaseCommand):
    help = "Memeriksa invarian pembukuan satu atau semua koperasi."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slugs", nargs="*", help="kode URL koperasi")
        parser.add_argument("--all", action="store_true", help="semua koperasi")

    def handle(self, *args: Any, **options: Any) -> None:
        slugs: list[str] = options["slugs"]
        if options["all"] or not slugs:
            cooperatives = list(Cooperative.objects.order_by("slug"))
        else:
            cooperatives = list(Cooperative.objects.filter(slug__in=slugs).order_by("slug"))
            unknown = sorted(set(slugs) - {c.slug for c in cooperatives})
            if unknown:
                raise CommandError(f"Koperasi tidak ditemukan: {', '.join(unknown)}")
        violations = [f"basis data: {problem}" for problem in trigger_problems()]
        show_bar = len(cooperatives) > 1 and options["verbosity"] > 0
        for cooperative in tqdm(
            cooperatives, desc="Memeriksa pembukuan", unit="koperasi", disable=not show_bar
        ):
            for problem in verify_cooperative(cooperative, include_triggers=False):
                violations.append(f"{cooperative.slug} {cooperative.name}: {problem}")
        if violations:
            for line in violations:
                self.stderr.write(line)
            raise CommandError(f"{len(violations)} pelanggaran ditemukan.", returncode=1)
        self.stdout.write(f"Pembukuan {len(cooperatives)} koperasi sesuai semua invarian.")
