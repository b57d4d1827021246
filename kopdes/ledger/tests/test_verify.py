"""``kopdes ledger verify`` lists every broken invariant and exits non-zero."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from kopdes.ledger.models import Period
from kopdes.ledger.services import close_month
from kopdes.ledger.triggers import drop_triggers, install_triggers
from kopdes.testing import ledger_factories as lf


@pytest.fixture
def books(personas):
    lf.entry(personas.coop, on=date(2026, 1, 10))
    lf.entry(personas.coop, on=date(2026, 2, 10))
    close_month(
        cooperative=personas.coop,
        period=Period.objects.get(cooperative=personas.coop, year=2026, month=1),
        actor=personas.pengurus,
    )
    return personas.coop


def test_sound_books_pass(books, capsys):
    call_command("ledger_verify", books.slug)
    assert "sesuai semua invarian" in capsys.readouterr().out


def test_verify_all_checks_every_cooperative(books, capsys):
    call_command("ledger_verify", "--all", verbosity=0)
    assert "Pembukuan 2 koperasi sesuai semua invarian." in capsys.readouterr().out


def test_a_tampered_snapshot_a_gap_and_missing_triggers_are_reported(books, capsys):
    drop_triggers()
    try:
        with connection.cursor() as cur:
            cur.execute("UPDATE ledger_snapshot SET balance = balance + 1")
            cur.execute(
                "UPDATE ledger_entry SET sequence = 7, number = 'JU-2026-000007' WHERE sequence = 2"
            )
        with pytest.raises(CommandError) as info:
            call_command("ledger_verify", books.slug)
    finally:
        install_triggers()
    err = capsys.readouterr().err
    assert "Trigger basis data" in err
    assert "Penomoran jurnal tahun 2026 berlubang: 2 jurnal, nomor 1 sampai 7." in err
    assert "Saldo penutupan periode Januari 2026 tidak sama dengan hasil hitung ulang." in err
    assert "pelanggaran ditemukan" in str(info.value)


def test_an_unknown_slug_is_an_error(db):
    with pytest.raises(CommandError, match="Koperasi tidak ditemukan: 999"):
        call_command("ledger_verify", "999")
