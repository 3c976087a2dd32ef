"""manage.py render_diagram FILE -o OUT [--format F] [--layout L] [--dpi N] [--title T] [--costs]: a design
file's diagram."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from django.core.management.base import BaseCommand, CommandError, CommandParser

from designer.diagram.render import FORMATS, LAYOUTS, Format, Layout, RenderFailed, RenderOptions, render
from designer.graph import build
from designer.services.designs import validate_design
from designer.services.diagrams import DPI_RANGE, DiagramOptions, estimate_costs
from designer.services.estimates import estimate_document, pricing_settings

EXTENSIONS = {extension: fmt for fmt, (extension, _) in FORMATS.items()}


class Command(BaseCommand):
    help = (
        "Draw a design file: PNG, SVG or PDF through Graphviz, a draw.io file, or a Python script using the "
        "`diagrams` package. The format follows OUT's extension unless --format is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="a design document (JSON)")
        parser.add_argument("-o", "--output", metavar="OUT", required=True, help="the file to write")
        parser.add_argument(
            "--format", choices=list(FORMATS), help="by default from OUT's extension (png when it has none)"
        )
        parser.add_argument(
            "--layout",
            choices=LAYOUTS,
            default="auto",
            help="auto: laid out by Graphviz, traffic left to right; canvas: as drawn in the editor",
        )
        parser.add_argument(
            "--dpi", type=int, default=96, help=f"resolution in dots per inch, {DPI_RANGE[0]} to {DPI_RANGE[1]}"
        )
        parser.add_argument("--title", help="the diagram's title (the design's name by default)")
        parser.add_argument(
            "--costs",
            action="store_true",
            help="show each node's monthly cost and the total, priced from the database as `estimate` does",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name, out = options["file"], options["output"]
        fmt = options["format"] or format_of(out)
        problems = DiagramOptions(format=fmt, layout=options["layout"], dpi=options["dpi"]).problems()
        if problems:
            raise CommandError(" ".join(f"--{key}: {message}" for key, message in problems.items()), returncode=1)
        try:
            data = Path(name).read_bytes()
        except OSError as exc:
            raise CommandError(f"{name}: cannot read: {exc.strerror}", returncode=1) from None
        result = validate_design(data)
        if result.document is None:
            for problem in result.problems:
                self.stderr.write(f"{name}: {problem.line()}")
            raise CommandError(f"{name} is not a valid design", returncode=1)
        costs: dict[str, Decimal] = {}
        total = None
        if options["costs"]:
            document = result.document.to_dict()
            priced = estimate_document(document, pricing_settings(document)).as_dict()
            for region in priced["missing_regions"]:
                self.stderr.write(f"note: no price data for {region}; run refresh_prices (its costs are left out)")
            costs, total = estimate_costs(priced)
        render_options = RenderOptions(
            format=cast(Format, fmt),  # checked above
            layout=cast(Layout, options["layout"]),
            dpi=options["dpi"],
            title=options["title"],
            costs=costs,
            total=total,
        )
        try:
            content = render(build(result.document), render_options)
        except RenderFailed as exc:
            raise CommandError(f"{name}: {exc}", returncode=1) from None
        try:
            Path(out).write_bytes(content)
        except OSError as exc:
            raise CommandError(f"{out}: cannot write: {exc.strerror}", returncode=1) from None
        self.stderr.write(f"wrote {out}: {fmt}, {options['layout']} layout, {len(content):,} bytes")


def format_of(out: str) -> str:
    """The format OUT's extension names; png when it has none. CommandError for an extension of no format, so
    a diagram.jpg is never silently a PNG."""
    extension = Path(out).suffix.lower().lstrip(".")
    if not extension:
        return "png"
    if extension not in EXTENSIONS:
        known = ", ".join(f".{e}" for e in EXTENSIONS)
        raise CommandError(
            f"{out}: .{extension} is not a diagram format's extension; use one of {known}, or give --format",
            returncode=1,
        )
    return EXTENSIONS[extension]
