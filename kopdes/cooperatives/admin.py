"""Read-only admin for system staff: registry writes go through the services (and history)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kopdes.cooperatives.models import (
    BusinessUnit,
    ChangeRecord,
    Cooperative,
    DistrictChangeRecord,
    FormationStep,
    Officer,
    RatRecord,
    RegistryDocument,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Cooperative)
class CooperativeAdmin(ReadOnlyAdmin):
    list_display = ("name", "slug", "kind", "stage", "status", "formation_model")
    list_filter = ("kind", "stage", "status")
    search_fields = ("name", "slug")


@admin.register(FormationStep)
class FormationStepAdmin(ReadOnlyAdmin):
    list_display = ("cooperative", "kind", "done_on", "document_number", "skipped")
    list_filter = ("kind", "skipped")
    list_select_related = ("cooperative",)


@admin.register(Officer)
class OfficerAdmin(ReadOnlyAdmin):
    list_display = ("name", "role", "cooperative", "term_start", "term_end", "ended_on")
    list_filter = ("role",)
    search_fields = ("name",)
    list_select_related = ("cooperative",)


@admin.register(BusinessUnit)
class BusinessUnitAdmin(ReadOnlyAdmin):
    list_display = ("display_name", "cooperative", "kind", "status", "started_on")
    list_filter = ("kind", "status")
    list_select_related = ("cooperative",)


@admin.register(RatRecord)
class RatRecordAdmin(ReadOnlyAdmin):
    list_display = ("cooperative", "book_year", "held_on", "members_present", "members_total")
    list_select_related = ("cooperative",)


@admin.register(RegistryDocument)
class RegistryDocumentAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "cooperative", "purpose", "content_type", "uploaded_at")
    list_select_related = ("cooperative",)


@admin.register(ChangeRecord)
class ChangeRecordAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor", "source", "object_label", "field", "old_value", "new_value")
    list_filter = ("source", "action", "object_type")
    list_select_related = ("actor",)


@admin.register(DistrictChangeRecord)
class DistrictChangeRecordAdmin(ChangeRecordAdmin):
    pass
