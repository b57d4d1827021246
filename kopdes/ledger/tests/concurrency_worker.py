"""A separate process posting into the test database (used by test_concurrency).

    python concurrency_worker.py <database name> <cooperative id> <mode> <count> <worker>

mode "numbers": post <count> entries with keys of its own; mode "same_key":
post the same entry <count> times; modes "reverse_same_key" / "reverse_own_key":
reverse the cooperative's first entry with one key for all workers / a key of
its own. Prints one entry id per line ("already" for AlreadyReversed).
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def main() -> None:
    database, cooperative_id, mode, count, worker = sys.argv[1:6]
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    import django
    from django.conf import settings

    settings.DATABASES["default"]["NAME"] = database
    django.setup()
    from kopdes.cooperatives.models import Cooperative
    from kopdes.ledger.services import LineInput, post_entry

    cooperative = Cooperative.objects.get(pk=int(cooperative_id))
    if mode.startswith("reverse"):
        from kopdes.ledger.models import Entry
        from kopdes.ledger.services import AlreadyReversed, reverse_entry

        original = Entry.objects.filter(cooperative=cooperative).order_by("id").first()
        key = "balik" if mode == "reverse_same_key" else f"balik-{worker}"
        try:
            reversal = reverse_entry(
                entry=original,
                actor=None,
                business_date=date(2026, 3, 2),
                memo="Salah catat",
                idempotency_key=key,
            )
        except AlreadyReversed:
            print("already", flush=True)
        else:
            print(reversal.pk, flush=True)
        return
    for i in range(int(count)):
        same = mode == "same_key"
        key = "sama" if same else f"w{worker}-{i}"
        amount = 1000 if same else 1000 + i
        entry = post_entry(
            cooperative=cooperative,
            actor=None,
            business_date=date(2026, 3, 1) if same else date(2026, 3, 1 + i % 28),
            lines=[
                LineInput(account="1-1100", debit=amount),
                LineInput(account="4-1110", credit=amount),
            ],
            memo="konkuren",
            source_app="ledger",
            idempotency_key=key,
        )
        print(entry.pk, flush=True)


if __name__ == "__main__":
    main()
