"""A database or cache placed in subnets of one Availability Zone has nowhere to fail over to: a Multi-AZ standby,
an Aurora replica or an ElastiCache replica can only be promoted in another zone if its subnet group has one.

Source: Amazon RDS User Guide, "Working with a DB instance in a VPC", DB subnet groups
(https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html): each DB subnet
group should have subnets in at least two Availability Zones of the Region (RDS refuses one that does not). The same
holds for an ElastiCache subnet group that carries replicas. The fix adds a subnet of the same tier in each other AZ
of the VPC to the node's subnets, when there is one.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import CACHES, DATABASES, name
from ._common import spread_fix, zone


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind(*DATABASES, *CACHES):
        if len(node.azs) != 1 or not node.subnets:
            continue
        message = (
            f"{name(node)} is placed in subnets of {zone(graph, node.azs[0])} only: a standby or replica has no "
            "other zone to fail over to. Add a subnet in a second Availability Zone to its subnet group."
        )
        yield Hit((node.id,), message, spread_fix(graph, node))


RULE = Rule(
    id="database-subnets-in-one-az",
    severity="warning",
    title="Database or cache subnets in one Availability Zone",
    source_url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html",
    check=check,
)
