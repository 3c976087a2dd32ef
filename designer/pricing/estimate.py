"""estimate(graph, settings, prices) -> Estimate: every node's and connection's monthly cost, line by line.

Estimators (one module per kind) say what each node consumes; this module prices those charges against a
PriceSource, adds the traffic of connections (`traffic.py`), and totals by node, by service and by
connection. Nothing is ever silently $0: a charge without a price is listed as unpriced with the reason, and
a region without price data is named ("no price data for eu-central-1; run refresh_prices").
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..graph import ArchitectureGraph
from .book import NoPrice, PriceSource, price
from .charges import Charge, Context, PricingSettings
from .estimators import ESTIMATORS, FREE
from .selection import GLOBAL_REGION
from .traffic import edge_charges

CENT = Decimal("0.01")
# Connection charges are filed under these services; the rest (NAT processing) under Amazon VPC.
SERVICE_NAMES = {"AWSDataTransfer": "Data transfer", "AmazonCloudFront": "Amazon CloudFront"}


def money(value: Decimal) -> str:
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class CostLine:
    node: str | None
    edge: str | None
    service: str
    name: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    monthly_cost: Decimal
    upfront_monthly: Decimal
    sku: str
    price_date: str
    term: str
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("quantity", "unit_price"):
            out[key] = f"{out[key].normalize():f}" if out[key] else "0"
        for key in ("monthly_cost", "upfront_monthly"):
            out[key] = money(out[key])
        return out


@dataclass(frozen=True)
class Unpriced:
    node: str | None
    edge: str | None
    what: str
    reason: str


@dataclass(frozen=True)
class Assumption:
    node: str | None
    field: str
    label: str
    value: Any
    unit: str
    default: bool


@dataclass
class Estimate:
    settings: PricingSettings
    lines: list[CostLine] = field(default_factory=list)
    unpriced: list[Unpriced] = field(default_factory=list)
    free: dict[str, str] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    assumptions: list[Assumption] = field(default_factory=list)
    price_data: dict[str, str] = field(default_factory=dict)
    missing_regions: list[str] = field(default_factory=list)

    @property
    def recurring_monthly(self) -> Decimal:
        return sum((line.monthly_cost for line in self.lines), Decimal(0))

    @property
    def upfront_monthly(self) -> Decimal:
        return sum((line.upfront_monthly for line in self.lines), Decimal(0))

    @property
    def total_monthly(self) -> Decimal:
        return self.recurring_monthly + self.upfront_monthly

    def _by(self, key: str) -> dict[str, Decimal]:
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for line in self.lines:
            value = getattr(line, key)
            if value:
                totals[value] += line.monthly_cost + line.upfront_monthly
        return dict(sorted(totals.items(), key=lambda kv: -kv[1]))

    def by_node(self) -> dict[str, Decimal]:
        return self._by("node")

    def by_service(self) -> dict[str, Decimal]:
        return self._by("service")

    def by_connection(self) -> dict[str, Decimal]:
        return self._by("edge")

    def as_dict(self) -> dict[str, Any]:
        return {
            "currency": "USD",
            "total_monthly": money(self.total_monthly),
            "total_yearly": money(self.total_monthly * 12),
            "recurring_monthly": money(self.recurring_monthly),
            "upfront_monthly": money(self.upfront_monthly),
            "settings": {
                "pricing_model": self.settings.pricing_model,
                "hours_per_month": str(self.settings.hours_per_month),
                "spot_discount": str(self.settings.spot_discount),
            },
            "by_node": {k: money(v) for k, v in self.by_node().items()},
            "by_service": {k: money(v) for k, v in self.by_service().items()},
            "by_connection": {k: money(v) for k, v in self.by_connection().items()},
            "lines": [line.as_dict() for line in self.lines],
            "unpriced": [asdict(u) for u in self.unpriced],
            "free": self.free,
            "notes": self.notes,
            "assumptions": [asdict(a) for a in self.assumptions],
            "price_data": self.price_data,
            "oldest_price_date": min((d for d in self.price_data.values() if d), default=""),
            "missing_regions": self.missing_regions,
        }

    def to_csv(self) -> str:
        return csv_of(self.as_dict())


def csv_of(result: dict[str, Any]) -> str:
    """An estimate in its `as_dict()` form (as stored) as CSV: a row per cost line, then what is not priced, then
    the total."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "node",
            "edge",
            "service",
            "item",
            "quantity",
            "unit",
            "unit_price_usd",
            "monthly_usd",
            "upfront_monthly_usd",
            "term",
            "sku",
            "price_date",
            "note",
        ]
    )
    for d in result["lines"]:
        writer.writerow(
            [
                d["node"] or "",
                d["edge"] or "",
                d["service"],
                d["name"],
                d["quantity"],
                d["unit"],
                d["unit_price"],
                d["monthly_cost"],
                d["upfront_monthly"],
                d["term"],
                d["sku"],
                d["price_date"],
                d["note"],
            ]
        )
    for u in result["unpriced"]:
        writer.writerow(
            [
                u["node"] or "",
                u["edge"] or "",
                "",
                u["what"],
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                f"not priced: {u['reason']}",
            ]
        )
    writer.writerow(["", "", "", "Total per month", "", "", "", result["total_monthly"], "", "", "", "", ""])
    return out.getvalue()


def estimate(
    graph: ArchitectureGraph, settings: PricingSettings, prices: PriceSource, only: frozenset[str] | None = None
) -> Estimate:
    """The estimate of the whole design, or with `only` of just those nodes (no connections): what a change to
    them alone costs, without pricing everything else again."""
    ctx = Context(graph, settings)
    result = Estimate(settings)
    missing: set[str] = set()

    def add(charge: Charge, service: str, node: str | None, edge: str | None) -> None:
        region = charge.query.region
        if not prices.has_region(region):
            missing.add(region)
            where = "worldwide services" if region == GLOBAL_REGION else region
            result.unpriced.append(Unpriced(node, edge, charge.name, f"no price data for {where}; run refresh_prices"))
            return
        try:
            priced = price(prices, charge.query, charge.quantity, charge.term, hours=settings.hours_per_month)
        except NoPrice as exc:
            reason = str(exc)
            # A regional product of a worldwide offer (a Route 53 Resolver endpoint's): when nothing is loaded for
            # its region at all, say that, as for any other charge of the region.
            narrowed = dict(charge.query.attrs).get("regionCode")
            if region == GLOBAL_REGION and narrowed and not prices.has_region(narrowed):
                missing.add(narrowed)
                reason = f"no price data for {narrowed}; run refresh_prices"
            result.unpriced.append(Unpriced(node, edge, charge.name, reason))
            return
        date = prices.publication(charge.query.service, region)
        result.price_data[f"{charge.query.service} {region}"] = date
        result.lines.append(
            CostLine(
                node=node,
                edge=edge,
                service=service,
                name=charge.name,
                quantity=charge.quantity,
                unit=charge.unit,
                unit_price=priced.unit_price * charge.factor,
                monthly_cost=priced.monthly_cost * charge.factor,
                upfront_monthly=priced.upfront * charge.factor,
                sku=priced.sku,
                price_date=date,
                term=charge.term.label(),
                note=charge.note,
            )
        )

    for node in graph.nodes.values():
        if only is not None and node.id not in only:
            continue
        if node.kind in FREE:
            result.free[node.id] = FREE[node.kind]
            continue
        answer = ESTIMATORS[node.kind](node, ctx)
        if answer.free:
            result.free[node.id] = answer.free
        if answer.not_priced:
            result.unpriced.append(Unpriced(node.id, None, node.label, answer.not_priced))
        if answer.notes:
            result.notes[node.id] = list(answer.notes)
        for charge in answer.charges:
            add(charge, node.spec.service, node.id, None)
        for key, value in node.usage.items():
            spec = next((f for f in node.spec.usage if f.name == key), None)
            if spec is not None:
                result.assumptions.append(
                    Assumption(node.id, key, spec.label, value, spec.unit or "", key in node.defaulted_usage)
                )
    for edge in graph.edges if only is None else ():
        for charge in edge_charges(graph, edge):
            add(charge, SERVICE_NAMES.get(charge.query.service, "Amazon VPC"), None, edge.id)
    result.missing_regions = sorted(missing)
    return result
