"""The three shipped examples (examples/*.json) estimated with the bundled snapshot, against totals computed by
hand from the facts.

Each node's monthly cost is written out below with the fact ids it uses (data/aws-facts/reference-prices.json
mirrors REFERENCE-PRICES.md; the rest are in data/aws-facts/list-prices.json). 730 hours a month, on-demand,
us-east-1, as the examples' settings say. Usage figures the examples leave out are the catalog's defaults.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest

from designer.document import load
from designer.graph import build
from designer.pricing.charges import PricingSettings
from designer.pricing.estimate import Estimate
from tests.engines.design_builders import EXAMPLES
from tests.pricing.price_books import priced

H = Decimal(730)
CENT = Decimal("0.01")


def d(value: str | int) -> Decimal:
    return Decimal(value)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# -- three-tier-web-app ------------------------------------------------------------------------------------
THREE_TIER = {
    # route53.hosted_zone_month $0.50 + 1M queries (default) × route53.queries_million $0.40
    "dns": d("0.50") + d("0.40"),
    # 100 GB (default) × cloudfront.us_tier1_gb $0.085 + 1M HTTPS requests (default) × cloudfront.https_requests_10k
    # $0.01 per 10k
    "cdn": 100 * d("0.085") + 100 * d("0.01"),
    # nat.hour 730 × $0.045 + ec2.public_ipv4_hour 730 × $0.005 (its Elastic IP); no data of its own
    "nat-a": H * d("0.045") + H * d("0.005"),
    "nat-b": H * d("0.045") + H * d("0.005"),
    # alb.hour 730 × $0.0225 + LCUs: max(10/25, 100/3000, 1 GB/h, 10/1000) = 1 LCU × 730 × alb.lcu_hour $0.008
    "alb": H * d("0.0225") + 1 * H * d("0.008"),
    # Fargate Arm, 2 tasks × 0.5 vCPU × 730 × fargate.arm_vcpu_hour $0.03238 + 2 × 1 GB × 730 × fargate.arm_gb_hour
    # $0.00356
    "web": 2 * d("0.5") * H * d("0.03238") + 2 * 1 * H * d("0.00356"),
    # 2 × db.r6g.large × 730 × aurora.instance_hour.db.r6g.large.aurora-postgresql $0.26 (confidence low)
    # + 100 GB (default) × aurora.storage_gb_month $0.10 + 10M I/O (default) × aurora.io_million $0.20
    "db": 2 * H * d("0.26") + 100 * d("0.10") + 10 * d("0.20"),
    # 1 shard + 1 replica = 2 × 730 × elasticache.node_hour.cache.t4g.medium.redis $0.065 (confidence low)
    "cache": 2 * H * d("0.065"),
    # 50 GB × s3.standard_gb_month.tier1 $0.023 + 10,000 PUT × s3.put_request $0.000005 + 100,000 GET ×
    # s3.get_request $0.0000004 (defaults)
    "assets": 50 * d("0.023") + 10_000 * d("0.000005") + 100_000 * d("0.0000004"),
    # 10 GB ingested × logs.ingest_gb $0.50 + 10 GB stored × logs.storage_gb_month $0.03 (defaults)
    "logs": 10 * d("0.50") + 10 * d("0.03"),
    # secretsmanager.secret_month $0.40 + 10,000 calls × secretsmanager.api_calls_10k $0.05 per 10k
    "secret": d("0.40") + d("0.05"),
}
# The only connection with data, web -> db (50 GB), stays within zones: both span us-east-1a and us-east-1b.

# -- serverless-event-driven -------------------------------------------------------------------------------
# Lambda: lambda.request $0.20 per 1M; Arm duration lambda.arm_gb_second.tier1 $0.0000133334 per GB-second.
# GB-seconds = requests × duration (s) × memory (GB).
SERVERLESS = {
    # 5M × apigw.http_requests_million $1.00
    "api": 5 * d("1.00"),
    # 5M requests; 5M × 0.12 s × 0.5 GB = 300,000 GB-s
    "orders-fn": 5 * d("0.20") + 300_000 * d("0.0000133334"),
    # 1M RRU × dynamodb.read_request_unit $0.125/M + 1M WRU × dynamodb.write_request_unit $0.625/M; 1 GB storage
    # is inside the free 25 GB (dynamodb.storage_gb_month)
    "orders": d("0.125") + d("0.625") + 0,
    # 500 GB × s3.standard_gb_month.tier1 $0.023 + 10,000 PUT × $0.000005 + 100,000 GET × $0.0000004
    "uploads": 500 * d("0.023") + d("0.05") + d("0.04"),
    # 200,000 requests; 200,000 × 0.8 s × 1 GB = 160,000 GB-s (Arm is the catalog's default architecture)
    "thumbs-fn": d("0.2") * d("0.20") + 160_000 * d("0.0000133334"),
    # 1M custom events × eventbridge.custom_events_million $1.00
    "bus": d("1.00"),
    # 100,000 executions × 10 transitions = 1M transitions × sfn.standard_transitions_1k $0.025 per 1,000
    "workflow": 1000 * d("0.025"),
    # defaults: 1M requests; 1M × 0.2 s × 0.5 GB = 100,000 GB-s
    "charge-fn": d("0.20") + 100_000 * d("0.0000133334"),
    "ship-fn": d("0.20") + 100_000 * d("0.0000133334"),
    # 1M requests × sqs.standard_requests_million $0.40
    "queue": d("0.40"),
    # 10 GB × logs.ingest_gb $0.50 + 10 GB × logs.storage_gb_month $0.03
    "logs": 10 * d("0.50") + 10 * d("0.03"),
}

# -- hybrid-connectivity -----------------------------------------------------------------------------------
HYBRID = {
    # vpn.connection_hour 730 × $0.05 + 100 GB (default) × dto.tier1_gb $0.09
    "vpn": H * d("0.05") + 100 * d("0.09"),
    # dedicated 1 Gbps port: 730 × dx.port_hour_1g $0.30 + 1,000 GB (default) × dx.data_out_gb $0.02
    "dx": H * d("0.30") + 1000 * d("0.02"),
    # 4 attachments (vpc-shared, vpc-app, vpn, dx) × 730 × tgw.attachment_hour $0.05 + 100 GB (default) ×
    # tgw.data_gb $0.02
    "tgw": 4 * H * d("0.05") + 100 * d("0.02"),
    # route53.hosted_zone_month $0.50 + 1M queries × route53.queries_million $0.40
    "zone": d("0.50") + d("0.40"),
    # 2 AZs × 730 × vpc.interface_endpoint_hour $0.01 + 10 GB (default) × vpc.interface_endpoint_gb $0.01
    "endpoint": 2 * H * d("0.01") + 10 * d("0.01"),
    # 730 × dms.t2_micro_hour $0.018; its 50 GB of storage is unpriced (dms.storage_gb_month is "unknown")
    "dms": H * d("0.018"),
    # db.t4g.medium PostgreSQL Multi-AZ 730 × rds.instance_hour.db.t4g.medium.postgres.multi $0.130 (confidence
    # low) + 100 GB gp3 (default) × rds.gp3_gb_month_multi_az $0.23
    "db": H * d("0.130") + 100 * d("0.23"),
    # alb.hour 730 × $0.0225 + 1 LCU (defaults, as above) × 730 × alb.lcu_hour $0.008
    "alb": H * d("0.0225") + H * d("0.008"),
    # 2 × m6i.large × 730 × $0.096 (REFERENCE-PRICES.md §1, karpenter) + 2 × 20 GB gp3 × ebs.gp3_gb_month $0.08
    "asg": 2 * H * d("0.096") + 2 * 20 * d("0.08"),
    # secretsmanager.secret_month $0.40 + 10,000 calls × $0.05 per 10k
    "secret": d("0.40") + d("0.05"),
}
# The only connection with data, dms -> db (200 GB), stays in vpc-shared and both span the same two zones.

CASES = {
    "three-tier-web-app": (THREE_TIER, d("627.99"), []),
    "serverless-event-driven": (SERVERLESS, d("59.28"), []),
    "hybrid-connectivity": (
        HYBRID,
        d("745.22"),
        [("dms", None, "Storage", "no price for AWSDatabaseMigrationSvc in us-east-1 (StorageUsage)")],
    ),
}
FREE = {
    "three-tier-web-app": {
        "users",
        "region",
        "vpc",
        "igw",
        "az-a",
        "public-a",
        "app-a",
        "data-a",
        "az-b",
        "public-b",
        "app-b",
        "data-b",
        "ecs",
    },
    "serverless-event-driven": {"users", "region", "rule"},
    "hybrid-connectivity": {
        "dc",
        "region",
        "vpc-shared",
        "shared-az-a",
        "shared-a",
        "shared-az-b",
        "shared-b",
        "vpc-app",
        "app-az-a",
        "app-a",
        "app-az-b",
        "app-b",
    },
}


def estimated(name: str) -> Estimate:
    result = load((EXAMPLES / f"{name}.json").read_bytes())
    assert result.document is not None
    return priced(build(result.document), PricingSettings())


@pytest.mark.parametrize("name", CASES)
def test_an_example_costs_its_hand_computed_total(name: str) -> None:
    by_node, total, _ = CASES[name]
    result = estimated(name)

    assert cents(sum(by_node.values(), Decimal(0))) == total  # the table adds up to the stated total
    assert cents(result.total_monthly) == total
    assert result.as_dict()["total_monthly"] == str(total)


@pytest.mark.parametrize("name", CASES)
def test_an_example_costs_its_hand_computed_figure_for_every_node(name: str) -> None:
    by_node, _, _ = CASES[name]
    result = estimated(name)

    assert {k: cents(v) for k, v in result.by_node().items()} == {k: cents(v) for k, v in by_node.items()}


@pytest.mark.parametrize("name", CASES)
def test_an_example_lists_exactly_what_is_unpriced_and_why(name: str) -> None:
    _, _, expected = CASES[name]
    result = estimated(name)

    assert [(u.node, u.edge, u.what, u.reason) for u in result.unpriced] == expected
    assert result.missing_regions == []


@pytest.mark.parametrize("name", CASES)
def test_an_example_has_no_connection_charges_and_its_other_nodes_are_free(name: str) -> None:
    result = estimated(name)

    assert result.by_connection() == {}
    assert set(result.free) == FREE[name]


def test_an_example_names_the_publication_date_of_every_offer_it_uses() -> None:
    result = estimated("three-tier-web-app")

    # The bundled AmazonEC2 us-east-1 file (NAT gateway prices live there) carries the date of karpenter's
    # Query API table, 2026-07-20; every other bundled offer is dated 2026-11-26.
    later = "2026-11-26T00:00:00Z"
    assert result.price_data == {
        "AmazonRoute53 global": later,
        "AmazonCloudFront global": later,
        "AmazonEC2 us-east-1": "2026-07-20T13:44:30Z",
        "AmazonVPC us-east-1": later,
        "AWSELB us-east-1": later,
        "AmazonECS us-east-1": later,
        "AmazonRDS us-east-1": later,
        "AmazonElastiCache us-east-1": later,
        "AmazonS3 us-east-1": later,
        "AmazonCloudWatch us-east-1": later,
        "AWSSecretsManager us-east-1": later,
    }
    assert {line.price_date for line in result.lines if line.name == "NAT gateway hours"} == {"2026-07-20T13:44:30Z"}
    assert {line.price_date for line in result.lines if line.node == "cdn"} == {later}
