#!/usr/bin/env python3
"""Check the Debian packages Kopdes needs, and print the exact install line.

Run by ``make run`` before anything else. It only checks and explains; it
never installs system packages itself (that needs root and a decision).
"""

from __future__ import annotations

import ctypes.util
import shutil
import sys

# (what to look for, Debian package, why)
LIBRARIES = [
    ("pango-1.0", "libpango-1.0-0", "WeasyPrint (PDF)"),
    ("pangoft2-1.0", "libpangoft2-1.0-0", "WeasyPrint (PDF)"),
    ("harfbuzz", "libharfbuzz0b", "WeasyPrint (PDF)"),
    ("fontconfig", "fontconfig", "WeasyPrint (PDF)"),
]
PROGRAMS = [
    ("npm", "npm", "Bootstrap dan htmx (aset tampilan)"),
    ("fc-list", "fontconfig", "huruf untuk PDF"),
]
FONT_PACKAGES = ["fonts-dejavu-core"]


def main() -> int:
    missing: list[tuple[str, str]] = []
    for lib, package, why in LIBRARIES:
        if ctypes.util.find_library(lib) is None:
            missing.append((package, why))
    for program, package, why in PROGRAMS:
        if shutil.which(program) is None:
            missing.append((package, why))
    if shutil.which("fc-list"):
        import subprocess

        fonts = subprocess.run(["fc-list"], capture_output=True, text=True, check=False).stdout
        if "DejaVu" not in fonts:
            missing += [(p, "huruf untuk PDF") for p in FONT_PACKAGES]
    if sys.version_info[:2] != (3, 11):
        print(f"Peringatan: Kopdes diuji dengan Python 3.11, ini {sys.version.split()[0]}.")
    if not missing:
        return 0
    packages = sorted({package for package, _ in missing})
    print("Paket sistem yang dibutuhkan belum terpasang:")
    for package, why in missing:
        print(f"  - {package}: {why}")
    print("\nPasang dengan:\n")
    print(f"  sudo apt-get install -y {' '.join(packages)}\n")
    return 1


if __name__ == "__main__":
    sys.exit(main())
