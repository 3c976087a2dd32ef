"""Reading bulk offer files (FORMAT.md 1.4): real fixtures, each selection pitfall of FORMAT.md section 5,
and files that must be refused rather than half-loaded."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from designer.pricing.book import MemoryPriceSource, Term, price, query, tiered_cost
from designer.pricing.estimators._common import instance_query
from designer.pricing.offer_file import read_offer
from designer.pricing.records import OfferError, OfferMeta, PriceRecord
from designer.pricing.selection import keeps
from tests.pricing_data.conftest import EC2_USW2_2018, FIXTURES, LAMBDA_2016, LYFT_C4

D = Decimal


def read(path: Path, region: str, **kwargs: Any) -> tuple[OfferMeta, list[PriceRecord]]:
    meta, records = read_offer(path, region=region, **kwargs)
    return meta, list(records)


def keep_everything(offer: str, family: str, usage: str, attributes: dict[str, str]) -> bool:
    return True


def keep_data_transfer(offer: str, family: str, usage: str, attributes: dict[str, str]) -> bool:
    """The AWSDataTransfer selection, for the data-transfer products embedded in another offer's file."""
    return keeps("AWSDataTransfer", family, usage, attributes)


# -- the lyft c4.large excerpt (2016-12) ----------------------------------------------------------------


def test_the_c4_large_excerpt_gives_its_on_demand_hour_at_ten_cents() -> None:
    meta, records = read(LYFT_C4, "us-east-1")
    assert (meta.offer_code, meta.version, meta.region) == ("AmazonEC2", "20161213014831", "us-east-1")
    [on_demand] = [r for r in records if r.term_type == "OnDemand"]
    assert on_demand.sku == "4C7N4APU9GEUZ6H6"
    assert (on_demand.price, on_demand.unit) == (D("0.10"), "Hrs")
    assert (on_demand.begin_range, on_demand.end_range) == (D(0), None)
    assert on_demand.rate_code == "4C7N4APU9GEUZ6H6.JRTCKXETXF.6YS6EN2CT7"
    assert on_demand.effective_date == "2016-12-01T00:00:00Z"
    assert on_demand.attributes["instanceType"] == "c4.large"


def test_the_c4_large_reserved_terms_carry_their_upfront_fees_as_quantity_dimensions() -> None:
    _, records = read(LYFT_C4, "us-east-1")
    reserved = {
        (r.lease_length, r.offering_class, r.purchase_option, r.unit, r.price, r.end_range)
        for r in records
        if r.term_type == "Reserved"
    }
    assert reserved == {
        ("1yr", "standard", "Partial Upfront", "Hrs", D("0.03"), None),
        ("1yr", "standard", "Partial Upfront", "Quantity", D("263"), None),
        ("3yr", "standard", "Partial Upfront", "Hrs", D("0.021"), None),
        ("3yr", "standard", "Partial Upfront", "Quantity", D("539"), None),
        ("3yr", "convertible", "Partial Upfront", "Hrs", D("0.027"), None),
        ("3yr", "convertible", "Partial Upfront", "Quantity", D("710"), None),
        ("1yr", "standard", "No Upfront", "Hrs", D("0.063"), None),
    }


def test_a_file_without_publication_date_gets_it_from_its_version() -> None:
    assert "publicationDate" not in json.loads(LYFT_C4.read_text())
    meta, _ = read(LYFT_C4, "us-east-1")
    assert meta.publication_date == "2016-12-13T01:48:31Z"


def test_the_c4_large_prices_a_month_on_demand_and_reserved() -> None:
    _, records = read(LYFT_C4, "us-east-1")
    book = MemoryPriceSource()
    book.add("AmazonEC2", "us-east-1", records, "2016-12-13T01:48:31Z")
    q = instance_query("us-east-1", "c4.large")
    assert price(book, q, D(730)).monthly_cost == D("73.00")
    reserved = price(book, q, D(730), Term("Reserved", "1yr", "Partial Upfront"))
    assert reserved.monthly_cost == D("21.90")  # 730 h x $0.03
    assert reserved.upfront.quantize(D("0.01")) == D("21.92")  # $263 over 12 months


def test_an_excerpt_read_for_another_region_gives_nothing() -> None:
    _, records = read(LYFT_C4, "eu-west-1")
    assert records == []


# -- the us-west-2 excerpt (2018-05): every product is a trap -------------------------------------------

USW2_PRODUCTS = json.loads(EC2_USW2_2018.read_text())["products"]

# What makes each product of the excerpt something other than a standard instance hour, and the attribute
# values of the standard one; None: not an instance hour at all.
USW2_TRAPS: dict[str, dict[str, str] | None] = {
    "7UU97PUEUDTUMDMP": {  # i3.metal on a Dedicated Host, Windows with SQL Enterprise
        "tenancy": "Shared",
        "usagetype": "USW2-BoxUsage:i3.metal",
        "preInstalledSw": "NA",
    },
    "UKW7HJKYC386VDWE": {"preInstalledSw": "NA"},  # c5.xlarge Windows with SQL Web
    "4MT3SBFE9CPY5M43": None,  # AWSDataTransfer: accelerated inter-region inbound
    "866ZGRHEVQD56AR2": {  # d2.8xlarge on a Dedicated Host, Windows, bring your own license
        "tenancy": "Shared",
        "usagetype": "USW2-BoxUsage:d2.8xlarge",
        "licenseModel": "No License required",
    },
    "MSRQHFU7JT8DRZ4A": {"preInstalledSw": "NA"},  # h1.2xlarge Dedicated, Linux with SQL Enterprise
    "E58UVF498EG758MS": {"preInstalledSw": "NA"},  # c4.8xlarge Windows with SQL Enterprise
    "9DD7W8QPV2GVTFTQ": {"preInstalledSw": "NA"},  # c3.large Dedicated, Linux with SQL Standard
}


def test_the_trap_table_covers_every_product_of_the_excerpt() -> None:
    assert set(USW2_TRAPS) == set(USW2_PRODUCTS)


@pytest.mark.parametrize("sku", sorted(USW2_TRAPS))
def test_no_product_of_the_2018_us_west_2_excerpt_is_kept(sku: str) -> None:
    product = USW2_PRODUCTS[sku]
    assert not keeps("AmazonEC2", product["productFamily"], product["attributes"]["usagetype"], product["attributes"])


@pytest.mark.parametrize("sku", sorted(s for s, fix in USW2_TRAPS.items() if fix))
def test_each_us_west_2_instance_is_rejected_for_its_trap_alone(sku: str) -> None:
    product = USW2_PRODUCTS[sku]
    standard = {**product["attributes"], **(USW2_TRAPS[sku] or {})}
    assert keeps("AmazonEC2", product["productFamily"], standard["usagetype"], standard)


def test_reading_the_us_west_2_excerpt_keeps_no_price() -> None:
    meta, records = read(EC2_USW2_2018, "us-west-2")
    assert (meta.version, meta.publication_date) == ("20180504231021", "2018-05-04T23:10:21Z")
    assert records == []


# -- each pitfall of FORMAT.md 5, on offer files written in AWS's format ---------------------------------

M5_LARGE = json.loads((FIXTURES / "getproducts-item_AmazonEC2_m5.large_us-east-1_2021-02.json").read_text())
M5_ATTRIBUTES: dict[str, str] = {**M5_LARGE["product"]["attributes"], "marketoption": "OnDemand"}


def write_offer(path: Path, products: dict[str, tuple[str, dict[str, str], str]], offer: str = "AmazonEC2") -> Path:
    """An offer file laid out as AWS publishes one: `products` maps SKU -> (family, attributes, hourly USD)."""
    data: dict[str, Any] = {
        "formatVersion": "v1.0",
        "disclaimer": "test file in the AWS Price List layout",
        "offerCode": offer,
        "version": "20240105000000",
        "publicationDate": "2024-01-05T00:00:00Z",
        "products": {},
        "terms": {"OnDemand": {}},
    }
    for sku, (family, attributes, usd) in products.items():
        data["products"][sku] = {"sku": sku, "productFamily": family, "attributes": attributes}
        code = f"{sku}.JRTCKXETXF"
        data["terms"]["OnDemand"][sku] = {
            code: {
                "offerTermCode": "JRTCKXETXF",
                "sku": sku,
                "effectiveDate": "2024-01-01T00:00:00Z",
                "priceDimensions": {
                    f"{code}.6YS6EN2CT7": {
                        "rateCode": f"{code}.6YS6EN2CT7",
                        "description": f"${usd} per hour",
                        "beginRange": "0",
                        "endRange": "Inf",
                        "unit": "Hrs",
                        "pricePerUnit": {"USD": usd},
                        "appliesTo": [],
                    }
                },
                "termAttributes": {},
            }
        }
    path.write_text(json.dumps(data, indent=1))
    return path


def m5(**changes: str) -> dict[str, str]:
    return {**M5_ATTRIBUTES, **changes}


def kept_skus(path: Path, region: str = "us-east-1") -> set[str]:
    return {r.sku for r in read(path, region)[1]}


def test_the_standard_m5_large_product_is_kept() -> None:
    assert keeps("AmazonEC2", "Compute Instance", M5_ATTRIBUTES["usagetype"], M5_ATTRIBUTES)


@pytest.mark.parametrize(
    ("attribute", "value"),
    [
        ("capacitystatus", "UnusedCapacityReservation"),
        ("capacitystatus", "AllocatedCapacityReservation"),
        ("capacitystatus", "AllocatedHost"),
        ("marketoption", "CapacityBlock"),
        ("tenancy", "Host"),
        ("tenancy", "Reserved"),
        ("preInstalledSw", "SQL Std"),
        ("preInstalledSw", "SQL Web"),
        ("preInstalledSw", "SQL Ent"),
        ("licenseModel", "Bring your own license"),
        ("operatingSystem", "NA"),
        ("usagetype", "UnusedBox:m5.large"),
        ("usagetype", "Reservation:m5.large"),
        ("usagetype", "HostBoxUsage:m5.large"),
        ("usagetype", "EBSOptimized:m5.large"),
    ],
)
def test_changing_one_sku_multiplying_attribute_makes_the_product_not_kept(attribute: str, value: str) -> None:
    attributes = m5(**{attribute: value})
    assert not keeps("AmazonEC2", "Compute Instance", attributes["usagetype"], attributes)


def test_older_products_without_capacitystatus_or_marketoption_are_kept() -> None:
    attributes = {k: v for k, v in M5_ATTRIBUTES.items() if k not in ("capacitystatus", "marketoption")}
    assert keeps("AmazonEC2", "Compute Instance", attributes["usagetype"], attributes)


def test_only_the_used_capacity_row_is_kept_not_the_capacity_reservation_rows(tmp_path: Path) -> None:
    path = write_offer(
        tmp_path / "ec2.json",
        {
            "USED": ("Compute Instance", m5(), "0.0960000000"),
            "UNUSED": (
                "Compute Instance",
                m5(capacitystatus="UnusedCapacityReservation", usagetype="UnusedBox:m5.large"),
                "0.0960000000",
            ),
            "ALLOCATED": (
                "Compute Instance",
                m5(capacitystatus="AllocatedCapacityReservation", usagetype="Reservation:m5.large"),
                "0.0000000000",
            ),
        },
    )
    assert kept_skus(path) == {"USED"}


def test_a_zero_dollar_capacity_block_row_is_not_taken_for_the_on_demand_price(tmp_path: Path) -> None:
    path = write_offer(
        tmp_path / "ec2.json",
        {
            "ONDEMAND": ("Compute Instance", m5(), "0.0960000000"),
            "BLOCK": ("Compute Instance", m5(marketoption="CapacityBlock"), "0.0000000000"),
        },
    )
    _, records = read(path, "us-east-1")
    book = MemoryPriceSource()
    book.add("AmazonEC2", "us-east-1", records)
    assert price(book, instance_query("us-east-1", "m5.large"), D(1)).unit_price == D("0.096")
    assert {r.sku for r in records} == {"ONDEMAND"}


def test_dedicated_instances_are_kept_but_zero_dollar_dedicated_host_rows_are_not(tmp_path: Path) -> None:
    path = write_offer(
        tmp_path / "ec2.json",
        {
            "DEDICATED": ("Compute Instance", m5(tenancy="Dedicated", usagetype="DedicatedUsage:m5.large"), "0.106"),
            "HOST": ("Compute Instance", m5(tenancy="Host", usagetype="HostBoxUsage:m5.large"), "0.0000000000"),
        },
    )
    assert kept_skus(path) == {"DEDICATED"}


def test_sql_server_and_bring_your_own_license_variants_are_not_kept(tmp_path: Path) -> None:
    path = write_offer(
        tmp_path / "ec2.json",
        {
            "LINUX": ("Compute Instance", m5(), "0.096"),
            "SQLSTD": ("Compute Instance", m5(preInstalledSw="SQL Std", operation="RunInstances:0004"), "0.496"),
            "BYOL": (
                "Compute Instance",
                m5(operatingSystem="Windows", licenseModel="Bring your own license", operation="RunInstances:0800"),
                "0.096",
            ),
        },
    )
    assert kept_skus(path) == {"LINUX"}


def test_a_product_with_only_a_region_code_is_kept_for_that_region_only(tmp_path: Path) -> None:
    attributes = m5(regionCode="eu-west-1", usagetype="EU-BoxUsage:m5.large")
    del attributes["location"]
    path = write_offer(tmp_path / "ec2.json", {"IRELAND": ("Compute Instance", attributes, "0.107")})
    assert kept_skus(path, "eu-west-1") == {"IRELAND"}
    assert kept_skus(path, "us-east-1") == set()


def test_the_region_code_decides_when_the_location_name_is_unknown(tmp_path: Path) -> None:
    attributes = m5(regionCode="eu-west-1", location="Europe (Dublin, renamed)", usagetype="EU-BoxUsage:m5.large")
    path = write_offer(tmp_path / "ec2.json", {"IRELAND": ("Compute Instance", attributes, "0.107")})
    assert kept_skus(path, "eu-west-1") == {"IRELAND"}
    assert kept_skus(path, "us-east-1") == set()


def test_eu_and_europe_spellings_of_ireland_both_mean_eu_west_1(tmp_path: Path) -> None:
    path = write_offer(
        tmp_path / "ec2.json",
        {
            "OLDNAME": (
                "Compute Instance",
                m5(location="EU (Ireland)", usagetype="EU-BoxUsage:m5.large", instanceType="m5.large"),
                "0.107",
            ),
            "NEWNAME": (
                "Compute Instance",
                m5(location="Europe (Ireland)", usagetype="EU-BoxUsage:m5.xlarge", instanceType="m5.xlarge"),
                "0.214",
            ),
        },
    )
    assert kept_skus(path, "eu-west-1") == {"OLDNAME", "NEWNAME"}
    assert kept_skus(path, "us-east-1") == set()


def test_rds_instances_say_no_license_required_in_lower_case_and_byol_is_not_kept() -> None:
    rds_file = FIXTURES / "getproducts-items_AmazonRDS_mysql_db.r4.large_multi-az_ap-northeast-1_2018-10.json"
    [item] = json.loads(rds_file.read_text())
    attributes = item["product"]["attributes"]
    assert attributes["licenseModel"] == "No license required"
    assert keeps("AmazonRDS", "Database Instance", attributes["usagetype"], attributes)
    byol = {**attributes, "licenseModel": "Bring your own license"}
    assert not keeps("AmazonRDS", "Database Instance", byol["usagetype"], byol)


# -- the complete 2016 AWSLambda file, all regions --------------------------------------------------------


def test_an_all_regions_lambda_file_gives_only_the_asked_regions_prices() -> None:
    meta, records = read(LAMBDA_2016, "us-east-1")
    assert (meta.version, meta.publication_date) == ("20161207235208", "2016-12-07T23:52:08Z")
    assert {(r.sku, r.usage_type, r.unit, r.price) for r in records} == {
        ("GU2ZS9HVP6QTQ7KE", "Request", "Requests", D("0.0000002")),
        ("TG3M4CAGBA3NYQBH", "Lambda-GB-Second", "seconds", D("0.0000166667")),
    }
    _, ireland = read(LAMBDA_2016, "eu-west-1")
    assert {(r.sku, r.usage_type) for r in ireland} == {
        ("B5V2RNHAWGVJBZD3", "EU-Request"),
        ("SGGKTWDV7PGMPPSJ", "EU-Lambda-GB-Second"),
    }


def test_free_tier_skus_for_any_region_reach_the_selection_and_are_not_kept() -> None:
    free_tier = {"ZQVCC2M69R4S79XS", "4VCGJ7EG8PJVZG7S"}  # location "Any", Global-… usage, term A429C66SYZ
    _, everything = read(LAMBDA_2016, "us-east-1", keep=keep_everything)
    assert free_tier <= {r.sku for r in everything}
    assert {r.rate_code.split(".")[1] for r in everything if r.sku in free_tier} == {"A429C66SYZ"}
    for region in ("us-east-1", "eu-west-1", "ap-northeast-1"):
        _, records = read(LAMBDA_2016, region)
        assert not free_tier & {r.sku for r in records}


def test_the_lambda_file_reports_its_progress_in_products_read() -> None:
    seen: list[int] = []
    read(LAMBDA_2016, "us-east-1", on_progress=seen.append)
    assert seen[-1] == 403


def test_embedded_data_transfer_out_is_tiered_and_priced_tier_by_tier() -> None:
    _, records = read(LAMBDA_2016, "us-east-1", keep=keep_data_transfer)
    out = [r for r in records if r.usage_type == "DataTransfer-Out-Bytes"]
    assert {r.sku for r in out} == {"HQEH3ZWJVT46JHRG"}
    tiers = sorted((r.begin_range, r.end_range, r.price) for r in out)
    assert tiers == [
        (D(0), D(1), D(0)),
        (D(1), D(10240), D("0.09")),
        (D(10240), D(51200), D("0.085")),
        (D(51200), D(153600), D("0.07")),
        (D(153600), None, D("0.05")),
    ]
    cost, _ = tiered_cost(out, D(20480))  # 1 GB free, 10 239 GB at $0.09, 10 240 GB at $0.085
    assert cost == D("1791.91")


def test_govcloud_data_transfer_in_an_all_regions_file_is_not_taken_for_us_east_1() -> None:
    # The file also holds "AWS GovCloud (US)" products: UGW1-DataTransfer-Out-Bytes at $0.155/GB.
    _, records = read(LAMBDA_2016, "us-east-1", keep=keep_data_transfer)
    assert {r.sku for r in records} == {"HQEH3ZWJVT46JHRG", "PNUBVW4CPC8XA46W"}
    book = MemoryPriceSource()
    book.add("AWSDataTransfer", "us-east-1", records)
    egress = query("AWSDataTransfer", "us-east-1", family="Data Transfer", usage="DataTransfer-Out-Bytes")
    assert price(book, egress, D(100)).monthly_cost == D("8.91")  # 1 GB free, 99 GB at $0.09


# -- dirty input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fraction", [0.01, 0.05, 0.3, 0.6, 0.9, 0.999])
def test_a_truncated_file_is_refused_wherever_it_was_cut(tmp_path: Path, fraction: float) -> None:
    whole = LYFT_C4.read_bytes()
    cut = tmp_path / "cut.json"
    cut.write_bytes(whole[: int(len(whole) * fraction)])
    with pytest.raises(OfferError):
        read(cut, "us-east-1")


def test_a_truncated_all_regions_file_is_refused(tmp_path: Path) -> None:
    whole = LAMBDA_2016.read_bytes()
    cut = tmp_path / "cut.json"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(OfferError, match="ends early or is malformed"):
        read(cut, "us-east-1")


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    with pytest.raises(OfferError):
        read(empty, "us-east-1")


@pytest.mark.parametrize(
    ("good", "bad"),
    [
        ('"endRange": "Inf",', '"endRange": "Inf",,'),
        ('"USD": "0.1000000000"', '"USD": 0.1000000000"'),
        ('"terms": {', '"terms": ['),
    ],
)
def test_malformed_json_is_refused(tmp_path: Path, good: str, bad: str) -> None:
    text = LYFT_C4.read_text()
    assert good in text
    broken = tmp_path / "broken.json"
    broken.write_text(text.replace(good, bad, 1))
    with pytest.raises(OfferError):
        read(broken, "us-east-1")


@pytest.mark.parametrize("bad_price", ["v000000", "NaN", "-0.0100000000", "", "Infinity", "1e400x", None, True])
def test_a_price_that_is_not_a_non_negative_number_is_refused_naming_its_place(tmp_path: Path, bad_price: Any) -> None:
    data = json.loads(LYFT_C4.read_text())
    term = data["terms"]["OnDemand"]["4C7N4APU9GEUZ6H6"]["4C7N4APU9GEUZ6H6.JRTCKXETXF"]
    term["priceDimensions"]["4C7N4APU9GEUZ6H6.JRTCKXETXF.6YS6EN2CT7"]["pricePerUnit"]["USD"] = bad_price
    dirty = tmp_path / "dirty.json"
    dirty.write_text(json.dumps(data))
    with pytest.raises(OfferError, match=r"4C7N4APU9GEUZ6H6\.JRTCKXETXF\.6YS6EN2CT7: price"):
        read(dirty, "us-east-1")


def test_a_tier_bound_that_is_not_a_number_is_refused(tmp_path: Path) -> None:
    dirty = tmp_path / "dirty.json"
    dirty.write_text(LYFT_C4.read_text().replace('"beginRange": "0"', '"beginRange": "zero"', 1))
    with pytest.raises(OfferError, match="range bound 'zero'"):
        read(dirty, "us-east-1")


@pytest.mark.parametrize("missing", ["offerCode", "version"])
def test_a_file_without_offer_code_or_version_is_not_an_offer_file(tmp_path: Path, missing: str) -> None:
    data = json.loads(LYFT_C4.read_text())
    del data[missing]
    headless = tmp_path / "headless.json"
    headless.write_text(json.dumps(data))
    with pytest.raises(OfferError, match=f"has no {missing}"):
        read_offer(headless, region="us-east-1")


def test_a_file_of_another_offer_than_expected_is_refused() -> None:
    with pytest.raises(OfferError, match="offer AmazonEC2 where AWSLambda was expected"):
        read_offer(LYFT_C4, region="us-east-1", expected_offer="AWSLambda")


def test_a_file_without_products_or_terms_is_refused(tmp_path: Path) -> None:
    data = json.loads(LYFT_C4.read_text())
    no_terms = tmp_path / "no-terms.json"
    no_terms.write_text(json.dumps({**data, "terms": {}}))
    with pytest.raises(OfferError, match="no terms"):
        read(no_terms, "us-east-1")
    no_products = tmp_path / "no-products.json"
    no_products.write_text(json.dumps({**data, "products": {}}))
    with pytest.raises(OfferError, match="no products"):
        read(no_products, "us-east-1")


def test_a_product_in_a_place_the_region_table_does_not_know_is_left_out(tmp_path: Path) -> None:
    from designer.pricing.offer_file import _in_region

    assert _in_region({"location": "US East (N. Virginia)"}, "us-east-1")
    assert not _in_region({"location": "Moon Base (Tranquility)"}, "us-east-1")
    assert _in_region({"location": "Any"}, "us-east-1")  # kept or dropped by the selection rules instead
    assert _in_region({}, "us-east-1")


# -- reading each section once ----------------------------------------------------------------------------


def _reference_records(path: Path, region: str) -> list[Any]:
    """The records read the plain way: every section parsed from the top of the file."""
    import ijson

    from designer.pricing import offer_file
    from designer.pricing.selection import keeps, kept_attributes

    meta, _ = offer_file.read_offer(path, region=region)
    kept = {}
    with path.open("rb") as handle:
        for sku, product in ijson.kvitems(handle, "products", use_float=False):
            item = offer_file._product(sku, product)
            if offer_file._in_region(item.attributes, region) and keeps(
                meta.offer_code, item.family, item.usage_type, item.attributes
            ):
                item.attributes = kept_attributes(item.attributes)
                kept[sku] = item
    out = []
    for term_type in offer_file.TERM_TYPES:
        with path.open("rb") as handle:
            for sku, offers in ijson.kvitems(handle, f"terms.{term_type}", use_float=False):
                if sku in kept:
                    out.extend(offer_file._term_records(sku, kept[sku], term_type, offers))
    return out


@pytest.mark.parametrize("slack", [0, 300, 5000, 16 << 20])
def test_stopping_each_pass_early_reads_exactly_the_records_of_full_passes(tmp_path: Path, slack: int) -> None:
    import importlib.util
    import sys

    from designer.pricing import offer_file

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("gen_offer_file", root / "bench" / "gen_offer_file.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    sys.modules["gen_offer_file"] = generator
    spec.loader.exec_module(generator)
    synthetic = tmp_path / "ec2.json"
    generator.write_offer_file(synthetic, 3 << 20, seed=7, progress=False)
    cases = [(synthetic, "us-east-1"), (LAMBDA_2016, "us-east-1"), (LYFT_C4, "us-east-1")]
    for path, region in cases:
        meta, _ = offer_file.read_offer(path, region=region)
        fast = list(offer_file._records(path, meta, offer_file.keeps, None, slack=slack))
        reference = _reference_records(path, region)
        assert fast == reference, path.name
        assert any(r.term_type == "Reserved" for r in fast) or "Lambda" in path.name
