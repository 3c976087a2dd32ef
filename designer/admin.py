"""Admin: presets and team members are edited here; kinds come from code, and designs and the share log through
the app, so those are read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import ComponentKind, Design, Membership, PalettePreset, Revision, ShareEvent, Team


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ComponentKind)
class ComponentKindAdmin(ReadOnlyAdmin):
    list_display = ("kind", "label", "category", "service", "is_container", "active")
    list_filter = ("category", "is_container", "active")
    search_fields = ("kind", "label", "service", "description")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PalettePreset)
class PalettePresetAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "owner", "created_at")
    list_filter = ("kind__category",)
    search_fields = ("name", "description", "kind__label")
    autocomplete_fields = ("kind", "owner")


class RevisionInline(admin.TabularInline):
    model = Revision
    fields = ("number", "author", "message", "created_at", "sha256")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Design)
class DesignAdmin(ReadOnlyAdmin):
    list_display = ("name", "owner", "team", "region", "node_count", "edge_count", "updated_at")
    search_fields = ("name", "owner__username", "team__name")
    inlines = [RevisionInline]


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ("user", "role", "added_at")
    readonly_fields = ("added_at",)
    autocomplete_fields = ("user",)
    extra = 0


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    """Teams are made in the app; the admin can fix their members (a team left without an owner, say)."""

    list_display = ("name", "created_at")
    search_fields = ("name",)
    inlines = [MembershipInline]


@admin.register(ShareEvent)
class ShareEventAdmin(ReadOnlyAdmin):
    """The share log of every design, for an audit."""

    list_display = ("created_at", "design", "actor", "action", "subject", "role")
    list_filter = ("action",)
    search_fields = ("design__name", "actor__username", "subject")
