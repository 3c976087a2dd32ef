"""An ElastiCache cluster should encrypt its data in transit (TLS between the application and the cache, and
between nodes) and, for Valkey and Redis OSS, at rest (on disk during sync, backup and swap, and in backups).

Source: Amazon ElastiCache User Guide, "Data security in Amazon ElastiCache"
(https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/encryption.html). Memcached keeps nothing at rest, so only
its in-transit setting counts. Encryption at rest can only be chosen when a cluster is created. The fix turns on
whichever is off; clients then connect with TLS.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph
from ...model import Hit, Rule
from .._helpers import CACHES, name, set_props


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind(*CACHES):
        off = {}
        if node.props["engine"] != "memcached" and not node.props["at_rest_encryption"]:
            off["at_rest_encryption"] = "at rest"
        if not node.props["transit_encryption"]:
            off["transit_encryption"] = "in transit"
        if not off:
            continue
        which = " and ".join(off.values())
        yield Hit(
            (node.id,),
            f"{name(node)} does not encrypt its data {which}.",
            set_props(f"Turn on encryption {which}", node.id, **dict.fromkeys(off, True)),
        )


RULE = Rule(
    id="elasticache-unencrypted",
    severity="warning",
    title="ElastiCache cluster not encrypted",
    source_url="https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/encryption.html",
    check=check,
)
