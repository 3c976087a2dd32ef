"""manage.py refresh_prices: load price files from the Price List bulk API (or the bundled snapshot)."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from designer.services import prices


class Command(BaseCommand):
    help = (
        "Fetch price files for the given regions and services and load each whose version is new. A failed file "
        "is recorded (see price_status) and its previous prices stay in use."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--region",
            action="append",
            dest="regions",
            metavar="R",
            help=f"a region to refresh (repeatable; default: {', '.join(settings.PRICE_REGIONS)})",
        )
        parser.add_argument(
            "--service",
            action="append",
            dest="services",
            metavar="S",
            help="an offer code such as AmazonEC2 (repeatable; default: every priced offer)",
        )
        parser.add_argument("--base-url", help=f"the Price List endpoint (default {settings.PRICE_LIST_BASE_URL})")
        parser.add_argument(
            "--force",
            action="store_true",
            help="load files even when their version is already loaded (after an ingest change)",
        )
        parser.add_argument(
            "--bundled",
            action="store_true",
            help="load the snapshot shipped in data/prices/bundled/ (what make run does)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        base_url, source = options["base_url"], "bulk"
        regions = options["regions"]
        if options["bundled"]:
            base_url, source = settings.BUNDLED_PRICES_DIR.as_uri(), "bundled"
            regions = regions or ["us-east-1", "eu-west-1"]
        tty = sys.stdout.isatty()

        def show(p: prices.RefreshProgress) -> None:
            line = (
                f"[{p.done}/{p.total}] {p.offer} {p.region}: {p.bytes_downloaded / 1e6:,.1f} MB downloaded, "
                f"{p.products_read:,} products read"
            )
            if tty:
                self.stdout.write("\r" + line.ljust(100), ending="")
                self.stdout.flush()

        outcomes = prices.refresh_prices(
            offers=options["services"],
            regions=regions,
            base_url=base_url,
            source=source,
            on_progress=show,
            force=options["force"],
        )
        if tty:
            self.stdout.write("\r" + " " * 100 + "\r", ending="")
        counts = {"loaded": 0, "current": 0, "not offered": 0, "failed": 0}
        for o in outcomes:
            if o.status == "succeeded":
                counts["loaded"] += 1
            elif o.status == "failed":
                counts["failed"] += 1
            else:
                counts["current" if "already loaded" in o.detail else "not offered"] += 1
            style = self.style.ERROR if o.status == "failed" else (lambda s: s)
            self.stdout.write(style(f"{o.status:>9}  {o.service_code} {o.region}: {o.detail}"))
        self.stdout.write(
            f"{counts['loaded']} loaded, {counts['current']} already current, {counts['not offered']} not offered, "
            f"{counts['failed']} failed"
        )
        if counts["failed"] and not counts["loaded"] and not counts["current"]:
            raise CommandError("no price file could be loaded", returncode=1)
