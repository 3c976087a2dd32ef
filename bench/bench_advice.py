#!/usr/bin/env python3
"""How long the architect's review takes: the best-practice rules and the cost-saving suggestions, in process.

Designs are bench_estimate.py's (bench_document's synthetic VPCs with an ALB, a Multi-AZ RDS database, m6i.large
instances and a queue, topped up to exactly N nodes). Prices are the bundled snapshot in memory (a
MemoryPriceSource through read_offer, as the pricing tests use). Timed, as medians of --repeat runs:

- review: `review(build(load(document)))`, every rule over the graph (what each validation adds);
- suggestions: `suggest(document, prices, settings)`, every candidate priced (what GET .../suggestions/ does).

Run by hand:

    .venv/bin/python bench/bench_advice.py [--nodes 100 300 1000] [--repeat 7]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_estimate import bundled_book, design_of, document_of, median_ms  # noqa: E402

from designer.advice import review  # noqa: E402
from designer.advice.savings import suggest  # noqa: E402
from designer.graph import build  # noqa: E402
from designer.pricing.charges import PricingSettings  # noqa: E402


def settings_of(document: Mapping[str, Any]) -> PricingSettings:
    return PricingSettings(pricing_model=(document.get("settings") or {}).get("pricing_model", "on_demand"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    book = bundled_book()
    print(f"{'nodes':>6} {'findings':>9} {'review ms':>10} {'suggestions':>12} {'suggest ms':>11}")
    for nodes in args.nodes:
        design = design_of(nodes)
        findings = review(build(document_of(design)))
        found = suggest(design, book, settings_of)
        review_ms = median_ms(lambda d=design: review(build(document_of(d))), args.repeat)
        suggest_ms = median_ms(lambda d=design: suggest(d, book, settings_of), args.repeat)
        print(f"{nodes:>6} {len(findings):>9} {review_ms:>10.0f} {len(found):>12} {suggest_ms:>11.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
