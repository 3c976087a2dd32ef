"""The architecture graph: containment, defaults, regions, networks, zones and resolved edges."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from design_builders import (
    ALB,
    ASG,
    AZ,
    EBS,
    EC2,
    ECS_CLUSTER,
    ECS_SERVICE,
    EXAMPLES,
    LAMBDA,
    NAT,
    REGION,
    S3,
    SQS,
    USERS,
    VPC,
    edge,
    graph,
    loaded,
    network,
    node,
)

from designer.graph import ArchitectureGraph, GraphEdge, GraphNode, Zone, build


def ids(elements: Iterable[GraphNode | GraphEdge]) -> list[str]:
    return [e.id for e in elements]


@pytest.fixture(scope="module")
def placed() -> ArchitectureGraph:
    """One design with a node of every placement the graph resolves differently."""
    return graph(
        node("region", REGION, region="eu-west-1"),
        *network(region="eu-west-1", parent="region"),
        node("nat", NAT, "subnet-a"),
        node("alb", ALB, "vpc", subnets=["subnet-a", "subnet-b"]),
        node("cluster", ECS_CLUSTER, "vpc"),
        node("web", ECS_SERVICE, "cluster", subnets=["subnet-b"]),
        node("fleet", ASG, "vpc", subnets=["subnet-a", "subnet-b"]),
        node("member", EC2, "fleet"),
        node("attached", LAMBDA, "subnet-a", subnets=["subnet-b", "subnet-a"]),
        node("volume", EBS, "az-b"),
        node("regional-cluster", ECS_CLUSTER, "region"),
        node("worker", ECS_SERVICE, "regional-cluster", subnets=["subnet-a"]),
        node("fn", LAMBDA),
        node("queue", SQS, "region"),
        region="ap-southeast-2",
    )


def test_it_builds_the_containment_tree_in_document_order(placed: ArchitectureGraph) -> None:
    assert placed.roots == ("region", "fn")
    assert ids(placed.children("vpc")) == ["az-a", "az-b", "alb", "cluster", "fleet"]
    assert ids(placed.children("subnet-a")) == ["nat", "attached"]
    assert ids(placed.children("fn")) == []


def test_it_lists_ancestors_nearest_first(placed: ArchitectureGraph) -> None:
    assert ids(placed.ancestors("nat")) == ["subnet-a", "az-a", "vpc", "region"]
    assert placed.ancestors("fn") == []
    assert placed.node("nat").depth == 4
    assert placed.node("region").depth == 0


def test_it_walks_descendants_depth_first(placed: ArchitectureGraph) -> None:
    assert ids(placed.descendants("az-a")) == ["subnet-a", "nat", "attached"]
    assert ids(placed.descendants("fleet")) == ["member"]
    assert len(list(placed.descendants("region"))) == len(placed.nodes) - 2  # all but the two roots


def test_it_finds_nodes_by_kind(placed: ArchitectureGraph) -> None:
    assert ids(placed.of_kind(ECS_SERVICE, EC2)) == ["web", "member", "worker"]


def test_it_fills_in_the_catalogs_defaults_for_properties_left_out() -> None:
    vpc = graph(node("vpc", VPC, cidr="10.8.0.0/16", flow_logs=True)).node("vpc")
    assert vpc.props == {
        "cidr": "10.8.0.0/16",
        "enable_dns_support": True,
        "enable_dns_hostnames": True,
        "instance_tenancy": "default",
        "flow_logs": True,
    }


def test_it_fills_in_usage_defaults_and_says_which_ones_it_filled() -> None:
    g = graph(
        node("fn", LAMBDA, usage={"monthly_requests": 5}),
        node("busy", LAMBDA, usage={"monthly_requests": 5, "average_duration_ms": 50}),
        node("idle", LAMBDA),
        node("users", USERS),
    )
    assert g.node("fn").usage == {"monthly_requests": 5, "average_duration_ms": 200}
    assert g.node("fn").defaulted_usage == {"average_duration_ms"}
    assert g.node("busy").defaulted_usage == frozenset()
    assert g.node("idle").defaulted_usage == {"monthly_requests", "average_duration_ms"}
    assert g.node("idle").usage == {"monthly_requests": 1_000_000, "average_duration_ms": 200}
    assert (g.node("users").usage, g.node("users").defaulted_usage) == ({}, frozenset())


@pytest.mark.parametrize(
    ("node_id", "region"),
    [
        pytest.param("region", "eu-west-1", id="a Region box is in its own region"),
        pytest.param("queue", "eu-west-1", id="a node in a Region box is in that region"),
        pytest.param("nat", "eu-west-1", id="a node deep inside a Region box is in that region"),
        pytest.param("fn", "ap-southeast-2", id="a node outside any Region box is in the design's region"),
    ],
)
def test_it_gives_each_node_the_region_it_is_deployed_in(placed: ArchitectureGraph, node_id: str, region: str) -> None:
    assert placed.node(node_id).region == region


@pytest.mark.parametrize(
    ("node_id", "vpc", "subnets", "azs"),
    [
        pytest.param("subnet-a", "vpc", ("subnet-a",), ("az-a",), id="a subnet is its own subnet"),
        pytest.param("nat", "vpc", ("subnet-a",), ("az-a",), id="a NAT gateway lives in the subnet it is drawn in"),
        pytest.param(
            "alb", "vpc", ("subnet-a", "subnet-b"), ("az-a", "az-b"), id="a load balancer spans the subnets it lists"
        ),
        pytest.param("web", "vpc", ("subnet-b",), ("az-b",), id="an ECS service runs in the subnets it lists"),
        pytest.param(
            "member",
            "vpc",
            ("subnet-a", "subnet-b"),
            ("az-a", "az-b"),
            id="an EC2 instance in an Auto Scaling group lives in the group's subnets",
        ),
        pytest.param(
            "attached",
            "vpc",
            ("subnet-a", "subnet-b"),
            ("az-a", "az-b"),
            id="a function drawn in a subnet lists that subnet first and once",
        ),
        pytest.param("volume", "vpc", (), ("az-b",), id="a volume drawn in an AZ is in that AZ but no subnet"),
        pytest.param(
            "worker",
            "vpc",
            ("subnet-a",),
            ("az-a",),
            id="a service of a regional cluster takes its VPC from its subnets",
        ),
        pytest.param("fn", None, (), (), id="a Lambda function outside a VPC has no VPC, subnets or AZs"),
        pytest.param("queue", None, (), (), id="a queue in a Region box has no VPC"),
    ],
)
def test_it_resolves_the_network_each_node_lives_in(
    placed: ArchitectureGraph, node_id: str, vpc: str | None, subnets: tuple[str, ...], azs: tuple[str, ...]
) -> None:
    found = placed.node(node_id)
    assert (found.vpc, found.subnets, found.azs) == (vpc, subnets, azs)


def test_it_names_the_single_az_of_a_node_in_one_zone_only(placed: ArchitectureGraph) -> None:
    assert placed.node("nat").az == "az-a"
    assert placed.node("alb").az is None
    assert placed.node("fn").az is None


def test_it_numbers_unnamed_azs_by_their_order_in_the_vpc() -> None:
    g = graph(
        node("region", REGION, region="eu-west-1"),
        node("vpc", VPC, "region"),
        node("first", AZ, "vpc"),
        node("named", AZ, "vpc", name="eu-west-1c"),
        node("third", AZ, "vpc"),
        node("other", VPC, "region", cidr="10.1.0.0/16"),
        node("other-first", AZ, "other"),
    )
    assert dict(g.zones) == {
        "first": Zone(index=0, name=None, region="eu-west-1"),
        "named": Zone(index=1, name="eu-west-1c", region="eu-west-1"),
        "third": Zone(index=2, name=None, region="eu-west-1"),
        "other-first": Zone(index=0, name=None, region="eu-west-1"),
    }


def test_it_takes_a_zones_region_from_the_design_outside_a_region_box() -> None:
    g = graph(node("vpc", VPC), node("az", AZ, "vpc", name="sa-east-1a"), region="sa-east-1")
    assert g.zones["az"] == Zone(index=0, name="sa-east-1a", region="sa-east-1")


@pytest.fixture(scope="module")
def connected() -> ArchitectureGraph:
    return graph(
        node("users", USERS),
        *network(),
        node("alb", ALB, "vpc", subnets=["subnet-a", "subnet-b"]),
        node("fleet", ASG, "vpc", subnets=["subnet-a", "subnet-b"]),
        node("bucket", S3),
        edges=[
            edge("in", "users", "alb"),
            edge("fwd", "alb", "fleet", label="app traffic", port=8080),
            edge("reads", "fleet", "bucket", usage={"data_gb_month": 50}),
        ],
    )


def test_it_gives_each_edge_its_meaning_from_the_catalog(connected: ArchitectureGraph) -> None:
    assert [(e.id, e.meaning, e.description) for e in connected.edges] == [
        ("in", "ingress", "sends requests to"),
        ("fwd", "traffic", "forwards traffic to"),
        ("reads", "access", "uses"),
    ]


def test_it_fills_in_edge_property_defaults(connected: ArchitectureGraph) -> None:
    by_id = {e.id: e for e in connected.edges}
    assert by_id["in"].props == {"port": 443, "protocol": "HTTPS"}
    assert by_id["fwd"].props == {"port": 8080, "protocol": "tcp"}
    assert by_id["reads"].props == {"access": "read"}
    assert by_id["fwd"].label == "app traffic"


def test_it_counts_no_traffic_on_an_edge_unless_told(connected: ArchitectureGraph) -> None:
    by_id = {e.id: e for e in connected.edges}
    assert by_id["in"].usage == {"data_gb_month": 0}
    assert by_id["reads"].usage == {"data_gb_month": 50}


def test_it_lists_the_edges_leaving_and_entering_a_node(connected: ArchitectureGraph) -> None:
    assert ids(connected.outgoing("alb")) == ["fwd"]
    assert ids(connected.incoming("alb")) == ["in"]
    assert ids(connected.outgoing("fleet")) == ["reads"]
    assert connected.incoming("users") == []


def test_it_fills_in_design_settings_the_document_left_out() -> None:
    assert graph().settings == {"hours_per_month": 730, "pricing_model": "on_demand"}
    assert graph(settings={"pricing_model": "savings_plan_1y"}).settings == {
        "hours_per_month": 730,
        "pricing_model": "savings_plan_1y",
    }


def test_it_does_not_let_an_engine_change_the_graph() -> None:
    vpc = graph(node("vpc", VPC)).node("vpc")
    with pytest.raises(TypeError):
        vpc.props["cidr"] = "10.9.0.0/16"  # type: ignore[index]


# -- the three-tier example ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def three_tier_graph() -> ArchitectureGraph:
    return build(loaded((EXAMPLES / "three-tier-web-app.json").read_bytes()))


def test_the_three_tier_example_nests_everything_in_its_vpc(three_tier_graph: ArchitectureGraph) -> None:
    assert three_tier_graph.roots == ("users", "dns", "cdn", "region")
    assert ids(three_tier_graph.children("vpc")) == ["igw", "az-a", "az-b", "alb", "ecs", "db", "cache"]
    assert ids(three_tier_graph.children("az-a")) == ["public-a", "app-a", "data-a"]
    assert ids(three_tier_graph.ancestors("nat-b")) == ["public-b", "az-b", "vpc", "region"]
    assert len(list(three_tier_graph.descendants("region"))) == 20


def test_the_three_tier_example_spreads_its_tiers_over_two_zones(three_tier_graph: ArchitectureGraph) -> None:
    tiers = {n: (three_tier_graph.node(n).subnets, three_tier_graph.node(n).azs) for n in ("alb", "web", "db", "cache")}
    assert tiers == {
        "alb": (("public-a", "public-b"), ("az-a", "az-b")),
        "web": (("app-a", "app-b"), ("az-a", "az-b")),
        "db": (("data-a", "data-b"), ("az-a", "az-b")),
        "cache": (("data-a", "data-b"), ("az-a", "az-b")),
    }
    assert three_tier_graph.node("web").vpc == "vpc"
    assert (three_tier_graph.node("nat-a").subnets, three_tier_graph.node("nat-a").az) == (("public-a",), "az-a")
    assert dict(three_tier_graph.zones) == {
        "az-a": Zone(index=0, name="us-east-1a", region="us-east-1"),
        "az-b": Zone(index=1, name="us-east-1b", region="us-east-1"),
    }


def test_the_three_tier_example_keeps_regional_services_outside_the_vpc(three_tier_graph: ArchitectureGraph) -> None:
    for regional in ("assets", "logs", "secret", "cdn", "dns"):
        assert (three_tier_graph.node(regional).vpc, three_tier_graph.node(regional).subnets) == (None, ())
    assert three_tier_graph.node("assets").usage["storage_gb"] == 50
    assert "storage_gb" not in three_tier_graph.node("assets").defaulted_usage
    assert "monthly_get_requests" in three_tier_graph.node("assets").defaulted_usage


def test_the_three_tier_example_resolves_its_edges(three_tier_graph: ArchitectureGraph) -> None:
    by_id = {e.id: e for e in three_tier_graph.edges}
    assert (by_id["e6"].meaning, dict(by_id["e6"].props)) == ("traffic", {"port": 8080, "protocol": "tcp"})
    assert (by_id["e2"].meaning, dict(by_id["e2"].props)) == ("ingress", {"port": 443, "protocol": "HTTPS"})
    assert (by_id["e5"].meaning, by_id["e5"].props["path_pattern"]) == ("origin", "/static/*")
    assert by_id["e7"].usage == {"data_gb_month": 50}
    assert ids(three_tier_graph.outgoing("web")) == ["e7", "e8", "e9", "e10", "e11"]
    assert ids(three_tier_graph.incoming("assets")) == ["e5", "e9"]


def test_the_hybrid_example_deploys_everything_in_north_virginia() -> None:
    g = build(loaded((EXAMPLES / "hybrid-connectivity.json").read_bytes()))
    assert g.region == "us-east-1"
    # inside the Region box by inheritance from it, outside it from the design's region
    assert {g.node(n).region for n in ("tgw", "vpc-shared", "shared-a", "db", "alb")} == {"us-east-1"}
    assert {g.node(n).region for n in ("dc", "vpn", "dx", "zone")} == {"us-east-1"}
