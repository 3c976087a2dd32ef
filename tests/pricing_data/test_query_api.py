"""The Query API source (designer.pricing.query_api) on a real boto3 `pricing` client whose GetProducts
answers are real committed responses, served by botocore's Stubber (which also checks the parameters sent
against the expected ones and against the service model)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from designer.pricing import query_api
from designer.pricing.book import MemoryPriceSource, NoPrice, Term, price, query
from designer.pricing.estimators import rds_instance
from designer.pricing.estimators._common import instance_query
from designer.pricing.offer_file import read_offer
from designer.pricing.query_api import QueryApiPriceSource, get_products
from tests.pricing_data.conftest import FIXTURES

D = Decimal

M5_ITEM: dict[str, Any] = json.loads(
    (FIXTURES / "getproducts-item_AmazonEC2_m5.large_us-east-1_2021-02.json").read_text()
)
T2_ITEM: dict[str, Any] = json.loads(
    (FIXTURES / "getproducts-item_AmazonEC2_t2.micro_ap-northeast-1_2018-10.json").read_text()
)
[RDS_ITEM] = json.loads(
    (FIXTURES / "getproducts-items_AmazonRDS_mysql_db.r4.large_multi-az_ap-northeast-1_2018-10.json").read_text()
)
CLI_RESPONSE: dict[str, Any] = json.loads(
    (FIXTURES / "getproducts-response_AmazonEC2_ebs-io1_ap-southeast-1_2018-08_aws-cli-example.json").read_text()
)

# The reserved offer term codes of the m5.large item (FORMAT.md 1.4).
M5_RESERVED = {
    "4NA7Y494T4": ("1yr", "standard", "No Upfront"),
    "HU7G6KETJZ": ("1yr", "standard", "Partial Upfront"),
    "6QCMYABX3D": ("1yr", "standard", "All Upfront"),
    "BPH4J8HBKS": ("3yr", "standard", "No Upfront"),
    "38NPMPTW36": ("3yr", "standard", "Partial Upfront"),
    "NQ3QZPMQV9": ("3yr", "standard", "All Upfront"),
    "7NE97W5U4E": ("1yr", "convertible", "No Upfront"),
    "CUZHX8X6JH": ("1yr", "convertible", "Partial Upfront"),
    "VJWZNREJX2": ("1yr", "convertible", "All Upfront"),
    "Z2E3P23VKM": ("3yr", "convertible", "No Upfront"),
    "R5XV2EPZQZ": ("3yr", "convertible", "Partial Upfront"),
    "MZU6U2429S": ("3yr", "convertible", "All Upfront"),
}


@pytest.fixture
def client() -> Any:
    return boto3.client("pricing", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x")


@pytest.fixture
def stubber(client: Any) -> Iterator[Stubber]:
    with Stubber(client) as stub:
        yield stub
        stub.assert_no_pending_responses()


def page(*items: dict[str, Any], next_token: str | None = None) -> dict[str, Any]:
    """A GetProducts response as the service sends it: every PriceList entry is a JSON string."""
    response: dict[str, Any] = {"FormatVersion": "aws_v1", "PriceList": [json.dumps(item) for item in items]}
    if next_token:
        response["NextToken"] = next_token
    return response


def request(service: str, filters: dict[str, str], next_token: str | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {
        "ServiceCode": service,
        "Filters": [{"Type": "TERM_MATCH", "Field": k, "Value": v} for k, v in filters.items()],
        "FormatVersion": "aws_v1",
        "MaxResults": 100,
    }
    if next_token:
        params["NextToken"] = next_token
    return params


M5_FILTERS = {
    "licenseModel": "No License required",
    "operatingSystem": "Linux",
    "preInstalledSw": "NA",
    "tenancy": "Shared",
    "instanceType": "m5.large",
}


# -- get_products ------------------------------------------------------------------------------------------


def test_the_m5_large_item_gives_its_on_demand_price_and_twelve_reserved_terms(client: Any, stubber: Stubber) -> None:
    stubber.add_response("get_products", page(M5_ITEM), request("AmazonEC2", M5_FILTERS))
    records = list(get_products(client, "AmazonEC2", M5_FILTERS, "us-east-1"))
    [on_demand] = [r for r in records if r.term_type == "OnDemand"]
    assert (on_demand.sku, on_demand.price, on_demand.unit) == ("6C86BEPQVG73ZGGR", D("0.096"), "Hrs")
    assert (on_demand.begin_range, on_demand.end_range, on_demand.service_code) == (D(0), None, "AmazonEC2")
    assert on_demand.rate_code == "6C86BEPQVG73ZGGR.JRTCKXETXF.6YS6EN2CT7"
    reserved = [r for r in records if r.term_type == "Reserved"]
    terms = {r.rate_code.split(".")[1]: (r.lease_length, r.offering_class, r.purchase_option) for r in reserved}
    assert terms == M5_RESERVED
    fees = {r.rate_code.split(".")[1]: r.price for r in reserved if r.unit == "Quantity"}
    assert fees == {
        "HU7G6KETJZ": D(252),
        "6QCMYABX3D": D(494),
        "38NPMPTW36": D(505),
        "NQ3QZPMQV9": D(949),
        "CUZHX8X6JH": D(294),
        "VJWZNREJX2": D(577),
        "R5XV2EPZQZ": D(592),
        "MZU6U2429S": D(1161),
    }
    assert all(r.extra["publicationDate"] == "2021-02-05T20:45:00Z" for r in records)


def test_an_item_whose_price_is_not_a_number_is_skipped_with_a_warning_naming_its_sku(
    client: Any, stubber: Stubber, caplog: pytest.LogCaptureFixture
) -> None:
    stubber.add_response("get_products", page(T2_ITEM, RDS_ITEM), request("AmazonEC2", {}))
    with caplog.at_level(logging.WARNING, logger=query_api.__name__):
        records = list(get_products(client, "AmazonEC2", {}, "ap-northeast-1"))
    assert {r.sku for r in records} == {"D8GBHQEK73G5ADCK"}  # the RDS item, none of the t2.micro's
    [warning] = caplog.records
    assert "9NSP3EV3G593P35X" in warning.getMessage() and "v000000" in warning.getMessage()


def test_the_rds_multi_az_item_costs_57_cents_an_hour(client: Any, stubber: Stubber) -> None:
    filters = {"databaseEngine": "MySQL", "deploymentOption": "Multi-AZ", "instanceType": "db.r4.large"}
    stubber.add_response("get_products", page(RDS_ITEM), request("AmazonRDS", filters))
    records = list(get_products(client, "AmazonRDS", filters, "ap-northeast-1"))
    [on_demand] = [r for r in records if r.term_type == "OnDemand"]
    assert (on_demand.price, on_demand.usage_type) == (D("0.57"), "APN1-Multi-AZUsage:db.r4.large")
    assert len({r.rate_code.split(".")[1] for r in records if r.term_type == "Reserved"}) == 5


def test_pages_are_followed_with_their_next_token(client: Any, stubber: Stubber) -> None:
    filters = {"volumeType": "Provisioned IOPS", "location": "Asia Pacific (Singapore)"}
    token = CLI_RESPONSE["NextToken"]
    stubber.add_response("get_products", CLI_RESPONSE, request("AmazonEC2", filters))
    stubber.add_response("get_products", page(), request("AmazonEC2", filters, next_token=token))
    records = list(get_products(client, "AmazonEC2", filters, "ap-southeast-1"))
    assert [(r.sku, r.usage_type, r.unit, r.price) for r in records] == [
        ("3MKHN58N7RDDVGKJ", "APS1-EBS:VolumeUsage.piops", "GB-Mo", D("0.138"))
    ]


def test_items_are_gathered_from_every_page(client: Any, stubber: Stubber) -> None:
    stubber.add_response("get_products", page(T2_ITEM, next_token="two"), request("AmazonEC2", {}))
    stubber.add_response("get_products", page(RDS_ITEM, next_token="three"), request("AmazonEC2", {}, "two"))
    stubber.add_response("get_products", page(RDS_ITEM), request("AmazonEC2", {}, "three"))
    records = list(get_products(client, "AmazonEC2", {}, "ap-northeast-1"))
    assert len([r for r in records if r.term_type == "OnDemand"]) == 2


def test_products_of_another_region_are_dropped(client: Any, stubber: Stubber) -> None:
    stubber.add_response("get_products", page(M5_ITEM), request("AmazonEC2", {}))
    assert list(get_products(client, "AmazonEC2", {}, "eu-west-1")) == []


# -- QueryApiPriceSource -------------------------------------------------------------------------------------


def bulk_file_of(item: dict[str, Any], path: Path) -> Path:
    """The same product and terms in the bulk file's layout, where terms nest one level deeper (SKU first)."""
    sku = item["product"]["sku"]
    data = {
        "formatVersion": "v1.0",
        "offerCode": item["serviceCode"],
        "version": item["version"],
        "publicationDate": item["publicationDate"],
        "products": {sku: item["product"]},
        "terms": {term_type: {sku: terms} for term_type, terms in item["terms"].items()},
    }
    path.write_text(json.dumps(data))
    return path


def bulk_source(item: dict[str, Any], region: str, tmp_path: Path) -> MemoryPriceSource:
    meta, records = read_offer(bulk_file_of(item, tmp_path / "offer.json"), region=region)
    source = MemoryPriceSource()
    source.add(meta.offer_code, region, records, meta.publication_date)
    return source


TERMS = [
    Term(),
    Term("Reserved", "1yr", "No Upfront"),
    Term("Reserved", "1yr", "Partial Upfront"),
    Term("Reserved", "3yr", "All Upfront"),
    Term("Reserved", "3yr", "Partial Upfront", "convertible"),
]


def test_book_price_from_the_query_api_gives_the_m5_large_figures(
    client: Any, stubber: Stubber, tmp_path: Path
) -> None:
    stubber.add_response("get_products", page(M5_ITEM), request("AmazonEC2", {**M5_FILTERS, "regionCode": "us-east-1"}))
    source = QueryApiPriceSource(client)
    q = instance_query("us-east-1", "m5.large")
    assert price(source, q, D(730)).monthly_cost == D("70.08")
    partial = price(source, q, D(730), Term("Reserved", "1yr", "Partial Upfront"))
    assert (partial.monthly_cost, partial.upfront) == (D("21.17"), D(21))  # 730 h x $0.029, $252 / 12
    assert source.publication("AmazonEC2", "us-east-1") == "2021-02-05T20:45:00Z"
    # One request for every price of the query: the stubber has no second answer to give.
    bulk = bulk_source(M5_ITEM, "us-east-1", tmp_path)
    for term in TERMS:
        assert price(source, q, D(730), term) == price(bulk, q, D(730), term), term


def test_data_older_than_region_code_is_found_by_location_name(client: Any, stubber: Stubber) -> None:
    stubber.add_response("get_products", page(), request("AmazonEC2", {**M5_FILTERS, "regionCode": "us-east-1"}))
    stubber.add_response(
        "get_products", page(M5_ITEM), request("AmazonEC2", {**M5_FILTERS, "location": "US East (N. Virginia)"})
    )
    source = QueryApiPriceSource(client)
    assert price(source, instance_query("us-east-1", "m5.large"), D(1)).unit_price == D("0.096")


def test_every_location_name_of_a_region_is_tried_in_turn(client: Any, stubber: Stubber) -> None:
    q = query("AmazonEC2", "eu-west-1", family="Storage", usage="EBS:VolumeUsage.gp2")
    base = {"productFamily": "Storage"}
    for place in ({"regionCode": "eu-west-1"}, {"location": "EU (Ireland)"}, {"location": "Europe (Ireland)"}):
        stubber.add_response("get_products", page(), request("AmazonEC2", {**base, **place}))
    source = QueryApiPriceSource(client)
    assert source.find(q) == []
    assert source.find(q) == []  # cached: no further request
    assert source.publication("AmazonEC2", "eu-west-1") == ""


def test_capacity_reservation_rows_the_api_returns_are_not_used(client: Any, stubber: Stubber) -> None:
    def variant_of_m5(sku: str, usd: str, **attributes: str) -> dict[str, Any]:
        text = json.dumps(M5_ITEM).replace("6C86BEPQVG73ZGGR", sku).replace('"0.0960000000"', f'"{usd}"')
        item: dict[str, Any] = json.loads(text)
        item["product"]["attributes"].update(attributes)
        return item

    unused = variant_of_m5(
        "UNUSEDCAPRES0001", "0.0960000000", capacitystatus="UnusedCapacityReservation", usagetype="UnusedBox:m5.large"
    )
    allocated = variant_of_m5(
        "ALLOCCAPRES00001",
        "0.0000000000",
        capacitystatus="AllocatedCapacityReservation",
        usagetype="Reservation:m5.large",
    )
    stubber.add_response(
        "get_products",
        page(allocated, M5_ITEM, unused),
        request("AmazonEC2", {**M5_FILTERS, "regionCode": "us-east-1"}),
    )
    source = QueryApiPriceSource(client)
    assert {r.sku for r in source.find(instance_query("us-east-1", "m5.large"))} == {"6C86BEPQVG73ZGGR"}


def test_the_usage_type_is_matched_without_its_region_prefix(client: Any, stubber: Stubber) -> None:
    expected = {
        "databaseEngine": "MySQL",
        "deploymentOption": "Multi-AZ",
        "productFamily": "Database Instance",
        "instanceType": "db.r4.large",
        "regionCode": "ap-northeast-1",
    }
    for _ in range(3):  # three queries, each asked once
        stubber.add_response("get_products", page(RDS_ITEM), request("AmazonRDS", expected))
    source = QueryApiPriceSource(client)
    multi_az = rds_instance.instance_query("ap-northeast-1", "mysql", "db.r4.large", multi_az=True)
    assert price(source, multi_az, D(730)).monthly_cost == D("416.10")  # 730 h x $0.57
    by_usage = query(
        "AmazonRDS",
        "ap-northeast-1",
        family="Database Instance",
        usage="Multi-AZUsage:db.r4.large",
        instance_type="db.r4.large",
        databaseEngine="MySQL",
        deploymentOption="Multi-AZ",
    )
    single_az_usage = query(
        "AmazonRDS",
        "ap-northeast-1",
        family="Database Instance",
        usage="InstanceUsage:db.r4.large",
        instance_type="db.r4.large",
        databaseEngine="MySQL",
        deploymentOption="Multi-AZ",
    )
    assert {r.sku for r in source.find(by_usage)} == {"D8GBHQEK73G5ADCK"}
    with pytest.raises(NoPrice):
        price(source, single_az_usage, D(1))


def test_the_query_api_has_no_savings_plan_rates_and_answers_for_any_region(client: Any) -> None:
    source = QueryApiPriceSource(client)
    assert source.savings_plan_rates("us-east-1", "6C86BEPQVG73ZGGR") == []
    assert source.has_region("ap-northeast-1")
