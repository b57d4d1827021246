"""Start the demo afresh (``make demo-reset``), books included.

The ledger's guards refuse deleting posted entries row by row (docs/ledger.md,
"Database guards"), so a plain ``flush`` cannot empty a demo with books:

- SQLite (the embedded demo): the database file is replaced by a new one and
  migrated, which also loads the regions and installs the guards;
- PostgreSQL: only a demo database (it records loaded demo sections, or has
  no cooperative yet) is reset; the guards are dropped for the flush and put
  back, and the regions reloaded.

``make demo-reset`` then runs ``demo_load``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Menghapus seluruh data demo lalu menyiapkan basis data kosong yang siap dimuat ulang."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--yes", action="store_true", help="Tanpa konfirmasi.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            raise CommandError("Tambahkan --yes untuk menghapus semua data demo.")
        if connection.vendor == "sqlite":
            self._new_sqlite_file()
        elif connection.vendor == "postgresql":
            self._flush_postgresql()
        else:
            raise CommandError(
                f"demo_reset tidak mengenal basis data {connection.vendor}; hanya SQLite atau "
                "PostgreSQL demo."
            )
        from django.contrib.contenttypes.models import ContentType

        # Ids of content types may differ in the new database.
        ContentType.objects.clear_cache()
        self.stdout.write(
            self.style.SUCCESS("Data demo dihapus. Jalankan demo_load untuk memuat ulang.")
        )

    def _new_sqlite_file(self) -> None:
        name = str(connection.settings_dict["NAME"])
        if name == ":memory:" or name.startswith("file:"):
            raise CommandError("demo_reset memerlukan basis data SQLite berupa berkas.")
        connection.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(name + suffix).unlink(missing_ok=True)
        # A new file: every migration runs again (regions, charts, the guards).
        call_command("migrate", interactive=False, verbosity=0)

    def _flush_postgresql(self) -> None:
        from kopdes.cooperatives.models import Cooperative
        from kopdes.core.models import Region
        from kopdes.core.regions_loader import load_regions
        from kopdes.demo.models import LoadedSection
        from kopdes.ledger.triggers import drop_triggers, install_triggers

        if not LoadedSection.objects.exists() and Cooperative.objects.exists():
            raise CommandError(
                "Basis data ini bukan basis data demo (tidak ada bagian demo yang dimuat); "
                "demo_reset tidak menghapusnya."
            )
        drop_triggers()
        try:
            call_command("flush", interactive=False, verbosity=0)
        finally:
            install_triggers()
        # flush empties the region tables too; reload them.
        load_regions(Region)
