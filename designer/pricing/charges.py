"""What an estimator returns: charges (a quantity and the price query that prices it), before any lookup.

Estimators are pure functions of a graph node and the pricing settings, so they are tested without any
price data; `estimate.py` resolves the queries against a PriceSource in a separate step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..graph import ArchitectureGraph, GraphNode
from .book import ON_DEMAND, PriceQuery, Term, query

ONE = Decimal(1)


@dataclass(frozen=True)
class PricingSettings:
    """Design-wide pricing choices. `spot_discount` is the assumed Spot saving off on-demand (the Price List
    has no Spot prices), a fraction between 0 and 1."""

    pricing_model: str = "on_demand"
    hours_per_month: Decimal = Decimal(730)
    spot_discount: Decimal = Decimal("0.6")

    def key(self) -> str:
        return f"{self.pricing_model}|{self.hours_per_month}|{self.spot_discount}"


@dataclass(frozen=True)
class Charge:
    """One priced quantity of a node (or an edge): `quantity` of the price list's unit for `query`, per
    month, under `term`. `factor` scales the unit price (a unit conversion, or the Spot discount)."""

    name: str
    quantity: Decimal
    unit: str
    query: PriceQuery
    term: Term = ON_DEMAND
    factor: Decimal = ONE
    note: str = ""


@dataclass(frozen=True)
class Context:
    graph: ArchitectureGraph
    settings: PricingSettings

    @property
    def hours(self) -> Decimal:
        return self.settings.hours_per_month

    def node_hours(self, node: GraphNode) -> Decimal:
        """Hours a node runs in the month: its own usage figure, capped by the design's month."""
        own = node.usage.get("monthly_hours")
        hours = Decimal(str(own)) if own is not None else self.hours
        return min(hours, self.hours)

    def billed_hours(self, node: GraphNode, term: Term) -> Decimal:
        """Hours billed under `term`: a reservation is paid for every hour of the month whether the capacity
        runs or not ("billed for usage on an hourly basis, regardless of whether they are being used",
        https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/reserved-instances-payment-options.html)."""
        return self.hours if term.kind == "Reserved" else self.node_hours(node)

    def term_of(self, node: GraphNode, *, reserved: bool = True, savings_plan: bool = True) -> tuple[Term, str]:
        """The term a node is bought under, from its pricing model (or the design's), and a note when the
        model does not apply to this service and on-demand is used instead."""
        model = node.props.get("pricing_model", "design")
        if model == "design":
            model = self.settings.pricing_model
        term = term_for(model)
        if term.kind == "Reserved" and not reserved:
            return ON_DEMAND, "reserved pricing does not apply here; priced on-demand"
        if term.kind == "SavingsPlan" and not savings_plan:
            return ON_DEMAND, "Compute Savings Plans do not cover this service; priced on-demand"
        return term, ""


_OPTIONS = {"no": "No Upfront", "partial": "Partial Upfront", "all": "All Upfront"}


def term_for(model: str) -> Term:
    """'reserved_1y_partial_upfront' -> Reserved 1yr Partial Upfront; 'savings_plan_3y' -> 3yr No Upfront."""
    if model.startswith("reserved_"):
        _, years, option, _ = model.split("_", 3)
        return Term("Reserved", f"{years[:-1]}yr", _OPTIONS[option])
    if model.startswith("savings_plan_"):
        return Term("SavingsPlan", f"{model.rsplit('_', 1)[1][:-1]}yr", "No Upfront")
    return ON_DEMAND


def dec(value: Any) -> Decimal:
    """A usage or property number as a Decimal (documents hold JSON numbers)."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


@dataclass(frozen=True)
class NodeCharges:
    """An estimator's answer for one node: its charges, or why it has none."""

    charges: list[Charge] = field(default_factory=list)
    free: str = ""
    not_priced: str = ""
    notes: list[str] = field(default_factory=list)


__all__ = ["ONE", "Charge", "Context", "NodeCharges", "PricingSettings", "dec", "query", "term_for"]
