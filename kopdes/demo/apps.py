from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kopdes.demo"
    label = "demo"
    verbose_name = "Data demo"
