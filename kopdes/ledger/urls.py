from django.urls import path

from kopdes.ledger.views import books, opening, periods, reopen, reports

app_name = "ledger"

urlpatterns = [
    path("k/<slug:slug>/buku/", books.index, name="index"),
    path("k/<slug:slug>/buku/kas/", books.cash_book, name="cash_book"),
    path("k/<slug:slug>/buku/jurnal/", books.journal, name="journal"),
    path("k/<slug:slug>/buku/jurnal/daftar/", books.entries, name="entries"),
    path("k/<slug:slug>/buku/jurnal/<int:entry_id>/", books.entry_detail, name="entry"),
    path("k/<slug:slug>/buku/jurnal/<int:entry_id>/balik/", books.reverse_entry, name="reverse"),
    path("k/<slug:slug>/buku/akun/", books.accounts, name="accounts"),
    path("k/<slug:slug>/buku/akun/<int:account_id>/", books.account_ledger, name="account_ledger"),
    path("k/<slug:slug>/buku/periode/", periods.periods, name="periods"),
    path(
        "k/<slug:slug>/buku/periode/<int:year>/<int:month>/tutup/",
        periods.close_month,
        name="close_month",
    ),
    path(
        "k/<slug:slug>/buku/periode/<int:year>/<int:month>/buka/",
        reopen.request_reopen_page,
        name="request_reopen",
    ),
    path(
        "k/<slug:slug>/buku/periode/permintaan/<int:request_id>/",
        reopen.reopen_request_page,
        name="reopen_request",
    ),
    path(
        "k/<slug:slug>/buku/periode/permintaan/<int:request_id>/setujui/",
        reopen.approve_reopen_page,
        name="approve_reopen",
    ),
    path(
        "k/<slug:slug>/buku/periode/permintaan/<int:request_id>/tolak/",
        reopen.reject_reopen_page,
        name="reject_reopen",
    ),
    path(
        "k/<slug:slug>/buku/periode/permintaan/<int:request_id>/batal/",
        reopen.cancel_reopen_page,
        name="cancel_reopen",
    ),
    path("k/<slug:slug>/buku/tahun/<int:year>/tutup/", periods.close_year, name="close_year"),
    path("k/<slug:slug>/buku/tahun/<int:year>/rat/", periods.approve_year, name="approve_year"),
    path("k/<slug:slug>/buku/saldo-awal/", opening.opening_import, name="opening_import"),
    path(
        "k/<slug:slug>/buku/saldo-awal/templat/", opening.opening_template, name="opening_template"
    ),
    path("k/<slug:slug>/laporan/", reports.statement_index, name="statements"),
    path("k/<slug:slug>/laporan/<slug:key>/", reports.statement_page, name="statement"),
    path("k/<slug:slug>/laporan/<slug:key>/pdf/", reports.statement_pdf, name="statement_pdf"),
    path("k/<slug:slug>/laporan/<slug:key>/xlsx/", reports.statement_xlsx, name="statement_xlsx"),
]
