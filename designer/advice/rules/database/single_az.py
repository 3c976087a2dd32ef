"""An RDS database without Multi-AZ has no standby: an AZ outage or a host failure takes it down until restored.

Source: Amazon RDS User Guide, "Configuring and managing a Multi-AZ deployment"
(https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html). The fix turns Multi-AZ on,
which doubles the instance's price (the cost effect shows by how much).
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.rds.instance"):
        if not node.props.get("multi_az"):
            yield Hit(
                (node.id,),
                f"{name(node)} runs in one Availability Zone with no standby.",
                set_props("Turn on Multi-AZ", node.id, multi_az=True),
            )


RULE = Rule(
    id="rds-single-az",
    severity="warning",
    title="RDS database without Multi-AZ",
    source_url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html",
    check=check,
)
