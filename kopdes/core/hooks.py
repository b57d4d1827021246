"""Named hooks: how a lower layer sets off work in a layer above it.

The dependency rule (docs/design.md rule 1) forbids ``cooperatives`` from
importing ``ledger``; yet creating a cooperative must seed its chart of
accounts. So ``cooperatives`` fires ``cooperative_created`` and the ledger
registers a receiver in its ``AppConfig.ready``. Receivers run in the
caller's transaction, in registration order; an exception propagates and
rolls the whole write back (a cooperative without books must not exist).

Unlike Django signals, every hook is declared here by name, so a reader
finds all the extension points in one file, and a typo fails at import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Receiver = Callable[..., Any]


@dataclass
class Hook:
    name: str
    doc: str
    _receivers: list[tuple[str, Receiver]] = field(default_factory=list)

    def register(self, receiver: Receiver, *, key: str | None = None) -> Receiver:
        """Add a receiver once; re-registering the same key replaces it."""
        key = key or f"{receiver.__module__}.{receiver.__qualname__}"
        self._receivers = [(k, r) for k, r in self._receivers if k != key]
        self._receivers.append((key, receiver))
        return receiver

    def unregister(self, key: str) -> None:
        self._receivers = [(k, r) for k, r in self._receivers if k != key]

    def fire(self, **kwargs: Any) -> list[Any]:
        """Call every receiver with keyword arguments; return their results."""
        return [receiver(**kwargs) for _key, receiver in self._receivers]

    @property
    def receivers(self) -> list[str]:
        return [key for key, _receiver in self._receivers]


cooperative_created = Hook(
    "cooperative_created",
    "After a cooperative is created (kwargs: cooperative, actor). The ledger seeds its chart.",
)
period_closed = Hook(
    "period_closed",
    "After a month is closed (kwargs: cooperative, period, actor). No receiver yet: "
    "the district's summaries will register here.",
)
reconciliations = Hook(
    "reconciliations",
    "Sub-ledger checks (kwargs: cooperative, on_date); each receiver returns a list of "
    "problems (empty when its sub-ledger equals its control account).",
)

home_notices = Hook(
    "home_notices",
    "What waits for a user on a cooperative's home (kwargs: cooperative, user); each receiver "
    "returns a list of (message, url) pairs. The ledger lists reopen requests for a pengawas.",
)

ALL_HOOKS = {
    hook.name: hook for hook in (cooperative_created, period_closed, reconciliations, home_notices)
}
