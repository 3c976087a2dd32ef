"""Price books for the pricing tests: the bundled snapshot read through the real offer-file reader, and tiny
hand-made books for tier arithmetic.

A plain module rather than conftest.py (see tests/engines/design_builders.py for why). Test modules import the
`bundled_prices` fixture from here; the snapshot itself is read once per session by `bundled_book()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from designer.graph import ArchitectureGraph
from designer.pricing.book import MemoryPriceSource
from designer.pricing.charges import Charge, Context, PricingSettings
from designer.pricing.estimate import Estimate, estimate
from designer.pricing.estimators import ESTIMATORS
from designer.pricing.offer_file import read_offer
from designer.pricing.records import PriceRecord
from tests.engines.design_builders import node

ROOT = Path(__file__).resolve().parents[2]
OFFERS = ROOT / "data" / "prices" / "bundled" / "offers" / "v1.0" / "aws"
GLOBAL = "global"


def offer_files() -> Iterator[tuple[Path, str]]:
    """Every offer file of the snapshot with the region it holds: <offer>/<version>/<region>/index.json, and
    <offer>/<version>/index.json for the worldwide offers (region "global"). `current/` holds region indexes."""
    for path in sorted(OFFERS.glob("*/*/*/index.json")):
        if path.parts[-3] != "current":
            yield path, path.parts[-2]
    for path in sorted(OFFERS.glob("*/*/index.json")):
        if path.parts[-2] != "current":
            yield path, GLOBAL


@cache
def bundled_book() -> MemoryPriceSource:
    """The bundled snapshot in memory, read exactly as ingest reads a downloaded file. Treat it as read-only."""
    source = MemoryPriceSource()
    for path, region in offer_files():
        meta, records = read_offer(path, region=region)
        source.add(meta.offer_code, region, list(records), meta.publication_date)
    return source


@pytest.fixture(scope="session")
def bundled_prices() -> MemoryPriceSource:
    return bundled_book()


def record(
    price: str,
    *,
    sku: str = "SKU1",
    begin: str = "0",
    end: str | None = None,
    unit: str = "GB",
    service: str = "AWSDataTransfer",
    family: str = "Data Transfer",
    usage: str = "DataTransfer-Out-Bytes",
    attributes: dict[str, str] | None = None,
    **fields: object,
) -> PriceRecord:
    """One hand-made price dimension (on-demand unless `term_type` says otherwise)."""
    return PriceRecord(
        sku=sku,
        service_code=service,
        product_family=family,
        usage_type=usage,
        attributes=attributes or {},
        unit=unit,
        price=Decimal(price),
        begin_range=Decimal(begin),
        end_range=None if end is None else Decimal(end),
        **fields,  # type: ignore[arg-type]
    )


def book(
    records: Iterable[PriceRecord], *, service: str = "AWSDataTransfer", region: str = "us-east-1"
) -> MemoryPriceSource:
    source = MemoryPriceSource()
    source.add(service, region, list(records), "2026-11-26T00:00:00Z")
    return source


def priced(g: ArchitectureGraph, settings: PricingSettings | None = None) -> Estimate:
    """The estimate of `g` against the bundled snapshot (on-demand, 730 hours, unless `settings` say otherwise)."""
    return estimate(g, settings or PricingSettings(), bundled_book())


def costs(result: Estimate, owner: str) -> dict[str, Decimal]:
    """Line name -> monthly cost (recurring plus amortised upfront) of one node's or connection's lines."""
    return {
        line.name: line.monthly_cost + line.upfront_monthly for line in result.lines if owner in (line.node, line.edge)
    }


def unpriced(result: Estimate, owner: str) -> dict[str, str]:
    """What of one node or connection is unpriced -> why."""
    return {u.what: u.reason for u in result.unpriced if owner in (u.node, u.edge)}


def vpc(region: str = "us-east-1") -> list[dict[str, Any]]:
    """A Region box holding a VPC with two named AZs, each with a public and a private subnet.

    Ids: `region`, `vpc`, `az-a` / `az-b`, `public-a` / `public-b`, `private-a` / `private-b`.
    """
    out = [node("region", "aws.region", region=region), node("vpc", "aws.vpc.vpc", "region", cidr="10.0.0.0/16")]
    for i, letter in enumerate("ab"):
        out += [
            node(f"az-{letter}", "aws.vpc.availability_zone", "vpc", name=f"{region}{letter}"),
            node(f"public-{letter}", "aws.vpc.subnet", f"az-{letter}", cidr=f"10.0.{i}.0/24", tier="public"),
            node(f"private-{letter}", "aws.vpc.subnet", f"az-{letter}", cidr=f"10.0.{10 + i}.0/24", tier="private"),
        ]
    return out


def charges(g: ArchitectureGraph, node_id: str, settings: PricingSettings | None = None) -> list[Charge]:
    """What the estimator of one node asks to be priced, without any price book."""
    n = g.node(node_id)
    return ESTIMATORS[n.kind](n, Context(g, settings or PricingSettings())).charges
