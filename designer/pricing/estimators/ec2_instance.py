"""EC2 instance: instance hours for each instance, its root volume, and its public IPv4 address.

Prices: https://aws.amazon.com/ec2/pricing/on-demand/ (instance hours, by OS and tenancy),
https://aws.amazon.com/ebs/pricing/ (volumes), https://aws.amazon.com/vpc/pricing/ (public IPv4, since
2024-02-01). Dedicated Hosts are billed per host, not per instance, so `tenancy: host` is not priced.
An instance drawn inside an Auto Scaling group illustrates a member of the group; the group is priced.
"""

from __future__ import annotations

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query
from ._common import ebs_volume, instance_hours

KINDS = ("aws.ec2.instance",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    p = node.props
    parent = ctx.graph.node(node.parent) if node.parent else None
    if parent is not None and parent.kind == "aws.autoscaling.group":
        return NodeCharges(free=f"a member of Auto Scaling group '{parent.label}', which is priced")
    if p["tenancy"] == "host":
        return NodeCharges(not_priced="Dedicated Hosts are billed per host, not per instance")
    count = dec(p["count"])
    hours = ctx.node_hours(node) * count
    term, note = ctx.term_of(node)
    charges = [
        instance_hours(
            node.region,
            p["instance_type"],
            ctx.billed_hours(node, term) * count,
            os=p["os"],
            tenancy=p["tenancy"],
            term=term,
            note=note,
        )
    ]
    charges += ebs_volume(
        node.region, p["root_volume_type"], dec(p["root_volume_size_gb"]), 3000, 125, count, what="Root volume"
    )
    if p.get("public_ip"):
        charges.append(
            Charge(
                "Public IPv4 address", hours, "hours", query("AmazonVPC", node.region, usage="PublicIPv4:InUseAddress")
            )
        )
    return NodeCharges(charges)
