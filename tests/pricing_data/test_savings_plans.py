"""Reading Compute Savings Plans region files (FORMAT.md 1.6). The fixture is ligoj's hand-edited test data:
it is used for its structure (list-shaped products and terms, EC2 Instance Savings Plans mixed in,
`_not_found_` SKUs, rates for services the estimators do not price with plans), never for its prices."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from designer.pricing.records import OfferError, PriceRecord
from designer.pricing.savings_plans import read_savings_plans
from tests.pricing_data.conftest import LIGOJ_SAVINGS_PLANS

D = Decimal


def read(path: Path) -> list[PriceRecord]:
    _, records = read_savings_plans(path, region="eu-west-1")
    return list(records)


def edited(tmp_path: Path, change: Any) -> Path:
    data = json.loads(LIGOJ_SAVINGS_PLANS.read_text())
    change(data)
    path = tmp_path / "plans.json"
    path.write_text(json.dumps(data, indent=1))
    return path


def rate(data: dict[str, Any], sku: str, usage_type: str) -> dict[str, Any]:
    [term] = [t for t in data["terms"]["savingsPlan"] if t["sku"] == sku]
    [found] = [r for r in term["rates"] if r["discountedUsageType"] == usage_type]
    return found


def test_the_header_gives_version_and_publication_date() -> None:
    meta, _ = read_savings_plans(LIGOJ_SAVINGS_PLANS, region="eu-west-1", source_url="http://x/sp.json")
    assert (meta.offer_code, meta.version, meta.publication_date) == (
        "AWSComputeSavingsPlan",
        "20200220220300",
        "2020-02-20T22:03:00Z",
    )
    assert (meta.region, meta.source_url) == ("eu-west-1", "http://x/sp.json")


def test_only_compute_savings_plan_rates_for_instance_hours_and_fargate_are_kept() -> None:
    kept = {
        (r.sku, r.lease_length, r.purchase_option, r.discounted_sku, r.usage_type, r.service_code, r.unit)
        for r in read(LIGOJ_SAVINGS_PLANS)
    }
    assert kept == {
        ("8GU23DFTKP2N43SD", "1yr", "All Upfront", "HB5V2X8TXQUTDZBV", "EUW1-BoxUsage:c1.medium", "AmazonEC2", "Hrs"),
        (
            "8GU23DFTKP2N43SD",
            "1yr",
            "All Upfront",
            "K4EXFQ5YFQCP98EN",
            "EU-Fargate-vCPU-Hours:perCPU",
            "AmazonECS",
            "Hrs",
        ),
        (
            "ZGC49G7XS8QA54BQ",
            "3yr",
            "No Upfront",
            "K4EXFQ5YFQCP98EN",
            "EU-Fargate-vCPU-Hours:perCPU",
            "AmazonECS",
            "Hrs",
        ),
        ("ZGC49G7XS8QA54BQ", "3yr", "No Upfront", "UP5ETC3QSW2QZGEY", "EU-Fargate-GB-Hours", "AmazonECS", "Hrs"),
    }


def test_every_kept_rate_is_a_savings_plan_record_naming_the_sku_it_discounts() -> None:
    for record in read(LIGOJ_SAVINGS_PLANS):
        assert record.term_type == "SavingsPlan"
        assert record.product_family == "ComputeSavingsPlans"
        assert record.discounted_sku and record.discounted_sku != "_not_found_"
        assert record.attributes == {"purchaseTerm": record.lease_length, "purchaseOption": record.purchase_option}


def test_ec2_instance_savings_plans_lambda_and_unknown_usage_rates_are_dropped() -> None:
    records = read(LIGOJ_SAVINGS_PLANS)
    assert "7DVU5XBSTGHBTJUV" not in {r.sku for r in records}  # an EC2 Instance Savings Plan
    assert not [r for r in records if r.service_code in ("AWSLambda", "AmazonIGNORE")]
    assert "EUW3-Unused:c1.medium" not in {r.usage_type for r in records}


def test_a_rate_whose_discounted_sku_was_not_found_is_dropped(tmp_path: Path) -> None:
    def lose_the_sku(data: dict[str, Any]) -> None:
        rate(data, "8GU23DFTKP2N43SD", "EUW1-BoxUsage:c1.medium")["discountedSku"] = "_not_found_"

    records = read(edited(tmp_path, lose_the_sku))
    assert "EUW1-BoxUsage:c1.medium" not in {r.usage_type for r in records}
    assert len(records) == 3


def test_a_file_without_publication_date_is_refused(tmp_path: Path) -> None:
    path = edited(tmp_path, lambda data: data.pop("publicationDate"))
    with pytest.raises(OfferError, match="has no publicationDate"):
        read_savings_plans(path, region="eu-west-1")


def test_a_file_with_no_compute_savings_plan_is_refused(tmp_path: Path) -> None:
    def only_instance_plans(data: dict[str, Any]) -> None:
        data["products"] = [p for p in data["products"] if p["productFamily"] != "ComputeSavingsPlans"]

    with pytest.raises(OfferError, match="no Compute Savings Plans products"):
        read(edited(tmp_path, only_instance_plans))


@pytest.mark.parametrize("bad_price", ["v000000", "NaN", "-0.01", None])
def test_a_kept_rate_that_is_not_a_number_is_refused(tmp_path: Path, bad_price: Any) -> None:
    def spoil(data: dict[str, Any]) -> None:
        rate(data, "ZGC49G7XS8QA54BQ", "EU-Fargate-GB-Hours")["discountedRate"]["price"] = bad_price

    with pytest.raises(OfferError, match=r"ZGC49G7XS8QA54BQ.*price"):
        read(edited(tmp_path, spoil))


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.95])
def test_a_truncated_savings_plans_file_is_refused(tmp_path: Path, fraction: float) -> None:
    whole = LIGOJ_SAVINGS_PLANS.read_bytes()
    cut = tmp_path / "cut.json"
    cut.write_bytes(whole[: int(len(whole) * fraction)])
    with pytest.raises(OfferError):
        read(cut)
