"""Storing price files as snapshots (designer.services.prices): one active snapshot per offer and region,
replaced only once a new file has been read whole, and read back by DbPriceSource."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from designer.models import PriceFetch, PriceItem, PriceProduct, PriceSnapshot
from designer.pricing.book import PriceQuery, Term, price
from designer.pricing.estimators._common import instance_query
from designer.pricing.offer_file import read_offer
from designer.pricing.records import OfferError, PriceRecord
from designer.pricing.savings_plans import read_savings_plans
from designer.services import prices
from designer.services.prices import DbPriceSource, ingest, price_data_version, price_status, refresh_prices
from tests.pricing_data.conftest import EC2_USW2_2018, LIGOJ_SAVINGS_PLANS, LYFT_C4, PriceList, variant

pytestmark = pytest.mark.django_db

D = Decimal
C4 = instance_query("us-east-1", "c4.large")


def load(path: Path, region: str = "us-east-1") -> PriceSnapshot:
    meta, records = read_offer(path, region=region, source_url=f"file://{path}")
    return ingest(meta, records, source="bulk")


def truncated(source: Path, dest: Path, keep: float) -> Path:
    whole = source.read_bytes()
    dest.write_bytes(whole[: int(len(whole) * keep)])
    return dest


def on_demand_hour(source: DbPriceSource) -> Decimal:
    return price(source, C4, D(1)).unit_price


def test_a_file_becomes_the_active_snapshot_with_its_items() -> None:
    snapshot = load(LYFT_C4)
    snapshot.refresh_from_db()
    assert snapshot.status == PriceSnapshot.ACTIVE
    assert (snapshot.service_code, snapshot.region, snapshot.source) == ("AmazonEC2", "us-east-1", "bulk")
    assert (snapshot.offer_version, snapshot.publication_date) == ("20161213014831", "2016-12-13T01:48:31Z")
    assert snapshot.source_url.endswith(LYFT_C4.name)
    assert snapshot.activated_at is not None
    assert snapshot.item_count == 8 == PriceItem.objects.filter(product__snapshot=snapshot).count()
    item = PriceItem.objects.get(product__snapshot=snapshot, term_type="OnDemand")
    product = item.product
    assert (product.sku, product.instance_type, product.bare_usage_type) == (
        "4C7N4APU9GEUZ6H6",
        "c4.large",
        "BoxUsage:c4.large",
    )
    # one product row for the SKU, whatever number of prices it has
    assert PriceProduct.objects.filter(snapshot=snapshot).count() == 1
    assert (item.price, item.unit, item.end_range) == (D("0.1"), "Hrs", None)
    fees = PriceItem.objects.filter(product__snapshot=snapshot, unit="Quantity").values_list("price", flat=True)
    assert sorted(fees) == [D(263), D(539), D(710)]


def test_only_the_attributes_worth_keeping_are_stored() -> None:
    snapshot = load(LYFT_C4)
    product = PriceProduct.objects.filter(snapshot=snapshot).first()
    assert product is not None
    assert product.attributes["operatingSystem"] == "Linux"
    assert "processorFeatures" not in product.attributes and "clockSpeed" not in product.attributes


def test_loading_a_second_version_replaces_the_first(tmp_path: Path) -> None:
    first = load(LYFT_C4)
    second = load(variant(LYFT_C4, tmp_path / "v2.json", version="20170101000000", on_demand_usd="0.1050000000"))
    first.refresh_from_db()
    assert first.status == PriceSnapshot.REPLACED
    assert second.status == PriceSnapshot.ACTIVE
    assert list(PriceSnapshot.objects.filter(status=PriceSnapshot.ACTIVE)) == [second]
    assert not PriceItem.objects.filter(product__snapshot=first).exists()
    assert PriceItem.objects.count() == second.item_count == 8
    assert on_demand_hour(DbPriceSource()) == D("0.105")


def test_the_previous_prices_stay_in_use_while_a_new_file_is_being_read(tmp_path: Path) -> None:
    first = load(LYFT_C4)
    meta, records = read_offer(
        variant(LYFT_C4, tmp_path / "v2.json", version="20170101000000", on_demand_usd="0.1050000000"),
        region="us-east-1",
    )
    during: list[tuple[list[str], Decimal]] = []

    def watched(records: Iterable[PriceRecord]) -> Iterator[PriceRecord]:
        for n, record in enumerate(records):
            if n == 4:
                active = list(PriceSnapshot.objects.filter(status="active").values_list("offer_version", flat=True))
                during.append((active, on_demand_hour(DbPriceSource())))
            yield record

    ingest(meta, watched(records), source="bulk")
    assert during == [([first.offer_version], D("0.1"))]
    assert on_demand_hour(DbPriceSource()) == D("0.105")


def test_a_truncated_file_leaves_the_previous_snapshot_active(tmp_path: Path) -> None:
    first = load(LYFT_C4)
    v2 = variant(LYFT_C4, tmp_path / "v2.json", version="20170101000000", on_demand_usd="0.1050000000")
    with pytest.raises(OfferError, match="ends early"):
        load(truncated(v2, tmp_path / "v2-cut.json", keep=0.8))
    failed = PriceSnapshot.objects.get(offer_version="20170101000000")
    assert failed.status == PriceSnapshot.FAILED
    assert "OfferError" in failed.error and "ends early" in failed.error
    assert not PriceItem.objects.filter(product__snapshot=failed).exists()
    first.refresh_from_db()
    assert first.status == PriceSnapshot.ACTIVE
    assert PriceItem.objects.filter(product__snapshot=first).count() == 8
    assert on_demand_hour(DbPriceSource()) == D("0.1")


def test_a_file_that_fails_midway_leaves_no_rows_and_the_previous_snapshot_active(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load(LYFT_C4)
    # A bad price in the last reserved term: the streaming reader finds it after seven good records, and
    # batches of two mean six rows of the new snapshot were written by then.
    monkeypatch.setattr(prices, "BATCH", 2)
    v2 = variant(LYFT_C4, tmp_path / "v2.json", version="20170101000000", on_demand_usd="0.1050000000")
    v2.write_text(v2.read_text().replace('"0.0630000000"', '"v000000"'))
    meta, records = read_offer(v2, region="us-east-1")
    rows_written: list[int] = []

    def counted(records: Iterable[PriceRecord]) -> Iterator[PriceRecord]:
        for n, record in enumerate(records, 1):
            if n == 7:
                rows_written.append(PriceItem.objects.filter(product__snapshot__status=PriceSnapshot.LOADING).count())
            yield record

    with pytest.raises(OfferError, match="v000000"):
        ingest(meta, counted(records), source="bulk")
    assert rows_written == [6]
    failed = PriceSnapshot.objects.get(offer_version="20170101000000")
    assert failed.status == PriceSnapshot.FAILED and "v000000" in failed.error
    assert not PriceItem.objects.filter(product__snapshot=failed).exists()
    first.refresh_from_db()
    assert first.status == PriceSnapshot.ACTIVE
    assert PriceItem.objects.filter(product__snapshot=first).count() == 8
    assert on_demand_hour(DbPriceSource()) == D("0.1")


def test_a_file_holding_none_of_the_prices_used_fails_without_replacing_anything() -> None:
    first = load(LYFT_C4)
    with pytest.raises(ValueError, match="holds none of the prices"):
        load(EC2_USW2_2018, region="us-west-2")
    assert PriceSnapshot.objects.get(region="us-west-2").status == PriceSnapshot.FAILED
    first.refresh_from_db()
    assert first.status == PriceSnapshot.ACTIVE


def test_price_data_version_changes_when_a_snapshot_is_replaced_and_only_then(tmp_path: Path) -> None:
    empty = price_data_version()
    load(LYFT_C4)
    one = price_data_version()
    with pytest.raises(OfferError):
        load(truncated(LYFT_C4, tmp_path / "cut.json", keep=0.7))
    assert price_data_version() == one
    load(variant(LYFT_C4, tmp_path / "v2.json", version="20170101000000"))
    two = price_data_version()
    assert len({empty, one, two}) == 3


def test_db_price_source_finds_on_demand_and_reserved_records_by_query() -> None:
    load(LYFT_C4)
    source = DbPriceSource()
    found = source.find(C4)
    assert sorted(r.term_type for r in found) == ["OnDemand"] + ["Reserved"] * 7
    assert price(source, C4, D(730)).monthly_cost == D("73.0")
    reserved = price(source, C4, D(730), Term("Reserved", "3yr", "Partial Upfront"))
    assert reserved.unit_price == D("0.021")
    assert reserved.upfront.quantize(D("0.01")) == D("14.97")  # $539 over 36 months
    assert source.publication("AmazonEC2", "us-east-1") == "2016-12-13T01:48:31Z"
    assert source.has_region("us-east-1") and not source.has_region("eu-west-1")


def test_db_price_source_matches_the_usage_type_without_its_region_prefix() -> None:
    load(LYFT_C4)
    source = DbPriceSource()
    by_usage = PriceQuery("AmazonEC2", "us-east-1", family="Compute Instance", usage="BoxUsage:c4.large")
    assert {r.sku for r in source.find(by_usage)} == {"4C7N4APU9GEUZ6H6"}
    assert source.find(instance_query("us-east-1", "c4.large", os="windows")) == []
    assert source.find(instance_query("eu-west-1", "c4.large")) == []


def test_db_price_source_finds_savings_plan_rates_by_discounted_sku() -> None:
    meta, records = read_savings_plans(LIGOJ_SAVINGS_PLANS, region="eu-west-1")
    ingest(meta, records, source="bulk")
    source = DbPriceSource()
    rates = source.savings_plan_rates("eu-west-1", "K4EXFQ5YFQCP98EN")
    assert {(r.lease_length, r.purchase_option, r.term_type) for r in rates} == {
        ("1yr", "All Upfront", "SavingsPlan"),
        ("3yr", "No Upfront", "SavingsPlan"),
    }
    assert source.savings_plan_rates("eu-west-1", "NO-SUCH-SKU") == []
    assert source.savings_plan_rates("us-east-1", "K4EXFQ5YFQCP98EN") == []
    assert source.find(PriceQuery("AWSComputeSavingsPlan", "eu-west-1")) == []


def test_price_status_shows_the_data_in_use_and_the_last_failure(tmp_path: Path) -> None:
    layout = PriceList(tmp_path / "pricing")
    layout.offer("AmazonEC2", "us-east-1", "20161213014831", LYFT_C4)
    base = layout.root.as_uri()
    refresh_prices(offers=["AmazonEC2"], regions=["us-east-1"], base_url=base, retries=0)
    v2 = variant(LYFT_C4, tmp_path / "v2.json", version="20170101000000")
    layout.offer("AmazonEC2", "us-east-1", "20170101000000", truncated(v2, tmp_path / "v2-cut.json", keep=0.5))
    [outcome] = refresh_prices(offers=["AmazonEC2"], regions=["us-east-1"], base_url=base, retries=0)
    assert outcome.status == PriceFetch.FAILED

    [row] = price_status()
    assert (row.service_code, row.region, row.offer_version) == ("AmazonEC2", "us-east-1", "20161213014831")
    assert (row.publication_date, row.source, row.item_count) == ("2016-12-13T01:48:31Z", "bulk", 8)
    assert "OfferError" in row.last_failure and row.last_failure_at is not None

    layout.offer("AmazonEC2", "us-east-1", "20170101000000", v2)
    refresh_prices(offers=["AmazonEC2"], regions=["us-east-1"], base_url=base, retries=0)
    [row] = price_status()
    assert (row.offer_version, row.last_failure) == ("20170101000000", "")
