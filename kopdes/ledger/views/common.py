"""What every bookkeeping page needs: the cooperative for the action, and the pickers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kopdes.accounts import access
from kopdes.cooperatives.models import BusinessUnit, Cooperative
from kopdes.core.timeutils import business_date
from kopdes.ledger.models import Account

VIEW = "cooperative.view"
CASH = "cooperative.transact"
MANAGE = "ledger.manage"


def cooperative_for(request: HttpRequest, slug: str, action: str = VIEW) -> Cooperative:
    return access.cooperative_for(request.user, slug, action)


def page_context(request: HttpRequest, cooperative: Cooperative, **extra: Any) -> dict[str, Any]:
    return {
        "cooperative": cooperative,
        "can_manage": access.can(request.user, MANAGE, cooperative),
        "can_cash": access.can(request.user, CASH, cooperative),
        **extra,
    }


def postable_accounts(cooperative: Cooperative, *, allow_control: bool = False) -> list[Account]:
    """Accounts a person may pick: active, postable, and never a control account."""
    accounts = Account.objects.filter(cooperative=cooperative, is_header=False, is_active=True)
    if not allow_control:
        accounts = accounts.filter(control_key="")
    return list(accounts.order_by("code"))


def unit_choices(cooperative: Cooperative) -> list[tuple[int, str]]:
    return [
        (u.pk, u.display_name)
        for u in BusinessUnit.objects.filter(cooperative=cooperative).order_by("pk")
    ]


def today_for(cooperative: Cooperative) -> Any:
    return business_date(cooperative)
