"""What the network rules ask of the graph beyond rules/_helpers.py: zone names, NAT gateways and endpoints of a
VPC, address counts, and fixes that re-place a node in other subnets or add a node where there is room."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

from ....graph import AZ, SUBNET, ArchitectureGraph, GraphNode
from ...model import Change, Fix
from .._helpers import subnets_in_az

NAT = "aws.vpc.nat_gateway"
GATEWAY_ENDPOINT = "aws.vpc.gateway_endpoint"
INTERFACE_ENDPOINT = "aws.vpc.interface_endpoint"
LOAD_BALANCERS = ("aws.elb.application_load_balancer", "aws.elb.network_load_balancer")
ASG = "aws.autoscaling.group"
EC2 = "aws.ec2.instance"

# AWS keeps the first four addresses and the last one of every subnet (network, VPC router, DNS, future use,
# broadcast), so a /28 leaves 11 (https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html).
RESERVED_PER_SUBNET = 5


def zone(graph: ArchitectureGraph, az_id: str | None) -> str:
    """How a message names an AZ box: the zone it stands for when named (us-east-1a), else its label."""
    if az_id is None or az_id not in graph.nodes:
        return "an unknown zone"
    info = graph.zones.get(az_id)
    return info.name if info is not None and info.name else graph.node(az_id).label or az_id


def zone_order(graph: ArchitectureGraph, az_id: str) -> tuple[int, str]:
    info = graph.zones.get(az_id)
    return (info.index if info is not None else 0, az_id)


def listing(items: Iterable[str]) -> str:
    """a, b and c."""
    words = list(items)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def quoted(nodes: Iterable[GraphNode]) -> str:
    """“a”, “b” and “c”."""
    return listing(f"“{n.label or n.id}”" for n in nodes)


def tier(graph: ArchitectureGraph, subnet_id: str) -> str:
    return str(graph.node(subnet_id).props.get("tier"))


def vpc_subnets(graph: ArchitectureGraph, vpc_id: str | None) -> list[GraphNode]:
    return [s for s in graph.of_kind(SUBNET) if s.vpc == vpc_id]


def public_nat_gateways(graph: ArchitectureGraph, vpc_id: str | None) -> list[GraphNode]:
    """The NAT gateways that give private subnets a way to the internet: a private NAT gateway has no Elastic
    IP and only reaches other networks (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html)."""
    return [n for n in graph.of_kind(NAT) if n.vpc == vpc_id and n.props.get("connectivity") == "public"]


def endpoints(graph: ArchitectureGraph, vpc_id: str | None) -> list[GraphNode]:
    return [n for n in graph.of_kind(GATEWAY_ENDPOINT, INTERFACE_ENDPOINT) if n.vpc == vpc_id]


def routed_subnets(graph: ArchitectureGraph, endpoint: GraphNode) -> set[str]:
    """The subnets a gateway endpoint adds its route to: those listed, or (the catalog's rule for an empty list)
    every private and isolated subnet of its VPC."""
    listed = set(endpoint.props.get("route_subnets") or ())
    if listed:
        return listed
    return {s.id for s in vpc_subnets(graph, endpoint.vpc) if s.props.get("tier") != "public"}


def usable_addresses(subnet: GraphNode) -> int | None:
    try:
        network = ipaddress.IPv4Network(str(subnet.props.get("cidr")), strict=False)
    except ValueError:
        return None
    return network.num_addresses - RESERVED_PER_SUBNET


def unique_id(graph: ArchitectureGraph, base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`…: the first id no node or edge of the graph (nor `taken`) has; it joins
    `taken`."""
    used = {*graph.nodes, *(e.id for e in graph.edges), *taken}
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    taken.add(candidate)
    return candidate


def free_position(graph: ArchitectureGraph, parent_id: str) -> dict[str, float]:
    """A spot inside `parent_id` below what is drawn there (positions are relative to the parent's corner)."""
    bottom = 0.0
    for child in graph.children(parent_id):
        height = child.size[1] if child.size else 80.0
        bottom = max(bottom, child.position[1] + height)
    return {"x": 40.0, "y": bottom + 40.0}


def new_node(node_id: str, kind: str, label: str, parent: str, position: dict[str, float], **props: Any) -> Change:
    return Change(
        "add_node",
        value={
            "id": node_id,
            "kind": kind,
            "label": label,
            "parent": parent,
            "props": props,
            "usage": {},
            "position": position,
        },
    )


def spread_fix(graph: ArchitectureGraph, node: GraphNode) -> Fix | None:
    """Add to `node`'s subnets one of the same tier as its first in each other AZ of its VPC; None when no other
    zone has one."""
    if not node.subnets or node.vpc is None:
        return None
    wanted = tier(graph, node.subnets[0])
    zones = sorted(
        (z.id for z in graph.of_kind(AZ) if z.vpc == node.vpc and z.id not in node.azs),
        key=lambda z: zone_order(graph, z),
    )
    added = [found[0] for z in zones if (found := subnets_in_az(graph, node.vpc, z, wanted))]
    if not added:
        return None
    listed = list(node.props.get("subnets") or ())
    where = quoted(added)
    return Fix(
        f"Add the {wanted} subnet{'s' if len(added) > 1 else ''} {where}",
        (Change("set", node.id, "props.subnets", [*listed, *(s.id for s in added)]),),
    )


def retier_fix(
    graph: ArchitectureGraph, node: GraphNode, leave: tuple[str, ...], prefer: tuple[str, ...], title: str
) -> Fix | None:
    """Re-place `node` from its subnets whose tier is in `leave` into the subnet of the same AZ whose tier comes
    first in `prefer`: the subnet it is drawn in (a move) and the subnets it lists. None when a zone has no such
    subnet."""

    def counterpart(subnet_id: str) -> str | None:
        subnet = graph.node(subnet_id)
        if subnet.props.get("tier") not in leave:
            return subnet_id
        for wanted in prefer:
            found = subnets_in_az(graph, node.vpc, subnet.az, wanted)
            if found:
                return found[0].id
        return None

    changes: list[Change] = []
    parent = graph.node(node.parent) if node.parent is not None else None
    if parent is not None and parent.kind == SUBNET:
        moved = counterpart(parent.id)
        if moved is None:
            return None
        if moved != parent.id:
            changes.append(Change("move", node.id, None, moved))
    listed = list(node.props.get("subnets") or ())
    if listed:
        replaced: list[str] = []
        for subnet_id in listed:
            other = counterpart(subnet_id)
            if other is None:
                return None
            if other not in replaced:
                replaced.append(other)
        if replaced != listed:
            changes.append(Change("set", node.id, "props.subnets", replaced))
    return Fix(title, tuple(changes)) if changes else None
