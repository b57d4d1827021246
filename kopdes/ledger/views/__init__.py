"""The bookkeeping pages under /k/<slug>/buku/ and the statements under /k/<slug>/laporan/."""
