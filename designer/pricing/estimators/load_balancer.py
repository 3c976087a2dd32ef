"""Application and Network Load Balancers: hours, and capacity units (LCU / NLCU) from the usage figures.

An ALB LCU is the largest of: 25 new connections/s, 3,000 active connections/min, 1 GB/hour processed
(EC2 targets), 1,000 rule evaluations/s. An NLB NLCU: 800 new TCP flows/s, 100,000 active flows/min,
1 GB/hour. Sources: https://aws.amazon.com/elasticloadbalancing/pricing/; usage types LoadBalancerUsage and
LCUUsage (FORMAT.md section 4 "Application Load Balancer").
"""

from __future__ import annotations

from decimal import Decimal

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.elb.application_load_balancer", "aws.elb.network_load_balancer")

_FAMILY = {
    "aws.elb.application_load_balancer": "Load Balancer-Application",
    "aws.elb.network_load_balancer": "Load Balancer-Network",
}


def capacity_units(kind: str, usage: dict[str, object]) -> Decimal:
    new = dec(usage["new_connections_per_second"])
    active = dec(usage["active_connections_per_minute"])
    processed = dec(usage["processed_gb_per_hour"])
    if kind == "aws.elb.application_load_balancer":
        rules = dec(usage["rule_evaluations_per_second"])
        return max(new / 25, active / 3000, processed, rules / 1000)
    return max(new / 800, active / 100_000, processed)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    family = _FAMILY[node.kind]
    unit = "LCU" if node.kind.endswith("application_load_balancer") else "NLCU"
    hours = ctx.node_hours(node)
    lcus = capacity_units(node.kind, dict(node.usage))
    return NodeCharges(
        [
            Charge(
                "Load balancer hours",
                hours,
                "hours",
                query("AWSELB", node.region, family=family, usage="LoadBalancerUsage"),
            ),
            Charge(
                f"{unit}-hours ({lcus.normalize():f} {unit} average)",
                lcus * hours,
                f"{unit}-hours",
                query("AWSELB", node.region, family=family, usage="LCUUsage"),
            ),
        ]
    )
