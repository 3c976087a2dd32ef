"""Cost-saving suggestions, priced from the bundled price snapshot (real us-east-1 list prices, data/aws-facts):
each saving checked against the figure computed by hand from those prices."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import pytest

from designer.advice import apply_fix
from designer.advice.savings import Suggestion, suggest
from designer.pricing.charges import PricingSettings
from tests.engines.design_builders import doc, edge, loaded, node
from tests.pricing.price_books import bundled_book, vpc


def settings_of(document: Mapping[str, Any]) -> PricingSettings:
    design = document.get("settings") or {}
    return PricingSettings(pricing_model=design.get("pricing_model", "on_demand"), spot_discount=Decimal("0.6"))


def suggestions(*nodes: Any, edges: Any = (), **top: Any) -> dict[str, Suggestion]:
    document = doc(*vpc(), *nodes, edges=edges, **top)
    return {s.id: s for s in suggest(document, bundled_book(), settings_of)}


def saving(found: dict[str, Suggestion], key: str) -> str:
    return str(found[key].monthly_saving.quantize(Decimal("0.01")))


def test_graviton_saves_the_hourly_difference_per_instance() -> None:
    found = suggestions(node("web", "aws.ec2.instance", "private-a", instance_type="m6i.large", count=3))
    # m6i.large $0.096/h, m6g.large $0.077/h: 0.019 x 730 h = $13.87 an instance, three of them.
    assert saving(found, "graviton:web") == "41.61"
    assert "($13.87 per instance)" in found["graviton:web"].as_dict()["message"]


def test_windows_instances_and_sql_server_are_not_moved_to_graviton() -> None:
    found = suggestions(
        node("win", "aws.ec2.instance", "private-a", instance_type="m6i.large", os="windows"),
        node(
            "db",
            "aws.rds.instance",
            "vpc",
            engine="sqlserver-se",
            instance_class="db.m5.large",
            subnets=["private-a", "private-b"],
            multi_az=True,
        ),
    )
    assert "graviton:win" not in found and "graviton:db" not in found


def test_a_reserved_commitment_keeps_the_best_purchase_option_of_each_term() -> None:
    found = suggestions(node("web", "aws.ec2.instance", "private-a", instance_type="m5.large"))
    # m5.large $0.096/h on demand = $70.08; 1-year all upfront $494 / 12 = $41.17; 3-year all upfront $949 / 36.
    assert saving(found, "commitment-1y:web") == "28.91"
    assert saving(found, "commitment-3y:web") == "43.72"
    assert found["commitment-3y:web"].candidate.fix.changes[0].value == "reserved_3y_all_upfront"


def test_gp2_volumes_move_to_gp3() -> None:
    found = suggestions(node("data", "aws.ebs.volume", "private-a", volume_type="gp2", size_gb=500, iops=1500))
    # 500 GB x ($0.10 - $0.08); gp3 keeps gp2's 1,500 baseline IOPS within its free 3,000.
    assert saving(found, "gp3:data") == "10.00"


def test_spot_above_the_minimum_is_labelled_an_estimate() -> None:
    found = suggestions(
        node(
            "asg",
            "aws.autoscaling.group",
            "vpc",
            instance_types=["m6i.large"],
            min_size=2,
            desired_capacity=5,
            max_size=8,
            subnets=["private-a", "private-b"],
        ),
    )
    spot = found["spot:asg"]
    # Three instances above the minimum at the assumed 60 % Spot discount: 3 x $70.08 x 0.6.
    assert saving(found, "spot:asg") == "126.14"
    assert spot.candidate.is_estimate and spot.as_dict()["message"].endswith(", an estimate.")


def test_a_gateway_endpoint_saves_the_nat_processing_of_the_traffic_it_carries() -> None:
    found = suggestions(
        node("nat", "aws.vpc.nat_gateway", "public-a"),
        node("app", "aws.ec2.instance", "private-a", instance_type="t4g.micro", pricing_model="savings_plan_3y"),
        node("bucket", "aws.s3.bucket"),
        edges=[edge("reads", "app", "bucket", usage={"data_gb_month": 1000})],
    )
    # 1,000 GB a month through the NAT gateway at $0.045/GB of data processing.
    assert saving(found, "gateway-endpoint:vpc:s3") == "45.00"
    document = doc(*vpc(), node("nat", "aws.vpc.nat_gateway", "public-a"))
    fixed = apply_fix(document, found["gateway-endpoint:vpc:s3"].candidate.fix)
    assert loaded(fixed)  # the added endpoint makes a valid design


def test_a_change_the_price_data_cannot_price_is_not_offered_as_a_saving() -> None:
    found = suggestions(node("cache", "aws.elasticache.cluster", "vpc", subnets=["private-a", "private-b"]))
    # The snapshot has no reserved rates for cache nodes: pricing them so would leave them unpriced, which must not
    # read as a saving.
    assert not [key for key in found if key.startswith("commitment") and key.endswith(":cache")]


@pytest.mark.parametrize("name", ["three-tier-web-app", "serverless-event-driven", "hybrid-connectivity"])
def test_every_suggestion_on_the_examples_applies_to_a_valid_design(name: str) -> None:
    from tests.conftest import example

    document = example(name)
    for suggestion in suggest(document, bundled_book(), settings_of):
        assert suggestion.monthly_saving > 0
        loaded(apply_fix(document, suggestion.candidate.fix))


def test_a_lifecycle_rule_moves_the_rarely_read_share_to_standard_ia() -> None:
    found = suggestions(
        node("logs", "aws.s3.bucket", usage={"storage_gb": 1000, "rarely_read_percent": 60}),
        node("hot", "aws.s3.bucket", usage={"storage_gb": 1000}),
    )
    # 600 GB x (Standard $0.023 - Standard-IA $0.0125) a GB-month.
    assert saving(found, "s3-lifecycle:logs") == "6.30"
    assert found["s3-lifecycle:logs"].candidate.is_estimate and "s3-lifecycle:hot" not in found


def test_an_idle_instance_is_offered_the_next_size_down() -> None:
    found = suggestions(
        node("idle", "aws.ec2.instance", "private-a", instance_type="m6i.xlarge", usage={"average_cpu_percent": 6}),
        node("busy", "aws.ec2.instance", "private-a", instance_type="m6i.xlarge", usage={"average_cpu_percent": 45}),
        node("no-smaller", "aws.ec2.instance", "private-a", instance_type="m5.large", usage={"average_cpu_percent": 3}),
    )
    # m6i.xlarge $0.192/h, m6i.large $0.096/h: 0.096 x 730 h; m5 has no medium size to move to.
    assert saving(found, "right-size:idle") == "70.08"
    assert "right-size:busy" not in found and "right-size:no-smaller" not in found


def test_a_savings_plan_is_chosen_when_it_beats_every_reserved_option() -> None:
    from designer.pricing.book import MemoryPriceSource
    from tests.pricing.price_books import record

    # No sourced Savings Plans rate exists (the bundled data has none): these rates are made up, as in
    # tests/pricing/test_tiers.py, and the test checks which option wins and the arithmetic.
    instance = {
        "instanceType": "m5.large",
        "operatingSystem": "Linux",
        "tenancy": "Shared",
        "preInstalledSw": "NA",
        "licenseModel": "No License required",
    }
    common = {"service": "AmazonEC2", "family": "Compute Instance", "usage": "BoxUsage:m5.large", "unit": "Hrs"}
    plan = {**common, "family": "ComputeSavingsPlans", "term_type": "SavingsPlan", "purchase_option": "No Upfront"}
    source = MemoryPriceSource()
    source.add("AmazonEC2", "us-east-1", [record("0.096", sku="OD", attributes=instance, **common)])
    source.add(
        "AWSComputeSavingsPlan",
        "us-east-1",
        [
            record("0.068", sku="P1", discounted_sku="OD", lease_length="1yr", **plan),
            record("0.047", sku="P3", discounted_sku="OD", lease_length="3yr", **plan),
        ],
    )
    document = doc(*vpc(), node("web", "aws.ec2.instance", "private-a", instance_type="m5.large"))
    found = {s.id: s for s in suggest(document, source, settings_of)}
    # (0.096 - 0.068) x 730 and (0.096 - 0.047) x 730; the reserved options have no rates here and are dropped.
    assert saving(found, "commitment-1y:web") == "20.44"
    assert saving(found, "commitment-3y:web") == "35.77"
    assert found["commitment-1y:web"].candidate.fix.changes[0].value == "savings_plan_1y"
    assert "a 1-year Compute Savings Plan" in found["commitment-1y:web"].as_dict()["message"]
