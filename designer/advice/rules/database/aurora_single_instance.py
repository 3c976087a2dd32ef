"""A provisioned Aurora cluster with one instance has no reader to fail over to: its data survives an instance or
Availability Zone failure (the cluster volume spans several zones), but writes and reads stop until Aurora has
created a new instance.

Source: Amazon Aurora User Guide, "High availability for Amazon Aurora"
(https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html), which
recommends spreading the writer and Aurora Replicas over several Availability Zones. The fix adds one reader; the
cluster's subnets already span two zones (its subnet group must), so the reader can sit in the other one.
Serverless v2 clusters are left out: the design gives their capacity in ACUs, not as instances.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.rds.aurora_cluster"):
        if node.props["capacity_mode"] == "provisioned" and int(node.props["instances"]) < 2:
            yield Hit(
                (node.id,),
                f"{name(node)} has a single instance: if it or its Availability Zone fails, there is no reader "
                "to promote, and the database is down until Aurora creates a new one.",
                set_props("Add a reader instance", node.id, instances=2),
            )


RULE = Rule(
    id="aurora-single-instance",
    severity="warning",
    title="Aurora cluster without a failover replica",
    source_url="https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html",
    check=check,
)
