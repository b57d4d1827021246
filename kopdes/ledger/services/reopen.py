"""Reopening a closed month: a pengurus asks, a pengawas decides from their own session.

See docs/ledger.md, "Periods and closes". ``request_reopen`` records a
pending ``ReopenRequest``; a pengawas of the cooperative (never the
requester) approves it with ``approve_reopen`` (the month reopens: snapshots
of it and every later month become invalid, the Dinas gets a ``Notice``) or
refuses it with ``reject_reopen``; the pengurus may withdraw it with
``cancel_reopen``. Every step lands in ``PeriodEvent`` and in the registry's
change history. No one types another person's password anywhere.

Who may do what is decided in ``kopdes.accounts.access`` (``ledger.reopen_request``,
``ledger.reopen_approve``, ``ledger.cosign``).
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kopdes.accounts import access
from kopdes.core.errors import NotFound
from kopdes.ledger.models import (
    BookYear,
    Notice,
    Period,
    PeriodAction,
    PeriodEvent,
    PeriodStatus,
    ReopenRequest,
    ReopenStatus,
    Snapshot,
)
from kopdes.ledger.services.calendar import month_label
from kopdes.ledger.services.errors import PeriodError, ReopenRefused
from kopdes.ledger.services.periods import _lock_year

MAX_TEXT = 1000


def _clean_text(value: Any, field: str, *, required: bool) -> str:
    # Bad input is a 400 (PeriodError), not a refusal of the person (403).
    text = str(value or "").strip()
    if required and not text:
        message = (
            _("Alasan membuka kembali periode wajib diisi.")
            if field == "reason"
            else _("Catatan keputusan wajib diisi.")
        )
        raise PeriodError(message, field=field, code="required")
    if len(text) > MAX_TEXT:
        raise PeriodError(
            _("Teks paling panjang %(max)s karakter.") % {"max": MAX_TEXT},
            field=field,
            code="too_long",
        )
    if any(ord(ch) < 32 and ch not in "\n\t\r" for ch in text):
        raise PeriodError(
            _("Teks memuat karakter kendali yang tidak diizinkan."),
            field=field,
            code="control_character",
        )
    return text


def _refuse_rat_approved(cooperative: Any, period: Period) -> None:
    if BookYear.objects.filter(
        cooperative=cooperative, year=period.year, rat_approved=True
    ).exists():
        raise ReopenRefused(
            _(
                "Tahun buku %(year)s sudah disahkan RAT dan tidak dapat dibuka kembali; "
                "koreksi dicatat sebagai penyesuaian periode lalu."
            )
            % {"year": period.year},
            field="period",
            code="rat_approved",
        )


def _locked_request(cooperative: Any, reopen_request: ReopenRequest | int) -> ReopenRequest:
    pk = reopen_request.pk if isinstance(reopen_request, ReopenRequest) else reopen_request
    found = (
        ReopenRequest.objects.select_for_update()
        .filter(cooperative=cooperative, pk=pk)
        .select_related("period", "requested_by")
        .first()
    )
    if found is None:
        raise NotFound(
            _("Permintaan membuka kembali periode tidak ditemukan."),
            field="reopen_request",
            code="not_found",
        )
    return found


def _still_pending(reopen_request: ReopenRequest) -> None:
    if not reopen_request.is_pending:
        label = month_label(reopen_request.period.year, reopen_request.period.month)
        raise PeriodError(
            _("Permintaan membuka kembali %(month)s sudah %(status)s.")
            % {"month": label, "status": reopen_request.get_status_display().lower()},
            field="reopen_request",
            code="already_decided",
        )


def _history(
    cooperative: Any,
    actor: Any,
    *,
    object_type: str,
    object_id: int,
    label: str,
    field_label: str,
    old: str,
    new: str,
    source: str,
) -> None:
    # The registry's change history, so every step shows where the Dinas looks.
    from kopdes.cooperatives.models import ChangeAction, ChangeRecord

    ChangeRecord.objects.create(
        cooperative=cooperative,
        actor=actor if getattr(actor, "pk", None) else None,
        source=source,
        action=ChangeAction.UPDATE if old else ChangeAction.CREATE,
        object_type=object_type,
        object_id=object_id,
        object_label=label,
        field="status",
        field_label=field_label,
        old_value=old,
        new_value=new,
    )


def _request_history(
    cooperative: Any, actor: Any, reopen_request: ReopenRequest, old: str, source: str
) -> None:
    period = reopen_request.period
    _history(
        cooperative,
        actor,
        object_type="ledger.reopenrequest",
        object_id=reopen_request.pk,
        label=_("Permintaan buka kembali %(month)s")
        % {"month": month_label(period.year, period.month)},
        field_label=_("Status permintaan"),
        old=old,
        new=str(reopen_request.get_status_display()),
        source=source,
    )


def request_reopen(
    *, cooperative: Any, actor: Any, period: Period | int, reason: str, source: str = "web"
) -> ReopenRequest:
    """A pengurus asks to reopen a closed month; a pengawas decides later."""
    reason = _clean_text(reason, "reason", required=True)
    if not access.can(actor, "ledger.reopen_request", cooperative):
        raise ReopenRefused(
            _("Hanya pengurus (ketua) koperasi ini yang dapat meminta membuka kembali periode."),
            field="actor",
            code="not_allowed",
        )
    period_id = period.pk if isinstance(period, Period) else period
    with transaction.atomic():
        found = (
            Period.objects.select_for_update().filter(cooperative=cooperative, pk=period_id).first()
        )
        if found is None:
            raise NotFound(_("Periode tidak ditemukan."), field="period", code="not_found")
        label = month_label(found.year, found.month)
        _refuse_rat_approved(cooperative, found)
        if found.status != PeriodStatus.CLOSED:
            raise PeriodError(
                _("Periode %(month)s masih terbuka.") % {"month": label},
                field="period",
                code="period_open",
            )
        if ReopenRequest.objects.filter(
            cooperative=cooperative, period=found, status=ReopenStatus.PENDING
        ).exists():
            raise PeriodError(
                _("Permintaan membuka kembali %(month)s sudah ada dan menunggu pengawas.")
                % {"month": label},
                field="period",
                code="already_requested",
            )
        try:
            with transaction.atomic():
                created = ReopenRequest.objects.create(
                    cooperative=cooperative, period=found, requested_by=actor, reason=reason
                )
        except IntegrityError as exc:  # a second request a moment ago
            raise PeriodError(
                _("Permintaan membuka kembali %(month)s sudah ada dan menunggu pengawas.")
                % {"month": label},
                field="period",
                code="already_requested",
            ) from exc
        PeriodEvent.objects.create(
            cooperative=cooperative,
            period=found,
            year=found.year,
            action=PeriodAction.REOPEN_REQUEST,
            actor=actor,
            reason=reason,
        )
        _request_history(cooperative, actor, created, "", source)
    return created


def _check_decider(cooperative: Any, actor: Any, reopen_request: ReopenRequest) -> None:
    if not access.can(actor, "ledger.reopen_approve", cooperative):
        raise ReopenRefused(
            _("Hanya pengawas koperasi ini yang dapat memutuskan permintaan ini."),
            field="actor",
            code="not_allowed",
        )
    if getattr(actor, "pk", None) == reopen_request.requested_by_id:
        raise ReopenRefused(
            _(
                "Peminta tidak dapat memutuskan permintaannya sendiri; pengawas lain yang "
                "memutuskan."
            ),
            field="actor",
            code="same_person",
        )


def _decide(reopen_request: ReopenRequest, actor: Any, status: str, note: str) -> ReopenRequest:
    reopen_request.status = status
    reopen_request.decided_by = actor
    reopen_request.decided_at = timezone.now()
    reopen_request.decision_note = note
    reopen_request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return reopen_request


def approve_reopen(
    *,
    cooperative: Any,
    actor: Any,
    reopen_request: ReopenRequest | int,
    note: str = "",
    source: str = "web",
) -> ReopenRequest:
    """A pengawas approves: the month reopens, the requester as actor, the pengawas co-signing."""
    note = _clean_text(note, "note", required=False)
    with transaction.atomic():
        found = _locked_request(cooperative, reopen_request)
        _still_pending(found)
        _check_decider(cooperative, actor, found)
        _reopen(
            cooperative=cooperative,
            period=found.period,
            actor=found.requested_by,
            cosigner=actor,
            reason=found.reason,
            source=source,
        )
        _decide(found, actor, ReopenStatus.APPROVED, note)
        _request_history(cooperative, actor, found, str(ReopenStatus.PENDING.label), source)
    return found


def reject_reopen(
    *,
    cooperative: Any,
    actor: Any,
    reopen_request: ReopenRequest | int,
    note: str = "",
    source: str = "web",
) -> ReopenRequest:
    """A pengawas refuses, saying why (the note is required); the month stays closed."""
    note = _clean_text(note, "note", required=True)
    with transaction.atomic():
        found = _locked_request(cooperative, reopen_request)
        _still_pending(found)
        _check_decider(cooperative, actor, found)
        _decide(found, actor, ReopenStatus.REJECTED, note)
        PeriodEvent.objects.create(
            cooperative=cooperative,
            period=found.period,
            year=found.period.year,
            action=PeriodAction.REOPEN_REJECT,
            actor=actor,
            reason=note,
        )
        _request_history(cooperative, actor, found, str(ReopenStatus.PENDING.label), source)
    return found


def cancel_reopen(
    *,
    cooperative: Any,
    actor: Any,
    reopen_request: ReopenRequest | int,
    note: str = "",
    source: str = "web",
) -> ReopenRequest:
    """The pengurus withdraws a pending request."""
    note = _clean_text(note, "note", required=False)
    if not access.can(actor, "ledger.reopen_request", cooperative):
        raise ReopenRefused(
            _("Hanya pengurus koperasi ini yang dapat membatalkan permintaan ini."),
            field="actor",
            code="not_allowed",
        )
    with transaction.atomic():
        found = _locked_request(cooperative, reopen_request)
        _still_pending(found)
        _decide(found, actor, ReopenStatus.CANCELLED, note)
        PeriodEvent.objects.create(
            cooperative=cooperative,
            period=found.period,
            year=found.period.year,
            action=PeriodAction.REOPEN_CANCEL,
            actor=actor,
            reason=note,
        )
        _request_history(cooperative, actor, found, str(ReopenStatus.PENDING.label), source)
    return found


def pending_reopen_requests(cooperative: Any) -> QuerySet[ReopenRequest]:
    """The requests waiting for a pengawas, oldest first (periods page, pengawas home)."""
    return (
        ReopenRequest.objects.filter(cooperative=cooperative, status=ReopenStatus.PENDING)
        .select_related("period", "requested_by")
        .order_by("requested_at", "id")
    )


def reopen_month(
    *, cooperative: Any, period: Period, actor: Any, cosigner: Any, reason: str
) -> Period:
    """Request and approve in one go, for callers that hold both people's decision
    (tests, commands). Pages and the API go through ``request_reopen`` and
    ``approve_reopen`` so the pengawas decides in their own session."""
    with transaction.atomic():
        created = request_reopen(
            cooperative=cooperative, actor=actor, period=period, reason=reason, source="command"
        )
        if cosigner is None or not access.can(cosigner, "ledger.cosign", cooperative):
            raise ReopenRefused(_("Penyetuju harus pengawas aktif koperasi ini."), field="cosigner")
        if getattr(cosigner, "pk", None) == getattr(actor, "pk", None):
            raise ReopenRefused(
                _("Pembukaan kembali periode harus disetujui pengawas lain."), field="cosigner"
            )
        approve_reopen(
            cooperative=cooperative, actor=cosigner, reopen_request=created, source="command"
        )
    return Period.objects.get(pk=created.period_id)


def _reopen(
    *, cooperative: Any, period: Period, actor: Any, cosigner: Any, reason: str, source: str
) -> Period:
    """The reopening itself; the decision was checked by the caller.

    Snapshots of this month and of every later one become invalid; they are
    recomputed when the month closes again. The Dinas is notified.
    """
    if not access.can(actor, "ledger.reopen_request", cooperative):
        raise ReopenRefused(
            _("Peminta bukan lagi pengurus koperasi ini; permintaan harus diajukan ulang."),
            field="actor",
            code="requester_not_allowed",
        )
    _lock_year(cooperative, period.year)
    period = Period.objects.select_for_update().get(pk=period.pk, cooperative=cooperative)
    label = month_label(period.year, period.month)
    _refuse_rat_approved(cooperative, period)
    if period.status != PeriodStatus.CLOSED:
        raise PeriodError(
            _("Periode %(month)s masih terbuka.") % {"month": label},
            field="period",
            code="period_open",
        )
    period.status = PeriodStatus.OPEN
    period.closed_at = None
    period.closed_by = None
    period.save(update_fields=["status", "closed_at", "closed_by"])
    Snapshot.objects.filter(period=period).delete()
    Period.objects.filter(cooperative=cooperative, start_date__gte=period.start_date).update(
        snapshot_valid=False
    )
    PeriodEvent.objects.create(
        cooperative=cooperative,
        period=period,
        year=period.year,
        action=PeriodAction.REOPEN,
        actor=actor,
        cosigner=cosigner,
        reason=reason,
    )
    Notice.objects.create(
        cooperative=cooperative,
        kind="period_reopened",
        message=_(
            "%(cooperative)s membuka kembali periode %(month)s. Oleh: %(actor)s; disetujui "
            "pengawas: %(cosigner)s. Alasan: %(reason)s"
        )
        % {
            "cooperative": cooperative,
            "month": label,
            "actor": actor,
            "cosigner": cosigner,
            "reason": reason,
        },
    )
    _history(
        cooperative,
        actor,
        object_type="ledger.period",
        object_id=period.pk,
        label=_("Periode %(month)s") % {"month": label},
        field_label=_("Status periode"),
        old=str(PeriodStatus.CLOSED.label),
        new=str(PeriodStatus.OPEN.label),
        source=source,
    )
    return period
