"""The ``kopdes`` command: manage.py with readable sub-commands.

``kopdes ledger verify --all`` runs the management command ``ledger_verify``;
``kopdes demo load`` runs ``demo_load``; any plain Django command works as
well (``kopdes migrate``). The longest run of leading words that names a
command wins, so ``kopdes demo load`` never shadows ``demo_load``.
"""

from __future__ import annotations

import os
import sys


def resolve(argv: list[str], commands: set[str]) -> list[str]:
    """Turn ``["ledger", "verify", "--all"]`` into ``["ledger_verify", "--all"]``."""
    words = []
    for word in argv:
        if word.startswith("-"):
            break
        words.append(word)
    for length in range(len(words), 0, -1):
        name = "_".join(words[:length]).replace("-", "_")
        if name in commands:
            return [name, *argv[length:]]
    return argv


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.core.management import execute_from_command_line, get_commands

    django.setup()
    args = resolve(sys.argv[1:], set(get_commands()))
    execute_from_command_line(["kopdes", *args])


if __name__ == "__main__":
    main()
