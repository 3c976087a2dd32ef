"""manage.py price_status: which price data is in use, how old it is, and the last failure of each."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from designer.services.prices import price_status


class Command(BaseCommand):
    help = "List the price data in use per service and region, with its publication date and any last failure."

    def handle(self, *args: Any, **options: Any) -> None:
        rows = price_status()
        if not rows:
            self.stdout.write("no price data; run: python manage.py refresh_prices --bundled (or without --bundled)")
            return
        self.stdout.write(f"{'service':<26} {'region':<11} {'published':<21} {'source':<8} {'prices':>7}  last failure")
        for r in rows:
            failure = f"{r.last_failure_at:%Y-%m-%d %H:%M} {r.last_failure[:80]}" if r.last_failure else ""
            self.stdout.write(
                f"{r.service_code:<26} {r.region:<11} {r.publication_date or '-':<21} {r.source or '-':<8} "
                f"{r.item_count:>7}  {failure}"
            )
