"""manage.py validate_design FILE...: exit 0 when every file is a valid design, else 1 and every problem."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from designer.services.designs import validate_design


class Command(BaseCommand):
    help = "Check design files. Prints every problem, one a line, with its node or edge id."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        failed = 0
        for name in options["files"]:
            try:
                with open(name, "rb") as handle:
                    data = handle.read()
            except OSError as exc:
                self.stderr.write(f"{name}: cannot read: {exc.strerror}")
                failed += 1
                continue
            result = validate_design(data)
            for problem in result.problems:
                self.stdout.write(f"{name}: {problem.line()}")
            if result.ok:
                self.stdout.write(f"{name}: valid" + (f" ({len(result.warnings)} warnings)" if result.warnings else ""))
            else:
                failed += 1
        if failed:
            raise CommandError(f"{failed} of {len(options['files'])} files are not valid designs", returncode=1)
