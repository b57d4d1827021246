"""A minimal movement table: just enough to exercise money columns in SQL."""

from __future__ import annotations

from django.db import models

from kopdes.core.money_fields import MoneyField


class Movement(models.Model):
    account = models.CharField(max_length=20)
    debit = MoneyField(default=0)
    credit = MoneyField(default=0)
    business_date = models.DateField()

    class Meta:
        app_label = "ormcheck"

    def __str__(self) -> str:
        return f"{self.account} {self.business_date}: {self.debit}/{self.credit}"
