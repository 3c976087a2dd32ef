"""A subnet must have an address for everything placed in it at its peak; when it runs out, scaling out, a
deployment or a failover fails with "insufficient free addresses" at the worst moment.

Source: Amazon VPC User Guide, subnets (https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html):
AWS reserves the first four and the last address of every subnet, so a subnet has its size minus 5 to give out.

How the rule counts the addresses a node needs in each of its subnets (a node spread over n subnets takes its share,
rounded up, in each):
- EC2 instance: its `count` (one in an Auto Scaling group only illustrates the group and is not counted);
- Auto Scaling group: its `max_size`, spread over its subnets;
- ECS service: twice its `desired_count`, spread (tasks use awsvpc networking, one address each, and a rolling
  deployment may run up to 200% of the desired count by default);
- EKS cluster: its `node_count`, spread (a lower bound: with the VPC CNI every pod takes an address too);
- Lambda function: one network interface per subnet;
- RDS database: 1, plus 1 for a Multi-AZ standby, plus its read replicas, spread; Aurora: its `instances`, spread;
  ElastiCache: its nodes, times one plus the replicas per shard for Redis OSS and Valkey, spread; DMS: 1, spread;
- Application Load Balancer: 8 per subnet (the free addresses it needs to scale); Network Load Balancer, NAT
  gateway, interface endpoint: 1 per subnet.
The fix gives the subnet the smallest CIDR that fits (at most /16 and at least /28), growing it in place when the
VPC has room around it, else at the first free range of the VPC. A subnet's CIDR cannot change in place in AWS, so
applying it replaces the subnet.
"""

from __future__ import annotations

import ipaddress
import math
from collections.abc import Iterator

from ....graph import SUBNET, ArchitectureGraph, GraphNode
from ...model import Fix, Hit, Rule
from .._helpers import name, set_props
from ._common import ASG, EC2, INTERFACE_ENDPOINT, NAT, RESERVED_PER_SUBNET, usable_addresses, vpc_subnets

PER_SUBNET: dict[str, int] = {
    "aws.elb.application_load_balancer": 8,
    "aws.elb.network_load_balancer": 1,
    "aws.lambda.function": 1,
    NAT: 1,
    INTERFACE_ENDPOINT: 1,
}


def total_demand(graph: ArchitectureGraph, node: GraphNode) -> int:
    """The addresses `node` needs across all its subnets (kinds placed per subnet are not here)."""
    p = node.props
    if node.kind == EC2:
        in_group = node.parent is not None and graph.node(node.parent).kind == ASG
        return 0 if in_group else int(p.get("count", 1))
    if node.kind == ASG:
        return int(p.get("max_size", 0))
    if node.kind == "aws.ecs.service":
        return 2 * int(p.get("desired_count", 0))
    if node.kind == "aws.eks.cluster":
        return int(p.get("node_count", 0))
    if node.kind == "aws.rds.instance":
        return 1 + (1 if p.get("multi_az") else 0) + int(p.get("read_replicas", 0))
    if node.kind == "aws.rds.aurora_cluster":
        return int(p.get("instances", 1))
    if node.kind == "aws.elasticache.cluster":
        replicas = 0 if p.get("engine") == "memcached" else int(p.get("replicas", 0))
        return int(p.get("nodes", 1)) * (1 + replicas)
    if node.kind == "aws.dms.replication_instance":
        return 1
    return 0


def demand(graph: ArchitectureGraph) -> dict[str, list[tuple[GraphNode, int]]]:
    """For each subnet, the nodes placed in it and how many of its addresses each needs."""
    out: dict[str, list[tuple[GraphNode, int]]] = {}
    for node in graph.nodes.values():
        if node.kind == SUBNET or not node.subnets:
            continue
        share = PER_SUBNET.get(node.kind) or math.ceil(total_demand(graph, node) / len(node.subnets))
        if share <= 0:
            continue
        for subnet_id in node.subnets:
            out.setdefault(subnet_id, []).append((node, share))
    return out


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for subnet_id, placed in demand(graph).items():
        subnet = graph.node(subnet_id)
        usable = usable_addresses(subnet)
        needed = sum(share for _, share in placed)
        if usable is None or needed <= usable:
            continue
        detail = ", ".join(f"{name(node)}: {share}" for node, share in placed)
        message = (
            f"Subnet {name(subnet)} ({subnet.props.get('cidr')}) has {usable} usable addresses, but what is placed in "
            f"it can need {needed} ({detail}): it will run out when they scale out or redeploy."
        )
        yield Hit((subnet.id,), message, _fix(graph, subnet, needed))


def _fix(graph: ArchitectureGraph, subnet: GraphNode, needed: int) -> Fix | None:
    prefix = 32 - math.ceil(math.log2(needed + RESERVED_PER_SUBNET))
    if prefix < 16:
        return None
    prefix = min(prefix, 28)
    try:
        current = ipaddress.IPv4Network(str(subnet.props.get("cidr")), strict=False)
        vpc = ipaddress.IPv4Network(str(graph.node(subnet.vpc).props.get("cidr")), strict=False) if subnet.vpc else None
    except ValueError:
        return None
    if vpc is None or prefix < vpc.prefixlen:
        return None
    others = []
    for s in vpc_subnets(graph, subnet.vpc):
        if s.id == subnet.id:
            continue
        try:
            others.append(ipaddress.IPv4Network(str(s.props.get("cidr")), strict=False))
        except ValueError:
            continue
    in_place = current.supernet(new_prefix=prefix) if prefix < current.prefixlen else current
    candidates = [in_place, *vpc.subnets(new_prefix=prefix)]
    for candidate in candidates:
        if candidate.subnet_of(vpc) and not any(candidate.overlaps(o) for o in others):
            return set_props(f"Resize it to {candidate}", subnet.id, cidr=str(candidate))
    return None


RULE = Rule(
    id="subnet-too-small",
    severity="warning",
    title="Subnet too small for what is placed in it",
    source_url="https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html",
    check=check,
)
