#!/usr/bin/env python3
"""Check the Debian packages Kopdes needs; install them when allowed, else name the line.

    scripts/check_system.py            what ``make run`` needs (WeasyPrint's
                                       libraries and fonts, npm); checks only
    scripts/check_system.py --tests    also what the tests need: Debian's
                                       ``chromium`` (Playwright drives it,
                                       never a downloaded browser) and
                                       ``gettext`` (the i18n catalogue test)
    ... --install                      install what is missing with apt-get
                                       when running as root (``make test``
                                       passes it); otherwise stop, naming the
                                       exact ``apt-get install`` line

Exit status 0 when everything is present (after installing), 1 otherwise.
"""

from __future__ import annotations

import argparse
import ctypes.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

CHROMIUM = Path(os.environ.get("KOPDES_CHROMIUM", "/usr/bin/chromium"))


def _library(name: str) -> Callable[[], bool]:
    return lambda: ctypes.util.find_library(name) is not None


def _program(name: str) -> Callable[[], bool]:
    return lambda: shutil.which(name) is not None


def _dejavu() -> bool:
    if shutil.which("fc-list") is None:
        return False
    fonts = subprocess.run(["fc-list"], capture_output=True, text=True, check=False).stdout
    return "DejaVu" in fonts


def _chromium() -> bool:
    return CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)


# (is it there?, Debian package, why)
Need = tuple[Callable[[], bool], str, str]
RUN: list[Need] = [
    (_library("pango-1.0"), "libpango-1.0-0", "WeasyPrint (PDF)"),
    (_library("pangoft2-1.0"), "libpangoft2-1.0-0", "WeasyPrint (PDF)"),
    (_library("harfbuzz"), "libharfbuzz0b", "WeasyPrint (PDF)"),
    (_library("fontconfig"), "fontconfig", "WeasyPrint (PDF)"),
    (_program("fc-list"), "fontconfig", "huruf untuk PDF"),
    (_dejavu, "fonts-dejavu-core", "huruf untuk PDF (DejaVu Sans)"),
    (_program("npm"), "npm", "Bootstrap dan htmx (aset tampilan)"),
]
TESTS: list[Need] = [
    (_chromium, "chromium", f"uji peramban (Playwright menjalankan {CHROMIUM})"),
    (_program("msgfmt"), "gettext", "uji katalog terjemahan (i18n)"),
]


def missing_packages(needs: list[Need]) -> list[tuple[str, str]]:
    return [(package, why) for present, package, why in needs if not present()]


def install_line(packages: list[str]) -> str:
    return f"apt-get install -y --no-install-recommends {' '.join(packages)}"


def apt_install(packages: list[str]) -> bool:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print(f"Memasang paket sistem: {' '.join(packages)}", flush=True)
    for command in (["apt-get", "update", "-qq"], install_line(packages).split()):
        if subprocess.run(command, env=env, check=False).returncode != 0:
            print(f"Gagal: {' '.join(command)}")
            return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", action="store_true", help="also what the tests need")
    parser.add_argument("--install", action="store_true", help="apt-get install when root")
    args = parser.parse_args(argv)

    if sys.version_info[:2] != (3, 11):
        print(f"Peringatan: Kopdes diuji dengan Python 3.11, ini {sys.version.split()[0]}.")
    needs = RUN + (TESTS if args.tests else [])
    missing = missing_packages(needs)
    if not missing:
        return 0
    packages = sorted({package for package, _ in missing})
    print("Paket sistem yang dibutuhkan belum terpasang:")
    for package, why in missing:
        print(f"  - {package}: {why}")
    if args.install and os.geteuid() == 0 and shutil.which("apt-get"):
        if apt_install(packages):
            still = missing_packages(needs)
            if not still:
                return 0
            print("Masih belum ada setelah dipasang: " + ", ".join(p for p, _ in still))
        return 1
    print("\nPasang dengan:\n")
    print(f"  sudo {install_line(packages)}\n")
    return 1


if __name__ == "__main__":
    sys.exit(main())
