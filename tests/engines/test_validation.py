"""The load/validate gate: each design rule, what it reports and where, and what it lets through."""

from __future__ import annotations

import copy
import importlib
import json
import math
from dataclasses import dataclass
from typing import Any

import pytest
from design_builders import (
    ALB,
    ASG,
    AURORA,
    AZ,
    CLOUDFRONT,
    DYNAMODB,
    EC2,
    ECS_CLUSTER,
    ECS_SERVICE,
    LAMBDA,
    LOGS,
    NACL,
    RDS,
    REGION,
    ROUTE53,
    S3,
    SQS,
    SUBNET,
    USERS,
    VPC,
    doc,
    edge,
    loaded,
    network,
    node,
    report,
)

from designer.catalog import CATALOG, Catalog
from designer.document import DocumentInvalid, Limits, load, load_or_raise, messages, migrations, schema
from designer.document.migrations import MigrationError, migrate
from designer.graph import build


@dataclass(frozen=True)
class Expect:
    """The one error a broken document must produce: its code, JSON path, element and words of its message."""

    code: str
    path: str
    says: str | tuple[str, ...]
    node: str | None = None
    edge: str | None = None


NO_LIMITS = Limits()


def case(sentence: str, document: Any, expect: Expect, limits: Limits = NO_LIMITS) -> Any:
    return pytest.param(document, limits, expect, id=sentence)


def assert_only_error(document: Any, expect: Expect, limits: Limits = NO_LIMITS) -> None:
    result = load(document, limits=limits)
    assert result.document is None, "the document loaded"
    assert [p.code for p in result.errors] == [expect.code], report(result)
    problem = result.errors[0]
    assert problem.path == expect.path
    assert (problem.node, problem.edge) == (expect.node, expect.edge)
    for words in (expect.says,) if isinstance(expect.says, str) else expect.says:
        assert words in problem.message


def without(key: str) -> dict[str, Any]:
    out = doc()
    del out[key]
    return out


THREE_USERS = doc(node("alice", USERS), node("bob", USERS), node("carol", USERS))

UNREADABLE = [
    case("it rejects text that is not JSON", '{"type": ', Expect("invalid_json", "$", "Not valid JSON")),
    case("it rejects bytes that are not UTF-8", b'{"name": "\xff"}', Expect("invalid_json", "$", "not UTF-8")),
    case("it rejects a JSON array", "[]", Expect("wrong_type", "$", "must be a JSON object")),
    case("it rejects a JSON string", '"a design"', Expect("wrong_type", "$", "must be a JSON object")),
    case(
        "it rejects a document of another type",
        doc(type="excalidraw"),
        Expect("wrong_type", "$.type", "'type' must be 'aws-architecture-design'"),
    ),
    case("it rejects a document without a type", without("type"), Expect("wrong_type", "$.type", "Not a design")),
    case(
        "it rejects a document without a version",
        without("version"),
        Expect("unsupported_version", "$.version", "whole number from 1"),
    ),
    case(
        "it rejects a version written as text",
        doc(version="1"),
        Expect("unsupported_version", "$.version", "whole number from 1"),
    ),
    case(
        "it rejects a fractional version",
        doc(version=1.5),
        Expect("unsupported_version", "$.version", "whole number from 1"),
    ),
    case(
        "it rejects a boolean version",
        doc(version=True),
        Expect("unsupported_version", "$.version", "whole number from 1"),
    ),
    case("it rejects version 0", doc(version=0), Expect("unsupported_version", "$.version", "whole number from 1")),
    case(
        "it rejects a version newer than it reads",
        doc(version=2),
        Expect("unsupported_version", "$.version", ("format version 2", "up to version 1", "Upgrade the server")),
    ),
    case(
        "it rejects a design over the byte limit",
        doc(),
        Expect("too_large", "$", "the limit is 100"),
        Limits(max_bytes=100),
    ),
    case(
        "it rejects JSON text over the byte limit",
        json.dumps(doc()),
        Expect("too_large", "$", "the limit is 100"),
        Limits(max_bytes=100),
    ),
    case(
        "it counts the limit in bytes, not characters",
        json.dumps(doc(name="é" * 100), ensure_ascii=False),
        Expect("too_large", "$", "the limit is "),
        Limits(max_bytes=len(json.dumps(doc(name="é" * 100), ensure_ascii=False))),
    ),
    case(
        "it rejects a design over the node limit",
        THREE_USERS,
        Expect("too_many_nodes", "$.nodes", "The design has 3 nodes; the limit is 2."),
        Limits(max_nodes=2),
    ),
]

TOP_LEVEL = [
    case(
        "it rejects an unknown top-level field",
        doc(colour="blue"),
        Expect("schema", "$.colour", "'colour' is not a known field (known: cloudformation, description,"),
    ),
    case(
        "it suggests the top-level field a misspelling meant",
        doc(nme="Shop"),
        Expect("schema", "$.nme", "did you mean 'name'?"),
    ),
    case("it rejects a design without a name", without("name"), Expect("schema", "$.name", "'name' is required.")),
    case("it rejects an empty name", doc(name=""), Expect("schema", "$.name", "must not be empty")),
    case(
        "it rejects a design without a region", without("region"), Expect("schema", "$.region", "'region' is required.")
    ),
    case(
        "it rejects an unknown region and suggests near ones",
        doc(region="us-east-9"),
        Expect("schema", "$.region", ("'us-east-9' is not a known choice", "Did you mean us-east-")),
    ),
    case(
        "it rejects a month of more than 744 hours",
        doc(settings={"hours_per_month": 800}),
        Expect("schema", "$.settings.hours_per_month", "at most 744"),
    ),
    case("it rejects nodes that are not a list", doc(nodes={}), Expect("schema", "$.nodes", "'nodes' must be a list")),
]

NODES = [
    case(
        "it rejects two nodes with one id",
        doc(node("web", USERS), node("web", USERS)),
        Expect("duplicate_id", "$.nodes[1]", "Id 'web' is used 2 times", node="web"),
    ),
    case(
        "it rejects an edge with a node's id",
        doc(node("users", USERS), node("dns", ROUTE53), edges=[edge("users", "users", "dns")]),
        Expect("duplicate_id", "$.edges[0]", "($.nodes[0], $.edges[0])", edge="users"),
    ),
    case(
        "it rejects two edges with one id",
        doc(
            node("users", USERS),
            node("dns", ROUTE53),
            node("cdn", CLOUDFRONT),
            edges=[edge("e1", "users", "dns"), edge("e1", "users", "cdn")],
        ),
        Expect("duplicate_id", "$.edges[1]", "Id 'e1' is used 2 times", edge="e1"),
    ),
    case(
        "it rejects a node without a label",
        doc({"id": "users", "kind": USERS}),
        Expect("schema", "$.nodes[0].label", "'label' is required.", node="users"),
    ),
    case(
        "it rejects a node id with spaces and punctuation",
        doc(node("my node!", USERS)),
        Expect("schema", "$.nodes[0].id", "is not in the expected form", node="my node!"),
    ),
    case(
        "it rejects a node that is not an object", doc(42), Expect("schema", "$.nodes[0]", "must be an object, not 42")
    ),
    case(
        "it rejects an unknown field on a node",
        doc(node("users", USERS) | {"colour": "red"}),
        Expect("schema", "$.nodes[0].colour", "'colour' is not a known field", node="users"),
    ),
    case(
        "it rejects a kind the catalog does not have",
        doc(node("web", "aws.ec2.server")),
        Expect("unknown_kind", "$.nodes[0].kind", "'aws.ec2.server' is not a kind in the catalog.", node="web"),
    ),
]

PROPERTIES = [
    case(
        "it rejects text where a property is true or false",
        doc(node("vpc", VPC, enable_dns_support="yes")),
        Expect(
            "invalid_property",
            "$.nodes[0].props.enable_dns_support",
            "DNS resolution must be true or false, not 'yes'.",
            node="vpc",
        ),
    ),
    case(
        "it rejects a number written as text",
        doc(node("fn", LAMBDA, memory_mb="1024")),
        Expect(
            "invalid_property", "$.nodes[0].props.memory_mb", "Memory must be a whole number, not '1024'.", node="fn"
        ),
    ),
    case(
        "it lists the choices of a short list",
        doc(node("vpc", VPC, instance_tenancy="shared")),
        Expect(
            "invalid_property",
            "$.nodes[0].props.instance_tenancy",
            "Instance tenancy 'shared' is not one of the choices: 'default', 'dedicated'.",
            node="vpc",
        ),
    ),
    case(
        "it suggests close matches from a long list of choices",
        doc(*network(), node("web", EC2, "subnet-a", instance_type="t3.mediun")),
        Expect(
            "invalid_property",
            "$.nodes[5].props.instance_type",
            ("Instance type 't3.mediun' is not a known choice", "Did you mean t3.medium"),
            node="web",
        ),
    ),
    case(
        "it rejects a property below its minimum and names the unit",
        doc(node("fn", LAMBDA, memory_mb=64)),
        Expect("invalid_property", "$.nodes[0].props.memory_mb", "Memory must be at least 128 MB, not 64.", node="fn"),
    ),
    case(
        "it rejects a property above its maximum and names the unit",
        doc(node("fn", LAMBDA, timeout_s=901)),
        Expect(
            "invalid_property", "$.nodes[0].props.timeout_s", "Timeout must be at most 900 seconds, not 901.", node="fn"
        ),
    ),
    case(
        "it rejects a unitless property above its maximum",
        doc(*network(), node("web", EC2, "subnet-a", count=1001)),
        Expect("invalid_property", "$.nodes[5].props.count", "Count must be at most 1,000, not 1001.", node="web"),
    ),
    case(
        "it suggests the property a misspelling meant",
        doc(node("fn", LAMBDA, memory=1024)),
        Expect(
            "invalid_property",
            "$.nodes[0].props.memory",
            "'memory' is not a known field; did you mean 'memory_mb'?",
            node="fn",
        ),
    ),
    case(
        "it lists the known properties when nothing is close",
        doc(node("queue", SQS, colour="red")),
        Expect(
            "invalid_property",
            "$.nodes[0].props.colour",
            "(known: max_receive_count, message_retention_s,",
            node="queue",
        ),
    ),
    case(
        "it rejects a bad value inside a list of rules",
        doc(node("bucket", S3, lifecycle_rules=[{"transition_days": -1}])),
        Expect(
            "invalid_property",
            "$.nodes[0].props.lifecycle_rules[0].transition_days",
            "Transition after must be at least 0 days",
            node="bucket",
        ),
    ),
    case(
        "it rejects a negative usage figure",
        doc(node("fn", LAMBDA, usage={"monthly_requests": -1})),
        Expect(
            "invalid_usage",
            "$.nodes[0].usage.monthly_requests",
            "Invocations must be at least 0 requests/month, not -1.",
            node="fn",
        ),
    ),
    case(
        "it rejects a usage figure written as text",
        doc(node("bucket", S3, usage={"storage_gb": "lots"})),
        Expect("invalid_usage", "$.nodes[0].usage.storage_gb", "Storage must be a number, not 'lots'.", node="bucket"),
    ),
    case(
        "it suggests the usage field a misspelling meant",
        doc(node("bucket", S3, usage={"storage": 5})),
        Expect("invalid_usage", "$.nodes[0].usage.storage", "did you mean 'storage_gb'?", node="bucket"),
    ),
    case(
        "it rejects an Auto Scaling group whose minimum exceeds the default desired capacity",
        doc(*network(), node("fleet", ASG, "vpc", subnets=["subnet-a", "subnet-b"], min_size=3)),
        Expect("order", "$.nodes[5].props.min_size", "Minimum (3) must not exceed Desired (2).", node="fleet"),
    ),
    case(
        "it rejects an Auto Scaling group that desires more than its maximum",
        doc(*network(), node("fleet", ASG, "vpc", subnets=["subnet-a", "subnet-b"], desired_capacity=5, max_size=4)),
        Expect("order", "$.nodes[5].props.desired_capacity", "Desired (5) must not exceed Maximum (4).", node="fleet"),
    ),
    case(
        "it rejects an Aurora cluster whose minimum capacity exceeds its maximum",
        doc(*network(), node("db", AURORA, "vpc", subnets=["subnet-a", "subnet-b"], min_acu=16, max_acu=8)),
        Expect("order", "$.nodes[5].props.min_acu", "Minimum ACUs (16) must not exceed Maximum ACUs (8).", node="db"),
    ),
]

CONTAINMENT = [
    case(
        "it rejects an EC2 instance at the top level",
        doc(node("web", EC2)),
        Expect(
            "invalid_parent",
            "$.nodes[0].parent",
            "An EC2 instance must sit in a Subnet or an Auto Scaling group, not at the top level.",
            node="web",
        ),
    ),
    case(
        "it rejects an EC2 instance drawn in a VPC rather than a subnet",
        doc(node("vpc", VPC), node("web", EC2, "vpc")),
        Expect(
            "invalid_parent",
            "$.nodes[1].parent",
            "must sit in a Subnet or an Auto Scaling group, not in a VPC ('vpc').",
            node="web",
        ),
    ),
    case(
        "it rejects a subnet drawn directly in a VPC",
        doc(node("vpc", VPC), node("subnet", SUBNET, "vpc")),
        Expect(
            "invalid_parent",
            "$.nodes[1].parent",
            "A Subnet must sit in an Availability Zone, not in a VPC ('vpc').",
            node="subnet",
        ),
    ),
    case(
        "it rejects a subnet at the top level",
        doc(node("subnet", SUBNET)),
        Expect(
            "invalid_parent",
            "$.nodes[0].parent",
            "A Subnet must sit in an Availability Zone, not at the top level.",
            node="subnet",
        ),
    ),
    case(
        "it rejects an Availability Zone at the top level",
        doc(node("az", AZ)),
        Expect(
            "invalid_parent",
            "$.nodes[0].parent",
            "An Availability Zone must sit in a VPC, not at the top level.",
            node="az",
        ),
    ),
    case(
        "it rejects an Availability Zone outside a VPC",
        doc(node("region", REGION), node("az", AZ, "region")),
        Expect("invalid_parent", "$.nodes[1].parent", "must sit in a VPC, not in a Region ('region').", node="az"),
    ),
    case(
        "it rejects an S3 bucket drawn in a subnet",
        doc(*network(), node("bucket", S3, "subnet-a")),
        Expect(
            "invalid_parent",
            "$.nodes[5].parent",
            "An S3 bucket must sit in the top level or a Region, not in a Subnet ('subnet-a').",
            node="bucket",
        ),
    ),
    case(
        "it rejects a VPC inside a VPC",
        doc(node("outer", VPC), node("inner", VPC, "outer", cidr="10.1.0.0/16")),
        Expect("invalid_parent", "$.nodes[1].parent", "not in a VPC ('outer')", node="inner"),
    ),
    case(
        "it rejects a parent that is not in the design",
        doc(node("bucket", S3, "nowhere")),
        Expect("unknown_parent", "$.nodes[0].parent", "Parent 'nowhere' is not a node of this design.", node="bucket"),
    ),
    case(
        "it rejects a node that is its own parent",
        doc(node("region", REGION, "region")),
        Expect("parent_cycle", "$.nodes[0].parent", "Its parents lead back to itself.", node="region"),
    ),
]

ADDRESSES = [
    case(
        "it rejects a CIDR that is not an address range",
        doc(node("vpc", VPC, cidr="10.0.0/16")),
        Expect("invalid_property", "$.nodes[0].props.cidr", "'10.0.0/16' is not a valid IPv4 CIDR block", node="vpc"),
    ),
    case(
        "it rejects a CIDR with host bits set and suggests the network",
        doc(node("vpc", VPC, cidr="10.0.0.1/16")),
        Expect("invalid_property", "$.nodes[0].props.cidr", ("host bits set", "did you mean 10.0.0.0/16?"), node="vpc"),
    ),
    case(
        "it rejects a VPC larger than a /16",
        doc(node("vpc", VPC, cidr="10.0.0.0/8")),
        Expect(
            "invalid_cidr",
            "$.nodes[0].props.cidr",
            "A VPC's CIDR must be between /16 and /28; 10.0.0.0/8 is /8.",
            node="vpc",
        ),
    ),
    case(
        "it rejects a VPC smaller than a /28",
        doc(node("vpc", VPC, cidr="10.0.0.0/29")),
        Expect("invalid_cidr", "$.nodes[0].props.cidr", "10.0.0.0/29 is /29", node="vpc"),
    ),
    case(
        "it rejects a subnet smaller than a /28",
        doc(*network(subnets=["10.0.0.0/29"])),
        Expect("invalid_cidr", "$.nodes[2].props.cidr", "A subnet's CIDR must be between /16 and /28", node="subnet-a"),
    ),
    case(
        "it rejects a subnet outside its VPC's range",
        doc(*network(subnets=["10.1.0.0/24"])),
        Expect(
            "cidr_outside_vpc",
            "$.nodes[2].props.cidr",
            "CIDR 10.1.0.0/24 is outside its VPC's 10.0.0.0/16.",
            node="subnet-a",
        ),
    ),
    case(
        "it rejects sibling subnets that overlap",
        doc(*network(subnets=["10.0.0.0/24"]), node("subnet-a2", SUBNET, "az-a", cidr="10.0.0.128/25")),
        Expect(
            "cidr_overlap",
            "$.nodes[3].props.cidr",
            "CIDR 10.0.0.128/25 overlaps subnet 'subnet-a' (10.0.0.0/24) in the same VPC.",
            node="subnet-a2",
        ),
    ),
    case(
        "it rejects overlapping subnets in two AZs of one VPC",
        doc(*network(subnets=["10.0.1.0/24", "10.0.1.0/24"])),
        Expect("cidr_overlap", "$.nodes[4].props.cidr", "overlaps subnet 'subnet-a' (10.0.1.0/24)", node="subnet-b"),
    ),
    case(
        "it rejects a subnet inside a wider sibling",
        doc(*network(subnets=["10.0.0.0/20", "10.0.8.0/24"])),
        Expect("cidr_overlap", "$.nodes[4].props.cidr", "overlaps subnet 'subnet-a' (10.0.0.0/20)", node="subnet-b"),
    ),
]

ZONES = [
    case(
        "it rejects an AZ of another region than the design's",
        doc(*network(subnets=["10.0.0.0/24"], region="eu-west-1")),
        Expect(
            "az_region", "$.nodes[1].props.name", "Zone eu-west-1a is not in this VPC's region us-east-1.", node="az-a"
        ),
    ),
    case(
        "it judges an AZ by the Region box it sits in, not the design's region",
        doc(node("region", REGION, region="eu-west-1"), *network(subnets=["10.0.0.0/24"], parent="region")),
        Expect(
            "az_region", "$.nodes[2].props.name", "Zone us-east-1a is not in this VPC's region eu-west-1.", node="az-a"
        ),
    ),
    case(
        "it rejects one AZ drawn twice in a VPC",
        doc(*network(subnets=["10.0.0.0/24"]), node("az-a2", AZ, "vpc", name="us-east-1a")),
        Expect(
            "duplicate_az",
            "$.nodes[3].props.name",
            "Zone us-east-1a is already drawn in this VPC as 'az-a'.",
            node="az-a2",
        ),
    ),
]

PLACEMENT = [
    case(
        "it rejects a load balancer in a VPC without subnets",
        doc(node("vpc", VPC), node("alb", ALB, "vpc")),
        Expect(
            "placement",
            "$.nodes[1].props.subnets",
            "An Application Load Balancer in a VPC needs at least one subnet",
            node="alb",
        ),
    ),
    case(
        "it rejects an ECS service in a VPC cluster that names no subnets",
        doc(*network(), node("cluster", ECS_CLUSTER, "vpc"), node("web", ECS_SERVICE, "cluster")),
        Expect(
            "placement", "$.nodes[6].props.subnets", "An ECS service in a VPC needs at least one subnet", node="web"
        ),
    ),
    case(
        "it rejects an ECS service in a cluster outside any VPC that names no subnets",
        doc(node("cluster", ECS_CLUSTER), node("web", ECS_SERVICE, "cluster")),
        Expect(
            "placement",
            "$.nodes[1].props.subnets",
            "An ECS service runs in a VPC's subnets: put its ECS cluster in a VPC, or list subnets in 'Subnets'.",
            node="web",
        ),
    ),
    case(
        "it rejects a subnet reference to a node that does not exist",
        doc(*network(), node("alb", ALB, "vpc", subnets=["subnet-a", "subnet-b", "subnet-z"])),
        Expect(
            "unknown_reference",
            "$.nodes[5].props.subnets[2]",
            "Subnets: 'subnet-z' is not a node of this design.",
            node="alb",
        ),
    ),
    case(
        "it rejects a subnet reference to a node that is not a subnet",
        doc(*network(), node("alb", ALB, "vpc", subnets=["subnet-a", "subnet-b", "az-a"])),
        Expect(
            "invalid_reference",
            "$.nodes[5].props.subnets[2]",
            "Subnets: 'az-a' is an Availability Zone, not a Subnet.",
            node="alb",
        ),
    ),
    case(
        "it rejects a function attached to subnets of two VPCs",
        doc(*network(), *network("other-"), node("fn", LAMBDA, subnets=["subnet-a", "other-subnet-a"])),
        Expect(
            "placement",
            "$.nodes[10].props.subnets",
            "Its subnets must all be in one VPC; they are not ('subnet-a' in 'vpc', 'other-subnet-a' in 'other-vpc').",
            node="fn",
        ),
    ),
    case(
        "it rejects a load balancer using another VPC's subnets",
        doc(*network(), *network("other-"), node("alb", ALB, "other-vpc", subnets=["subnet-a", "subnet-b"])),
        Expect(
            "placement",
            "$.nodes[10].props.subnets",
            "Its subnets are in VPC 'vpc', but it sits in VPC 'other-vpc'.",
            node="alb",
        ),
    ),
    case(
        "it rejects a network ACL associated with another VPC's subnet",
        doc(*network(), *network("other-"), node("acl", NACL, "vpc", subnets=["subnet-a", "other-subnet-a"])),
        Expect(
            "placement",
            "$.nodes[10].props.subnets[1]",
            "Associated subnets: subnet 'other-subnet-a' is in VPC 'other-vpc', not in this node's VPC 'vpc'.",
            node="acl",
        ),
    ),
]

EDGES = [
    case(
        "it rejects an edge from an unknown node",
        doc(node("dns", ROUTE53), edges=[edge("e1", "ghost", "dns")]),
        Expect("unknown_node", "$.edges[0].source", "Source 'ghost' is not a node of this design.", edge="e1"),
    ),
    case(
        "it rejects an edge to an unknown node",
        doc(node("users", USERS), edges=[edge("e1", "users", "ghost")]),
        Expect("unknown_node", "$.edges[0].target", "Target 'ghost' is not a node of this design.", edge="e1"),
    ),
    case(
        "it rejects an edge from a node to itself",
        doc(node("fn", LAMBDA), edges=[edge("e1", "fn", "fn")]),
        Expect("self_loop", "$.edges[0].target", "A connection cannot join a node to itself.", edge="e1"),
    ),
    case(
        "it rejects a pair the catalog does not allow and names what is allowed",
        doc(node("bucket", S3), node("table", DYNAMODB), edges=[edge("e1", "bucket", "table")]),
        Expect(
            "invalid_connection",
            "$.edges[0].target",
            "An S3 bucket cannot connect to a DynamoDB table. It can connect to: EventBridge event bus, "
            "Lambda function, SNS topic, SQS queue.",
            edge="e1",
        ),
    ),
    case(
        "it says so when only the other direction is allowed",
        doc(node("queue", SQS), node("bucket", S3), edges=[edge("e1", "queue", "bucket")]),
        Expect(
            "invalid_connection",
            "$.edges[0].target",
            "An SQS queue cannot connect to an S3 bucket. The other direction is allowed.",
            edge="e1",
        ),
    ),
    case(
        "it says so when a kind starts no connections",
        doc(node("logs", LOGS), node("bucket", S3), edges=[edge("e1", "logs", "bucket")]),
        Expect("invalid_connection", "$.edges[0].target", "It does not start connections.", edge="e1"),
    ),
    case(
        "it rejects a second edge between the same pair",
        doc(
            node("fn", LAMBDA),
            node("bucket", S3),
            edges=[edge("e1", "fn", "bucket"), edge("e2", "fn", "bucket", access="write")],
        ),
        Expect("duplicate_edge", "$.edges[1].target", "'fn' is already connected to 'bucket' by edge 'e1'.", edge="e2"),
    ),
    case(
        "it rejects an edge property outside its choices",
        doc(node("fn", LAMBDA), node("bucket", S3), edges=[edge("e1", "fn", "bucket", access="admin")]),
        Expect(
            "invalid_property",
            "$.edges[0].props.access",
            "Access 'admin' is not one of the choices: 'read', 'write', 'read-write'.",
            edge="e1",
        ),
    ),
    case(
        "it suggests the edge property a misspelling meant",
        doc(node("fn", LAMBDA), node("bucket", S3), edges=[edge("e1", "fn", "bucket", acess="read")]),
        Expect("invalid_property", "$.edges[0].props.acess", "did you mean 'access'?", edge="e1"),
    ),
    case(
        "it rejects properties on a connection that takes none",
        doc(node("users", USERS), node("dns", ROUTE53), edges=[edge("e1", "users", "dns", port=53)]),
        Expect(
            "invalid_property",
            "$.edges[0].props.port",
            "'port' is not a known field; none are accepted here.",
            edge="e1",
        ),
    ),
    case(
        "it rejects negative traffic on an edge",
        doc(node("fn", LAMBDA), node("bucket", S3), edges=[edge("e1", "fn", "bucket", usage={"data_gb_month": -1})]),
        Expect(
            "invalid_usage",
            "$.edges[0].usage.data_gb_month",
            "Data carried must be at least 0 GB/month, not -1.",
            edge="e1",
        ),
    ),
    case(
        "it rejects an edge without a target",
        doc(node("fn", LAMBDA), edges=[{"id": "e1", "source": "fn"}]),
        Expect("schema", "$.edges[0].target", "'target' is required.", edge="e1"),
    ),
]


@pytest.mark.parametrize(("document", "limits", "expect"), UNREADABLE)
def test_it_refuses_what_is_not_a_design_it_can_read(document: Any, limits: Limits, expect: Expect) -> None:
    assert_only_error(document, expect, limits)


@pytest.mark.parametrize(("document", "limits", "expect"), TOP_LEVEL)
def test_it_reports_a_bad_top_level_field(document: Any, limits: Limits, expect: Expect) -> None:
    assert_only_error(document, expect, limits)


@pytest.mark.parametrize(("document", "limits", "expect"), NODES)
def test_it_reports_a_malformed_node_or_edge(document: Any, limits: Limits, expect: Expect) -> None:
    assert_only_error(document, expect, limits)


@pytest.mark.parametrize(("document", "limits", "expect"), PROPERTIES)
def test_it_reports_a_property_that_breaks_its_schema(document: Any, limits: Limits, expect: Expect) -> None:
    assert_only_error(document, expect, limits)


@pytest.mark.parametrize(("document", "limits", "expect"), CONTAINMENT)
def test_it_reports_a_node_in_a_place_it_cannot_sit(document: Any, limits: Limits, expect: Expect) -> None:
    assert_only_error(document, expect, limits)


@pytest.mark.parametrize(("document", "limits", "expect"), ADDRESSES)
def test_it_reports_a_bad_address_range(document: Any, limits: Limits, expect: Expect) -> None:
    assert_only_error(document, expect, limits)


@pytest.mark.parametrize(("document", "limits", "expect"), ZONES)
def test_it_reports_a_zone_that_cannot_be_there(document: Any, limits: Limits, expect: Expect) -> None:
    assert_only_error(document, expect, limits)


@pytest.mark.parametrize(("document", "limits", "expect"), PLACEMENT)
def test_it_reports_a_node_placed_in_the_wrong_subnets(document: Any, limits: Limits, expect: Expect) -> None:
    assert_only_error(document, expect, limits)


@pytest.mark.parametrize(("document", "limits", "expect"), EDGES)
def test_it_reports_a_connection_that_cannot_be(document: Any, limits: Limits, expect: Expect) -> None:
    assert_only_error(document, expect, limits)


def accepted(sentence: str, document: Any, limits: Limits = NO_LIMITS) -> Any:
    return pytest.param(document, limits, id=sentence)


ACCEPTED = [
    accepted("it accepts an empty design", doc()),
    accepted(
        "it accepts a design at the node limit", doc(node("alice", USERS), node("bob", USERS)), Limits(max_nodes=2)
    ),
    accepted(
        "it accepts JSON text exactly at the byte limit",
        json.dumps(doc()),
        Limits(max_bytes=len(json.dumps(doc()).encode())),
    ),
    accepted(
        "it accepts an EC2 instance in a subnet",
        doc(*network(), node("web", EC2, "subnet-a", instance_type="m7g.large")),
    ),
    accepted(
        "it accepts an EC2 instance in an Auto Scaling group",
        doc(*network(), node("fleet", ASG, "vpc", subnets=["subnet-a", "subnet-b"]), node("web", EC2, "fleet")),
    ),
    accepted(
        "it accepts an Auto Scaling group of fixed size",
        doc(
            *network(),
            node("fleet", ASG, "vpc", subnets=["subnet-a", "subnet-b"], min_size=3, desired_capacity=3, max_size=3),
        ),
    ),
    accepted(
        "it accepts an Aurora cluster with equal minimum and maximum capacity",
        doc(*network(), node("db", AURORA, "vpc", subnets=["subnet-a", "subnet-b"], min_acu=8, max_acu=8)),
    ),
    accepted(
        "it accepts VPCs of /16 and /28, the widest and narrowest AWS allows",
        doc(node("vpc", VPC, cidr="10.0.0.0/16"), node("small", VPC, cidr="10.1.0.0/28")),
    ),
    accepted(
        "it accepts adjacent subnets that touch but do not overlap",
        doc(*network(subnets=["10.0.0.0/25", "10.0.0.128/25"])),
    ),
    accepted("it accepts the same subnet ranges in two different VPCs", doc(*network(), *network("other-"))),
    accepted(
        "it accepts AZs named for the Region box they sit in",
        doc(node("region", REGION, region="eu-west-1"), *network(region="eu-west-1", parent="region")),
    ),
    accepted(
        "it accepts one AZ name in two VPCs",
        doc(*network(subnets=["10.0.0.0/24"]), *network("other-", subnets=["10.0.0.0/24"])),
    ),
    accepted(
        "it accepts several AZs left unnamed", doc(node("vpc", VPC), node("az-1", AZ, "vpc"), node("az-2", AZ, "vpc"))
    ),
    accepted(
        "it accepts a load balancer spanning two AZs",
        doc(*network(), node("alb", ALB, "vpc", subnets=["subnet-a", "subnet-b"])),
    ),
    accepted(
        "it accepts a network ACL associated with its own VPC's subnets",
        doc(*network(), node("acl", NACL, "vpc", subnets=["subnet-a", "subnet-b"])),
    ),
    accepted(
        "it accepts an ECS service listing the subnets of its cluster's VPC",
        doc(
            *network(),
            node("cluster", ECS_CLUSTER, "vpc"),
            node("web", ECS_SERVICE, "cluster", subnets=["subnet-a", "subnet-b"]),
        ),
    ),
    accepted("it accepts a Lambda function outside any VPC", doc(node("fn", LAMBDA))),
    accepted(
        "it accepts edges both ways between a pair that allows both",
        doc(
            node("table", DYNAMODB),
            node("fn", LAMBDA),
            edges=[edge("e1", "table", "fn"), edge("e2", "fn", "table", access="read-write")],
        ),
    ),
    accepted(
        "it accepts traffic carried on an edge",
        doc(node("fn", LAMBDA), node("bucket", S3), edges=[edge("e1", "fn", "bucket", usage={"data_gb_month": 5})]),
    ),
]


@pytest.mark.parametrize(("document", "limits"), ACCEPTED)
def test_it_accepts_a_design_that_keeps_the_rules(document: Any, limits: Limits) -> None:
    result = load(document, limits=limits)
    assert result.problems == (), report(result)
    assert result.ok


WARNED = [
    pytest.param(
        doc(*network(), node("alb", ALB, "vpc", subnets=["subnet-a"])),
        "alb",
        "AWS needs an Application Load Balancer's subnets in at least 2 Availability Zones; these are in 1.",
        id="it warns about a load balancer in one AZ",
    ),
    pytest.param(
        doc(*network(), node("db", RDS, "subnet-a")),
        "db",
        "AWS needs an RDS database's subnets in at least 2 Availability Zones; these are in 1.",
        id="it warns about a database drawn in a single subnet",
    ),
]


@pytest.mark.parametrize(("document", "node_id", "says"), WARNED)
def test_it_warns_about_subnets_in_too_few_zones_but_still_loads(document: Any, node_id: str, says: str) -> None:
    result = load(document)
    assert result.ok is True
    assert result.document is not None
    assert result.errors == []
    [warning] = result.warnings
    assert (warning.code, warning.severity, warning.node) == ("too_few_azs", "warning", node_id)
    assert warning.path == "$.nodes[5].props.subnets"
    assert says in warning.message


def test_it_reports_every_problem_at_once() -> None:
    document = doc(
        node("users", USERS),
        node("web", EC2),
        node("vpc", VPC, cidr="10.0.0.1/16"),
        node("thing", "aws.nothing"),
        node("fn", LAMBDA, usage={"monthly_requests": -5}),
        edges=[edge("e1", "users", "ghost"), edge("e2", "fn", "fn")],
        colour="blue",
    )
    result = load(document)
    assert result.document is None
    assert {(p.code, p.path) for p in result.problems} == {
        ("schema", "$.colour"),
        ("invalid_parent", "$.nodes[1].parent"),
        ("invalid_property", "$.nodes[2].props.cidr"),
        ("unknown_kind", "$.nodes[3].kind"),
        ("invalid_usage", "$.nodes[4].usage.monthly_requests"),
        ("unknown_node", "$.edges[0].target"),
        ("self_loop", "$.edges[1].target"),
    }


def test_it_reports_each_node_of_a_parent_cycle() -> None:
    result = load(doc(node("region", REGION, "vpc"), node("vpc", VPC, "region")))
    assert [(p.code, p.node, p.path) for p in result.problems] == [
        ("parent_cycle", "region", "$.nodes[0].parent"),
        ("parent_cycle", "vpc", "$.nodes[1].parent"),
    ]


def test_it_reports_a_malformed_node_without_hiding_the_problems_of_the_others() -> None:
    document = doc(
        {"id": "users", "kind": USERS},
        node("my node!", USERS),
        node("thing", "aws.nothing"),
        node("web", EC2),
    )
    result = load(document)
    assert [(p.code, p.path, p.node) for p in result.problems] == [
        ("schema", "$.nodes[0].label", "users"),
        ("schema", "$.nodes[1].id", "my node!"),
        ("unknown_kind", "$.nodes[2].kind", "thing"),
        ("invalid_parent", "$.nodes[3].parent", "web"),
    ]


def test_it_does_not_call_a_malformed_node_unknown_when_a_child_or_edge_names_it() -> None:
    region_without_label = {"id": "region", "kind": REGION}
    document = doc(
        region_without_label, node("queue", SQS, "region"), node("fn", LAMBDA), edges=[edge("e1", "queue", "fn")]
    )
    result = load(document)
    assert [(p.code, p.path) for p in result.problems] == [("schema", "$.nodes[0].label")]


def test_it_does_not_call_a_malformed_subnet_unknown_when_a_node_lists_it() -> None:
    nodes = network()
    del nodes[2]["label"]  # subnet-a
    result = load(doc(*nodes, node("alb", ALB, "vpc", subnets=["subnet-a", "subnet-b"])))
    assert [(p.code, p.path) for p in result.errors] == [("schema", "$.nodes[2].label")], report(result)


def test_it_rejects_a_parent_that_names_an_edge() -> None:
    document = doc(
        node("users", USERS), node("dns", ROUTE53), node("queue", SQS, "e1"), edges=[edge("e1", "users", "dns")]
    )
    result = load(document)
    assert result.document is None, "a node whose parent is an edge loaded (and build() then raises KeyError)"
    assert [(p.code, p.path) for p in result.errors] == [("unknown_parent", "$.nodes[2].parent")]


def test_it_rejects_a_connection_that_starts_at_an_edge() -> None:
    document = doc(
        node("users", USERS), node("dns", ROUTE53), edges=[edge("e1", "users", "dns"), edge("e2", "e1", "dns")]
    )
    result = load(document)
    assert result.document is None, "an edge from an edge loaded (and build() then raises KeyError)"
    assert [(p.code, p.path) for p in result.errors] == [("unknown_node", "$.edges[1].source")]


NOT_JSON_NUMBERS = [
    pytest.param("NaN", id="it rejects NaN, which is not JSON"),
    pytest.param("Infinity", id="it rejects Infinity, which is not JSON"),
]


@pytest.mark.parametrize("literal", NOT_JSON_NUMBERS)
def test_it_rejects_numbers_that_json_does_not_have(literal: str) -> None:
    text = json.dumps(doc(node("bucket", S3, usage={"storage_gb": 1})))
    text = text.replace('"storage_gb": 1', f'"storage_gb": {literal}')
    assert literal in text
    result = load(text)
    assert result.document is None, "the bucket loaded with storage_gb = " + literal
    assert [p.code for p in result.errors] == ["invalid_json"]


def test_it_rejects_a_nan_usage_figure_handed_over_in_a_dict() -> None:
    result = load(doc(node("bucket", S3, usage={"storage_gb": math.nan})))
    assert result.document is None, "a NaN storage figure passed the minimum of 0"


def test_it_reads_text_bytes_and_dicts_alike() -> None:
    document = doc(*network(), node("web", EC2, "subnet-a"), name="Shop")
    text = json.dumps(document)
    assert loaded(text) == loaded(text.encode()) == loaded(document)
    assert loaded(document).name == "Shop"


def test_it_never_changes_the_callers_dict() -> None:
    catalog = Catalog(kinds=CATALOG.kinds, connections=CATALOG.connections, aliases={"aws.ec2.server": EC2})
    renamed = doc(*network(), node("web", "aws.ec2.server", "subnet-a"))
    broken = doc(node("web", EC2), node("fn", LAMBDA, memory=1), colour="blue")
    before = copy.deepcopy([renamed, broken])
    assert load(renamed, catalog=catalog).ok
    assert not load(broken, catalog=catalog).ok
    assert [renamed, broken] == before


def test_it_loads_a_retired_kind_under_its_current_name() -> None:
    catalog = Catalog(kinds=CATALOG.kinds, connections=CATALOG.connections, aliases={"aws.ec2.server": EC2})
    document = doc(
        *network(),
        node("web", "aws.ec2.server", "subnet-a"),
        node("alb", ALB, "vpc", subnets=["subnet-a", "subnet-b"]),
        edges=[edge("e1", "alb", "web", port=8080)],
    )
    result = load(document, catalog=catalog)
    assert result.problems == (), report(result)
    assert result.document is not None
    assert {n.id: n.kind for n in result.document.nodes}["web"] == EC2


def test_it_checks_a_retired_kind_by_its_current_kinds_rules() -> None:
    catalog = Catalog(kinds=CATALOG.kinds, connections=CATALOG.connections, aliases={"aws.ec2.server": EC2})
    result = load(doc(node("web", "aws.ec2.server")), catalog=catalog)
    assert [(p.code, p.message) for p in result.problems] == [
        ("invalid_parent", "An EC2 instance must sit in a Subnet or an Auto Scaling group, not at the top level.")
    ]


def test_it_does_not_know_a_retired_kind_without_its_alias() -> None:
    result = load(doc(*network(), node("web", "aws.ec2.server", "subnet-a")))
    assert [p.code for p in result.problems] == ["unknown_kind"]


def test_load_or_raise_raises_with_every_problem() -> None:
    with pytest.raises(DocumentInvalid, match="the design has 2 problems") as raised:
        load_or_raise(doc(node("web", EC2), node("subnet", SUBNET)))
    assert [p.node for p in raised.value.problems] == ["web", "subnet"]


# -- migrations -----------------------------------------------------------------------------------------


@pytest.fixture
def format_v2(monkeypatch: pytest.MonkeyPatch) -> dict[int, Any]:
    """The gate as it will be once format version 2 exists; returns the (empty) migration table to fill.

    CURRENT_VERSION is bound at import time in several places (the gate's version check, the default target of
    `migrate()`, the top-level schema's maximum), so each is moved to 2.
    """
    gate = importlib.import_module("designer.document.load")
    table: dict[int, Any] = {}
    monkeypatch.setattr(migrations, "MIGRATIONS", table)
    monkeypatch.setattr(migrations, "CURRENT_VERSION", 2)
    monkeypatch.setattr(migrations.migrate, "__kwdefaults__", {"migrations": None, "current": 2})
    monkeypatch.setattr(schema, "CURRENT_VERSION", 2)
    monkeypatch.setattr(gate, "CURRENT_VERSION", 2)
    monkeypatch.setattr(gate, "_TOP", messages.validator(schema.structure_schema(nodes=False)))
    return table


def _memory_renamed(raw: dict[str, Any]) -> dict[str, Any]:
    """A made-up version 1 -> 2 step, editing in place: Lambda's `memory` became `memory_mb`."""
    for n in raw["nodes"]:
        if "memory" in n["props"]:
            n["props"]["memory_mb"] = n["props"].pop("memory")
    return raw


def test_it_upgrades_an_old_document_before_checking_it(format_v2: dict[int, Any]) -> None:
    format_v2[1] = _memory_renamed
    old = doc(node("fn", LAMBDA, memory=1024))
    before = copy.deepcopy(old)
    document = loaded(old)
    assert document.nodes[0].props == {"memory_mb": 1024}
    assert old == before


def test_it_refuses_an_old_document_it_has_no_upgrade_for(format_v2: dict[int, Any]) -> None:
    assert_only_error(
        doc(node("fn", LAMBDA)),
        Expect("unsupported_version", "$.version", "Cannot upgrade this design: no migration from version 1 to 2."),
    )


def test_migrate_applies_each_step_in_order_and_stamps_the_version() -> None:
    steps = {1: lambda raw: {**raw, "log": [*raw["log"], "1->2"]}, 2: lambda raw: {**raw, "log": [*raw["log"], "2->3"]}}
    assert migrate({"version": 1, "log": []}, 1, migrations=steps, current=3) == {"version": 3, "log": ["1->2", "2->3"]}
    assert migrate({"version": 2, "log": []}, 2, migrations=steps, current=3) == {"version": 3, "log": ["2->3"]}


def test_migrate_names_the_step_it_is_missing() -> None:
    with pytest.raises(MigrationError, match="no migration from version 2 to 3"):
        migrate({"version": 1}, 1, migrations={1: dict}, current=3)


def test_migrate_leaves_a_current_document_as_it_is() -> None:
    raw = doc(node("fn", LAMBDA))
    assert migrate(raw, 1) == doc(node("fn", LAMBDA))


def test_it_warns_when_a_vpc_mixes_named_and_automatic_zones() -> None:
    document = doc(*network(subnets=["10.0.0.0/24"]), node("az-auto", AZ, "vpc"))
    result = load(document)
    assert result.ok is True
    [warning] = result.warnings
    assert (warning.code, warning.severity, warning.node) == ("mixed_az_names", "warning", "az-auto")
    assert "name them all or none" in warning.message
    all_automatic = doc(node("vpc", VPC), node("az-1", AZ, "vpc"), node("az-2", AZ, "vpc"))
    assert load(all_automatic).problems == ()


def test_it_refuses_a_document_nested_absurdly_deep() -> None:
    deep: Any = []
    for _ in range(200):
        deep = [deep]
    as_dict = doc(node("vpc", VPC, usage={"x": deep}))
    as_text = '{"nodes": ' + "[" * 100_000 + "]" * 100_000 + "}"
    for source in (as_dict, json.dumps(as_dict), as_text):
        assert [p.code for p in load(source).problems] == ["too_deep"]


def test_it_refuses_a_trailing_newline_that_pythons_regex_dollar_would_let_through() -> None:
    # Python's `$` also matches before a final newline; the JSON Schema (ECMA-262) one does not.
    result = load(doc(node("api", "aws.apigateway.api", stage_name="prod\n")))
    [problem] = result.problems
    assert (problem.node, problem.path, problem.severity) == ("api", "$.nodes[0].props.stage_name", "error")
    assert "does not match" in problem.message


def test_it_refuses_firewall_rules_aws_would_refuse_naming_each() -> None:
    rules = [{}, {"from_port": 500, "to_port": 20}, {"rule_number": 100}, {"rule_number": 100, "direction": "egress"}]
    document = doc(*network(subnets=["10.0.0.0/24"]), node("acl", NACL, "vpc", subnets=["subnet-a"], rules=rules))

    problems = load(document).problems

    assert [(p.code, p.path) for p in problems] == [
        ("order", "$.nodes[3].props.rules[1].from_port"),
        ("duplicate_item", "$.nodes[3].props.rules[1]"),
        ("duplicate_item", "$.nodes[3].props.rules[2]"),
    ]
    assert problems[0].message == "From port (500) must not exceed To port (20)."
    assert problems[2].message == ("Rule 3 repeats rule 1 (rule number 100, direction ingress); AWS refuses two alike.")


def test_a_rule_saved_with_only_some_fields_gets_the_defaults_of_the_rest() -> None:
    document = doc(*network(subnets=["10.0.0.0/24"]), node("sg", "aws.vpc.security_group", "vpc", rules=[{}]))

    rule = build(loaded(document)).node("sg").props["rules"][0]

    assert rule == {
        "direction": "ingress",
        "protocol": "tcp",
        "from_port": 443,
        "to_port": 443,
        "cidr": "10.0.0.0/16",
        "description": "",
    }
