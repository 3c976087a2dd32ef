"""manage.py blueprint NAME [--param k=v ...] [-o FILE]: a design document from a blueprint; `--list` lists them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from designer.blueprints import BLUEPRINTS, BlueprintError, Param, blueprint_document


class Command(BaseCommand):
    help = (
        "Write the design document a blueprint builds (to standard output, or to FILE), its parameters set with "
        "--param name=value; --list lists the blueprints with their parameters and defaults."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", nargs="?", metavar="NAME", help=f"one of {', '.join(BLUEPRINTS)}")
        parser.add_argument(
            "--param",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="set a parameter (repeat for several)",
        )
        parser.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
        parser.add_argument("--list", action="store_true", help="list the blueprints and their parameters")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            self._list()
            return
        if not options["name"]:
            raise CommandError(f"name a blueprint ({', '.join(BLUEPRINTS)}), or ask for --list", returncode=2)
        raw: dict[str, str] = {}
        for item in options["param"]:
            key, sep, value = item.partition("=")
            if not sep or not key.strip():
                raise CommandError(f"--param {item}: write it as name=value", returncode=2)
            raw[key.strip()] = value
        try:
            document = blueprint_document(options["name"], raw)
        except BlueprintError as exc:
            lines = [f"{key}: {message}" for key, message in exc.errors.items()]
            raise CommandError("\n".join(lines), returncode=2) from None
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        if options["output"]:
            try:
                Path(options["output"]).write_text(text)
            except OSError as exc:
                raise CommandError(f"{options['output']}: cannot write: {exc.strerror}", returncode=1) from None
            self.stderr.write(
                f"wrote {options['output']}: {len(document['nodes'])} nodes, {len(document['edges'])} connections"
            )
        else:
            self.stdout.write(text, ending="")

    def _list(self) -> None:
        for blueprint in BLUEPRINTS.values():
            self.stdout.write(f"{blueprint.slug}: {blueprint.title}. {blueprint.description}")
            for p in blueprint.params:
                default = json.dumps(p.default) if p.type == "boolean" else str(p.default)
                self.stdout.write(f"  {p.name}={default}  ({_allowed(p)}) {p.label}")
            self.stdout.write("")


def _allowed(p: Param) -> str:
    if p.name == "region":
        return "an AWS Region code"
    if p.type == "choice":
        return "one of " + ", ".join(p.options)
    if p.type == "integer":
        return f"{p.minimum:,} to {p.maximum:,}" if p.minimum is not None and p.maximum is not None else "a number"
    if p.type == "cidr":
        return f"an IPv4 CIDR, /{p.minimum} to /{p.maximum}"
    return "true or false" if p.type == "boolean" else "text"
