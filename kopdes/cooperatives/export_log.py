"""Downloads of personal data in full, written into the history (UU 27/2022).

A file that carries NIK or KK numbers unmasked (only for the roles that need
them, ``kopdes.accounts.access.sees_full_identity_numbers``) leaves a
``ChangeRecord`` in the history of every cooperative whose people are in it:
who, when, what file (its name carries the date and the filter), the filter
in words, and how many people. The cooperative's own history page shows it.
See docs/registry.md, "Exports".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kopdes.cooperatives.models import ChangeAction, ChangeRecord, ChangeSource, Cooperative

# ``ChangeRecord.field`` of an export row (the history's filter for them).
EXPORT_FIELD = "ekspor_data_pribadi"


def record_personal_data_export(
    *,
    people: Mapping[Cooperative, int],
    actor: Any,
    what: str,
    filename: str,
    filters: str,
    source: str = ChangeSource.WEB,
) -> list[ChangeRecord]:
    """One history row per cooperative with people in the file (none for an empty file).

    ``people``: cooperative -> how many of its people the file holds;
    ``what``: the file in words ("Data pengurus dengan NIK dan No KK lengkap");
    ``filters``: the filter in words ("Filter: Kecamatan: Sepaku").
    """
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    rows = [
        ChangeRecord(
            cooperative=cooperative,
            actor=user,
            source=source,
            action=ChangeAction.CREATE,
            object_type=cooperative._meta.label_lower,
            object_id=cooperative.pk,
            object_label=str(cooperative)[:200],
            field=EXPORT_FIELD,
            field_label=what[:100],
            old_value="",
            new_value=_("Berkas %(file)s; %(filters)s; %(count)s orang")
            % {"file": filename, "filters": filters, "count": count},
        )
        for cooperative, count in people.items()
        if count
    ]
    with transaction.atomic():
        return list(ChangeRecord.objects.bulk_create(rows))
