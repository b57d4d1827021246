"""``manage.py unlock_user <username>``: lift a login lockout before it expires."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from kopdes.accounts.lockout import unlock_user


class Command(BaseCommand):
    help = "Buka kunci masuk seorang pengguna (hapus catatan percobaan masuk yang gagal)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="nama pengguna")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        # A lock can exist for a name that has no account (someone guessed
        # it); lifting it is harmless, so only warn.
        if not get_user_model().objects.filter(username=username).exists():
            self.stderr.write(
                self.style.WARNING(f"Peringatan: tidak ada pengguna bernama '{username}'.")
            )
        removed = unlock_user(username=username)
        self.stdout.write(
            self.style.SUCCESS(
                f"Kunci masuk untuk '{username}' dibuka ({removed} catatan percobaan "
                "gagal dihapus). Pengguna dapat masuk kembali."
            )
        )
