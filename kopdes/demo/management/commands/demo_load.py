from typing import Any

from django.core.management.base import BaseCommand

from kopdes.demo.loader import load_demo


class Command(BaseCommand):
    help = "Memuat bagian data demo yang belum dimuat (aman dijalankan berulang)."

    def handle(self, *args: Any, **options: Any) -> None:
        loaded = load_demo(self.stdout.write)
        if loaded:
            self.stdout.write(self.style.SUCCESS(f"Data demo dimuat: {', '.join(loaded)}"))
        else:
            self.stdout.write("Data demo sudah lengkap.")
