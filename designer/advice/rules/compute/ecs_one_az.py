"""An ECS service with several tasks whose subnets are all in one Availability Zone runs every task in that
zone, so a zone outage stops the service however many tasks it has.

Source: Amazon ECS Developer Guide, "Balancing an Amazon ECS service across Availability Zones"
(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-rebalancing.html): ECS balances tasks
across the zones of the service's subnets, so the subnets decide how far it can spread. A service with one task
is left to ecs-service-single-task. The fix adds, for each other AZ box of the VPC, its first subnet of the tier
the service already uses.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name
from ._common import spread_fix, zone_name


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.ecs.service"):
        count = node.props["desired_count"]
        if count >= 2 and len(node.azs) == 1:
            yield Hit(
                (node.id,),
                f"{name(node)} runs all {count} tasks in one Availability Zone ({zone_name(graph, node.azs[0])}): "
                "an outage there stops the service.",
                spread_fix(graph, node),
            )


RULE = Rule(
    id="ecs-service-in-one-az",
    severity="warning",
    title="ECS service in one Availability Zone",
    source_url="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-rebalancing.html",
    check=check,
)
