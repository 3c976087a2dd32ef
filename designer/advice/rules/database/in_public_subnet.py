"""A database or cache in a public subnet is one route table entry away from the internet.

Source: Amazon RDS User Guide, "Hiding a DB instance in a VPC from the internet"
(https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.Scenarios.html). The fix moves the node into
an isolated subnet of the same AZ (else a private one) where the VPC has one; a database placed in several
subnets (a subnet group) gets those subnets' private counterparts.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Change, Fix, Hit, Rule
from .._helpers import CACHES, DATABASES, name, subnets_in_az, tiers

KINDS = (*DATABASES, *CACHES, "aws.dms.replication_instance")


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind(*KINDS):
        if "public" not in tiers(graph, node):
            continue
        message = f"{name(node)} sits in a public subnet: keep databases and caches in private or isolated subnets."
        yield Hit((node.id,), message, _fix(graph, node.id))


def _fix(graph: ArchitectureGraph, node_id: str) -> Fix | None:
    node = graph.node(node_id)
    if node.parent is not None and graph.node(node.parent).kind == "aws.vpc.subnet":
        subnet = graph.node(node.parent)
        for tier in ("isolated", "private"):
            target = subnets_in_az(graph, node.vpc, subnet.az, tier)
            if target:
                return Fix(
                    f"Move it to the {tier} subnet {name(target[0])}", (Change("move", node_id, None, target[0].id),)
                )
        return None
    if "subnets" in node.props:
        replaced = []
        for subnet_id in node.subnets:
            subnet = graph.node(subnet_id)
            if subnet.props.get("tier") != "public":
                replaced.append(subnet_id)
                continue
            target = subnets_in_az(graph, node.vpc, subnet.az, "isolated") or subnets_in_az(
                graph, node.vpc, subnet.az, "private"
            )
            if not target:
                return None
            replaced.append(target[0].id)
        return Fix(
            "Place it in the private subnets of the same zones", (Change("set", node_id, "props.subnets", replaced),)
        )
    return None


RULE = Rule(
    id="database-in-public-subnet",
    severity="error",
    title="Database or cache in a public subnet",
    source_url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.Scenarios.html",
    check=check,
)
