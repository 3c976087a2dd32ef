"""Every blueprint, across a grid of its parameters, passes the three bars: the design loads with no error and the
review finds no error-level problem; its CloudFormation template passes cfn-lint (errors and warnings); its estimate
from the bundled prices costs something and names whatever it cannot price. Then the VPC plan's addresses, and
the sentences bad parameters get.

cfn-lint takes about half a second a template, so the grid is linted once, in one batch, and each case reads its
own findings from that batch.
"""

from __future__ import annotations

import io
import ipaddress
import json
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command

from designer.advice import review
from designer.blueprints import (
    BLUEPRINTS,
    InvalidParams,
    UnknownBlueprint,
    blueprint_document,
    check_params,
)
from designer.blueprints.vpc_plan import plan
from designer.cloudformation.export import export
from designer.document import load
from designer.graph import build
from designer.services.estimates import estimate_document, pricing_settings
from tests.cloudformation.designs import lint

# Each entry differs from the defaults in what it names; together they take every value of every choice and
# boolean, the smallest and largest zone counts, small address ranges and a second region.
GRID: dict[str, list[dict[str, Any]]] = {
    "three-tier": [
        {},
        {"azs": 3, "compute": "auto-scaling-group", "database": "rds", "engine": "mysql", "cache": False, "cdn": False},
        {"azs": 3, "database": "rds", "cdn": False},
        {"compute": "auto-scaling-group", "engine": "mysql"},
        {"azs": 6, "cache": False, "region": "eu-west-1"},
        {"vpc_cidr": "172.16.0.0/17", "domain_name": "shop.example.org", "compute": "auto-scaling-group"},
    ],
    "serverless": [
        {},
        {"api_type": "REST", "s3_events": False, "workflow_type": "EXPRESS"},
        {"workflow": False},
        {"api_type": "REST", "s3_events": False, "workflow": False},
        {"monthly_requests": 1000, "memory_mb": 128, "workflow_type": "EXPRESS"},
        {"monthly_requests": 10_000_000_000, "memory_mb": 10240, "region": "eu-west-1"},
    ],
    "hybrid": [
        {},
        {"connectivity": "vpn", "dns": False, "privatelink": "", "workload_vpcs": 4, "azs": 3},
        {"connectivity": "direct-connect", "dx_bandwidth": "10Gbps", "privatelink": "logs,ecr.api,ecr.dkr,sts"},
        {"aws_cidr": "172.20.0.0/24", "on_premises_cidr": "10.0.0.0/8", "azs": 6, "dns": False},
        {"connectivity": "vpn", "region": "eu-west-1", "customer_gateway_ip": "198.51.100.7", "on_premises_asn": 64513},
    ],
    "vpc-plan": [
        {},
        {"azs": 2, "nat_gateways": "single", "database_subnets": False, "flow_logs": False},
        {"azs": 6, "nat_gateways": "none", "gateway_endpoints": False},
        {"vpc_cidr": "10.1.0.0/20", "public_prefix": 26, "private_prefix": 24, "database_prefix": 27},
        {"vpc_cidr": "192.168.0.0/24", "azs": 2, "public_prefix": 28, "private_prefix": 28, "database_prefix": 28},
    ],
}
CASES = [(name, params) for name, grid in GRID.items() for params in grid]


def case_id(name: str, params: dict[str, Any]) -> str:
    return name + ("" if not params else ":" + ",".join(f"{k}={v}" for k, v in params.items()))


def key(name: str, params: dict[str, Any]) -> str:
    return name + json.dumps(params, sort_keys=True)


def test_the_grid_covers_every_blueprint_and_every_value_of_its_choices() -> None:
    assert set(GRID) == set(BLUEPRINTS)
    for name, blueprint in BLUEPRINTS.items():
        for param in blueprint.params:
            values = {check_params(name, params)[param.name] for params in GRID[name]}
            if param.type == "boolean":
                assert values == {True, False}, (name, param.name)
            elif param.type == "choice" and param.name not in ("region", "dx_bandwidth"):
                assert values == set(param.options), (name, param.name)


@pytest.fixture(scope="session")
def lint_findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    templates = {}
    for n, (name, params) in enumerate(CASES):
        result = load(blueprint_document(name, params))
        assert result.document is not None, [p.line() for p in result.errors]
        templates[str(n)] = export(build(result.document))
    found = lint(templates, tmp_path_factory.mktemp("blueprint-templates"))
    return {key(name, params): found[str(n)] for n, (name, params) in enumerate(CASES)}


@pytest.mark.parametrize(("name", "params"), CASES, ids=[case_id(*c) for c in CASES])
def test_a_blueprint_builds_a_valid_design_the_review_finds_no_error_in(name: str, params: dict[str, Any]) -> None:
    result = load(blueprint_document(name, params))

    assert result.document is not None and result.problems == (), [p.line() for p in result.problems]
    errors = [f.line() for f in review(build(result.document)) if f.severity == "error"]
    assert errors == []


@pytest.mark.parametrize(("name", "params"), CASES, ids=[case_id(*c) for c in CASES])
def test_a_blueprints_template_passes_cfn_lint(
    name: str, params: dict[str, Any], lint_findings: dict[str, list[str]]
) -> None:
    assert lint_findings[key(name, params)] == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", GRID)
def test_a_blueprints_estimate_costs_something_and_names_what_it_cannot_price(name: str) -> None:
    call_command("refresh_prices", "--bundled", stdout=io.StringIO())
    for params in GRID[name]:
        document = blueprint_document(name, params)
        result = estimate_document(document, pricing_settings(document))

        # A VPC plan without NAT gateways holds only what AWS does not charge for.
        free_plan = name == "vpc-plan" and params.get("nat_gateways") == "none"
        assert (result.total_monthly > 0) != free_plan, case_id(name, params)
        assert result.missing_regions == []
        # Every node is priced, known to be free, or named as not priced with the reason: none is silently $0.
        accounted = set(result.by_node()) | set(result.free) | {u.node for u in result.unpriced}
        assert accounted == {n["id"] for n in document["nodes"]}, case_id(name, params)
        assert all(u.what and u.reason for u in result.unpriced)


@pytest.mark.django_db
def test_the_route_53_resolver_endpoint_is_priced_by_its_two_ip_addresses_and_names_its_queries_unpriced() -> None:
    call_command("refresh_prices", "--bundled", stdout=io.StringIO())
    document = blueprint_document("hybrid", {"azs": 3})
    result = estimate_document(document, pricing_settings(document))

    # 2 ENIs × 730 hours × $0.125 (list-prices.json, route53.resolver_eni_hour); its queries have no bundled price.
    assert result.by_node()["resolver"] == Decimal("182.50")
    assert [u.what for u in result.unpriced if u.node == "resolver"] == ["DNS queries through the endpoint"]


def test_the_hybrid_template_has_the_resolver_endpoint_admitting_dns_from_on_premises() -> None:
    result = load(blueprint_document("hybrid", {"azs": 3, "on_premises_cidr": "172.16.0.0/12"}))
    assert result.document is not None
    template = export(build(result.document))
    resources = template["Resources"]

    endpoint = resources["Route53ResolverInboundEndpoint"]["Properties"]
    assert endpoint["Direction"] == "INBOUND"
    # One IP address in each of the shared-services VPC's first two zones, not in the third.
    subnets = [resources[a["SubnetId"]["Ref"]]["Properties"] for a in endpoint["IpAddresses"]]
    assert [s["VpcId"] for s in subnets] == [{"Ref": "SharedServices"}] * 2
    assert [s["AvailabilityZone"] for s in subnets] == [
        {"Fn::Select": [0, {"Fn::GetAZs": ""}]},
        {"Fn::Select": [1, {"Fn::GetAZs": ""}]},
    ]
    (group,) = [g["Fn::GetAtt"][0] for g in endpoint["SecurityGroupIds"]]
    rules = resources[group]["Properties"]["SecurityGroupIngress"]
    assert [(r["IpProtocol"], r["FromPort"], r["ToPort"], r["CidrIp"]) for r in rules] == [
        ("tcp", 53, 53, "172.16.0.0/12"),
        ("udp", 53, 53, "172.16.0.0/12"),
    ]
    notes = template["Metadata"]["AwsArchitectureDesigner"]["Notes"]
    assert not any("Resolver" in note for note in notes)
    assert any("order the 1Gbps connection" in note for note in notes)


# -- the VPC plan's addresses ------------------------------------------------------------------------------------


def subnet_cidrs(document: dict[str, Any]) -> dict[str, str]:
    return {n["id"]: n["props"]["cidr"] for n in document["nodes"] if n["kind"] == "aws.vpc.subnet"}


def test_the_vpc_plan_lays_out_a_16_over_three_zones_tier_by_tier() -> None:
    document = blueprint_document("vpc-plan", {"vpc_cidr": "10.0.0.0/16", "azs": 3})

    assert subnet_cidrs(document) == {
        "public-1": "10.0.0.0/20",
        "public-2": "10.0.16.0/20",
        "public-3": "10.0.32.0/20",
        "private-1": "10.0.48.0/20",
        "private-2": "10.0.64.0/20",
        "private-3": "10.0.80.0/20",
        "database-1": "10.0.96.0/22",
        "database-2": "10.0.100.0/22",
        "database-3": "10.0.104.0/22",
    }
    tiers = {n["id"]: n["props"]["tier"] for n in document["nodes"] if n["kind"] == "aws.vpc.subnet"}
    assert Counter(tiers.values()) == {"public": 3, "private": 3, "isolated": 3}


def test_each_zone_of_the_vpc_plan_holds_one_subnet_of_each_tier_and_its_own_nat_gateway() -> None:
    document = blueprint_document("vpc-plan", {"azs": 3})
    by_id = {n["id"]: n for n in document["nodes"]}

    for zone in range(1, 4):
        held = {n["id"] for n in document["nodes"] if n["parent"] == f"az-{zone}"}
        assert held == {f"public-{zone}", f"private-{zone}", f"database-{zone}"}
        assert by_id[f"nat-{zone}"]["parent"] == f"public-{zone}"


@pytest.mark.parametrize(("name", "params"), CASES, ids=[case_id(*c) for c in CASES])
def test_every_subnet_lies_inside_its_vpc_and_overlaps_no_other(name: str, params: dict[str, Any]) -> None:
    document = blueprint_document(name, params)
    by_id = {n["id"]: n for n in document["nodes"]}

    def vpc_of(node_id: str) -> dict[str, Any]:
        node = by_id[node_id]
        return node if node["kind"] == "aws.vpc.vpc" else vpc_of(node["parent"])

    networks = {s: ipaddress.IPv4Network(c) for s, c in subnet_cidrs(document).items()}
    for subnet, network in networks.items():
        assert network.subnet_of(ipaddress.IPv4Network(vpc_of(subnet)["props"]["cidr"])), subnet
        for other, other_network in networks.items():
            if other != subnet and vpc_of(other)["id"] == vpc_of(subnet)["id"]:
                assert not network.overlaps(other_network), (subnet, other)


def test_the_plan_aligns_each_subnet_to_its_size_leaving_gaps_free() -> None:
    assert plan("10.0.0.0/16", 2, {"public": 24, "private": 20}) == {
        "public": ["10.0.0.0/24", "10.0.1.0/24"],
        "private": ["10.0.16.0/20", "10.0.32.0/20"],
    }


def test_hybrid_vpcs_take_consecutive_blocks_of_the_first_ones_size() -> None:
    document = blueprint_document("hybrid", {"aws_cidr": "10.8.0.0/16", "workload_vpcs": 3})
    vpcs = {n["id"]: n["props"]["cidr"] for n in document["nodes"] if n["kind"] == "aws.vpc.vpc"}

    assert vpcs == {
        "shared-vpc": "10.8.0.0/16",
        "workload-1-vpc": "10.9.0.0/16",
        "workload-2-vpc": "10.10.0.0/16",
        "workload-3-vpc": "10.11.0.0/16",
    }


# -- parameters --------------------------------------------------------------------------------------------------


def test_parameters_left_out_take_their_defaults_and_text_is_read_as_its_type() -> None:
    params = check_params("vpc-plan", {"azs": "4", "flow_logs": "no", "nat_gateways": "single"})

    assert params["azs"] == 4 and params["flow_logs"] is False and params["nat_gateways"] == "single"
    assert params["vpc_cidr"] == "10.0.0.0/16" and params["database_prefix"] == 22


def errors_of(name: str, params: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(InvalidParams) as caught:
        check_params(name, params)
    return caught.value.errors


def test_an_unknown_blueprint_is_named_with_the_ones_there_are() -> None:
    with pytest.raises(UnknownBlueprint) as caught:
        check_params("four-tier", {})
    assert caught.value.errors == {
        "blueprint": "There is no blueprint “four-tier”; the blueprints are three-tier, serverless, hybrid, vpc-plan."
    }


BAD: list[tuple[str, dict[str, Any], dict[str, str]]] = [
    (
        "three-tier",
        {"colour": "blue"},
        {
            "colour": "The three-tier blueprint has no parameter “colour”; it has region, azs, compute, database, "
            "engine, cache, cdn, vpc_cidr, domain_name."
        },
    ),
    ("three-tier", {"azs": "three"}, {"azs": "Availability Zones must be a whole number, not “three”."}),
    ("three-tier", {"azs": 2.5}, {"azs": "Availability Zones must be a whole number."}),
    ("three-tier", {"cache": "maybe"}, {"cache": "Cache must be true or false."}),
    (
        "three-tier",
        {"compute": "lambda"},
        {"compute": "Compute must be one of ecs-fargate, auto-scaling-group; “lambda” is not."},
    ),
    ("three-tier", {"azs": 7}, {"azs": "Availability Zones must be from 2 to 6; 7 is not."}),
    ("serverless", {"memory_mb": 64}, {"memory_mb": "Function memory (MB) must be from 128 to 10,240; 64 is not."}),
    (
        "vpc-plan",
        {"vpc_cidr": "10.0.0.0/33"},
        {"vpc_cidr": "“10.0.0.0/33” is not an IPv4 CIDR block such as 10.0.0.0/16."},
    ),
    (
        "vpc-plan",
        {"vpc_cidr": "10.0.0.1/16"},
        {"vpc_cidr": "10.0.0.1/16 has host bits set: the block it lies in is 10.0.0.0/16."},
    ),
    (
        "vpc-plan",
        {"vpc_cidr": "10.0.0.0/12"},
        {"vpc_cidr": "VPC CIDR must be between /16 and /28; 10.0.0.0/12 is a /12."},
    ),
    (
        "three-tier",
        {"vpc_cidr": "10.0.0.0/18"},
        {
            "vpc_cidr": "10.0.0.0/18 cannot hold 2 zones of a /20 public, a /20 private and a /22 database subnet "
            "each: use a /17 or larger."
        },
    ),
    (
        "vpc-plan",
        {"azs": 6, "public_prefix": 17, "private_prefix": 17},
        {
            "vpc_cidr": "10.0.0.0/16 cannot hold 6 zones of a /17 public, a /17 private and a /22 database subnet "
            "each: neither would a /16, so use fewer zones or smaller subnets."
        },
    ),
    (
        "hybrid",
        {"on_premises_cidr": "10.0.0.0/8"},
        {
            "aws_cidr": "The VPCs' range 10.0.0.0/16, 10.1.0.0/16 overlaps the on-premises network 10.0.0.0/8: the "
            "VPCs could not reach those addresses. Choose an AWS range outside it."
        },
    ),
    ("hybrid", {"customer_gateway_ip": "300.1.2.3"}, {"customer_gateway_ip": "“300.1.2.3” is not an IPv4 address."}),
    (
        "hybrid",
        {"on_premises_asn": 64512},
        {"on_premises_asn": "The on-premises ASN must differ from the Transit Gateway's (64512)."},
    ),
]


@pytest.mark.parametrize(("name", "params", "expected"), BAD, ids=[f"{n}:{json.dumps(p)}" for n, p, _ in BAD])
def test_a_bad_parameter_is_named_with_a_sentence(name: str, params: dict[str, Any], expected: dict[str, str]) -> None:
    assert errors_of(name, params) == expected


def test_an_unknown_privatelink_service_is_named() -> None:
    errors = errors_of("hybrid", {"privatelink": "ssm, s3,  dynamo"})

    assert list(errors) == ["privatelink"]
    assert errors["privatelink"].startswith("s3, dynamo: not a service the catalog has interface endpoints for")


def test_every_bad_parameter_is_reported_at_once() -> None:
    assert set(errors_of("three-tier", {"azs": 1, "cdn": "sometimes", "region": "mars-1"})) == {"azs", "cdn", "region"}


def test_every_parameter_describes_itself_for_the_api() -> None:
    for blueprint in BLUEPRINTS.values():
        described = blueprint.as_dict()
        assert described["name"] == blueprint.slug and described["title"] and described["description"]
        for param in described["params"]:
            assert param["type"] in ("integer", "choice", "boolean", "cidr", "string")
            # The default is a value the parameter accepts, and reads as itself.
            assert check_params(blueprint.slug, {param["name"]: param["default"]})[param["name"]] == param["default"]
            if param["type"] == "choice":
                assert param["default"] in param["options"]


def test_a_blueprint_document_is_laid_out_with_containers_around_their_children() -> None:
    document = blueprint_document("three-tier", {"azs": 3})
    by_id = {n["id"]: n for n in document["nodes"]}

    for node in document["nodes"]:
        assert "position" in node
        parent = by_id.get(node["parent"]) if node["parent"] else None
        if parent is None:
            continue
        width, height = (node["size"]["width"], node["size"]["height"]) if "size" in node else (120, 90)
        x, y = node["position"]["x"], node["position"]["y"]
        assert x >= 0 and x + width <= parent["size"]["width"], node["id"]
        assert y >= 0 and y + height <= parent["size"]["height"], node["id"]


def test_the_region_parameter_moves_the_design_and_its_region_box() -> None:
    document = blueprint_document("serverless", {"region": "eu-west-1"})
    region_box = next(n for n in document["nodes"] if n["kind"] == "aws.region")

    assert document["region"] == "eu-west-1" and region_box["props"]["region"] == "eu-west-1"
    assert region_box["label"] == "Europe (Ireland)"
