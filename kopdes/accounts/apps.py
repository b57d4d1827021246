from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kopdes.accounts"
    label = "accounts"
    verbose_name = "Pengguna dan akses"
