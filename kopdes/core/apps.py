from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kopdes.core"
    label = "core"
    verbose_name = "Inti"
