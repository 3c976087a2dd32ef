"""manage.py sync_catalog: mirror the code catalog into the database (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from designer.services.catalog import sync_catalog


class Command(BaseCommand):
    help = "Create or update the palette's component kinds from the code catalog. Safe to run repeatedly."

    def handle(self, *args: Any, **options: Any) -> None:
        result = sync_catalog()
        self.stdout.write(
            f"catalog synced: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.deactivated} deactivated"
        )
