"""manage.py estimate FILE: the monthly cost of a design file, from the price data in the database."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from designer.catalog.fields import PRICING_MODELS
from designer.services.designs import validate_design
from designer.services.estimates import estimate_document, pricing_settings, relocated


class Command(BaseCommand):
    help = "Print a design's monthly cost: the breakdown by node and service, what is not priced, and the total."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--region", help="price the design as if it (and every Region box in it) were in R")
        parser.add_argument("--pricing-model", choices=PRICING_MODELS, help="override the design's pricing model")
        parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
        parser.add_argument(
            "--source",
            choices=("database", "query"),
            default="database",
            help="price from the loaded snapshots, or ask the Price List Query API (needs AWS credentials)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with open(options["file"], "rb") as handle:
                data = json.loads(handle.read())
        except (OSError, ValueError) as exc:
            raise CommandError(f"{options['file']}: {exc}", returncode=1) from None
        if options["region"] and isinstance(data, dict):
            data = relocated(data, options["region"])
        result = validate_design(data)
        if result.document is None:
            for problem in result.errors:
                self.stderr.write(problem.line())
            raise CommandError(f"{options['file']} is not a valid design", returncode=1)
        document = result.document.to_dict()
        settings = pricing_settings(document, pricing_model=options["pricing_model"])
        try:
            estimate = estimate_document(document, settings, options["source"])
        except Exception as exc:
            if options["source"] != "query":
                raise
            raise CommandError(f"the Query API could not be used: {type(exc).__name__}: {exc}", returncode=1) from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(estimate.as_dict(), indent=2))
        elif options["format"] == "csv":
            self.stdout.write(estimate.to_csv(), ending="")
        else:
            self._table(estimate.as_dict(), {n["id"]: n["label"] for n in document["nodes"]})

    def _table(self, d: dict[str, Any], labels: dict[str, str]) -> None:
        out = self.stdout.write
        for line in d["lines"]:
            owner = labels.get(line["node"], line["node"]) if line["node"] else f"edge {line['edge']}"
            upfront = f" (+{line['upfront_monthly']} upfront/month)" if line["upfront_monthly"] != "0.00" else ""
            out(
                f"{owner[:24]:<24} {line['name'][:58]:<58} {line['quantity']:>14} {line['unit']:<12} "
                f"${line['monthly_cost']:>10}{upfront}"
            )
        if d["unpriced"]:
            out("\nNot priced:")
            for u in d["unpriced"]:
                out(f"  {labels.get(u['node'], u['node'] or u['edge'])}: {u['what']}: {u['reason']}")
        out("\nBy service:")
        for service, cost in d["by_service"].items():
            out(f"  {service:<40} ${cost:>10}")
        upfront = (
            f" (including ${d['upfront_monthly']} of upfront fees spread over the term)"
            if d["upfront_monthly"] != "0.00"
            else ""
        )
        out(f"\nTotal per month: ${d['total_monthly']}{upfront}   per year: ${d['total_yearly']}")
        out(
            f"Pricing model: {d['settings']['pricing_model']}; {d['settings']['hours_per_month']} hours a month; "
            f"prices published {', '.join(sorted(set(d['price_data'].values()))) or 'n/a'}"
        )
