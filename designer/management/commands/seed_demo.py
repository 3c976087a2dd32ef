"""manage.py seed_demo: the demo user and the example designs (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from designer.services.demo import seed_demo


class Command(BaseCommand):
    help = "Create the demo user (or reset its password) and give it the designs in examples/."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", default="demo")
        parser.add_argument("--password", default="demo")

    def handle(self, *args: Any, **options: Any) -> None:
        result = seed_demo(options["username"], options["password"])
        self.stdout.write(
            f"demo login: {result.username} / {result.password}; "
            f"{len(result.created)} example designs created, {len(result.existing)} already there; "
            f"{result.reviewer} / {result.password} sees a design shared with it"
        )
