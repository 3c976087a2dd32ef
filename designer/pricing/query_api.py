"""Prices from the Price List Query API (boto3 `pricing` client, GetProducts): targeted lookups when AWS
credentials are configured, as the alternative to the bulk files.

Sources: ../shared/pricing/FORMAT.md section 3, and botocore's `pricing/2017-10-15` model (GetProducts takes
ServiceCode, Filters of {Type, Field, Value} that must all match, FormatVersion, NextToken and MaxResults
1-100; the response's `PriceList` entries are JSON *strings*). A decoded entry keys its terms directly by
"SKU.offerTermCode", one level less than a bulk offer file (FORMAT.md pitfall 9).

Assumptions: only the USD price of each dimension is used, as for the bulk files. An entry whose price is
not a valid non-negative number (a committed sample has "v000000", pitfall 16) is skipped whole, with a
warning naming its SKU, because a reserved price without its on-demand base would mislead. The Query API is
rate-limited; AWS recommends the bulk API for bulk use (pitfall 17), so `QueryApiPriceSource` caches each
answer.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, Protocol

from .book import PriceQuery
from .records import OfferError, PriceRecord, parse_price, parse_range
from .regions import LOCATIONS, region_of
from .selection import GLOBAL_REGION, keeps

log = logging.getLogger(__name__)

TERM_TYPES = ("OnDemand", "Reserved")
PAGE_SIZE = 100  # GetProducts' MaxResults upper bound


class PricingClient(Protocol):
    """The one method used of `boto3.client("pricing", region_name="us-east-1")`."""

    def get_products(self, **kwargs: Any) -> Mapping[str, Any]: ...


def get_products(
    client: PricingClient, service_code: str, filters: dict[str, str], region: str
) -> Iterator[PriceRecord]:
    """The OnDemand and Reserved price records of every product of `service_code` matching all `filters`
    (attribute name -> exact value), page by page. Products that belong to a region other than `region`
    (by `regionCode` or `location`) are dropped, as in the bulk reader; `GLOBAL_REGION` keeps all."""
    request: dict[str, Any] = {
        "ServiceCode": service_code,
        "Filters": [{"Type": "TERM_MATCH", "Field": k, "Value": v} for k, v in filters.items()],
        "FormatVersion": "aws_v1",
        "MaxResults": PAGE_SIZE,
    }
    while True:
        response = client.get_products(**request)
        for entry in response.get("PriceList") or []:
            yield from _item_records(json.loads(entry) if isinstance(entry, str) else entry, region)
        token = response.get("NextToken")
        if not token:
            return
        request["NextToken"] = token


def _item_records(item: Any, region: str) -> list[PriceRecord]:
    product = item.get("product") if isinstance(item, dict) else None
    if not isinstance(product, dict):
        log.warning("GetProducts entry without a product skipped: %.200r", item)
        return []
    sku = str(product.get("sku", ""))
    attributes = {k: str(v) for k, v in (product.get("attributes") or {}).items()}
    found = region_of(attributes)
    if region != GLOBAL_REGION and found is not None and found != region:
        return []
    try:
        return [
            record
            for term_type in TERM_TYPES
            for record in _term_records(item, sku, str(product.get("productFamily") or ""), attributes, term_type)
        ]
    except OfferError as exc:
        log.warning("GetProducts item %s skipped: %s", sku, exc)
        return []


def _term_records(
    item: dict[str, Any], sku: str, family: str, attributes: dict[str, str], term_type: str
) -> Iterator[PriceRecord]:
    terms = (item.get("terms") or {}).get(term_type) or {}
    if not isinstance(terms, dict):
        raise OfferError(f"terms.{term_type} of {sku}: not an object")
    for code, term in terms.items():  # "SKU.offerTermCode" -> term: no SKU level, unlike the bulk file
        where = f"terms.{term_type}.{code}"
        if not isinstance(term, dict) or not isinstance(term.get("priceDimensions"), dict):
            raise OfferError(f"{where}: no priceDimensions")
        term_attrs = term.get("termAttributes") or {}
        for rate_code, dim in term["priceDimensions"].items():
            place = f"{where}.{rate_code}"
            if not isinstance(dim, dict) or not isinstance(dim.get("pricePerUnit"), dict):
                raise OfferError(f"{place}: no pricePerUnit")
            if "USD" not in dim["pricePerUnit"]:
                continue
            yield PriceRecord(
                sku=sku,
                service_code=attributes.get("servicecode") or str(item.get("serviceCode", "")),
                product_family=family,
                usage_type=attributes.get("usagetype", ""),
                attributes=attributes,
                unit=str(dim.get("unit", "")),
                price=parse_price(dim["pricePerUnit"]["USD"], place),
                term_type=term_type,  # type: ignore[arg-type]
                begin_range=parse_range(dim.get("beginRange"), place) or Decimal(0),
                end_range=parse_range(dim.get("endRange"), place),
                lease_length=str(term_attrs.get("LeaseContractLength", "")),
                purchase_option=str(term_attrs.get("PurchaseOption", "")),
                offering_class=str(term_attrs.get("OfferingClass", "")),
                rate_code=str(rate_code),
                effective_date=str(term.get("effectiveDate", "")),
                description=str(dim.get("description", ""))[:500],
                extra={"publicationDate": str(item.get("publicationDate", ""))},
            )


class QueryApiPriceSource:
    """A PriceSource (see `book.py`) that asks GetProducts for each query.

    The query's product family, instance type and attributes become exact filters, and its region a
    `regionCode` filter; when that finds nothing, the region's `location` names are tried in turn, for data
    older than `regionCode` (FORMAT.md 4). The usage type is matched here, without its region prefix, because
    the API can only match it exactly. Products go through the same selection as bulk ingest
    (`selection.keeps`: capacitystatus, marketoption, ...), so both sources price the same SKUs. Savings
    Plans rates are not looked up here: an estimate asking for one gets "no rate" rather than a guess.
    """

    def __init__(self, client: PricingClient) -> None:
        self.client = client
        self._cache: dict[PriceQuery, list[PriceRecord]] = {}
        self._published: dict[tuple[str, str], str] = {}

    def find(self, query: PriceQuery) -> list[PriceRecord]:
        if query not in self._cache:
            self._cache[query] = self._fetch(query)
        return self._cache[query]

    def _fetch(self, query: PriceQuery) -> list[PriceRecord]:
        filters = dict(query.attrs)
        if query.family is not None:
            filters["productFamily"] = query.family
        if query.instance_type is not None:
            filters["instanceType"] = query.instance_type
        if query.region == GLOBAL_REGION:
            places = [filters]
        else:
            names = [name for name, code in LOCATIONS.items() if code == query.region]
            places = [{**filters, "regionCode": query.region}, *({**filters, "location": n} for n in names)]
        for place in places:
            answered = list(get_products(self.client, query.service, place, query.region))
            if not answered:
                continue
            key = (query.service, query.region)
            dates = (str(r.extra.get("publicationDate", "")) for r in answered)
            self._published[key] = max(self._published.get(key, ""), *dates)
            return [
                r
                for r in answered
                if query.matches(r) and keeps(query.service, r.product_family, r.usage_type, r.attributes)
            ]
        return []

    def savings_plan_rates(self, region: str, sku: str) -> list[PriceRecord]:
        return []

    def has_region(self, region: str) -> bool:
        return True

    def publication(self, service: str, region: str) -> str:
        return self._published.get((service, region), "")
