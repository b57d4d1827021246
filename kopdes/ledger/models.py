"""The books of one cooperative: chart, journal, periods and snapshots.

Append-only by design (docs/design.md rule 4): an ``Entry`` is inserted as
*draft*, its ``Line`` rows are added, then it is flipped to *posted*. The
database triggers of ``kopdes.ledger.triggers`` refuse any other path, so
these models carry no ``save()`` cleverness: writes go through
``kopdes.ledger.services``. Amounts are integer sen (``MoneyField``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kopdes.core.money_fields import MoneyField


class AccountType(models.TextChoices):
    ASET = "aset", _("Aset")
    KEWAJIBAN = "kewajiban", _("Kewajiban")
    EKUITAS = "ekuitas", _("Ekuitas")
    PENDAPATAN = "pendapatan", _("Pendapatan")
    BEBAN = "beban", _("Beban")


class NormalSide(models.TextChoices):
    DEBIT = "debit", _("Debit")
    CREDIT = "kredit", _("Kredit")


class CashFlowClass(models.TextChoices):
    """Where cash moved by an account shows in the direct-method cash flow.

    "kas" marks the cash and bank accounts themselves (a transfer between two
    of them is no flow). Every other class belongs to one activity (operasi,
    investasi, pendanaan) and gives the statement its fixed row labels; the
    generic "operasi"/"investasi"/"pendanaan" classes catch what fits no other
    (docs/statements.md, "Direct-method cash flow").
    """

    KAS = "kas", _("Kas dan setara kas")
    ANGGOTA = "anggota", _("Operasi: anggota")
    PELANGGAN = "pelanggan", _("Operasi: pelanggan non-anggota")
    PINJAMAN = "pinjaman", _("Operasi: pinjaman kepada anggota")
    PEMASOK = "pemasok", _("Operasi: pemasok")
    KARYAWAN = "karyawan", _("Operasi: karyawan")
    BEBAN = "beban", _("Operasi: beban operasional")
    BUNGA = "bunga", _("Operasi: bunga dan jasa")
    PAJAK = "pajak", _("Operasi: pajak")
    OPERASI = "operasi", _("Operasi: lainnya")
    INVESTASI = "investasi", _("Aktivitas investasi")
    SIMPANAN = "simpanan", _("Pendanaan: simpanan anggota")
    MODAL = "modal", _("Pendanaan: modal penyertaan")
    HIBAH = "hibah", _("Pendanaan: hibah")
    UTANG = "utang", _("Pendanaan: pinjaman yang diterima")
    SHU = "shu", _("Pendanaan: SHU dan dana-dana SHU")
    PENDANAAN = "pendanaan", _("Pendanaan: lainnya")


class RevenueSegment(models.TextChoices):
    NONE = "", _("—")
    ANGGOTA = "anggota", _("Anggota")
    NON_ANGGOTA = "non_anggota", _("Non-anggota")


class Account(models.Model):
    """One account of a cooperative's chart (copied from the default chart)."""

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", on_delete=models.PROTECT, related_name="ledger_accounts"
    )
    code = models.CharField(_("kode"), max_length=20)
    name = models.CharField(_("nama"), max_length=200)
    type = models.CharField(_("jenis"), max_length=12, choices=AccountType.choices)
    normal_side = models.CharField(_("saldo normal"), max_length=6, choices=NormalSide.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    is_header = models.BooleanField(_("akun induk"), default=False)
    is_contra = models.BooleanField(_("akun lawan"), default=False)
    cash_flow_class = models.CharField(
        _("kelompok arus kas"), max_length=10, choices=CashFlowClass.choices, blank=True
    )
    segment = models.CharField(
        _("segmen pendapatan"), max_length=12, choices=RevenueSegment.choices, blank=True
    )
    # Statement section the account rolls up to ("aset_lancar", "persediaan",
    # "aset_tetap", "kewajiban_jangka_pendek", "hpp"...): the position and the
    # PHU group by it, so a cooperative's sub-account lands where its parent is.
    report_group = models.CharField(_("kelompok laporan"), max_length=40, blank=True)
    # Control accounts: a stable key and the only app allowed to post on them.
    control_key = models.CharField(_("kunci akun kontrol"), max_length=40, blank=True)
    owner_app = models.CharField(_("aplikasi pemilik"), max_length=20, blank=True)
    # Accounts the ledger itself needs by role (kas, shu_tahun_berjalan...).
    system_key = models.CharField(_("kunci sistem"), max_length=40, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cooperative_id", "code"]
        verbose_name = _("akun")
        verbose_name_plural = _("akun")
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "code"], name="ledger_account_code"),
            models.UniqueConstraint(
                fields=["cooperative", "control_key"],
                condition=~Q(control_key=""),
                name="ledger_account_control_key",
            ),
            models.UniqueConstraint(
                fields=["cooperative", "system_key"],
                condition=~Q(system_key=""),
                name="ledger_account_system_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_postable(self) -> bool:
        return not self.is_header

    @property
    def is_control(self) -> bool:
        return bool(self.control_key)

    @property
    def sign(self) -> int:
        """+1 when the normal balance is a debit, -1 when a credit."""
        return 1 if self.normal_side == NormalSide.DEBIT else -1


class PeriodStatus(models.TextChoices):
    OPEN = "open", _("Terbuka")
    CLOSED = "closed", _("Ditutup")


class Period(models.Model):
    """A calendar month of a cooperative's books, created on demand."""

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", on_delete=models.PROTECT, related_name="ledger_periods"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("bulan"))
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("sampai"))
    status = models.CharField(
        _("status"), max_length=6, choices=PeriodStatus.choices, default=PeriodStatus.OPEN
    )
    # False after a reopen (of this month or an earlier one) until re-closed.
    snapshot_valid = models.BooleanField(_("saldo penutupan berlaku"), default=False)
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["cooperative_id", "year", "month"]
        verbose_name = _("periode")
        verbose_name_plural = _("periode")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "year", "month"], name="ledger_period_month"
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12), name="ledger_period_month_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.year}"

    @property
    def is_open(self) -> bool:
        return self.status == PeriodStatus.OPEN


class BookYear(models.Model):
    """A book year: its closing entries and whether the RAT approved it."""

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", on_delete=models.PROTECT, related_name="ledger_years"
    )
    year = models.PositiveSmallIntegerField(_("tahun buku"))
    closed_at = models.DateTimeField(_("tutup buku pada"), null=True, blank=True)
    rat_approved = models.BooleanField(_("disahkan RAT"), default=False)
    rat_approved_at = models.DateTimeField(null=True, blank=True)
    rat_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rat_reference = models.CharField(_("referensi keputusan RAT"), max_length=200, blank=True)

    class Meta:
        ordering = ["cooperative_id", "year"]
        verbose_name = _("tahun buku")
        verbose_name_plural = _("tahun buku")
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "year"], name="ledger_bookyear_year")
        ]

    def __str__(self) -> str:
        return str(self.year)


class EntryCounter(models.Model):
    """The last entry number per cooperative and year (locked while numbering)."""

    cooperative = models.ForeignKey("cooperatives.Cooperative", on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cooperative", "year"], name="ledger_counter_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    POSTED = "posted", _("Diposting")


class EntryKind(models.TextChoices):
    GENERAL = "umum", _("Jurnal umum")
    REVERSAL = "pembalik", _("Jurnal pembalik")
    OPENING = "saldo_awal", _("Saldo awal")
    CLOSING = "penutup", _("Jurnal penutup")


class Entry(models.Model):
    """A journal entry (header). Its lines balance; the database checks it."""

    # No index of its own: the unique (cooperative, ...) constraints lead with it.
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative",
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        db_index=False,
    )
    number = models.CharField(_("nomor"), max_length=24)
    year = models.PositiveSmallIntegerField(_("tahun"))
    sequence = models.PositiveIntegerField(_("urutan"))
    business_date = models.DateField(_("tanggal"))
    kind = models.CharField(
        _("jenis"), max_length=12, choices=EntryKind.choices, default=EntryKind.GENERAL
    )
    status = models.CharField(
        _("status"), max_length=6, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    memo = models.CharField(_("keterangan"), max_length=500)
    source_app = models.CharField(_("sumber"), max_length=20)
    source_ref = models.CharField(_("referensi sumber"), max_length=100, blank=True)
    idempotency_key = models.CharField(_("kunci idempotensi"), max_length=100)
    # SHA-256 of the entry's content: a replay with the same key compares it.
    content_hash = models.CharField(max_length=64)
    # At most one reversal per entry: unique (cooperative, reverses) below, led
    # by the tenant key like every unique constraint (docs/tenancy.md). No
    # index of its own: look a reversal up with its cooperative.
    reverses = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
        verbose_name=_("membalik jurnal"),
        db_index=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"))

    class Meta:
        ordering = ["cooperative_id", "year", "sequence"]
        verbose_name = _("jurnal")
        verbose_name_plural = _("jurnal")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "year", "sequence"], name="ledger_entry_sequence"
            ),
            models.UniqueConstraint(
                fields=["cooperative", "idempotency_key"], name="ledger_entry_idempotency"
            ),
            models.UniqueConstraint(
                fields=["cooperative", "reverses"], name="ledger_entry_reversed_once"
            ),
        ]
        indexes = [
            models.Index(fields=["cooperative", "business_date"]),
            # Drafts never outlive their transaction, so "posted only" is an
            # anti-join against this (normally empty) index, not a join per line.
            models.Index(
                fields=["cooperative"], condition=Q(status="draft"), name="ledger_entry_drafts"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_posted(self) -> bool:
        return self.status == EntryStatus.POSTED


class Line(models.Model):
    """One debit or credit of an entry, in sen, on one account."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="lines")
    # Denormalised from the entry so balance queries need no join but the
    # status one; the service copies them and the verify command checks them.
    # Indexed through the covering balances index below: one index less per line.
    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    business_date = models.DateField(_("tanggal"))
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="lines")
    debit = MoneyField(_("debit"), default=0)
    credit = MoneyField(_("kredit"), default=0)
    business_unit = models.ForeignKey(
        "cooperatives.BusinessUnit",
        verbose_name=_("unit usaha"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    member_number = models.CharField(_("nomor anggota"), max_length=40, blank=True)
    memo = models.CharField(_("keterangan"), max_length=200, blank=True)

    class Meta:
        ordering = ["entry_id", "id"]
        verbose_name = _("baris jurnal")
        verbose_name_plural = _("baris jurnal")
        constraints = [
            models.CheckConstraint(
                condition=(Q(debit__gt=0) & Q(credit=0)) | (Q(debit=0) & Q(credit__gt=0)),
                name="ledger_line_one_side",
            )
        ]
        indexes = [
            # Covers the balance queries (one cooperative, a date range, grouped
            # by account and unit) without touching the table.
            models.Index(
                fields=[
                    "cooperative",
                    "business_date",
                    "account",
                    "business_unit",
                    "debit",
                    "credit",
                    "entry",
                ],
                name="ledger_line_balances",
            )
        ]

    def __str__(self) -> str:
        return f"{self.account_id} D{self.debit} K{self.credit}"


class Snapshot(models.Model):
    """Closing figures of one account (and business unit) for a closed month.

    ``debit``/``credit`` are the month's movements; ``balance`` is the
    cumulative debit-minus-credit at the month's end. Trial balances add the
    lines after the last valid snapshot to it.
    """

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", on_delete=models.PROTECT, related_name="+"
    )
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="snapshots")
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="+")
    business_unit = models.ForeignKey(
        "cooperatives.BusinessUnit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    debit = MoneyField(default=0)
    credit = MoneyField(default=0)
    balance = MoneyField(default=0)

    class Meta:
        verbose_name = _("saldo penutupan")
        verbose_name_plural = _("saldo penutupan")
        indexes = [models.Index(fields=["period", "account"])]
        # One figure per period, account and unit; "no unit" is NULL, which a
        # plain unique constraint would let repeat, hence the second, partial one.
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "period", "account", "business_unit"],
                condition=Q(business_unit__isnull=False),
                name="ledger_snapshot_unit",
            ),
            models.UniqueConstraint(
                fields=["cooperative", "period", "account"],
                condition=Q(business_unit__isnull=True),
                name="ledger_snapshot_no_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_id}/{self.account_id}: {self.balance}"


class PeriodAction(models.TextChoices):
    CLOSE = "close", _("Tutup bulan")
    REOPEN = "reopen", _("Buka kembali")
    YEAR_CLOSE = "year_close", _("Tutup tahun")
    RAT_APPROVED = "rat_approved", _("Disahkan RAT")
    REOPEN_REQUEST = "reopen_request", _("Permintaan buka kembali")
    REOPEN_REJECT = "reopen_reject", _("Permintaan buka kembali ditolak")
    REOPEN_CANCEL = "reopen_cancel", _("Permintaan buka kembali dibatalkan")


class PeriodEvent(models.Model):
    """The history of closes and reopenings (who, co-signer, why, when)."""

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", on_delete=models.PROTECT, related_name="+"
    )
    period = models.ForeignKey(
        Period, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    year = models.PositiveSmallIntegerField()
    action = models.CharField(max_length=14, choices=PeriodAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cosigner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("riwayat periode")
        verbose_name_plural = _("riwayat periode")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.year}"


class Notice(models.Model):
    """A message for the Dinas about a cooperative's books (e.g. a reopened month)."""

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", on_delete=models.PROTECT, related_name="ledger_notices"
    )
    kind = models.CharField(max_length=20)
    message = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("pemberitahuan pembukuan")
        verbose_name_plural = _("pemberitahuan pembukuan")

    def __str__(self) -> str:
        return self.message[:80]


class ReopenStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu persetujuan")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Ditolak")
    CANCELLED = "cancelled", _("Dibatalkan")


class ReopenRequest(models.Model):
    """A pengurus asks to reopen a closed month; a pengawas decides from their own session.

    See docs/ledger.md, "Periods and closes". At most one pending request per
    period; the decision (who, when, note) stays on the row.
    """

    cooperative = models.ForeignKey(
        "cooperatives.Cooperative", on_delete=models.PROTECT, related_name="+"
    )
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="reopen_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("alasan"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReopenStatus.choices, default=ReopenStatus.PENDING
    )
    requested_at = models.DateTimeField(_("diminta pada"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    decision_note = models.TextField(_("catatan keputusan"), blank=True)

    class Meta:
        ordering = ["cooperative_id", "-requested_at", "-id"]
        verbose_name = _("permintaan buka kembali periode")
        verbose_name_plural = _("permintaan buka kembali periode")
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "period"],
                condition=Q(status="pending"),
                name="ledger_reopen_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "approved", "rejected", "cancelled"]),
                name="ledger_reopen_status",
            ),
        ]
        indexes = [models.Index(fields=["cooperative", "status"], name="ledger_reopen_status_idx")]

    def __str__(self) -> str:
        return f"{self.period} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == ReopenStatus.PENDING
