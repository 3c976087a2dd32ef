"""A Valkey or Redis OSS cluster without replicas has nothing to fail over to: when a primary node or its
Availability Zone fails, or maintenance replaces it, its shard is down and its data gone until a new node is ready.

Source: Amazon ElastiCache User Guide, "Minimizing downtime in ElastiCache by using Multi-AZ with Valkey and Redis
OSS" (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html): Multi-AZ promotes a read replica,
and needs at least one in each shard. The fix adds one replica per shard, which doubles the node hours (the cost
effect shows by how much). Memcached does not replicate, so it is left out.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import CACHES, name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind(*CACHES):
        if node.props["engine"] in ("redis", "valkey") and int(node.props["replicas"]) == 0:
            yield Hit(
                (node.id,),
                f"{name(node)} has no replica: if a primary node fails, its data is lost and the cache is down "
                "until a new node is ready.",
                set_props("Add a replica", node.id, replicas=1),
            )


RULE = Rule(
    id="elasticache-single-node",
    severity="warning",
    title="ElastiCache cluster without a replica",
    source_url="https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html",
    check=check,
)
