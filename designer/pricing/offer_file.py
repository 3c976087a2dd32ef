"""Streams a bulk per-region offer file (AWS's JSON layout, FORMAT.md 1.4) into price records.

The file is read with ijson, never loaded whole: one pass over `products` keeps the SKUs the estimators use
(see `selection.py`), then one pass over each term type turns their price dimensions into records. Memory
holds the kept products only, whatever the file's size. Anything that makes the file untrustworthy
(truncated, malformed JSON, a price that is not a number, a missing header field) raises OfferError, so the
caller can keep the previous snapshot.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import ijson

from .records import OfferError, OfferMeta, PriceRecord, parse_price, parse_range
from .regions import region_of
from .selection import GLOBAL_REGION, keeps, kept_attributes

TERM_TYPES = ("OnDemand", "Reserved")
Progress = Callable[[int], None]  # called with the number of products read so far


@dataclass
class _Product:
    family: str
    usage_type: str
    service_code: str
    attributes: dict[str, str]


def read_header(handle: IO[bytes]) -> dict[str, str]:
    """The top-level scalars that come before `products` (formatVersion, offerCode, version, ...)."""
    header: dict[str, str] = {}
    try:
        for prefix, event, value in ijson.parse(handle):
            if prefix in ("products", "terms") and event == "start_map":
                break
            if event in ("string", "number") and "." not in prefix and prefix:
                header[prefix] = str(value)
    except ijson.JSONError as exc:
        raise OfferError(f"malformed JSON in the header: {exc}") from None
    return header


def read_offer(
    path: str | Path,
    *,
    region: str,
    source_url: str = "",
    expected_offer: str | None = None,
    keep: Callable[[str, str, str, dict[str, str]], bool] = keeps,
    on_progress: Progress | None = None,
) -> tuple[OfferMeta, Iterator[PriceRecord]]:
    """The offer's header now, and its kept price records as they are read."""
    path = Path(path)
    with path.open("rb") as handle:
        header = read_header(handle)
    for name in ("offerCode", "version"):
        if not header.get(name):
            raise OfferError(f"{path.name}: the header has no {name}; not an offer file")
    header.setdefault("publicationDate", version_date(header["version"]))
    if expected_offer and header["offerCode"] != expected_offer:
        raise OfferError(f"{path.name}: offer {header['offerCode']} where {expected_offer} was expected")
    meta = OfferMeta(header["offerCode"], header["version"], header["publicationDate"], region, source_url)
    return meta, _records(path, meta, keep, on_progress)


def version_date(version: str) -> str:
    """An offer version is its publication time ("20161213014831"); used when a trimmed file lost
    `publicationDate`."""
    if len(version) == 14 and version.isdigit():
        v = version
        return f"{v[0:4]}-{v[4:6]}-{v[6:8]}T{v[8:10]}:{v[10:12]}:{v[12:14]}Z"
    return ""


# Sections of an offer file follow each other: products, then terms.OnDemand, then terms.Reserved (the order
# AWS writes them; opencost's streaming parser relies on it too). Parsing every section from the start of the
# file costs one full parse per section, so each pass stops once its section has ended (no new item within
# SLACK bytes) and the next pass starts at the last item of the previous one, behind a few synthetic bytes
# that make the rest of the file valid JSON again. If a file is laid out otherwise, the passes fall back to
# starting at the top, which is slower but reads the same records.
SLACK = 16 << 20
WINDOW = 4 << 20
BUFFER = 1 << 16


class _Reader:
    """The file as ijson reads it: optional synthetic bytes first, then the file from `start`; it reports the
    end of input once `slack` bytes have passed since the consumer's last item (`mark()`)."""

    def __init__(self, path: Path, start: int, prefix: bytes, slack: int) -> None:
        self.handle = path.open("rb")
        self.handle.seek(start)
        self.pending = prefix
        self.pos = start
        self.slack = slack
        self.last_item_pos: int | None = None
        self.stopped = False

    def read(self, size: int = -1) -> bytes:
        if self.pending:
            out, self.pending = self.pending[:size], self.pending[size:]
            return out
        if self.last_item_pos is not None and self.pos - self.last_item_pos > self.slack:
            self.stopped = True
            return b""
        data = self.handle.read(size)
        self.pos += len(data)
        return data

    def mark(self) -> None:
        self.last_item_pos = self.pos

    def close(self) -> None:
        self.handle.close()


def _section(path: Path, prefix: str, start: int, synthetic: bytes, slack: int) -> Iterator[tuple[str, Any, int]]:
    """(key, value, reader position) for each item under `prefix`, from `start`."""
    reader = _Reader(path, start, synthetic, slack)
    try:
        for key, value in ijson.kvitems(reader, prefix, use_float=False, buf_size=BUFFER):
            yield key, value, reader.pos
            reader.mark()
    except ijson.IncompleteJSONError:
        if not reader.stopped:
            raise
    finally:
        reader.close()


def _resume_at(
    path: Path, key: str, before: int, synthetic: bytes, container: str, looks_right: Callable[[Any], bool]
) -> int | None:
    """Where the member `"key": {...}` of `container` begins, searching back from byte `before`; None when it
    cannot be found within WINDOW. The same key may also appear as a member of the next section, so each
    candidate is parsed (behind the synthetic bytes) and kept only if its value looks like `container`'s."""
    begin = max(0, before - WINDOW)
    with path.open("rb") as handle:
        handle.seek(begin)
        window = handle.read(before - begin)
    pattern = re.compile(rb'"' + re.escape(key.encode()) + rb'"\s*:\s*\{')
    for match in reversed(list(pattern.finditer(window))):
        start = begin + match.start()
        reader = _Reader(path, start, synthetic, slack=0)
        try:
            first = next(ijson.kvitems(reader, container, use_float=False, buf_size=BUFFER), None)
        except ijson.JSONError:
            first = None
        finally:
            reader.close()
        if first is not None and first[0] == key and looks_right(first[1]):
            return start
    return None


def _is_product(value: Any) -> bool:
    return isinstance(value, dict) and "attributes" in value


def _is_on_demand_set(value: Any) -> bool:
    """A SKU's on-demand terms (a reserved set of the same SKU has lease attributes)."""
    return isinstance(value, dict) and all(
        isinstance(t, dict)
        and "priceDimensions" in t
        and not (t.get("termAttributes") or {}).get("LeaseContractLength")
        for t in value.values()
    )


def _records(
    path: Path, meta: OfferMeta, keep: Any, on_progress: Progress | None, slack: int = SLACK
) -> Iterator[PriceRecord]:
    kept: dict[str, _Product] = {}
    count = 0
    try:
        last: tuple[str, int] | None = None
        for sku, product, pos in _section(path, "products", 0, b"", slack):
            count += 1
            item = _product(sku, product)
            if _in_region(item.attributes, meta.region) and keep(
                meta.offer_code, item.family, item.usage_type, item.attributes
            ):
                item.attributes = kept_attributes(item.attributes)
                kept[sku] = item
            if on_progress and count % 5000 == 0:
                on_progress(count)
            last = (sku, pos)
        if on_progress:
            on_progress(count)
        if not count:
            raise OfferError(f"{path.name}: no products")
        seen_terms = False
        # Where each terms pass resumes: the previous section's last item, behind the bytes that open it.
        resume = {
            "OnDemand": (b'{"products":{', "products", _is_product),
            "Reserved": (b'{"terms":{"OnDemand":{', "terms.OnDemand", _is_on_demand_set),
        }
        for term_type in TERM_TYPES:
            synthetic, container, looks_right = resume[term_type]
            start = _resume_at(path, last[0], last[1], synthetic, container, looks_right) if last else None
            begin, prefix = (start, synthetic) if start is not None else (0, b"")
            last = None
            for sku, offers, pos in _section(path, f"terms.{term_type}", begin, prefix, slack):
                seen_terms = True
                last = (sku, pos)
                product = kept.get(sku)
                if product is not None:
                    yield from _term_records(sku, product, term_type, offers)
        if not seen_terms:
            raise OfferError(f"{path.name}: no terms")
    except ijson.IncompleteJSONError as exc:
        raise OfferError(f"{path.name}: the file ends early or is malformed ({exc})") from None
    except ijson.JSONError as exc:
        raise OfferError(f"{path.name}: malformed JSON ({exc})") from None


def _in_region(attributes: dict[str, str], region: str) -> bool:
    """All-region files (and foreign products in region files) hold other regions' products too. A product
    naming a place this code cannot map to a region (a region newer than the table, another partition) is
    left out rather than taken for this one."""
    if region == GLOBAL_REGION:
        return True
    found = region_of(attributes)
    if found is not None:
        return found == region
    named = [attributes.get(k, "") for k in ("location", "fromLocation")]
    return not any(name and name != "Any" for name in named)


def _product(sku: str, product: Any) -> _Product:
    if not isinstance(product, dict) or not isinstance(product.get("attributes", {}), dict):
        raise OfferError(f"product {sku}: not an object with attributes")
    attributes = {k: str(v) for k, v in (product.get("attributes") or {}).items()}
    return _Product(
        family=str(product.get("productFamily") or ""),  # some data-transfer products have none
        usage_type=attributes.get("usagetype", ""),
        service_code=attributes.get("servicecode", ""),
        attributes=attributes,
    )


def _term_records(sku: str, product: _Product, term_type: str, offers: Any) -> Iterator[PriceRecord]:
    if not isinstance(offers, dict):
        raise OfferError(f"terms.{term_type}.{sku}: not an object")
    for code, term in offers.items():
        where = f"terms.{term_type}.{sku}.{code}"
        if not isinstance(term, dict) or not isinstance(term.get("priceDimensions"), dict):
            raise OfferError(f"{where}: no priceDimensions")
        attrs = term.get("termAttributes") or {}
        for rate_code, dim in term["priceDimensions"].items():
            if not isinstance(dim, dict) or not isinstance(dim.get("pricePerUnit"), dict):
                raise OfferError(f"{where}.{rate_code}: no pricePerUnit")
            if "USD" not in dim["pricePerUnit"]:
                continue  # the China partition prices in CNY; this tool prices in USD
            place = f"{where}.{rate_code}"
            yield PriceRecord(
                sku=sku,
                service_code=product.service_code,
                product_family=product.family,
                usage_type=product.usage_type,
                attributes=product.attributes,
                unit=str(dim.get("unit", "")),
                price=parse_price(dim["pricePerUnit"]["USD"], place),
                term_type=term_type,  # type: ignore[arg-type]
                begin_range=parse_range(dim.get("beginRange"), place) or Decimal(0),
                end_range=parse_range(dim.get("endRange"), place),
                lease_length=str(attrs.get("LeaseContractLength", "")),
                purchase_option=str(attrs.get("PurchaseOption", "")),
                offering_class=str(attrs.get("OfferingClass", "")),
                rate_code=str(rate_code),
                effective_date=str(term.get("effectiveDate", "")),
                description=str(dim.get("description", ""))[:500],
            )
