"""``manage.py reset_2fa <username>``: the admin reset of a lost second factor."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kopdes.accounts.two_factor import reset_two_factor


class Command(BaseCommand):
    help = (
        "Hapus aplikasi autentikator dan kode pemulihan seorang pengguna, sehingga ia "
        "harus memasang ulang verifikasi dua langkah saat masuk berikutnya."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="nama pengguna")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Pengguna '{username}' tidak ditemukan.")
        deleted = reset_two_factor(user=user)
        self.stdout.write(
            self.style.SUCCESS(
                f"Verifikasi dua langkah untuk '{username}' telah direset "
                f"({deleted} perangkat dihapus). Pengguna harus memasang ulang aplikasi "
                "autentikator saat masuk berikutnya."
            )
        )
