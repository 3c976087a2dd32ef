"""NAT gateway: hours, data processed (its own usage figure plus connections that cross it, added by
`traffic.py`), and the public IPv4 address of its Elastic IP.

Source: https://aws.amazon.com/vpc/pricing/ ("NAT Gateway Pricing"; public IPv4 addresses). Usage types
NatGateway-Hours and NatGateway-Bytes (FORMAT.md section 4 "NAT Gateway").
"""

from __future__ import annotations

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.vpc.nat_gateway",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    hours = ctx.node_hours(node)
    charges = [
        Charge(
            "NAT gateway hours",
            hours,
            "hours",
            query("AmazonEC2", node.region, family="NAT Gateway", usage="NatGateway-Hours"),
        )
    ]
    gb = dec(node.usage["data_processed_gb"])
    if gb:
        charges.append(data_processed(node.region, gb))
    if node.props["connectivity"] == "public":
        charges.append(
            Charge(
                "Public IPv4 address (Elastic IP)",
                hours,
                "hours",
                query("AmazonVPC", node.region, usage="PublicIPv4:InUseAddress"),
            )
        )
    return NodeCharges(charges)


def data_processed(region: str, gb: object, what: str = "Data processed") -> Charge:
    return Charge(what, dec(gb), "GB", query("AmazonEC2", region, family="NAT Gateway", usage="NatGateway-Bytes"))
