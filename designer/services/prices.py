"""Storing price files as snapshots, and reading prices back for the estimators.

A file's records go into a new snapshot marked `loading`, in batches, so memory stays flat. Only when the
whole file has been read and checked does one transaction mark the old snapshot `replaced` and the new one
`active`. Any failure leaves the old snapshot active, marks the new one `failed` (its rows deleted) and
records the error on the fetch attempt, where `price_status()` shows it.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from ..models import PriceFetch, PriceItem, PriceProduct, PriceSnapshot
from ..pricing.book import PriceQuery
from ..pricing.records import OfferMeta, PriceRecord
from ..pricing.regions import bare_usage_type

BATCH = 10_000


def already_loaded(service_code: str, region: str, version: str) -> bool:
    return PriceSnapshot.objects.filter(
        service_code=service_code, region=region, offer_version=version, status=PriceSnapshot.ACTIVE
    ).exists()


_ITEM_COLUMNS = (
    "product_id",
    "unit",
    "begin_range",
    "end_range",
    "price",
    "term_type",
    "lease_length",
    "purchase_option",
    "offering_class",
    "discounted_sku",
    "rate_code",
    "effective_date",
    "description",
)


def _product_key(r: PriceRecord) -> tuple[str, str, str]:
    return (r.sku, r.usage_type, r.product_family)


def _store_batch(snapshot: PriceSnapshot, batch: list[PriceRecord], products: dict[tuple[str, str, str], int]) -> None:
    """Insert a batch: its new products through the ORM (their ids are needed), its prices in bulk (COPY on
    PostgreSQL, one `executemany` elsewhere), several times faster than the ORM for 100,000 rows
    (bench/bench_ingest.py)."""
    new: dict[tuple[str, str, str], PriceProduct] = {}
    for r in batch:
        key = _product_key(r)
        if key not in products and key not in new:
            new[key] = PriceProduct(
                snapshot=snapshot,
                sku=r.sku,
                product_family=r.product_family,
                usage_type=r.usage_type,
                bare_usage_type=bare_usage_type(r.usage_type),
                instance_type=r.attributes.get("instanceType", "")[:64],
                attributes=r.attributes,
            )
    if new:
        created = PriceProduct.objects.bulk_create(new.values())
        if all(p.pk is not None for p in created):
            products.update({key: p.pk for key, p in zip(new, created, strict=True)})
        else:  # a database that cannot return the new ids from a bulk insert
            for p in PriceProduct.objects.filter(snapshot=snapshot, sku__in={k[0] for k in new}):
                products[(p.sku, p.usage_type, p.product_family)] = p.pk
    rows = [
        (
            products[_product_key(r)],
            r.unit,
            r.begin_range,
            r.end_range,
            r.price,
            r.term_type,
            r.lease_length,
            r.purchase_option,
            r.offering_class,
            r.discounted_sku,
            r.rate_code[:120],
            r.effective_date,
            r.description[:500],
        )
        for r in batch
    ]
    table = connection.ops.quote_name(PriceItem._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in _ITEM_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY is PostgreSQL's bulk load; several times faster again than a multi-row INSERT.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(_ITEM_COLUMNS))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def ingest(
    meta: OfferMeta, records: Iterable[PriceRecord], *, source: str, fetch: PriceFetch | None = None
) -> PriceSnapshot:
    """Store `records` as the new active snapshot of `meta`'s offer and region. Raises whatever reading
    the records raised, after recording it; the previous snapshot stays in use."""
    snapshot = PriceSnapshot.objects.create(
        service_code=meta.offer_code,
        region=meta.region,
        source=source,
        source_url=meta.source_url[:1000],
        offer_version=meta.version,
        publication_date=meta.publication_date,
    )
    count = 0
    products: dict[tuple[str, str, str], int] = {}
    try:
        iterator = iter(records)
        while batch := list(itertools.islice(iterator, BATCH)):
            with transaction.atomic():  # one commit per batch, not per row
                _store_batch(snapshot, batch, products)
            count += len(batch)
        if count == 0:
            raise ValueError(f"{meta.offer_code} {meta.region}: the file holds none of the prices the estimators use")
        with transaction.atomic():
            previous = list(
                PriceSnapshot.objects.select_for_update()
                .filter(service_code=meta.offer_code, region=meta.region, status=PriceSnapshot.ACTIVE)
                .values_list("pk", flat=True)
            )
            PriceSnapshot.objects.filter(pk__in=previous).update(status=PriceSnapshot.REPLACED)
            snapshot.status = PriceSnapshot.ACTIVE
            snapshot.item_count = count
            snapshot.activated_at = timezone.now()
            snapshot.save(update_fields=["status", "item_count", "activated_at"])
        # Old prices are not kept: estimates record the publication date they used.
        _delete_prices(previous)
    except BaseException as exc:
        _delete_prices([snapshot.pk])
        snapshot.status = PriceSnapshot.FAILED
        snapshot.error = f"{type(exc).__name__}: {exc}"[:5000]
        snapshot.save(update_fields=["status", "error"])
        raise
    if fetch is not None:
        fetch.snapshot = snapshot
        fetch.items_kept = count
    return snapshot


def _delete_prices(snapshot_ids: list[int]) -> None:
    PriceItem.objects.filter(product__snapshot_id__in=snapshot_ids)._raw_delete(PriceItem.objects.db)
    PriceProduct.objects.filter(snapshot_id__in=snapshot_ids)._raw_delete(PriceProduct.objects.db)


def price_data_version() -> str:
    """Changes whenever any active snapshot changes; estimates are cached under it."""
    ids = PriceSnapshot.objects.filter(status=PriceSnapshot.ACTIVE).order_by("pk").values_list("pk", flat=True)
    return hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class OfferStatus:
    service_code: str
    region: str
    offer_version: str
    publication_date: str
    source: str
    activated_at: Any
    item_count: int
    last_failure: str
    last_failure_at: Any


def price_status() -> list[OfferStatus]:
    """Every offer and region with data or a recorded failure: what is in use and the last failure."""
    active = {(s.service_code, s.region): s for s in PriceSnapshot.objects.filter(status=PriceSnapshot.ACTIVE)}
    failures: dict[tuple[str, str], PriceFetch] = {}
    latest = PriceFetch.objects.values("service_code", "region").annotate(last=Max("started_at"))
    for row in latest:
        fetch = PriceFetch.objects.filter(
            service_code=row["service_code"], region=row["region"], started_at=row["last"]
        ).first()
        if fetch is not None and fetch.status == PriceFetch.FAILED:
            failures[(fetch.service_code, fetch.region)] = fetch
    out = []
    for key in sorted(set(active) | set(failures)):
        snap, fail = active.get(key), failures.get(key)
        out.append(
            OfferStatus(
                service_code=key[0],
                region=key[1],
                offer_version=snap.offer_version if snap else "",
                publication_date=snap.publication_date if snap else "",
                source=snap.source if snap else "",
                activated_at=snap.activated_at if snap else None,
                item_count=snap.item_count if snap else 0,
                last_failure=fail.error if fail else "",
                last_failure_at=fail.started_at if fail else None,
            )
        )
    return out


class DbPriceSource:
    """Prices from the active snapshots, cached per query for the life of the object (one estimate, or one
    worker process for a given price data version)."""

    def __init__(self) -> None:
        self._snapshots = {
            (s.service_code, s.region): s
            for s in PriceSnapshot.objects.filter(status=PriceSnapshot.ACTIVE).only(
                "pk", "service_code", "region", "publication_date"
            )
        }
        self._cache: dict[PriceQuery, list[PriceRecord]] = {}
        self._plan_cache: dict[tuple[str, str], list[PriceRecord]] = {}

    def find(self, query: PriceQuery) -> list[PriceRecord]:
        if query in self._cache:
            return self._cache[query]
        snapshot = self._snapshots.get((query.service, query.region))
        if snapshot is None:
            self._cache[query] = []
            return []
        rows = PriceItem.objects.filter(product__snapshot=snapshot).exclude(term_type="SavingsPlan")
        if query.family is not None:
            rows = rows.filter(product__product_family=query.family)
        if query.usage is not None:
            rows = rows.filter(product__bare_usage_type=query.usage)
        if query.instance_type is not None:
            rows = rows.filter(product__instance_type=query.instance_type)
        found = [r for r in map(_record, rows.select_related("product")) if query.matches(r)]
        self._cache[query] = found
        return found

    def savings_plan_rates(self, region: str, sku: str) -> list[PriceRecord]:
        key = (region, sku)
        if key not in self._plan_cache:
            snapshot = self._snapshots.get(("AWSComputeSavingsPlan", region))
            rows = (
                PriceItem.objects.filter(product__snapshot=snapshot, discounted_sku=sku).select_related("product")
                if snapshot
                else []
            )
            self._plan_cache[key] = [_record(r) for r in rows]
        return self._plan_cache[key]

    def has_region(self, region: str) -> bool:
        return any(r == region for (_, r) in self._snapshots)

    def publication(self, service: str, region: str) -> str:
        snapshot = self._snapshots.get((service, region))
        return snapshot.publication_date if snapshot else ""


def _record(item: PriceItem) -> PriceRecord:
    product = item.product
    return PriceRecord(
        sku=product.sku,
        service_code=product.attributes.get("servicecode", ""),
        product_family=product.product_family,
        usage_type=product.usage_type,
        attributes=product.attributes,
        unit=item.unit,
        price=item.price,
        term_type=item.term_type,  # type: ignore[arg-type]
        begin_range=item.begin_range,
        end_range=item.end_range,
        lease_length=item.lease_length,
        purchase_option=item.purchase_option,
        offering_class=item.offering_class,
        rate_code=item.rate_code,
        effective_date=item.effective_date,
        description=item.description,
        discounted_sku=item.discounted_sku,
    )


# -- refreshing from the bulk API -------------------------------------------------------------------------


@dataclass
class RefreshProgress:
    """What a refresh reports as it goes (the command's progress bar, the Celery task's state)."""

    offer: str = ""
    region: str = ""
    bytes_downloaded: int = 0
    products_read: int = 0
    done: int = 0
    total: int = 0


@dataclass(frozen=True)
class RefreshOutcome:
    service_code: str
    region: str
    status: str
    detail: str


def default_offers() -> list[str]:
    from ..pricing.selection import RULES

    return [*RULES, SAVINGS_PLANS]


SAVINGS_PLANS = "AWSComputeSavingsPlan"


def refresh_prices(
    *,
    offers: list[str] | None = None,
    regions: list[str] | None = None,
    base_url: str | None = None,
    source: str = "bulk",
    on_progress: Any = None,
    retries: int = 3,
    backoff: float = 1.0,
    force: bool = False,
) -> list[RefreshOutcome]:
    """Fetch and ingest each offer for each region (global offers once). A failure is recorded and the
    refresh goes on with the next file; the previous prices of a failed file stay in use."""
    import tempfile
    from pathlib import Path

    from django.conf import settings

    from ..pricing.fetch import Fetcher, NotOffered, version_in_url
    from ..pricing.offer_file import read_offer
    from ..pricing.savings_plans import read_savings_plans
    from ..pricing.selection import GLOBAL_OFFERS, GLOBAL_REGION

    fetcher = Fetcher(
        base_url or settings.PRICE_LIST_BASE_URL,
        retries=retries,
        backoff=backoff,
        timeout=(settings.PRICE_FETCH_CONNECT_TIMEOUT, settings.PRICE_FETCH_READ_TIMEOUT),
    )
    offers = offers or default_offers()
    regions = regions or list(settings.PRICE_REGIONS)
    jobs = [(o, GLOBAL_REGION) if o in GLOBAL_OFFERS else (o, r) for o in offers for r in regions]
    jobs = list(dict.fromkeys(jobs))
    progress = RefreshProgress(total=len(jobs))
    outcomes = []
    for offer, region in jobs:
        progress.offer, progress.region, progress.bytes_downloaded, progress.products_read = offer, region, 0, 0
        if on_progress:
            on_progress(progress)
        fetch = PriceFetch.objects.create(service_code=offer, region=region, source=source)
        try:
            url = fetcher.savings_plan_url(region) if offer == SAVINGS_PLANS else fetcher.offer_url(offer, region)
            fetch.source_url = url[:1000]
            version = version_in_url(url)
            if version and not force and already_loaded(offer, region, version):
                outcome = _finish(fetch, PriceFetch.SKIPPED, f"version {version} is already loaded")
            else:
                with tempfile.TemporaryDirectory(dir=settings.PRICE_DOWNLOAD_DIR) as tmp:
                    path = Path(tmp) / "offer.json"

                    def on_bytes(size: int) -> None:
                        progress.bytes_downloaded = size
                        if on_progress:
                            on_progress(progress)

                    def on_products(count: int) -> None:
                        progress.products_read = count
                        if on_progress:
                            on_progress(progress)

                    fetch.bytes_downloaded = fetcher.download(url, path, on_bytes)
                    if offer == SAVINGS_PLANS:
                        meta, records = read_savings_plans(path, region=region, source_url=url)
                    else:
                        meta, records = read_offer(
                            path, region=region, source_url=url, expected_offer=offer, on_progress=on_products
                        )
                    if not force and already_loaded(offer, region, meta.version):
                        outcome = _finish(fetch, PriceFetch.SKIPPED, f"version {meta.version} is already loaded")
                    else:
                        ingest(meta, records, source=source, fetch=fetch)
                        fetch.products_read = progress.products_read
                        outcome = _finish(
                            fetch, PriceFetch.SUCCEEDED, f"version {meta.version}, {fetch.items_kept:,} prices"
                        )
        except NotOffered as exc:
            outcome = _finish(fetch, PriceFetch.SKIPPED, str(exc))
        except Exception as exc:  # recorded and shown by price_status; the next file is still tried
            outcome = _finish(fetch, PriceFetch.FAILED, f"{type(exc).__name__}: {exc}")
        outcomes.append(outcome)
        progress.done += 1
        if on_progress:
            on_progress(progress)
    return outcomes


def _finish(fetch: PriceFetch, status: str, detail: str) -> RefreshOutcome:
    fetch.status = status
    fetch.finished_at = timezone.now()
    if status == PriceFetch.FAILED:
        fetch.error = detail[:5000]
    fetch.save()
    return RefreshOutcome(fetch.service_code, fetch.region, status, detail)


def instance_types(region: str) -> list[dict[str, Any]]:
    """EC2 instance types priced in `region` (on-demand Linux, shared tenancy), with vCPU and memory where the
    price data has them: the inspector's instance-type choices."""
    from ..catalog.fields import EC2_INSTANCE_TYPES

    snapshot = PriceSnapshot.objects.filter(
        service_code="AmazonEC2", region=region, status=PriceSnapshot.ACTIVE
    ).first()
    known: dict[str, PriceItem] = {}
    if snapshot is not None:
        rows = (
            PriceItem.objects.filter(product__snapshot=snapshot, term_type="OnDemand")
            .exclude(product__instance_type="")
            .select_related("product")
        )
        for item in rows:
            a = item.product.attributes
            if a.get("operatingSystem") == "Linux" and a.get("tenancy") == "Shared" and a.get("preInstalledSw") == "NA":
                known.setdefault(item.product.instance_type, item)
    out = []
    for name in EC2_INSTANCE_TYPES:
        item = known.get(name)
        vcpu = item.product.attributes.get("vcpu") if item else None
        memory = item.product.attributes.get("memory", "").replace(" GiB", "") if item else None
        out.append(
            {
                "instance_type": name,
                "vcpu": int(vcpu) if vcpu and vcpu.isdigit() else None,
                "memory_gib": memory or None,
                "hourly_usd": f"{item.price.normalize():f}" if item else None,
            }
        )
    return out
