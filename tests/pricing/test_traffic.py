"""Charges for the data connections carry (an edge's usage `data_gb_month`), priced with the bundled snapshot.

Prices: REFERENCE-PRICES.md §5 (data transfer out $0.09/GB for the first 10 TB; NAT gateway $0.045/GB
processed; CloudFront United States edge $0.085/GB) and data/aws-facts/list-prices.json ec2.inter_az_gb
($0.01/GB in each direction).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from designer.pricing.traffic import edge_charges
from tests.engines.design_builders import edge, graph, node
from tests.pricing.price_books import costs, priced, vpc

BOTH_PUBLIC = ["public-a", "public-b"]
BOTH_PRIVATE = ["private-a", "private-b"]


def d(value: str | int) -> Decimal:
    return Decimal(value)


def data(gb: int) -> dict[str, Any]:
    return {"data_gb_month": gb}


def test_users_to_a_load_balancer_are_billed_as_data_transfer_out_of_its_region() -> None:
    g = graph(
        *vpc(),
        node("users", "external.users"),
        node("alb", "aws.elb.application_load_balancer", "vpc", subnets=BOTH_PUBLIC),
        edges=[edge("e1", "users", "alb", usage=data(500))],
    )

    result = priced(g)

    # §5: 500 GB × $0.09 = $45.00
    assert costs(result, "e1") == {"Data transfer out to the internet from alb": d("45.00")}
    assert result.by_connection() == {"e1": d("45.00")}
    assert [line.service for line in result.lines if line.edge == "e1"] == ["Data transfer"]


def test_internet_egress_on_a_connection_is_tiered() -> None:
    g = graph(
        *vpc(),
        node("users", "external.users"),
        node("alb", "aws.elb.application_load_balancer", "vpc", subnets=BOTH_PUBLIC),
        edges=[edge("e1", "users", "alb", usage=data(60_000))],
    )

    # §5: 10,240 × $0.09 + 40,960 × $0.085 + 8,800 × $0.07 = $921.60 + $3,481.60 + $616.00
    assert costs(priced(g), "e1") == {"Data transfer out to the internet from alb": d("5019.20")}


def test_users_to_cloudfront_are_billed_as_cloudfront_data_transfer() -> None:
    g = graph(
        node("users", "external.users"),
        node("cdn", "aws.cloudfront.distribution"),
        edges=[edge("e1", "users", "cdn", usage=data(1000))],
    )

    result = priced(g)

    # §5: CloudFront United States edge, first 10 TB: 1,000 GB × $0.085 = $85.00
    assert costs(result, "e1") == {"CloudFront data transfer out (United States edge)": d("85.00")}
    assert [line.service for line in result.lines if line.edge == "e1"] == ["Amazon CloudFront"]


def private_app_to_bucket(*extra: dict[str, Any], gb: int = 200) -> Any:
    """An instance in private subnet A sending `gb` a month to an S3 bucket, with a NAT gateway in public A."""
    return graph(
        *vpc(),
        node("nat", "aws.vpc.nat_gateway", "public-a"),
        node("app", "aws.ec2.instance", "private-a"),
        node("bucket", "aws.s3.bucket", "region"),
        *extra,
        edges=[edge("e1", "app", "bucket", usage=data(gb))],
    )


def test_traffic_from_a_private_subnet_to_s3_through_a_nat_gateway_pays_nat_processing() -> None:
    result = priced(private_app_to_bucket())

    # §5: 200 GB × $0.045 = $9.00
    assert costs(result, "e1") == {"NAT data processing through nat": d("9.00")}


def test_nat_processing_on_a_connection_is_counted_under_the_nat_gateway_s_own_service() -> None:
    """By service, a NAT gateway's hours are "Amazon VPC" (its catalog service); the data a connection sends
    through it must land in the same bucket, not split off under another service."""
    result = priced(private_app_to_bucket())

    [nat_hours] = [line for line in result.lines if line.node == "nat" and line.name == "NAT gateway hours"]
    [processing] = [line for line in result.lines if line.edge == "e1"]
    assert processing.service == nat_hours.service == "Amazon VPC"


def test_a_gateway_endpoint_routing_the_subnet_to_s3_removes_the_nat_charge() -> None:
    endpoint = node("s3-endpoint", "aws.vpc.gateway_endpoint", "vpc", service="s3", route_subnets=["private-a"])

    result = priced(private_app_to_bucket(endpoint))

    assert costs(result, "e1") == {}
    assert result.by_connection() == {}


def test_a_gateway_endpoint_without_route_subnets_routes_every_non_public_subnet() -> None:
    endpoint = node("s3-endpoint", "aws.vpc.gateway_endpoint", "vpc", service="s3")

    assert costs(priced(private_app_to_bucket(endpoint)), "e1") == {}


def test_a_gateway_endpoint_that_does_not_route_the_source_subnet_leaves_the_nat_charge() -> None:
    endpoint = node("s3-endpoint", "aws.vpc.gateway_endpoint", "vpc", service="s3", route_subnets=["private-b"])

    assert costs(priced(private_app_to_bucket(endpoint)), "e1") == {"NAT data processing through nat": d("9.00")}


def test_a_dynamodb_gateway_endpoint_does_not_carry_s3_traffic() -> None:
    endpoint = node("ddb-endpoint", "aws.vpc.gateway_endpoint", "vpc", service="dynamodb")

    assert costs(priced(private_app_to_bucket(endpoint)), "e1") == {"NAT data processing through nat": d("9.00")}


def test_the_nat_gateway_in_the_source_s_own_zone_is_the_one_crossed() -> None:
    g = graph(
        *vpc(),
        node("nat-a", "aws.vpc.nat_gateway", "public-a"),
        node("nat-b", "aws.vpc.nat_gateway", "public-b"),
        node("app", "aws.ec2.instance", "private-b"),
        node("queue", "aws.sqs.queue", "region"),
        edges=[edge("e1", "app", "queue", usage=data(100))],
    )

    assert costs(priced(g), "e1") == {"NAT data processing through nat-b": d("4.50")}


def test_traffic_from_a_public_subnet_does_not_cross_a_nat_gateway() -> None:
    g = graph(
        *vpc(),
        node("nat", "aws.vpc.nat_gateway", "public-a"),
        node("app", "aws.ec2.instance", "public-b"),
        node("bucket", "aws.s3.bucket", "region"),
        edges=[edge("e1", "app", "bucket", usage=data(200))],
    )

    assert costs(priced(g), "e1") == {}


def test_queries_forwarded_to_the_on_premises_network_do_not_cross_the_nat_gateway() -> None:
    g = graph(
        *vpc(),
        node("nat", "aws.vpc.nat_gateway", "public-a"),
        node(
            "outbound", "aws.route53resolver.endpoint", "vpc", subnets=["private-a", "private-b"], direction="OUTBOUND"
        ),
        node("dc", "external.datacenter"),
        edges=[edge("e1", "outbound", "dc", usage=data(200))],
    )

    # The on-premises network is reached over the VPN or Direct Connect, whose own charges price the transfer.
    assert costs(priced(g), "e1") == {}


def test_two_instances_in_different_zones_pay_inter_az_transfer_in_each_direction() -> None:
    g = graph(
        *vpc(),
        node("a", "aws.ec2.instance", "private-a"),
        node("b", "aws.ec2.instance", "private-b"),
        edges=[edge("e1", "a", "b", usage=data(100))],
    )

    # list-prices.json ec2.inter_az_gb: $0.01/GB out of one zone and $0.01/GB into the other: 2 × 100 × $0.01
    assert costs(priced(g), "e1") == {"Inter-AZ data transfer (100% crosses zones, both ways)": d("2.00")}


def test_a_service_spread_over_two_zones_sends_half_its_traffic_across_to_a_single_zone_target() -> None:
    g = graph(
        *vpc(),
        node("cluster", "aws.ecs.cluster", "vpc"),
        node("svc", "aws.ecs.service", "cluster", subnets=BOTH_PRIVATE),
        node("db", "aws.ec2.instance", "private-a"),
        edges=[edge("e1", "svc", "db", usage=data(100))],
    )

    # Half of the tasks sit in zone B: 50 GB crosses, billed both ways: 2 × 50 × $0.01
    assert costs(priced(g), "e1") == {"Inter-AZ data transfer (50% crosses zones, both ways)": d("1.00")}


def test_two_instances_in_the_same_zone_pay_nothing() -> None:
    g = graph(
        *vpc(),
        node("a", "aws.ec2.instance", "private-a"),
        node("b", "aws.ec2.instance", "public-a"),
        edges=[edge("e1", "a", "b", usage=data(100))],
    )

    assert costs(priced(g), "e1") == {}


def test_load_balancer_connections_are_exempt_from_inter_az_charges() -> None:
    g = graph(
        *vpc(),
        node("alb", "aws.elb.application_load_balancer", "vpc", subnets=BOTH_PUBLIC),
        node("web", "aws.ec2.instance", "private-a"),
        node("client", "aws.ec2.instance", "private-b"),
        edges=[edge("e1", "alb", "web", usage=data(1000)), edge("e2", "client", "alb", usage=data(1000))],
    )

    result = priced(g)

    assert costs(result, "e1") == {}
    assert costs(result, "e2") == {}


def test_a_connection_without_data_costs_nothing() -> None:
    g = graph(
        *vpc(),
        node("users", "external.users"),
        node("alb", "aws.elb.application_load_balancer", "vpc", subnets=BOTH_PUBLIC),
        node("nat", "aws.vpc.nat_gateway", "public-a"),
        node("a", "aws.ec2.instance", "private-a"),
        node("b", "aws.ec2.instance", "private-b"),
        node("bucket", "aws.s3.bucket", "region"),
        edges=[edge("e1", "users", "alb"), edge("e2", "a", "b"), edge("e3", "a", "bucket", usage=data(0))],
    )

    assert [edge_charges(g, e) for e in g.edges] == [[], [], []]
    assert priced(g).by_connection() == {}


def test_a_connection_in_a_region_without_price_data_is_unpriced_not_free() -> None:
    g = graph(
        *vpc("eu-central-1"),
        node("users", "external.users"),
        node("alb", "aws.elb.application_load_balancer", "vpc", subnets=BOTH_PUBLIC),
        edges=[edge("e1", "users", "alb", usage=data(500))],
        region="eu-central-1",
    )

    result = priced(g)

    assert costs(result, "e1") == {}
    assert [(u.edge, u.what, u.reason) for u in result.unpriced if u.edge] == [
        ("e1", "Data transfer out to the internet from alb", "no price data for eu-central-1; run refresh_prices")
    ]
