"""Spot for the fault-tolerant part of an Auto Scaling group: the capacity above its minimum runs on Spot, the
minimum stays on demand.

Source: Auto Scaling groups with multiple instance types and purchase options
(https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-mixed-instances-groups.html). The Price
List has no Spot prices: the saving rests on the design's assumed Spot discount (SPOT_DISCOUNT_PERCENT, the
estimate's setting), so it is labelled an estimate. Only a group whose desired capacity exceeds its minimum has a
part above the base to move.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...graph import ArchitectureGraph
from ._common import instances, label, set_props
from .model import Candidate

SOURCE = "https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-mixed-instances-groups.html"


def candidates(graph: ArchitectureGraph) -> Iterator[Candidate]:
    for node in graph.of_kind("aws.autoscaling.group"):
        p = node.props
        base, desired = int(p["min_size"]), int(p["desired_capacity"])
        if desired <= base or (int(p["on_demand_base_capacity"]) <= base and p["on_demand_percentage_above_base"] == 0):
            continue
        fix = set_props(
            f"Keep {base} on demand, run the rest on Spot",
            node.id,
            on_demand_base_capacity=base,
            on_demand_percentage_above_base=0,
            spot_allocation_strategy="price-capacity-optimized",
        )
        yield Candidate(
            id=f"spot:{node.id}",
            kind="spot",
            title=f"Spot above the minimum of {label(node)}",
            message=f"{label(node)} keeps {base} instance{'s' if base != 1 else ''} on demand; the "
            f"{desired - base} above it can run on Spot.",
            nodes=(node.id,),
            fix=fix,
            source_url=SOURCE,
            is_estimate=True,
            per=instances(node),
        )
