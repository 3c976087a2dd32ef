"""DMS replication instance: instance hours by class and deployment (Single-AZ or Multi-AZ), and its storage.

Source: https://aws.amazon.com/dms/pricing/ (on-demand instance hours; storage per GB-month). Usage types are
**unverified** against a live file (see selection.py).
"""

from __future__ import annotations

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.dms.replication_instance",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    p, r = node.props, node.region
    multi = bool(p["multi_az"])
    usage = f"{'Multi-AZUsg' if multi else 'InstanceUsg'}:{p['instance_class']}"
    return NodeCharges(
        [
            Charge(
                f"Replication instance hours ({p['instance_class']}, {'Multi-AZ' if multi else 'Single-AZ'})",
                ctx.node_hours(node),
                "hours",
                query("AWSDatabaseMigrationSvc", r, usage=usage),
            ),
            Charge(
                "Storage",
                dec(p["allocated_storage_gb"]),
                "GB-month",
                query("AWSDatabaseMigrationSvc", r, usage="Multi-AZStorageUsage" if multi else "StorageUsage"),
            ),
        ]
    )
