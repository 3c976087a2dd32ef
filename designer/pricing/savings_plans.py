"""Reads a Compute Savings Plans region file (FORMAT.md 1.6) into price records.

The layout differs from offer files: `products` and `terms.savingsPlan` are lists, and each rate names the
on-demand SKU it discounts (`discountedSku`). Only Compute Savings Plans are kept, and only their rates for
what the estimators price with them (EC2 instance hours and Fargate); see `selection.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ijson

from .records import OfferError, OfferMeta, PriceRecord, parse_price
from .regions import bare_usage_type
from .selection import SAVINGS_PLAN_FAMILY, SAVINGS_PLAN_USAGE

OFFER_CODE = "AWSComputeSavingsPlan"


def read_savings_plans(
    path: str | Path, *, region: str, source_url: str = ""
) -> tuple[OfferMeta, Iterator[PriceRecord]]:
    path = Path(path)
    header: dict[str, str] = {}
    try:
        with path.open("rb") as handle:
            for prefix, event, value in ijson.parse(handle):
                if prefix in ("products", "terms"):
                    break
                if event in ("string", "number") and prefix and "." not in prefix:
                    header[prefix] = str(value)
    except ijson.JSONError as exc:
        raise OfferError(f"{path.name}: malformed JSON in the header ({exc})") from None
    for name in ("version", "publicationDate"):
        if not header.get(name):
            raise OfferError(f"{path.name}: the header has no {name}; not a Savings Plans file")
    meta = OfferMeta(OFFER_CODE, header["version"], header["publicationDate"], region, source_url)
    return meta, _records(path)


def _records(path: Path) -> Iterator[PriceRecord]:
    plans: dict[str, dict[str, str]] = {}
    try:
        with path.open("rb") as handle:
            for product in ijson.items(handle, "products.item", use_float=False):
                if not isinstance(product, dict) or "sku" not in product:
                    raise OfferError(f"{path.name}: a product without a sku")
                if product.get("productFamily") == SAVINGS_PLAN_FAMILY:
                    plans[product["sku"]] = {k: str(v) for k, v in (product.get("attributes") or {}).items()}
        if not plans:
            raise OfferError(f"{path.name}: no Compute Savings Plans products")
        with path.open("rb") as handle:
            for term in ijson.items(handle, "terms.savingsPlan.item", use_float=False):
                sku = term.get("sku") if isinstance(term, dict) else None
                if sku in plans:
                    yield from _rates(sku, plans[sku], term)
    except ijson.IncompleteJSONError as exc:
        raise OfferError(f"{path.name}: the file ends early or is malformed ({exc})") from None
    except ijson.JSONError as exc:
        raise OfferError(f"{path.name}: malformed JSON ({exc})") from None


def _rates(sku: str, plan: dict[str, str], term: dict[str, Any]) -> Iterator[PriceRecord]:
    lease = term.get("leaseContractLength") or {}
    years = lease.get("duration")
    lease_length = f"{years}yr" if years else plan.get("purchaseTerm", "")
    for rate in term.get("rates") or []:
        usage = str(rate.get("discountedUsageType", ""))
        discounted = str(rate.get("discountedSku", ""))
        if not SAVINGS_PLAN_USAGE.fullmatch(bare_usage_type(usage)) or discounted in ("", "_not_found_"):
            continue
        place = f"terms.savingsPlan[{sku}].{rate.get('rateCode', '?')}"
        discounted_rate = rate.get("discountedRate") or {}
        yield PriceRecord(
            sku=sku,
            service_code=str(rate.get("discountedServiceCode", "")),
            product_family=SAVINGS_PLAN_FAMILY,
            usage_type=usage,
            attributes={"purchaseTerm": lease_length, "purchaseOption": plan.get("purchaseOption", "")},
            unit=str(rate.get("unit", "Hrs")),
            price=parse_price(discounted_rate.get("price"), place),
            term_type="SavingsPlan",
            lease_length=lease_length,
            purchase_option=plan.get("purchaseOption", ""),
            rate_code=str(rate.get("rateCode", "")),
            effective_date=str(term.get("effectiveDate", "")),
            description=str(term.get("description", ""))[:500],
            discounted_sku=discounted,
        )
