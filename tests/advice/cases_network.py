"""Cases for the network rules (designer/advice/rules/network/)."""

from __future__ import annotations

from typing import Any

from tests.advice.rule_cases import Case, Document
from tests.engines.design_builders import (
    ALB,
    AZ,
    EC2,
    ECS_CLUSTER,
    ECS_SERVICE,
    LAMBDA,
    NAT,
    RDS,
    S3,
    SUBNET,
    VPC,
    doc,
    edge,
    network,
    node,
)

SG = "aws.vpc.security_group"
GATEWAY_ENDPOINT = "aws.vpc.gateway_endpoint"
DATACENTER = "external.datacenter"
VPN = "aws.vpc.vpn_connection"
TGW = "aws.ec2.transit_gateway"

TIER_BLOCKS = {"public": 0, "private": 10, "isolated": 20}


def tiered(*tiers: str, zones: str = "ab") -> list[dict[str, Any]]:
    """A VPC (10.0.0.0/16) with one named AZ per letter of `zones`, each holding one subnet per tier:
    `public-a` (10.0.0.0/24), `private-a` (10.0.10.0/24), `isolated-a` (10.0.20.0/24), then `-b` (10.0.x+1.0/24)…"""
    nodes = [node("vpc", VPC, cidr="10.0.0.0/16")]
    for i, letter in enumerate(zones):
        nodes.append(node(f"az-{letter}", AZ, "vpc", name=f"us-east-1{letter}"))
        for tier in tiers:
            cidr = f"10.0.{TIER_BLOCKS[tier] + i}.0/24"
            nodes.append(node(f"{tier}-{letter}", SUBNET, f"az-{letter}", cidr=cidr, tier=tier))
    return nodes


def nat(letter: str, tier: str = "public") -> dict[str, Any]:
    return node(f"nat-{letter}", NAT, f"{tier}-{letter}")


def security_group(*rules: tuple[int, str]) -> Document:
    """A security group with HTTPS open to the world, and each of `rules` (port, source CIDR) as a TCP ingress."""
    items = [{"direction": "ingress", "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr": "0.0.0.0/0"}]
    items += [
        {"direction": "ingress", "protocol": "tcp", "from_port": port, "to_port": port, "cidr": cidr}
        for port, cidr in rules
    ]
    return doc(*network(), node("sg", SG, "vpc", rules=items))


def containers(*extra: dict[str, Any], edges: tuple[dict[str, Any], ...] = ()) -> Document:
    """An ECS service `web` running in the private subnets of two zones, which also have public subnets."""
    return doc(
        *tiered("public", "private"),
        node("ecs", ECS_CLUSTER, "vpc"),
        node("web", ECS_SERVICE, "ecs", subnets=["private-a", "private-b"]),
        *extra,
        edges=edges,
    )


def load_balancer(subnets: list[str], **props: Any) -> Document:
    return doc(*tiered("public", "private"), node("alb", ALB, "vpc", subnets=subnets, **props))


def hybrid(datacenter_cidr: str) -> Document:
    """A data center reaching the VPC 10.0.0.0/16 over a Site-to-Site VPN on a Transit Gateway."""
    return doc(
        *network(),
        node("dc", DATACENTER, cidr=datacenter_cidr),
        node("vpn", VPN),
        node("tgw", TGW),
        edges=[edge("e1", "dc", "vpn"), edge("e2", "vpn", "tgw"), edge("e3", "tgw", "vpc")],
    )


def crowded(count: int) -> Document:
    """`count` EC2 instances in a /28 subnet (11 usable addresses)."""
    return doc(*network(subnets=("10.0.0.0/28", "10.0.0.16/28")), node("app", EC2, "subnet-a", count=count))


CASES: list[Case] = [
    Case(
        "security-group-open-to-world",
        triggers=lambda: security_group((22, "0.0.0.0/0"), (5432, "0.0.0.0/0")),
        passes=lambda: security_group((22, "10.0.0.0/16"), (5432, "10.0.0.0/16")),
        nodes=("sg",),
        message="SSH (22) and PostgreSQL (5432)",
    ),
    Case(
        "nat-gateway-outside-public-subnet",
        triggers=lambda: doc(*tiered("public", "private"), nat("a", tier="private")),
        passes=lambda: doc(*tiered("public", "private"), nat("a")),
        nodes=("nat-a",),
        message="in the private subnet",
    ),
    Case(
        "private-subnet-without-route-out",
        triggers=lambda: containers(),
        passes=lambda: containers(nat("a"), nat("b")),
        nodes=("private-a", "private-b"),
        fixed=False,
        message="no route out (no NAT gateway serves them",
    ),
    Case(
        "one-nat-gateway-for-several-azs",
        triggers=lambda: containers(nat("a")),
        passes=lambda: containers(nat("a"), nat("b")),
        nodes=("nat-a",),
        message="also serves the private subnet “private-b” in us-east-1b",
    ),
    Case(
        "load-balancer-in-one-az",
        triggers=lambda: load_balancer(["public-a"]),
        passes=lambda: load_balancer(["public-a", "public-b"]),
        nodes=("alb",),
        message="in us-east-1a only",
    ),
    Case(
        "database-subnets-in-one-az",
        triggers=lambda: doc(*tiered("isolated"), node("db", RDS, "vpc", multi_az=True, subnets=["isolated-a"])),
        passes=lambda: doc(
            *tiered("isolated"), node("db", RDS, "vpc", multi_az=True, subnets=["isolated-a", "isolated-b"])
        ),
        nodes=("db",),
        message="subnets of us-east-1a only",
    ),
    Case(
        "vpc-cidr-overlaps-on-premises",
        triggers=lambda: hybrid("10.0.0.0/8"),
        passes=lambda: hybrid("192.168.0.0/16"),
        nodes=("vpc", "dc"),
        fixed=False,
        message="overlaps “dc” (10.0.0.0/8), which it reaches through “vpn”",
    ),
    Case(
        "subnet-too-small",
        triggers=lambda: crowded(12),
        passes=lambda: crowded(11),
        nodes=("subnet-a",),
        message="has 11 usable addresses, but what is placed in it can need 12",
    ),
    Case(
        "gateway-endpoint-missing",
        triggers=lambda: containers(nat("a"), nat("b"), node("assets", S3), edges=(edge("e1", "web", "assets"),)),
        passes=lambda: containers(
            nat("a"),
            nat("b"),
            node("assets", S3),
            node("s3-endpoint", GATEWAY_ENDPOINT, "vpc", service="s3"),
            edges=(edge("e1", "web", "assets"),),
        ),
        nodes=("vpc",),
        message="reaches S3 through the NAT gateway",
    ),
    Case(
        "internet-facing-load-balancer-without-https",
        triggers=lambda: load_balancer(["public-a", "public-b"], listener_protocol="HTTP", listener_port=80),
        passes=lambda: load_balancer(["public-a", "public-b"], listener_protocol="HTTPS", listener_port=443),
        nodes=("alb",),
        message="plain HTTP listener on port 80",
    ),
    Case(
        "internet-facing-load-balancer-in-private-subnet",
        triggers=lambda: load_balancer(["private-a", "private-b"]),
        passes=lambda: load_balancer(["public-a", "public-b"]),
        nodes=("alb",),
        message="no route from the internet",
    ),
    Case(
        "lambda-in-public-subnet",
        triggers=lambda: doc(*tiered("public", "private"), node("fn", LAMBDA, "vpc", subnets=["public-a", "public-b"])),
        passes=lambda: doc(*tiered("public", "private"), node("fn", LAMBDA, "vpc", subnets=["private-a", "private-b"])),
        nodes=("fn",),
        message="cannot reach the internet",
    ),
]
