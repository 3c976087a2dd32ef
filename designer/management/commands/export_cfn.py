"""manage.py export_cfn FILE [--format yaml|json] [-o OUT]: a design file's CloudFormation template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from designer.document import DocumentInvalid
from designer.services.cloudformation import FORMATS, template_of


class Command(BaseCommand):
    help = "Write the CloudFormation template of a design file (to standard output, or to OUT)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="a design document (JSON)")
        parser.add_argument("--format", choices=sorted(FORMATS), default="yaml")
        parser.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = Path(options["file"]).read_bytes()
        except OSError as exc:
            raise CommandError(f"{options['file']}: cannot read: {exc.strerror}", returncode=1) from None
        try:
            template = template_of(data)
        except DocumentInvalid as exc:
            for problem in exc.problems:
                self.stderr.write(f"{options['file']}: {problem.line()}")
            raise CommandError(f"{options['file']} is not a valid design", returncode=1) from None
        text = FORMATS[options["format"]][1](template)
        notes = (template.get("Metadata") or {}).get("AwsArchitectureDesigner", {}).get("Notes", [])
        if options["output"]:
            try:
                Path(options["output"]).write_text(text)
            except OSError as exc:
                raise CommandError(f"{options['output']}: cannot write: {exc.strerror}", returncode=1) from None
            self.stderr.write(f"wrote {options['output']}: {len(template['Resources'])} resources, {len(notes)} notes")
        else:
            self.stdout.write(text, ending="")
        for note in notes:
            self.stderr.write(f"note: {note}")
