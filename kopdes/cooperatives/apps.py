from django.apps import AppConfig


class CooperativesConfig(AppConfig):
    name = "kopdes.cooperatives"
    label = "cooperatives"
    verbose_name = "Koperasi"
