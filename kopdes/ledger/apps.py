from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


class LedgerConfig(AppConfig):
    name = "kopdes.ledger"
    label = "ledger"
    verbose_name = "Pembukuan"

    def ready(self) -> None:
        from kopdes.core import hooks
        from kopdes.ledger.chart import on_cooperative_created
        from kopdes.ledger.triggers import drop_before_migrate, reinstall_after_migrate
        from kopdes.ledger.views.reopen import home_notices

        hooks.cooperative_created.register(on_cooperative_created, key="ledger.seed_chart")
        hooks.home_notices.register(home_notices, key="ledger.reopen_requests")
        pre_migrate.connect(drop_before_migrate, sender=self, dispatch_uid="ledger.drop_triggers")
        # Sent once per app; sender=self makes it run once per migrate (and flush).
        post_migrate.connect(
            reinstall_after_migrate, sender=self, dispatch_uid="ledger.reinstall_triggers"
        )
