#!/usr/bin/env python3
"""Run every bench script on SQLite, then on PostgreSQL if one answers.

    .venv/bin/python bench/run_all.py [--only pages] [-- extra args for each script]

Each script runs in its own process and prints its own figures. PostgreSQL is
the server in DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres;
when it does not answer, that half is skipped with a note. Exits non-zero if
any script failed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"


def scripts() -> list[Path]:
    return sorted(
        path
        for path in BENCH.glob("*.py")
        if not path.name.startswith("_") and path.name != Path(__file__).name
    )


def postgres_answers(url: str) -> bool:
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3):
            return True
    except Exception as exc:
        print(f"# PostgreSQL at {url} not reachable ({type(exc).__name__}); skipping it")
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", help="run only this script (name, no .py)")
    parser.add_argument("extra", nargs="*", help="arguments passed to every script (after --)")
    args = parser.parse_args()

    chosen = [s for s in scripts() if not args.only or s.stem in args.only]
    if not chosen:
        print("no bench script matched", file=sys.stderr)
        return 2
    base_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    engines: list[tuple[str, dict[str, str]]] = [("sqlite", base_env)]
    postgres_url = os.environ.get("DATABASE_URL") or DEFAULT_POSTGRES
    if postgres_answers(postgres_url):
        engines.append(("postgresql", {**base_env, "DATABASE_URL": postgres_url}))

    failures = []
    for engine, env in engines:
        for script in chosen:
            print(f"## {script.name} on {engine}", flush=True)
            started = time.perf_counter()
            result = subprocess.run(
                [sys.executable, str(script), *args.extra], cwd=ROOT, env=env, check=False
            )
            took = time.perf_counter() - started
            print(f"## {script.name} on {engine}: exit {result.returncode} in {took:.1f} s")
            if result.returncode != 0:
                failures.append(f"{script.name} on {engine}")
    if failures:
        print("bench failures: " + ", ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
