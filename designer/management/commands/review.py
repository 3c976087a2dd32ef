"""manage.py review FILE [--format table|json]: the architect's review of a design file (findings and cost-saving
suggestions); exit 1 on an error-level finding."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from designer.services.advice import findings_on, suggestions_of
from designer.services.designs import validate_design


class Command(BaseCommand):
    help = (
        "Review a design file: every best-practice finding with its rule, the nodes it concerns, the AWS page it "
        "follows and its fix; then each way to spend less with its monthly saving, priced from the loaded price "
        "data. Exits 1 when an error-level finding exists (or the file is invalid)."
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
        suggestions = [x.as_dict() for x in suggestions_of(result.document.to_dict())]
        if options["format"] == "json":
            out = {"findings": [f.as_dict() for f in findings], "suggestions": suggestions}
            self.stdout.write(json.dumps(out, indent=2))
        else:
            self._table(findings)
            self._suggestions(suggestions)
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

    def _suggestions(self, suggestions: list[dict[str, Any]]) -> None:
        if not suggestions:
            self.stdout.write("No cost savings found (with the loaded price data: see price_status).")
            return
        self.stdout.write("")
        self.stdout.write(f"{'saving/month':>12}  suggestion")
        for x in suggestions:
            self.stdout.write(f"{'$' + x['monthly_saving']:>12}  {x['message']}")
