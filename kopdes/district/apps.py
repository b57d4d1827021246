from django.apps import AppConfig


class DistrictConfig(AppConfig):
    name = "kopdes.district"
    label = "district"
    verbose_name = "Kabupaten"
