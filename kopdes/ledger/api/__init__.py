"""The books over the API, one module per resource, all on one router.

- ``entries``: post an entry (idempotent), search, read, reverse; the cash
  book's kas masuk / kas keluar;
- ``chart``: the chart of accounts, a new sub-account, deactivation;
- ``periods``: months and book years, their closes, the RAT's approval;
- ``reopen``: reopen requests (the pengurus asks, a pengawas decides);
- ``opening``: opening balances as JSON rows (the XLSX import's validation);
- ``statements``: every statement as JSON.

Every path is ``/api/v1/k/<slug>/...``; access, bodies and keys as in
``common``; the error shape and codes in ``config/api.py`` and
``docs/ledger.md`` ("API").
"""

from kopdes.ledger.api import chart, entries, opening, periods, reopen, statements
from kopdes.ledger.api.common import router

__all__ = ["chart", "entries", "opening", "periods", "reopen", "router", "statements"]
