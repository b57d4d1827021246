from typing import Any

from django.core.management.base import BaseCommand

from kopdes.demo.sections.people_and_cooperatives import DEMO_PASSWORD, logins


class Command(BaseCommand):
    help = "Menampilkan akun demo per peran."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Akun demo (kata sandi semua: {DEMO_PASSWORD}):")
        for username, role, scope in logins():
            self.stdout.write(f"  {username:<22} {role:<34} {scope}")
