from django.apps import AppConfig


class OrmCheckConfig(AppConfig):
    name = "tests.ormcheck"
    label = "ormcheck"
    verbose_name = "ORM money checks (tests only)"
