"""EKS cluster: the control plane's hours and its node group (managed or self-managed EC2 nodes with their
disks). Fargate pods are priced per pod, which the design does not describe, so only the control plane is
priced for a Fargate node group.

Sources: https://aws.amazon.com/eks/pricing/ (usage AmazonEKS-Hours:perCluster, **unverified** against a
live file), EC2 and EBS as for instances.
"""

from __future__ import annotations

from decimal import Decimal

from ...graph import GraphNode
from ..book import ON_DEMAND
from ..charges import Charge, Context, NodeCharges, query
from ._common import ebs_volume, instance_hours

KINDS = ("aws.eks.cluster",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    p = node.props
    hours = ctx.node_hours(node)
    charges = [
        Charge(
            "Cluster control plane hours",
            hours,
            "hours",
            query("AmazonEKS", node.region, usage="AmazonEKS-Hours:perCluster"),
        )
    ]
    notes = []
    nodes = Decimal(int(p["node_count"]))
    if p["node_group_type"] == "fargate":
        notes.append("Fargate pods are priced per pod and are not in the design; only the control plane is priced")
    elif nodes:
        spot = p["capacity_type"] == "SPOT"
        if spot:
            discount = ctx.settings.spot_discount
            charges.append(
                instance_hours(
                    node.region,
                    p["instance_type"],
                    hours * nodes,
                    term=ON_DEMAND,
                    factor=1 - discount,
                    label=f", Spot, {nodes} nodes",
                    note=f"estimate: on-demand minus {discount * 100:.0f}%",
                )
            )
        else:
            term, note = ctx.term_of(node)
            charges.append(
                instance_hours(
                    node.region,
                    p["instance_type"],
                    ctx.billed_hours(node, term) * nodes,
                    term=term,
                    note=note,
                    label=f", {nodes} nodes",
                )
            )
        charges += ebs_volume(
            node.region, "gp3", Decimal(int(p["node_volume_size_gb"])), 3000, 125, nodes, what="Node volumes"
        )
    return NodeCharges(charges, notes=notes)
