"""The English catalogue and the language switch (docs/i18n.md).

msgids are Indonesian; ``kopdes/locale/en`` holds the English translation.
The catalogue tests make two mistakes fail the build: a string added to the
code but left untranslated, and a ``.po`` edited but not compiled to ``.mo``.
"""

from __future__ import annotations

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

LOGIN_URL = "/masuk/"
SETLANG_URL = "/i18n/setlang/"
PO_PATH = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
FIX = "Run `make messages`, translate the new entries in the en django.po, compile (docs/i18n.md)."


# --- A small .po reader (the project does not depend on polib) -------------


@dataclass
class Entry:
    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        """How gettext keys the entry in a compiled catalogue."""
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"

    @property
    def translations(self) -> list[str]:
        if self.msgid_plural is None:
            return [self.msgstr]
        return [
            self.msgstr_plural.get(i, "") for i in range(max(self.msgstr_plural, default=0) + 1)
        ]


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file in order, the header (msgid "") included, obsolete ones not."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None

    def finish() -> None:
        nonlocal current, target
        if current is not None:
            entries.append(current)
        current, target = None, None

    def append(value: str) -> None:
        assert current is not None
        assert target is not None
        name, index = target
        if name == "msgstr_plural":
            assert index is not None
            current.msgstr_plural[index] = current.msgstr_plural.get(index, "") + value
        else:
            setattr(current, name, (getattr(current, name) or "") + value)

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#~"):
            continue
        elif line.startswith("#,"):
            if current is not None and target is not None:
                finish()
            current = current or Entry(line=number)
            current.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            if current is not None and target is not None:
                finish()
            current = current or Entry(line=number)
        elif line.startswith('"'):
            append(ast.literal_eval(line))
        else:
            match = _KEYWORD.match(line)
            assert match, f"{path}:{number}: cannot read {raw!r}"
            keyword, index, value = match.groups()
            starts_entry = keyword == "msgctxt" or (
                keyword == "msgid" and target is not None and target[0] != "msgctxt"
            )
            if starts_entry and current is not None and target is not None:
                finish()  # a new entry without a blank line in between
            current = current or Entry(line=number)
            if keyword.startswith("msgstr["):
                target = ("msgstr_plural", int(index))
                current.msgstr_plural[int(index)] = ""
            else:
                target = (keyword, None)
                setattr(current, keyword, "")
            append(ast.literal_eval(value))
    finish()
    return entries


def catalogue_entries() -> list[Entry]:
    return [e for e in read_po(PO_PATH) if e.msgid != "" or e.msgctxt is not None]


_PLACEHOLDER = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdif]|\{[^{}]*\}|</?[a-zA-Z][^>]*>"
)


# --- The catalogue ------------------------------------------------------------


def test_the_catalogue_exists_and_is_not_empty():
    assert PO_PATH.is_file(), f"{PO_PATH} is missing. {FIX}"
    assert MO_PATH.is_file(), f"{MO_PATH} is missing: run `make messages`."
    assert len(catalogue_entries()) > 100


def test_every_entry_is_translated():
    untranslated = [
        f"line {e.line}: {e.msgid!r}"
        for e in catalogue_entries()
        if "fuzzy" in e.flags
        or not all(e.translations)
        or (e.msgid_plural is not None and len(e.translations) < 2)
    ]
    assert not untranslated, (
        f"{len(untranslated)} untranslated or fuzzy entries in {PO_PATH.name}. {FIX}\n"
        + "\n".join(untranslated[:40])
    )


def test_the_header_is_not_fuzzy_and_declares_english():
    header = next(e for e in read_po(PO_PATH) if e.msgid == "" and e.msgctxt is None)
    assert "fuzzy" not in header.flags
    assert "Language: en\n" in header.msgstr
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.msgstr


def test_translations_keep_placeholders_tags_and_surrounding_whitespace():
    def edges(text: str) -> tuple[str, str]:
        return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]

    wrong = []
    for e in catalogue_entries():
        sources = (
            [e.msgid]
            if e.msgid_plural is None
            else [e.msgid] + [e.msgid_plural] * (len(e.translations) - 1)
        )
        for source, target in zip(sources, e.translations, strict=True):
            if sorted(_PLACEHOLDER.findall(source)) != sorted(_PLACEHOLDER.findall(target)):
                wrong.append(f"line {e.line}: placeholders differ: {source!r} -> {target!r}")
            if edges(source) != edges(target):
                wrong.append(
                    f"line {e.line}: leading/trailing whitespace differs: {source!r} -> {target!r}"
                )
    assert not wrong, "\n".join(wrong)


def test_the_mo_is_compiled_from_the_current_po():
    """The .mo is not older than the .po: it holds exactly the .po's translations.

    Compared by content rather than by file times, which a git checkout does
    not preserve.
    """
    with MO_PATH.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    expected: dict[object, str] = {}
    for e in catalogue_entries():
        if "fuzzy" in e.flags or not all(e.translations):
            continue  # msgfmt leaves these out
        if e.msgid_plural is None:
            expected[e.key] = e.msgstr
        else:
            for index, text in enumerate(e.translations):
                expected[(e.key, index)] = text
    compiled = {key: value for key, value in compiled.items() if key != ""}
    stale = sorted(
        repr(key)
        for key in expected.keys() | compiled.keys()
        if expected.get(key) != compiled.get(key)
    )
    assert not stale, (
        f"{MO_PATH.name} does not match {PO_PATH.name} ({len(stale)} entries differ): "
        "run `cd kopdes && ../.venv/bin/django-admin compilemessages`.\n" + "\n".join(stale[:20])
    )


def _copy_sources(source: Path, target: Path) -> None:
    """The files makemessages reads (and the .po it merges into), nothing else."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        return {
            name
            for name in names
            if name == "__pycache__"
            or (
                not (Path(directory) / name).is_dir()
                and not name.endswith((".py", ".html", ".txt", ".po"))
            )
        }

    shutil.copytree(source, target, ignore=ignore)


@pytest.mark.skipif(
    shutil.which("xgettext") is None or shutil.which("msgmerge") is None,
    reason="gettext tools are not installed (apt-get install gettext)",
)
def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    """makemessages, run on a copy of the sources, finds no msgid the catalogue lacks."""
    source = Path(settings.LOCALE_PATHS[0]).parent
    copy = tmp_path / "kopdes"
    _copy_sources(source, copy)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    command = [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-obsolete"]
    command += ["-i", "tests/*", "-i", "testing/*", "-v", "0"]
    # The command of docs/i18n.md, run without settings as `make messages` runs it.
    subprocess.run(
        command,
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh = read_po(copy / PO_PATH.relative_to(source))
    known = {e.key for e in catalogue_entries()}
    missing = [f"{e.msgid!r}  (line {e.line})" for e in fresh if e.msgid and e.key not in known]
    assert not missing, (
        f"{len(missing)} strings in the code are not in {PO_PATH.name}. {FIX}\n"
        + "\n".join(missing[:40])
    )


def test_gettext_answers_in_english_when_asked():
    with translation.override("en"):
        assert translation.gettext("Simpan") == "Save"
        assert translation.ngettext("%(counter)s koperasi", "%(counter)s koperasi", 2) == (
            "%(counter)s cooperatives"
        )
    with translation.override("id"):
        assert translation.gettext("Simpan") == "Simpan"


# --- The pages ----------------------------------------------------------------


@pytest.mark.django_db
def test_the_login_page_is_indonesian_by_default():
    body = Client().get(LOGIN_URL).content.decode()
    assert '<html lang="id">' in body
    assert "Masuk ke Kopdes" in body
    assert "Log in to Kopdes" not in body


@pytest.mark.django_db
def test_the_login_page_is_english_with_the_language_cookie():
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(LOGIN_URL).content.decode()
    assert '<html lang="en">' in body
    assert "Log in to Kopdes" in body
    assert "Information System for Merah Putih Village/Ward Cooperatives" in body
    assert "Masuk ke Kopdes" not in body


@pytest.mark.django_db
def test_the_browser_language_alone_does_not_switch_to_english():
    body = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get(LOGIN_URL).content.decode()
    assert '<html lang="id">' in body
    assert "Masuk ke Kopdes" in body


@pytest.mark.django_db
def test_the_footer_offers_both_languages_without_javascript():
    body = Client().get(LOGIN_URL).content.decode()
    form = re.search(r'<form method="post" action="/i18n/setlang/".*?</form>', body, re.S)
    assert form, "the footer language switch is missing"
    html = form.group(0)
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<input type="hidden" name="next" value="/masuk/">' in html
    assert re.search(
        r'<button type="submit" name="language" value="id"[^>]*'
        r'aria-current="true">Bahasa Indonesia<',
        html,
    )
    assert re.search(r'<button type="submit" name="language" value="en"[^>]*>English<', html)


@pytest.mark.django_db
def test_posting_to_set_language_sets_the_cookie_and_returns_to_the_page():
    client = Client(enforce_csrf_checks=True)
    client.get(LOGIN_URL)  # the footer form sets the CSRF cookie
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        SETLANG_URL, {"language": "en", "next": LOGIN_URL, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert response["Location"] == LOGIN_URL
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Log in to Kopdes" in client.get(LOGIN_URL).content.decode()

    response = client.post(
        SETLANG_URL, {"language": "id", "next": LOGIN_URL, "csrfmiddlewaretoken": token}
    )
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id"
    assert "Masuk ke Kopdes" in client.get(LOGIN_URL).content.decode()


@pytest.mark.django_db
def test_set_language_does_not_redirect_off_site():
    response = Client().post(SETLANG_URL, {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
