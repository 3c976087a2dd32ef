"""A VPC connected to an on-premises network must not share its addresses: for an overlapping range the VPC's
local route always wins, so the on-premises hosts in it cannot be reached from the VPC (and replies to them go
astray).

Source: AWS Site-to-Site VPN User Guide, "Route tables and AWS Site-to-Site VPN route priority"
(https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-route-priority.html): "If propagated routes from a Site-to-Site
VPN connection or AWS Direct Connect connection overlap with the local route for your VPC, the local route is most
preferred even if the propagated routes are more specific." A data center reaches a VPC through its connections
(`link`) to a VPN or Direct Connect, which attach to the VPC or to a Transit Gateway attached to it. No fix:
renumbering a network is not mechanical.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from ....graph import VPC, ArchitectureGraph, GraphNode
from ...model import Hit, Rule
from .._helpers import name

DATACENTER = "external.datacenter"
TRANSIT_GATEWAY = "aws.ec2.transit_gateway"


def network(node: GraphNode) -> ipaddress.IPv4Network | None:
    try:
        return ipaddress.IPv4Network(str(node.props.get("cidr")), strict=False)
    except ValueError:
        return None


def reached_vpcs(graph: ArchitectureGraph, datacenter: GraphNode) -> dict[str, GraphNode]:
    """The VPCs `datacenter` reaches, each with the connection (VPN or Direct Connect) it goes through."""
    out: dict[str, GraphNode] = {}
    for link in graph.outgoing(datacenter.id):
        if link.meaning != "link":
            continue
        connection = graph.node(link.target)
        for hop in graph.outgoing(connection.id):
            if hop.meaning != "attachment":
                continue
            target = graph.node(hop.target)
            if target.kind == VPC:
                out.setdefault(target.id, connection)
            elif target.kind == TRANSIT_GATEWAY:
                for attached in graph.outgoing(target.id):
                    if attached.meaning == "attachment" and graph.node(attached.target).kind == VPC:
                        out.setdefault(attached.target, connection)
    return out


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for datacenter in graph.of_kind(DATACENTER):
        on_premises = network(datacenter)
        if on_premises is None:
            continue
        for vpc_id, connection in reached_vpcs(graph, datacenter).items():
            vpc = graph.node(vpc_id)
            cidr = network(vpc)
            if cidr is None or not cidr.overlaps(on_premises):
                continue
            message = (
                f"VPC {name(vpc)} ({cidr}) overlaps {name(datacenter)} ({on_premises}), which it reaches through "
                f"{name(connection)}: the VPC's local route wins, so those on-premises addresses are unreachable "
                "from it. Give the VPC a range the data center does not use."
            )
            yield Hit((vpc.id, datacenter.id), message)


RULE = Rule(
    id="vpc-cidr-overlaps-on-premises",
    severity="error",
    title="VPC address range overlaps the on-premises network",
    source_url="https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-route-priority.html",
    check=check,
)
