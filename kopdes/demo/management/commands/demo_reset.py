from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Menghapus seluruh data (basis data SQLite demo) lalu menyiapkan skema kembali."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--yes", action="store_true", help="Tanpa konfirmasi.")

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "sqlite":
            raise CommandError("demo_reset hanya untuk basis data demo SQLite, bukan produksi.")
        if not options["yes"]:
            raise CommandError("Tambahkan --yes untuk menghapus semua data demo.")
        call_command("flush", interactive=False, verbosity=0)
        # flush empties the region tables too; reload them.
        from kopdes.core.models import Region
        from kopdes.core.regions_loader import load_regions

        load_regions(Region)
        from kopdes.demo.models import LoadedSection

        LoadedSection.objects.all().delete()
        self.stdout.write(
            self.style.SUCCESS("Data dihapus. Jalankan demo_load untuk memuat ulang.")
        )
