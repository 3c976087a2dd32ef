"""Price lookups, kept apart from the estimators: an estimator says *what* it needs priced (a PriceQuery and a
term), a PriceSource finds the matching records, and `resolve()` does the arithmetic, tier by tier.

Sources: `MemoryPriceSource` (tests, benchmarks, the bundled snapshot read straight from files) and the
database-backed one in `designer.services.prices`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, Protocol

from .records import PriceRecord
from .regions import bare_usage_type

ZERO = Decimal(0)


@dataclass(frozen=True)
class PriceQuery:
    """Which product's price: an offer in a region, a product family, the usage type without its region
    prefix (exact), and attributes that must match exactly."""

    service: str
    region: str
    family: str | None = None
    usage: str | None = None
    attrs: tuple[tuple[str, str], ...] = ()
    instance_type: str | None = None

    def matches(self, record: PriceRecord) -> bool:
        if self.family is not None and record.product_family != self.family:
            return False
        if self.usage is not None and bare_usage_type(record.usage_type) != self.usage:
            return False
        if self.instance_type is not None and record.attributes.get("instanceType") != self.instance_type:
            return False
        return all(record.attributes.get(k) == v for k, v in self.attrs)

    def describe(self) -> str:
        parts = [p for p in (self.family, self.usage, self.instance_type) if p]
        parts += [f"{k}={v}" for k, v in self.attrs]
        return f"{self.service} in {self.region} ({', '.join(parts)})"


def query(
    service: str,
    region: str,
    *,
    family: str | None = None,
    usage: str | None = None,
    instance_type: str | None = None,
    **attrs: str,
) -> PriceQuery:
    return PriceQuery(service, region, family, usage, tuple(sorted(attrs.items())), instance_type)


@dataclass(frozen=True)
class Term:
    """How a price is bought. Reserved terms name lease ("1yr"/"3yr"), purchase option ("No Upfront",
    "Partial Upfront", "All Upfront") and offering class; Savings Plans name lease and purchase option."""

    kind: Literal["OnDemand", "Reserved", "SavingsPlan"] = "OnDemand"
    lease: str = ""
    purchase_option: str = ""
    offering_class: str = "standard"

    def label(self) -> str:
        if self.kind == "OnDemand":
            return "on-demand"
        what = "reserved" if self.kind == "Reserved" else "Compute Savings Plan"
        return f"{what} {self.lease}, {self.purchase_option.lower()}"


ON_DEMAND = Term()


class PriceSource(Protocol):
    def find(self, query: PriceQuery) -> list[PriceRecord]:
        """On-demand and reserved records matching `query` (all tiers, all terms)."""
        ...

    def savings_plan_rates(self, region: str, sku: str) -> list[PriceRecord]:
        """Compute Savings Plans rates discounting the on-demand SKU `sku` in `region`."""
        ...

    def has_region(self, region: str) -> bool:
        """Whether any price data exists for `region`."""
        ...

    def publication(self, service: str, region: str) -> str:
        """The publication date of the prices used for `service` in `region` ('' when unknown)."""
        ...


class MemoryPriceSource:
    """Records held in memory, indexed by offer and region."""

    def __init__(self) -> None:
        self._records: dict[tuple[str, str], list[PriceRecord]] = defaultdict(list)
        self._plans: dict[tuple[str, str], list[PriceRecord]] = defaultdict(list)
        self._published: dict[tuple[str, str], str] = {}
        self._found: dict[PriceQuery, list[PriceRecord]] = {}

    def add(self, service: str, region: str, records: Iterable[PriceRecord], publication: str = "") -> None:
        for record in records:
            if record.term_type == "SavingsPlan":
                self._plans[(region, record.discounted_sku)].append(record)
            else:
                self._records[(service, region)].append(record)
        self._published[(service, region)] = publication
        self._found.clear()

    def find(self, query: PriceQuery) -> list[PriceRecord]:
        """Records matching `query`, remembered: an estimate asks the same question once per similar node."""
        if query not in self._found:
            self._found[query] = [r for r in self._records.get((query.service, query.region), ()) if query.matches(r)]
        return self._found[query]

    def savings_plan_rates(self, region: str, sku: str) -> list[PriceRecord]:
        return list(self._plans.get((region, sku), ()))

    def has_region(self, region: str) -> bool:
        return any(r == region for (_, r) in self._published)

    def publication(self, service: str, region: str) -> str:
        return self._published.get((service, region), "")


class NoPrice(LookupError):
    """No price for a query: the reason is shown to the user instead of a cost."""


@dataclass(frozen=True)
class Priced:
    """The price of one quantity: the monthly cost, what it was computed from, and the one-off upfront fee
    (reserved terms) that the monthly figure does not include."""

    monthly_cost: Decimal
    unit_price: Decimal
    sku: str
    unit: str
    upfront: Decimal = ZERO
    tiers: tuple[tuple[Decimal, Decimal, Decimal], ...] = field(default=())  # (quantity, price, cost)


def _one_sku(records: list[PriceRecord], query: PriceQuery) -> list[PriceRecord]:
    """The records of the single SKU a query means. Several SKUs matching is a selection bug in the data
    (FORMAT.md pitfall 1); the highest non-zero price is taken, as ec2instances.info does, never a $0 one."""
    by_sku: dict[str, list[PriceRecord]] = defaultdict(list)
    for record in records:
        by_sku[record.sku].append(record)
    if len(by_sku) == 1:
        return records
    return max(by_sku.values(), key=lambda rs: max((r.price for r in rs), default=ZERO))


def on_demand_records(source: PriceSource, q: PriceQuery) -> list[PriceRecord]:
    found = [r for r in source.find(q) if r.term_type == "OnDemand"]
    if not found:
        raise NoPrice(f"no price for {q.describe()}")
    return _one_sku(found, q)


def tiered_cost(
    records: list[PriceRecord], quantity: Decimal
) -> tuple[Decimal, tuple[tuple[Decimal, Decimal, Decimal], ...]]:
    """Cost of `quantity` across the tiers of one SKU, tier by tier (dimensions arrive unordered)."""
    tiers = sorted(records, key=lambda r: r.begin_range)
    top_tier = tiers[-1].end_range
    if top_tier is not None and quantity > top_tier:
        # Never price the part beyond the last known tier at $0.
        raise NoPrice(
            f"{quantity.normalize():f} {tiers[0].unit} is beyond the highest price tier known "
            f"({top_tier.normalize():f}) for SKU {tiers[0].sku}"
        )
    total, parts = ZERO, []
    for tier in tiers:
        if quantity <= tier.begin_range:
            break
        top = quantity if tier.end_range is None else min(quantity, tier.end_range)
        amount = top - tier.begin_range
        if amount > 0:
            cost = amount * tier.price
            total += cost
            parts.append((amount, tier.price, cost))
    return total, tuple(parts)


def price(
    source: PriceSource, q: PriceQuery, quantity: Decimal, term: Term = ON_DEMAND, *, hours: Decimal = Decimal(730)
) -> Priced:
    """Price `quantity` (in the unit of the query's records) for a month under `term`.

    Reserved: the hourly rate times the quantity, plus the upfront fee amortised over the lease
    (`hours` a month) reported separately in `upfront`. Savings Plans: the plan's rate for this SKU.
    Raises NoPrice with a sentence naming what is missing.
    """
    base = on_demand_records(source, q)
    sku, unit = base[0].sku, base[0].unit
    if q.instance_type is not None and all(r.price == 0 for r in base):
        # A $0 instance hour is a capacity-reservation or Dedicated Host row, never a real price (FORMAT.md 5.3).
        raise NoPrice(f"the only price for {q.describe()} is $0, which is not a real instance price")
    if term.kind == "OnDemand" or quantity == 0:
        cost, tiers = tiered_cost(base, quantity)
        return Priced(cost, (cost / quantity) if quantity else base[0].price, sku, unit, tiers=tiers)
    if term.kind == "Reserved":
        reserved = [
            r
            for r in source.find(q)
            if r.term_type == "Reserved"
            and r.sku == sku
            and r.lease_length == term.lease
            and r.purchase_option == term.purchase_option
            and r.offering_class == term.offering_class
        ]
        hourly = [r for r in reserved if r.unit != "Quantity"]
        fees = [r for r in reserved if r.unit == "Quantity"]
        if not reserved:
            raise NoPrice(f"no {term.label()} reserved price for {q.describe()}")
        rate = hourly[0].price if hourly else ZERO
        months = Decimal(12 * int(term.lease.rstrip("yr") or "1"))
        upfront_monthly = (fees[0].price / months) if fees else ZERO
        # The upfront fee buys capacity for every hour of the lease; spread it over the months it covers.
        per_unit_upfront = upfront_monthly / hours
        return Priced(rate * quantity, rate, sku, unit, upfront=per_unit_upfront * quantity)
    rates = [
        r
        for r in source.savings_plan_rates(q.region, sku)
        if r.lease_length == term.lease and r.purchase_option == term.purchase_option
    ]
    if not rates:
        raise NoPrice(f"no {term.label()} rate for {q.describe()}")
    rate = rates[0].price
    return Priced(rate * quantity, rate, sku, unit)
