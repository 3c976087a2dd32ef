"""An ECS service that keeps one task running has no redundancy: while that task is replaced (a failed health
check, a deployment, Fargate task retirement, a zone outage) the service serves nothing.

Source: Amazon ECS Developer Guide, "Balancing an Amazon ECS service across Availability Zones"
(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-rebalancing.html): ECS spreads a service's
tasks across the zones of its subnets, which needs more than one task. A desired count of 0 is taken to be a
service stopped on purpose. The fix asks for two tasks, which doubles the service's compute cost.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.ecs.service"):
        if node.props["desired_count"] == 1:
            yield Hit(
                (node.id,),
                f"{name(node)} runs a single task: it is down whenever that task is replaced.",
                set_props("Run two tasks", node.id, desired_count=2),
            )


RULE = Rule(
    id="ecs-service-single-task",
    severity="warning",
    title="ECS service with a single task",
    source_url="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-rebalancing.html",
    check=check,
)
