"""Shared start-up for the bench scripts: Django on a dedicated bench database.

The engine is the one the settings pick: SQLite (a file with the production
PRAGMAs) by default, PostgreSQL when ``DATABASE_URL`` is set. Either way the
bench gets its own database, so it never touches the demo or a test database:

* SQLite: ``<KOPDES_VAR_DIR>/bench.sqlite3``;
* PostgreSQL: the database ``kopdes_bench`` on the server ``DATABASE_URL``
  names (created on first use).

Migrations run and the demo is loaded (both are idempotent, so a second run
starts at once).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SQLITE_NAME = "bench.sqlite3"
POSTGRES_NAME = "kopdes_bench"


def setup_django() -> dict[str, str]:
    """Configure Django on the bench database; returns facts for the header line."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Pages are measured after sign-in; the second factor is a separate step.
    os.environ["KOPDES_REQUIRE_2FA"] = "false"

    import django
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        database["NAME"] = str(Path(settings.VAR_DIR) / SQLITE_NAME)
    else:
        _ensure_postgres_database(database, POSTGRES_NAME)
        database["NAME"] = POSTGRES_NAME
    django.setup()

    from django.db import connection

    return {"engine": connection.vendor, "database": str(database["NAME"])}


def _ensure_postgres_database(database: Any, name: str) -> None:
    import psycopg
    from psycopg import sql

    params: dict[str, Any] = {
        "dbname": database.get("NAME") or "postgres",
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
        "host": database.get("HOST") or None,
        "port": database.get("PORT") or None,
        "connect_timeout": 5,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def prepare_demo(progress: Callable[[str], None]) -> None:
    """Migrate the bench database, load the demo, and make sure static files exist."""
    from django.conf import settings
    from django.core.management import call_command

    from kopdes.demo.loader import load_demo

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    loaded = load_demo(progress=lambda message: None)
    backend = settings.STORAGES["staticfiles"]["BACKEND"]
    if "Manifest" in backend and not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    took = time.perf_counter() - started
    progress(f"bench database ready in {took:.1f} s (demo sections loaded now: {loaded or 'none'})")


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def p95_ms(samples: list[float]) -> float:
    """The 95th percentile (inclusive method, so it lies within the samples)."""
    if len(samples) < 2:
        return samples[0] * 1000
    return statistics.quantiles(samples, n=20, method="inclusive")[18] * 1000


def figure(name: str, value: float | int, unit: str) -> str:
    text = f"{value:.2f}" if isinstance(value, float) else str(value)
    return f"{name}={text} {unit}"
