"""An Auto Scaling group whose subnets are all in one Availability Zone loses every instance when that zone
fails, and cannot launch replacements anywhere else.

Source: Amazon EC2 Auto Scaling User Guide, "Add an Availability Zone"
(https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-add-availability-zone.html): span the group across
several zones and it launches instances in a healthy zone when one becomes unavailable. The zones are the AZ
boxes of the group's subnets (the subnet it is drawn in and those it lists). The fix adds, for each other AZ box
of the VPC, its first subnet of the tier the group already uses; a VPC without one gets no fix.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name
from ._common import spread_fix, zone_name


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.autoscaling.group"):
        if len(node.azs) == 1:
            yield Hit(
                (node.id,),
                f"{name(node)} launches instances in one Availability Zone ({zone_name(graph, node.azs[0])}): "
                "an outage there takes the whole group down.",
                spread_fix(graph, node),
            )


RULE = Rule(
    id="auto-scaling-group-in-one-az",
    severity="warning",
    title="Auto Scaling group in one Availability Zone",
    source_url="https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-add-availability-zone.html",
    check=check,
)
