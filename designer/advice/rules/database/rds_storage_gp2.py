"""An RDS database on gp2 storage gets 3 IOPS per GB of baseline (bursting to 3,000 while credits last); gp3
includes 3,000 IOPS below 400 GB and 12,000 from 400 GB (3,000 at any size for SQL Server), and lets IOPS and
throughput be raised without buying more storage.

Source: Amazon RDS User Guide, "Amazon RDS DB instance storage", General Purpose SSD storage
(https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html#gp3-storage). The rule only speaks when
gp3's included baseline is above gp2's, so the switch raises performance; larger gp2 databases are left alone
(matching them on gp3 means provisioning IOPS). The fix sets gp3 with the included IOPS, which adds no IOPS charge.
"""

from __future__ import annotations

from collections.abc import Iterator

from ....graph import ArchitectureGraph, GraphNode
from ...model import Hit, Rule
from .._helpers import name, set_props

GP2_IOPS_PER_GB = 3


def gp3_included_iops(node: GraphNode) -> int:
    """gp3's included IOPS: 3,000 below 400 GB, 12,000 from 400 GB; 3,000 at any size for SQL Server."""
    if str(node.props["engine"]).startswith("sqlserver") or int(node.props["allocated_storage_gb"]) < 400:
        return 3000
    return 12000


def check(graph: ArchitectureGraph) -> Iterator[Hit]:
    for node in graph.of_kind("aws.rds.instance"):
        if node.props["storage_type"] != "gp2":
            continue
        gb = int(node.props["allocated_storage_gb"])
        included = gp3_included_iops(node)
        if GP2_IOPS_PER_GB * gb >= included:
            continue
        yield Hit(
            (node.id,),
            f"{name(node)} uses gp2 storage, with a baseline of {GP2_IOPS_PER_GB * gb:,} IOPS at {gb:,} GB "
            f"(more only while burst credits last); gp3 includes {included:,} IOPS at this size.",
            set_props("Switch to gp3 storage", node.id, storage_type="gp3", iops=included),
        )


RULE = Rule(
    id="rds-storage-gp2",
    severity="info",
    title="RDS database on gp2 storage",
    source_url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html#gp3-storage",
    check=check,
)
