"""Normalised price rows, the shape every source (bulk offer files, Savings Plans files, the Query API) is
turned into before it is stored or looked up."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

TermType = Literal["OnDemand", "Reserved", "SavingsPlan"]

ON_DEMAND_TERM_CODE = "JRTCKXETXF"  # the aws partition's on-demand offerTermCode (FORMAT.md 1.4)


class OfferError(ValueError):
    """A price file that cannot be trusted: truncated, malformed, or missing what it must have."""


@dataclass(frozen=True)
class OfferMeta:
    offer_code: str
    version: str
    publication_date: str
    region: str
    source_url: str = ""


@dataclass(frozen=True)
class PriceRecord:
    """One price dimension of one SKU under one term.

    `begin_range`/`end_range` bound a tier in the unit's quantity (end None = no upper bound). For Savings
    Plans, `discounted_sku` is the on-demand SKU the rate applies to.
    """

    sku: str
    service_code: str
    product_family: str
    usage_type: str
    attributes: dict[str, str]
    unit: str
    price: Decimal
    term_type: TermType = "OnDemand"
    begin_range: Decimal = Decimal(0)
    end_range: Decimal | None = None
    lease_length: str = ""
    purchase_option: str = ""
    offering_class: str = ""
    rate_code: str = ""
    effective_date: str = ""
    description: str = ""
    discounted_sku: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def parse_price(value: Any, where: str) -> Decimal:
    """A price string as a Decimal; anything else (the "v000000" of a hand-edited file, NaN, a negative) is
    refused with the place it was found."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise OfferError(f"{where}: price {value!r} is not a number")
    try:
        price = Decimal(str(value))
    except InvalidOperation:
        raise OfferError(f"{where}: price {value!r} is not a number") from None
    if not price.is_finite() or price < 0:
        raise OfferError(f"{where}: price {value!r} is not a non-negative number")
    return price


def parse_range(value: Any, where: str) -> Decimal | None:
    """A tier bound: "Inf" (or absent, for upfront fees) is open; anything else must be a number."""
    if value in (None, "", "Inf"):
        return None
    try:
        bound = Decimal(str(value))
    except InvalidOperation:
        raise OfferError(f"{where}: range bound {value!r} is not a number") from None
    if not bound.is_finite() or bound < 0:
        raise OfferError(f"{where}: range bound {value!r} is not a non-negative number")
    return bound
