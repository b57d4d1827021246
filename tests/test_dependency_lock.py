"""The hash-locked requirements agree with pyproject.toml (README, "Dependencies").

A dependency added or re-pinned in ``pyproject.toml`` without regenerating
``requirements/*.txt`` fails here, naming the package, instead of installing
something other than what the lock promises.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def _name(raw: str) -> str:
    return re.sub(r"[-_.]+", "-", raw).lower()


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _direct_pins(requirements: list[str]) -> dict[str, str]:
    pins = {}
    for requirement in requirements:
        match = PIN.match(requirement.strip())
        assert match, f"pyproject pins every dependency exactly (name==version): {requirement!r}"
        pins[_name(match.group(1))] = match.group(2)
    return pins


def _lock(path: str) -> tuple[dict[str, str], list[str]]:
    """(pins, packages without a hash) of a pip-compile --generate-hashes file."""
    text = (ROOT / path).read_text(encoding="utf-8")
    pins: dict[str, str] = {}
    unhashed: list[str] = []
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = PIN.match(block)
        if not match:
            continue
        pins[_name(match.group(1))] = match.group(2)
        if "--hash=sha256:" not in block:
            unhashed.append(match.group(1))
    return pins, unhashed


@pytest.mark.parametrize(
    ("lock_file", "extras"),
    [("requirements/lock.txt", ()), ("requirements/dev-lock.txt", ("dev",))],
)
def test_every_direct_dependency_is_locked_at_its_pinned_version(lock_file, extras):
    project = _pyproject()["project"]
    wanted = _direct_pins(project["dependencies"])
    for extra in extras:
        wanted |= _direct_pins(project["optional-dependencies"][extra])
    locked, _unhashed = _lock(lock_file)
    stale = {
        name: (version, locked.get(name))
        for name, version in wanted.items()
        if locked.get(name) != version
    }
    assert not stale, (
        f"{lock_file} is stale (pyproject pin, lock): {stale}; regenerate it as the README says"
    )


@pytest.mark.parametrize("lock_file", ["requirements/lock.txt", "requirements/dev-lock.txt"])
def test_every_locked_package_carries_a_hash(lock_file):
    locked, unhashed = _lock(lock_file)
    assert locked, f"{lock_file} lists no package"
    assert not unhashed, f"{lock_file}: no hash for {unhashed}"


def test_the_lock_holds_no_dev_tool_the_runtime_does_not_need():
    dev_only = _direct_pins(_pyproject()["project"]["optional-dependencies"]["dev"])
    locked, _unhashed = _lock("requirements/lock.txt")
    assert not set(dev_only) & set(locked), set(dev_only) & set(locked)
