"""Auto Scaling group: the desired capacity of its launch template's instance type, split into on-demand and
Spot by its mixed-instances policy, plus each instance's root volume.

The Price List has no Spot prices, so the Spot share is on-demand minus the design's stated Spot discount
(`spot_discount`, a setting) and labelled an estimate. The on-demand share follows the pricing model.
Sources: https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-mixed-instances-groups.html
(OnDemandBaseCapacity, OnDemandPercentageAboveBaseCapacity), https://aws.amazon.com/ec2/spot/pricing/.
"""

from __future__ import annotations

from decimal import Decimal

from ...graph import GraphNode
from ..book import ON_DEMAND
from ..charges import Context, NodeCharges, dec
from ._common import ebs_volume, instance_hours

KINDS = ("aws.autoscaling.group",)


def split(desired: int, base: int, percent: int) -> tuple[Decimal, Decimal]:
    """(on-demand, Spot) instance counts: the base is on-demand, then `percent` of the rest."""
    on_demand_base = min(base, desired)
    above = desired - on_demand_base
    on_demand = Decimal(on_demand_base) + Decimal(above) * Decimal(percent) / 100
    return on_demand, Decimal(desired) - on_demand


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    p = node.props
    instance_type = (p["instance_types"] or ["t3.medium"])[0]
    desired = int(p["desired_capacity"])
    on_demand, spot = split(desired, int(p["on_demand_base_capacity"]), int(p["on_demand_percentage_above_base"]))
    hours = ctx.node_hours(node)
    term, note = ctx.term_of(node)
    charges = []
    if on_demand:
        charges.append(
            instance_hours(
                node.region,
                instance_type,
                ctx.billed_hours(node, term) * on_demand,
                os=p["os"],
                term=term,
                note=note,
                label=f", {on_demand.normalize():f} instances",
            )
        )
    if spot:
        discount = ctx.settings.spot_discount
        charges.append(
            instance_hours(
                node.region,
                instance_type,
                hours * spot,
                os=p["os"],
                term=ON_DEMAND,
                factor=1 - discount,
                label=f", Spot, {spot.normalize():f} instances",
                note=f"estimate: the Price List has no Spot prices; on-demand minus {discount * 100:.0f}%",
            )
        )
    if desired:
        charges += ebs_volume(
            node.region,
            p["root_volume_type"],
            dec(p["root_volume_size_gb"]),
            3000,
            125,
            Decimal(desired),
            what="Root volumes",
        )
    if not charges:
        return NodeCharges(free="desired capacity is 0")
    return NodeCharges(charges)
