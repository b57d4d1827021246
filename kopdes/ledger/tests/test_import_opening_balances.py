"""Opening balances from XLSX: every bad row listed, or one balanced entry."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from kopdes.ledger.imports import OpeningImportRefused, import_opening_balances
from kopdes.ledger.models import Entry, EntryKind

pytestmark = pytest.mark.django_db


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for _ in range(3):
        sheet.append(["catatan"])
    sheet.append(["Kode akun", "Nama akun", "Debit", "Kredit"])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GOOD = [
    ("1-1100", "Kas", 2_500_000.5, None),
    ("1-1200", "Bank", "10.000.000", None),
    ("3-1300", "Modal Penyertaan", None, 11_000_000),
    ("4-1120", "Penjualan", None, "Rp1.500.000,50"),
    ("6-1100", "Gaji", 0, None),
]


def _import(coop, rows, key="saldo-awal-1"):
    return import_opening_balances(
        cooperative=coop,
        actor=None,
        business_date=date(2026, 6, 30),
        content=_xlsx(rows),
        idempotency_key=key,
    )


def test_a_valid_file_posts_one_balanced_opening_entry(personas):
    entry = _import(personas.coop, GOOD)
    assert entry.kind == EntryKind.OPENING
    assert {(line.account.code, line.debit, line.credit) for line in entry.lines.all()} == {
        ("1-1100", 250_000_050, 0),
        ("1-1200", 1_000_000_000, 0),
        ("3-1300", 0, 1_100_000_000),
        ("4-1120", 0, 150_000_050),
    }


def test_every_bad_row_is_listed_with_its_number_and_reason_and_nothing_is_posted(personas):
    rows = [
        ("1-1100", "Kas", 1000, None),  # row 5: fine
        ("9-9999", "Tidak ada", 10, None),  # row 6
        ("1-1300", "Piutang pinjaman", 10, None),  # row 7
        ("1-1200", "Bank", -5, None),  # row 8
        ("1-2100", "Tanah", 10, 10),  # row 9
        ("1-1100", "Kas lagi", 1, None),  # row 10
        ("1-0000", "ASET", 1, None),  # row 11
        ("1-2200", "Bangunan", "sepuluh", None),  # row 12
    ]
    with pytest.raises(OpeningImportRefused) as refused:
        _import(personas.coop, rows)
    assert [str(e) for e in refused.value.errors] == [
        "Baris 6: kode akun 9-9999 tidak dikenal.",
        "Baris 7: akun 1-1300 Piutang Pinjaman Anggota adalah akun kendali; saldonya diisi "
        "lewat impor simpanan atau pinjaman, bukan di sini.",
        "Baris 8: jumlah debit tidak boleh negatif.",
        "Baris 9: isi debit atau kredit saja, tidak keduanya.",
        "Baris 10: akun 1-1100 sudah ada di baris 5.",
        "Baris 11: akun 1-0000 ASET adalah akun induk; isi pada sub-akunnya.",
        "Baris 12: jumlah debit tidak valid (sepuluh).",
    ]
    assert (
        refused.value.message
        == "Berkas ditolak: 7 kesalahan. Perbaiki semua baris lalu unggah lagi."
    )
    assert not Entry.objects.exists()


def test_an_unbalanced_file_is_refused_with_the_difference(personas):
    with pytest.raises(OpeningImportRefused) as refused:
        _import(personas.coop, [("1-1100", "Kas", 100, None), ("3-1300", "Modal", None, 90)])
    assert refused.value.message == (
        "Saldo awal tidak seimbang: debit Rp100,00, kredit Rp90,00, selisih Rp10,00."
    )
    assert not Entry.objects.exists()


def test_the_template_lists_postable_accounts_without_control_accounts(personas):
    client = Client()
    client.force_login(personas.pengurus)
    response = client.get(f"/k/{personas.coop.slug}/buku/saldo-awal/templat/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    codes = [row[0] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert {"1-1100", "4-1120"} <= set(codes)
    assert not {"1-1300", "3-1100", "1-0000"} & set(codes)
    assert tuple(c.value for c in sheet[4]) == ("Kode akun", "Nama akun", "Debit", "Kredit")


def test_the_page_lists_every_bad_row_and_a_good_upload_shows_the_entry(personas):
    client = Client()
    client.force_login(personas.pengurus)
    url = f"/k/{personas.coop.slug}/buku/saldo-awal/"
    key = client.get(url).context["form"]["idempotency_key"].value()
    bad = SimpleUploadedFile("saldo.xlsx", _xlsx([("9-1", "x", 1, None), ("9-2", "y", None, 1)]))
    response = client.post(
        url, {"business_date": "2026-06-30", "idempotency_key": key, "file": bad}
    )
    assert response.status_code == 400
    assert response.context["row_errors"] == [
        "Baris 5: kode akun 9-1 tidak dikenal.",
        "Baris 6: kode akun 9-2 tidak dikenal.",
    ]
    good = SimpleUploadedFile("saldo.xlsx", _xlsx(GOOD))
    done = client.post(url, {"business_date": "2026-06-30", "idempotency_key": key, "file": good})
    entry = Entry.objects.get(cooperative=personas.coop)
    assert done["Location"] == f"/k/{personas.coop.slug}/buku/jurnal/{entry.pk}/"


def test_a_file_that_is_not_xlsx_is_refused(personas):
    with pytest.raises(OpeningImportRefused) as refused:
        import_opening_balances(
            cooperative=personas.coop,
            actor=None,
            business_date=date(2026, 6, 30),
            content=b"a,b",
            idempotency_key="k",
        )
    assert refused.value.message == "Berkas bukan XLSX yang dapat dibaca."


SECOND = [("1-1100", "Kas", 1_000, None), ("3-1300", "Modal Penyertaan", None, 1_000)]
MSG_SECOND = (
    "Buku koperasi ini sudah berisi jurnal atau bulan yang ditutup, jadi saldo awal tidak dapat "
    "diimpor lagi. Bila berkas ini memang koreksi saldo awal, centang \u201cCatat sebagai jurnal "
    "koreksi\u201d."
)


def test_a_second_import_into_books_with_entries_is_refused(personas):
    first = _import(personas.coop, GOOD, key="saldo-awal-1")
    with pytest.raises(OpeningImportRefused) as refused:
        _import(personas.coop, SECOND, key="saldo-awal-2")
    assert refused.value.message == MSG_SECOND
    assert refused.value.field == "as_correction"
    assert list(Entry.objects.filter(cooperative=personas.coop)) == [first]
    # The same upload sent twice (same key) is a replay, not a second import.
    assert _import(personas.coop, GOOD, key="saldo-awal-1") == first


def test_a_second_import_into_books_with_a_closed_month_only_is_refused(personas):
    from kopdes.ledger.services import close_month, ensure_period

    close_month(
        cooperative=personas.coop,
        period=ensure_period(personas.coop, 2026, 5),
        actor=personas.pengurus,
    )
    with pytest.raises(OpeningImportRefused) as refused:
        _import(personas.coop, SECOND, key="saldo-awal-2")
    assert refused.value.message == MSG_SECOND
    assert not Entry.objects.exists()


def test_a_second_import_chosen_as_a_correction_is_a_general_entry_that_says_so(personas):
    _import(personas.coop, GOOD, key="saldo-awal-1")
    correction = import_opening_balances(
        cooperative=personas.coop,
        actor=None,
        business_date=date(2026, 6, 30),
        content=_xlsx(SECOND),
        idempotency_key="saldo-awal-2",
        as_correction=True,
    )
    assert correction.kind == EntryKind.GENERAL
    assert correction.memo == "Koreksi saldo awal per 30-06-2026 (impor saldo awal kedua)"


def test_the_page_offers_the_correction_after_refusing_a_second_import(personas):
    client = Client()
    client.force_login(personas.pengurus)
    url = f"/k/{personas.coop.slug}/buku/saldo-awal/"
    _import(personas.coop, GOOD, key="saldo-awal-1")
    key = client.get(url).context["form"]["idempotency_key"].value()
    upload = SimpleUploadedFile("saldo.xlsx", _xlsx(SECOND))
    refused = client.post(
        url, {"business_date": "2026-06-30", "idempotency_key": key, "file": upload}
    )
    assert refused.status_code == 400
    assert refused.context["form"].errors["as_correction"] == [MSG_SECOND]
    upload = SimpleUploadedFile("saldo.xlsx", _xlsx(SECOND))
    done = client.post(
        url,
        {
            "business_date": "2026-06-30",
            "idempotency_key": key,
            "file": upload,
            "as_correction": "on",
        },
    )
    entry = Entry.objects.get(cooperative=personas.coop, idempotency_key=key)
    assert done["Location"] == f"/k/{personas.coop.slug}/buku/jurnal/{entry.pk}/"
    assert entry.kind == EntryKind.GENERAL
