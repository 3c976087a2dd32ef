"""ElastiCache cluster: node hours for every node (shards × (1 + replicas) for Redis OSS and Valkey; nodes
for Memcached). Backup storage is not priced yet.

Selection (FORMAT.md section 4 "ElastiCache"): "Cache Instance", instanceType, cacheEngine. Source:
https://aws.amazon.com/elasticache/pricing/. ElastiCache has reserved nodes; Compute Savings Plans do not
cover it.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, query

KINDS = ("aws.elasticache.cluster",)

ENGINES = {"redis": "Redis", "valkey": "Valkey", "memcached": "Memcached"}


def node_count(props: Mapping[str, Any]) -> int:
    shards = int(props["nodes"])
    replicas = 0 if props["engine"] == "memcached" else int(props["replicas"])
    return shards * (1 + replicas)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    p = node.props
    count = node_count(p)
    term, note = ctx.term_of(node, savings_plan=False)
    return NodeCharges(
        [
            Charge(
                f"Node hours ({count} × {p['node_type']}, {ENGINES[p['engine']]}, {term.label()})",
                ctx.billed_hours(node, term) * Decimal(count),
                "hours",
                query(
                    "AmazonElastiCache",
                    node.region,
                    family="Cache Instance",
                    instance_type=p["node_type"],
                    cacheEngine=ENGINES[p["engine"]],
                ),
                term,
                note=note,
            )
        ]
    )
