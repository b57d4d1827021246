"""Writing the audit trail: one ``ChangeRecord`` per changed field.

A change outside any cooperative (``cooperative=None``: a district login, a
regency-wide grant) is a ``DistrictChangeRecord`` instead: tenant tables keep a
NOT NULL cooperative (docs/tenancy.md).

Services take a ``snapshot`` before and after a change and hand both to
``record_changes`` inside their own ``transaction.atomic()``, so a change and
its history commit (or roll back) together.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models

from kopdes.cooperatives.models import (
    ChangeAction,
    ChangeFields,
    ChangeRecord,
    ChangeSource,
    Cooperative,
    DistrictChangeRecord,
)
from kopdes.core.money import format_rupiah
from kopdes.core.money_fields import MoneyField
from kopdes.core.timeutils import format_date_id
from kopdes.core.validators import mask_nik

Snapshot = dict[str, tuple[str, str]]  # field name -> (label, shown value)

# Fields never worth a history row (bookkeeping, not content).
_IGNORED = frozenset({"id", "created_at", "updated_at", "cooperative"})
# Personal numbers: history shows them masked, as lists do.
_MASKED = frozenset({"nik", "kk_number"})


_CHOICES: dict[models.Field[Any, Any], dict[Any, Any]] = {}


def _choice_labels(field: models.Field[Any, Any]) -> dict[Any, Any]:
    # get_FOO_display() re-hashes the whole choice list on every call; the
    # demo loader snapshots thousands of objects, so keep one map per field.
    labels = _CHOICES.get(field)
    if labels is None:
        labels = _CHOICES[field] = dict(field.flatchoices)
    return labels


def _shown(obj: models.Model, field: models.Field[Any, Any]) -> str:
    value = getattr(obj, field.attname)
    if value is None or value == "":
        return ""
    if field.choices:
        return str(_choice_labels(field).get(value, value))
    if isinstance(field, models.ForeignKey):
        related = getattr(obj, field.name)
        return str(related) if related is not None else ""
    if isinstance(field, MoneyField):
        return format_rupiah(int(value), decimals="auto")
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, date):
        return format_date_id(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    if field.name in _MASKED:
        return mask_nik(str(value))
    return str(value)


def snapshot(obj: models.Model | None, fields: Iterable[str] | None = None) -> Snapshot:
    """The recordable fields of ``obj`` as (label, shown value); ``{}`` for no object."""
    if obj is None:
        return {}
    wanted = set(fields) if fields is not None else None
    result: Snapshot = {}
    for field in obj._meta.concrete_fields:
        if field.name in _IGNORED or (wanted is not None and field.name not in wanted):
            continue
        result[field.name] = (str(field.verbose_name), _shown(obj, field))
    return result


def record_changes(
    *,
    cooperative: Cooperative | None,
    actor: Any,
    obj: models.Model,
    before: Snapshot,
    after: Snapshot,
    source: str = ChangeSource.WEB,
    action: str | None = None,
) -> list[ChangeFields]:
    """Write one history row per field whose shown value differs; return the rows.

    ``before == {}`` means the object was created, ``after == {}`` that it was
    deleted (every non-empty value is recorded either way). Call it inside
    the service's transaction.
    """
    if action is None:
        action = (
            ChangeAction.CREATE
            if not before
            else ChangeAction.DELETE
            if not after
            else ChangeAction.UPDATE
        )
    user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
    label = str(obj)[:200]
    rows: list[Any] = []
    for name in dict.fromkeys([*before, *after]):
        field_label, old = before.get(name, ("", ""))
        new_label, new = after.get(name, ("", ""))
        if old == new:
            continue
        filed = {"cooperative": cooperative} if cooperative is not None else {}
        rows.append(
            (ChangeRecord if cooperative is not None else DistrictChangeRecord)(
                **filed,
                actor=user,
                source=source,
                action=action,
                object_type=obj._meta.label_lower,
                object_id=obj.pk,
                object_label=label,
                field=name,
                field_label=field_label or new_label,
                old_value=old,
                new_value=new,
            )
        )
    if cooperative is None:
        return list(DistrictChangeRecord.objects.bulk_create(rows))
    return list(ChangeRecord.objects.bulk_create(rows))
