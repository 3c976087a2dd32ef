"""manage.py catalog [--json]: list the component kinds with their category and CloudFormation types."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from designer.catalog import CATALOG, CATEGORIES


class Command(BaseCommand):
    help = "List the component catalog: kind, label, category and the CloudFormation types it stands for."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")

    def handle(self, *args: Any, **options: Any) -> None:
        kinds = list(CATALOG.kinds.values())
        if options["json"]:
            rows = [
                {
                    "kind": k.kind,
                    "label": k.label,
                    "category": k.category,
                    "service": k.service,
                    "container": k.container,
                    "cfn_types": list(k.cfn_types),
                }
                for k in kinds
            ]
            self.stdout.write(json.dumps(rows, indent=2))
            return
        width = max(len(k.kind) for k in kinds)
        for category, title in CATEGORIES.items():
            members = [k for k in kinds if k.category == category]
            if not members:
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(title))
            for k in members:
                types = ", ".join(k.cfn_types) or "(no resource)"
                self.stdout.write(f"  {k.kind:<{width}}  {k.label:<30}  {types}")
        self.stdout.write(f"{len(kinds)} kinds, {len(CATALOG.connections)} allowed connections")
