"""manage.py review FILE [--format table|json]: the architect's review of a design file; exit 1 on an error."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from designer.services.advice import findings_on
from designer.services.designs import validate_design


class Command(BaseCommand):
    help = (
        "Review a design file against the best-practice rules: every finding with its rule, the nodes it concerns, "
        "the AWS page it follows and its fix. Exits 1 when an error-level finding exists (or the file is invalid)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with open(options["file"], "rb") as handle:
                result = validate_design(handle.read())
        except OSError as exc:
            raise CommandError(f"{options['file']}: cannot read: {exc.strerror}") from None
        if result.document is None:
            for problem in result.problems:
                self.stderr.write(problem.line())
            raise CommandError(f"{options['file']} is not a valid design", returncode=1)
        findings = findings_on(result.document)
        if options["format"] == "json":
            self.stdout.write(json.dumps({"findings": [f.as_dict() for f in findings]}, indent=2))
        else:
            self._table(findings)
        errors = sum(f.severity == "error" for f in findings)
        if errors:
            raise CommandError(f"{errors} error-level finding{'s' if errors != 1 else ''}", returncode=1)

    def _table(self, findings: list[Any]) -> None:
        if not findings:
            self.stdout.write("No findings: the design follows every rule.")
            return
        self.stdout.write(f"{'severity':<8} {'rule':<40} {'nodes':<24} finding")
        for f in findings:
            nodes = ", ".join(f.nodes)
            self.stdout.write(f"{f.severity:<8} {f.rule:<40} {nodes[:24]:<24} {f.message}")
            if f.fix is not None:
                self.stdout.write(f"{'':<74} fix: {f.fix.title}")
            self.stdout.write(f"{'':<74} see {f.source_url}")
        counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
        self.stdout.write(", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items()))
