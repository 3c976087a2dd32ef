"""Every kind is accounted for by the pricing engine, every price query can be reached by live data, and a
region without price data says so instead of costing $0."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import product
from typing import Any

import pytest

from designer.catalog import CATALOG
from designer.graph import ArchitectureGraph, build
from designer.pricing.book import PriceQuery
from designer.pricing.charges import Charge, PricingSettings
from designer.pricing.estimators import ESTIMATORS, FREE
from designer.pricing.regions import bare_usage_type
from designer.pricing.selection import GLOBAL_REGION, KEPT_ATTRIBUTES, SAVINGS_PLAN_USAGE, keeps
from designer.pricing.traffic import edge_charges
from tests.engines.design_builders import doc, edge, graph, loaded, node
from tests.pricing.price_books import charges, costs, priced, unpriced, vpc

TWO_PRIVATE = ["private-a", "private-b"]
TWO_PUBLIC = ["public-a", "public-b"]
GLOBAL_NODES = {"zone", "cdn"}  # Route 53 and CloudFront: priced from the worldwide offers


def option_values(kind: str, prop: str) -> tuple[Any, ...]:
    """The catalog's options for one enum property, so a new option is covered without editing this file."""
    field = CATALOG.kinds[kind].field(prop)
    assert field is not None and field.options, f"{kind}.{prop} is not an enum"
    return field.options


def one_of_every_kind(region: str = "us-east-1") -> dict[str, Any]:
    """A valid design holding one node of every catalog kind, with connections that carry data."""
    nodes = [
        *vpc(region),
        node("igw", "aws.vpc.internet_gateway", "vpc"),
        node("nat", "aws.vpc.nat_gateway", "public-a", usage={"data_processed_gb": 10}),
        node("sg", "aws.vpc.security_group", "vpc"),
        node("nacl", "aws.vpc.network_acl", "vpc", subnets=TWO_PRIVATE),
        node("alb", "aws.elb.application_load_balancer", "vpc", subnets=TWO_PUBLIC),
        node("nlb", "aws.elb.network_load_balancer", "vpc", subnets=TWO_PUBLIC),
        node("ddb-endpoint", "aws.vpc.gateway_endpoint", "vpc", service="dynamodb"),
        node("secrets-endpoint", "aws.vpc.interface_endpoint", "vpc", subnets=TWO_PRIVATE),
        node("resolver", "aws.route53resolver.endpoint", "vpc", subnets=TWO_PRIVATE),
        node("tgw", "aws.ec2.transit_gateway", "region"),
        node("vpn", "aws.vpc.vpn_connection", "region"),
        node("dx", "aws.directconnect.connection", "region"),
        node("zone", "aws.route53.hosted_zone"),
        node("cdn", "aws.cloudfront.distribution"),
        node("api", "aws.apigateway.api", "region"),
        node("server", "aws.ec2.instance", "private-a", public_ip=True),
        node("peer", "aws.ec2.instance", "private-b"),
        node("asg", "aws.autoscaling.group", "vpc", subnets=TWO_PRIVATE),
        node("member", "aws.ec2.instance", "asg"),
        node("cluster", "aws.ecs.cluster", "vpc"),
        node("service", "aws.ecs.service", "cluster", subnets=TWO_PRIVATE),
        node("eks", "aws.eks.cluster", "vpc", subnets=TWO_PRIVATE),
        node("fn", "aws.lambda.function", "region"),
        node("volume", "aws.ebs.volume", "private-a"),
        node("bucket", "aws.s3.bucket", "region"),
        node("files", "aws.efs.file_system", "vpc", subnets=TWO_PRIVATE),
        node("rds", "aws.rds.instance", "vpc", subnets=TWO_PRIVATE),
        node("aurora", "aws.rds.aurora_cluster", "vpc", subnets=TWO_PRIVATE),
        node("table", "aws.dynamodb.table", "region"),
        node("cache", "aws.elasticache.cluster", "vpc", subnets=TWO_PRIVATE),
        node("queue", "aws.sqs.queue", "region"),
        node("topic", "aws.sns.topic", "region"),
        node("bus", "aws.eventbridge.event_bus", "region"),
        node("rule", "aws.eventbridge.rule", "region"),
        node("workflow", "aws.stepfunctions.state_machine", "region"),
        node("role", "aws.iam.role", "region"),
        node("key", "aws.kms.key", "region"),
        node("secret", "aws.secretsmanager.secret", "region"),
        node("logs", "aws.cloudwatch.log_group", "region"),
        node("dms", "aws.dms.replication_instance", "vpc", subnets=TWO_PRIVATE),
        node("users", "external.users"),
        node("dc", "external.datacenter"),
        node("generic", "aws.cloudformation.resource", "region", type="AWS::SSM::Parameter"),
    ]
    gb = {"data_gb_month": 100}
    edges = [
        edge("to-alb", "users", "alb", usage=gb),
        edge("to-cdn", "users", "cdn", usage=gb),
        edge("to-bucket", "server", "bucket", usage=gb),
        edge("to-peer", "server", "peer", usage=gb),
        edge("vpc-attachment", "tgw", "vpc"),
        edge("vpn-attachment", "vpn", "tgw"),
    ]
    return doc(*nodes, edges=edges, region=region)


def test_every_catalog_kind_is_either_priced_or_free_with_a_reason() -> None:
    assert set(ESTIMATORS) | set(FREE) == set(CATALOG.kinds)
    assert set(ESTIMATORS) & set(FREE) == set()
    assert all(reason.strip() for reason in FREE.values())


def test_the_design_with_every_kind_really_has_every_kind() -> None:
    assert {n["kind"] for n in one_of_every_kind()["nodes"]} == set(CATALOG.kinds)


@pytest.mark.parametrize("model", [m for m in option_values("aws.ec2.instance", "pricing_model") if m != "design"])
def test_a_design_with_every_kind_estimates_and_accounts_for_every_node(model: str) -> None:
    settings = PricingSettings(pricing_model=model)
    g = build(loaded(one_of_every_kind()))

    result = priced(g, settings)

    lined = {line.node for line in result.lines if line.node}
    refused = {u.node for u in result.unpriced if u.node}
    assert lined | refused | set(result.free) == set(g.nodes)
    assert lined & set(result.free) == set()
    assert result.missing_regions == []
    # The connections with data are all charged: internet egress, CloudFront, NAT processing, inter-AZ.
    assert set(result.by_connection()) == {"to-alb", "to-cdn", "to-bucket", "to-peer"}


def test_every_node_s_charges_reach_the_estimate_as_a_line_or_an_unpriced_entry() -> None:
    g = build(loaded(one_of_every_kind()))
    result = priced(g)

    for n in g.nodes.values():
        if n.kind in FREE:
            continue
        asked = sorted(c.name for c in charges(g, n.id))
        answered = sorted(list(costs(result, n.id)) + [w for w in unpriced(result, n.id) if w != n.label])
        assert answered == asked, n.id


# -- Live data reaches every query --------------------------------------------------------------------------


def variants() -> ArchitectureGraph:
    """One design whose nodes take every option that changes what is priced (and so which query is asked)."""
    ec2, rds, aurora = "aws.ec2.instance", "aws.rds.instance", "aws.rds.aurora_cluster"
    nodes = [*vpc(), node("nat", "aws.vpc.nat_gateway", "public-a", usage={"data_processed_gb": 1})]
    nodes += [node("nat-private", "aws.vpc.nat_gateway", "private-a", connectivity="private")]
    for i, (os, tenancy) in enumerate(product(option_values(ec2, "os"), ("shared", "dedicated"))):
        nodes.append(node(f"ec2-{i}", ec2, "private-a", os=os, tenancy=tenancy, public_ip=True))
    for vtype in option_values(ec2, "root_volume_type"):
        nodes.append(node(f"ec2-root-{vtype}", ec2, "private-a", root_volume_type=vtype))
        nodes.append(
            node(
                f"ebs-{vtype}",
                "aws.ebs.volume",
                "private-a",
                volume_type=vtype,
                iops=16000,
                throughput_mbps=1000,
                usage={"snapshot_storage_gb": 10},
            )
        )
    asg = "aws.autoscaling.group"
    for i, (os, vtype) in enumerate(product(option_values(asg, "os"), option_values(asg, "root_volume_type"))):
        nodes.append(
            node(
                f"asg-{i}",
                asg,
                "vpc",
                subnets=TWO_PRIVATE,
                os=os,
                root_volume_type=vtype,
                on_demand_percentage_above_base=50,
            )
        )
    for i, (group, capacity) in enumerate(
        product(option_values("aws.eks.cluster", "node_group_type"), ("ON_DEMAND", "SPOT"))
    ):
        nodes.append(
            node(
                f"eks-{i}", "aws.eks.cluster", "vpc", subnets=TWO_PRIVATE, node_group_type=group, capacity_type=capacity
            )
        )
    for i, (engine, storage, multi_az) in enumerate(
        product(option_values(rds, "engine"), option_values(rds, "storage_type"), (False, True))
    ):
        nodes.append(
            node(
                f"rds-{i}",
                rds,
                "vpc",
                subnets=TWO_PRIVATE,
                engine=engine,
                storage_type=storage,
                multi_az=multi_az,
                read_replicas=1,
                usage={"backup_storage_gb": 10},
            )
        )
    for i, (engine, mode, config) in enumerate(
        product(
            option_values(aurora, "engine"),
            option_values(aurora, "capacity_mode"),
            option_values(aurora, "storage_config"),
        )
    ):
        nodes.append(
            node(
                f"aurora-{i}",
                aurora,
                "vpc",
                subnets=TWO_PRIVATE,
                engine=engine,
                capacity_mode=mode,
                storage_config=config,
                usage={"backup_storage_gb": 10},
            )
        )
    for cls in option_values("aws.s3.bucket", "storage_class"):
        nodes.append(node(f"s3-{cls}", "aws.s3.bucket", "region", storage_class=cls, usage={"data_transfer_out_gb": 1}))
    for arch in option_values("aws.lambda.function", "architecture"):
        nodes.append(node(f"fn-{arch}", "aws.lambda.function", "region", architecture=arch))
    for mode in option_values("aws.dynamodb.table", "billing_mode"):
        nodes.append(node(f"table-{mode}", "aws.dynamodb.table", "region", billing_mode=mode))
    nodes.append(node("cluster", "aws.ecs.cluster", "vpc"))
    for arch in option_values("aws.ecs.service", "architecture"):
        nodes.append(node(f"svc-{arch}", "aws.ecs.service", "cluster", subnets=TWO_PRIVATE, architecture=arch))
    for engine in option_values("aws.elasticache.cluster", "engine"):
        nodes.append(node(f"cache-{engine}", "aws.elasticache.cluster", "vpc", subnets=TWO_PRIVATE, engine=engine))
    for i, (kind, bandwidth) in enumerate(
        product(
            option_values("aws.directconnect.connection", "connection_type"),
            option_values("aws.directconnect.connection", "bandwidth"),
        )
    ):
        nodes.append(
            node(f"dx-{i}", "aws.directconnect.connection", "region", connection_type=kind, bandwidth=bandwidth)
        )
    for api_type in option_values("aws.apigateway.api", "api_type"):
        nodes.append(node(f"api-{api_type}", "aws.apigateway.api", "region", api_type=api_type))
    for queue_type in option_values("aws.sqs.queue", "queue_type"):
        nodes.append(node(f"queue-{queue_type}", "aws.sqs.queue", "region", queue_type=queue_type))
    for workflow in option_values("aws.stepfunctions.state_machine", "workflow_type"):
        nodes.append(node(f"sfn-{workflow}", "aws.stepfunctions.state_machine", "region", workflow_type=workflow))
    for multi_az in (False, True):
        nodes.append(
            node(f"dms-{multi_az}", "aws.dms.replication_instance", "vpc", subnets=TWO_PRIVATE, multi_az=multi_az)
        )
    nodes += [
        node("alb", "aws.elb.application_load_balancer", "vpc", subnets=TWO_PUBLIC),
        node("nlb", "aws.elb.network_load_balancer", "vpc", subnets=TWO_PUBLIC),
        node("endpoint", "aws.vpc.interface_endpoint", "vpc", subnets=TWO_PRIVATE),
        node("resolver", "aws.route53resolver.endpoint", "vpc", subnets=TWO_PRIVATE),
        node("tgw", "aws.ec2.transit_gateway", "region"),
        node("vpn", "aws.vpc.vpn_connection", "region"),
        node("zone", "aws.route53.hosted_zone"),
        node("cdn", "aws.cloudfront.distribution"),
        node("topic", "aws.sns.topic", "region", usage={"monthly_http_deliveries": 1, "monthly_email_deliveries": 1}),
        node("bus", "aws.eventbridge.event_bus", "region"),
        node("key", "aws.kms.key", "region"),
        node("secret", "aws.secretsmanager.secret", "region"),
        node("logs", "aws.cloudwatch.log_group", "region"),
        node("files", "aws.efs.file_system", "region", usage={"infrequent_access_percent": 50}),
        node("users", "external.users"),
    ]
    gb = {"data_gb_month": 1}
    edges = [
        edge("to-alb", "users", "alb", usage=gb),
        edge("to-cdn", "users", "cdn", usage=gb),
        edge("to-bucket", "ec2-0", "s3-STANDARD", usage=gb),
        edge("inter-az", "ec2-0", "ec2-root-gp3", usage=gb),
        edge("across", "ec2-1", "asg-0", usage=gb),
        edge("tgw-vpc", "tgw", "vpc"),
        edge("vpn-tgw", "vpn", "tgw"),
    ]
    return graph(*nodes, edges=edges)


def every_query(g: ArchitectureGraph, settings: PricingSettings) -> Iterator[Charge]:
    for n in g.nodes.values():
        if n.kind in ESTIMATORS:
            yield from charges(g, n.id, settings)
    for e in g.edges:
        yield from edge_charges(g, e)


# The usage type of an instance query, which names only the instance type (FORMAT.md section 4: EC2
# BoxUsage:/DedicatedUsage:, RDS InstanceUsage:/Multi-AZUsage:, ElastiCache NodeUsage:).
def instance_usage(q: PriceQuery) -> tuple[str, str]:
    attrs = dict(q.attrs)
    if q.service == "AmazonEC2":
        prefix = "DedicatedUsage" if attrs["tenancy"] == "Dedicated" else "BoxUsage"
        return "Compute Instance", f"{prefix}:{q.instance_type}"
    if q.service == "AmazonRDS":
        prefix = "Multi-AZUsage" if attrs["deploymentOption"] == "Multi-AZ" else "InstanceUsage"
        return q.family or "", f"{prefix}:{q.instance_type}"
    assert q.service == "AmazonElastiCache", q.describe()
    return q.family or "", f"NodeUsage:{q.instance_type}"


def synthetic_product(q: PriceQuery, prefix: str) -> tuple[str, str, dict[str, str]]:
    """(family, usage type, attributes) of a product that has exactly what the query asks for."""
    attrs = dict(q.attrs)
    family, usage = q.family or "", q.usage or ""
    if q.instance_type is not None:
        attrs["instanceType"] = q.instance_type
        if q.usage is None:
            family, usage = instance_usage(q)
    if q.region != GLOBAL_REGION:
        usage = prefix + usage
    return family, usage, attrs


ALL_QUERIES = {c.query for c in every_query(variants(), PricingSettings())}


def test_the_variants_ask_for_a_good_number_of_distinct_prices() -> None:
    assert len(ALL_QUERIES) > 100  # 149 when written
    assert {q.service for q in ALL_QUERIES} == {
        "AmazonEC2",
        "AmazonVPC",
        "AWSELB",
        "AWSDataTransfer",
        "AmazonRDS",
        "AmazonS3",
        "AmazonGlacier",
        "AmazonS3GlacierDeepArchive",
        "AWSLambda",
        "AmazonDynamoDB",
        "AmazonECS",
        "AmazonEKS",
        "AmazonElastiCache",
        "AWSDirectConnect",
        "AmazonApiGateway",
        "AWSQueueService",
        "AmazonSNS",
        "AWSEvents",
        "AmazonStates",
        "awskms",
        "AWSSecretsManager",
        "AmazonCloudWatch",
        "AWSDatabaseMigrationSvc",
        "AmazonEFS",
        "AmazonRoute53",
        "AmazonCloudFront",
    }


@pytest.mark.parametrize("prefix", ["", "EU-", "USE1-"], ids=["us-east-1", "eu-west-1", "prefixed-us-east-1"])
def test_ingest_keeps_the_product_of_every_estimator_query(prefix: str) -> None:
    dropped = [
        f"{q.describe()} as {synthetic_product(q, prefix)[:2]}"
        for q in sorted(ALL_QUERIES, key=PriceQuery.describe)
        if not keeps(q.service, *synthetic_product(q, prefix))
    ]

    assert dropped == []


def test_ingest_keeps_every_attribute_a_query_matches_on() -> None:
    # Ingest stores only KEPT_ATTRIBUTES; a query on any other attribute could never match live data.
    asked = {k for q in ALL_QUERIES for k, _ in q.attrs} | {"instanceType"}

    assert asked - KEPT_ATTRIBUTES == set()


def test_savings_plan_rates_are_kept_for_everything_priced_under_a_savings_plan() -> None:
    planned = {
        c.query
        for c in every_query(variants(), PricingSettings(pricing_model="savings_plan_1y"))
        if c.term.kind == "SavingsPlan"
    }

    assert {q.service for q in planned} == {"AmazonEC2", "AmazonECS"}
    for q in planned:
        _, usage, _ = synthetic_product(q, "EU-")
        assert SAVINGS_PLAN_USAGE.fullmatch(bare_usage_type(usage)), q.describe()


# -- Regions without price data ------------------------------------------------------------------------


def test_a_region_without_price_data_lists_its_charges_as_unpriced_and_leaves_them_out_of_the_total() -> None:
    g = build(loaded(one_of_every_kind("eu-central-1")))

    result = priced(g)

    assert result.missing_regions == ["eu-central-1"]
    # Only the worldwide services keep a price: Route 53 ($0.50 + 1M × $0.40/M) and CloudFront (100 GB × $0.085
    # + 1M × $0.01/10k) and the CloudFront connection (100 GB × $0.085); list-prices.json, REFERENCE-PRICES §5.
    assert {line.node or line.edge for line in result.lines} == GLOBAL_NODES | {"to-cdn"}
    assert result.total_monthly == Decimal("0.90") + Decimal("9.50") + Decimal("8.50")
    assert all(line.monthly_cost > 0 for line in result.lines)
    regional = [
        (n.id, c.name)
        for n in g.nodes.values()
        if n.kind in ESTIMATORS and n.id not in GLOBAL_NODES
        for c in charges(g, n.id)
    ]
    regional += [(e.id, c.name) for e in g.edges if e.id != "to-cdn" for c in edge_charges(g, e)]
    missing = [u for u in result.unpriced if u.node != "generic"]
    assert sorted((u.node or u.edge, u.what) for u in missing) == sorted(regional)
    assert {u.reason for u in missing} == {"no price data for eu-central-1; run refresh_prices"}
    assert [u.reason for u in result.unpriced if u.node == "generic"] == [
        "AWS::SSM::Parameter resources are not priced by the designer"
    ]


def test_a_region_with_some_price_data_names_each_missing_price_instead() -> None:
    g = graph(
        *vpc("eu-west-1"),
        node("web", "aws.ec2.instance", "private-a", instance_type="t3.medium", root_volume_type="gp2"),
        node("bucket", "aws.s3.bucket", "region"),
        region="eu-west-1",
    )

    result = priced(g)

    # REFERENCE-PRICES.md §1 eu-west-1 t3.medium $0.0456 (krr), §2 gp2 eu-west-1 $0.11; S3 eu-west-1 is unknown.
    assert costs(result, "web") == {
        "Instance hours (t3.medium, Linux, on-demand)": 730 * Decimal("0.0456"),
        "Root volume (gp2)": 20 * Decimal("0.11"),
    }
    assert unpriced(result, "bucket")["Storage (STANDARD)"] == (
        "no price for AmazonS3 in eu-west-1 (Storage, TimedStorage-ByteHrs)"
    )
    assert result.missing_regions == []
