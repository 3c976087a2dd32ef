"""A load balancer whose subnets are all in one Availability Zone has its nodes in that zone only: when the zone
fails, so does the entry point to everything behind it.

Source: AWS Security Hub control ELB.13, "Application, Network and Gateway Load Balancers should span multiple
Availability Zones" (https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html). An Application
Load Balancer needs two zones to be created at all (the design check warns too); a Network Load Balancer accepts
one. The fix adds to its subnets one of the same tier in each other AZ of the VPC, when there is one.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name
from ._common import LOAD_BALANCERS, spread_fix, zone


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind(*LOAD_BALANCERS):
        if len(node.azs) != 1 or not node.subnets:
            continue
        message = (
            f"{name(node)} has subnets in {zone(graph, node.azs[0])} only: an outage of that zone takes it down. "
            "Give it a subnet in a second Availability Zone."
        )
        yield Hit((node.id,), message, spread_fix(graph, node))


RULE = Rule(
    id="load-balancer-in-one-az",
    severity="warning",
    title="Load balancer in one Availability Zone",
    source_url="https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html",
    check=check,
)
