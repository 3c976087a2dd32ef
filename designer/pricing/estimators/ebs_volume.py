"""EBS volume: storage by volume type, provisioned IOPS and throughput beyond gp3's baseline, snapshots.

Source: https://aws.amazon.com/ebs/pricing/; the gp3 baselines (3,000 IOPS, 125 MB/s) are not in the Price
List (FORMAT.md section 4 "EBS").
"""

from __future__ import annotations

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query
from ._common import ebs_volume

KINDS = ("aws.ebs.volume",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    p = node.props
    charges = ebs_volume(node.region, p["volume_type"], dec(p["size_gb"]), int(p["iops"]), int(p["throughput_mbps"]))
    snapshots = dec(node.usage["snapshot_storage_gb"])
    if snapshots:
        charges.append(
            Charge(
                "Snapshot storage",
                snapshots,
                "GB-month",
                query("AmazonEC2", node.region, family="Storage Snapshot", usage="EBS:SnapshotUsage"),
            )
        )
    return NodeCharges(charges)
