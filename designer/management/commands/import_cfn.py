"""manage.py import_cfn TEMPLATE [-o design.json]: a design document from a CloudFormation template."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from designer.catalog.fields import REGIONS
from designer.cloudformation.importer import ImportFailed, import_template


class Command(BaseCommand):
    help = (
        "Turn a CloudFormation template (YAML or JSON) into a design document, printed or written to OUT; the "
        "report of what was not understood goes to standard error."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("template", metavar="TEMPLATE")
        parser.add_argument("-o", "--output", metavar="OUT", help="write the design here instead of standard output")
        parser.add_argument("--name", help="the design's name (default: the template's Description)")
        parser.add_argument("--region", choices=REGIONS, help="the design's region")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = Path(options["template"]).read_bytes()
        except OSError as exc:
            raise CommandError(f"{options['template']}: cannot read: {exc.strerror}", returncode=1) from None
        try:
            result = import_template(data, name=options["name"], region=options["region"])
        except ImportFailed as exc:
            raise CommandError(f"{options['template']}: {exc}", returncode=1) from None
        text = json.dumps(result.document, indent=2) + "\n"
        report = result.report
        if options["output"]:
            try:
                Path(options["output"]).write_text(text)
            except OSError as exc:
                raise CommandError(f"{options['output']}: cannot write: {exc.strerror}", returncode=1) from None
        else:
            self.stdout.write(text, ending="")
        self.stderr.write(
            f"{options['template']}: {report.resources} resources -> {report.nodes} nodes "
            f"({len(report.generic)} generic, {report.kept_inside} resources kept inside nodes), {report.edges} "
            "connections"
        )
        for line in report.not_understood:
            self.stderr.write(f"  not understood: {line}")
