"""EFS file system: storage in the Standard and Infrequent Access classes. Provisioned throughput is not
priced yet (noted on the node).

Source: https://aws.amazon.com/efs/pricing/ (per GB-month by storage class). Usage types are **unverified**
against a live file (see selection.py).
"""

from __future__ import annotations

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.efs.file_system",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    u, r = node.usage, node.region
    stored = dec(u["storage_gb"])
    ia = stored * dec(u["infrequent_access_percent"]) / 100
    charges = [Charge("Standard storage", stored - ia, "GB-month", query("AmazonEFS", r, usage="TimedStorage-ByteHrs"))]
    if ia:
        charges.append(
            Charge("Infrequent Access storage", ia, "GB-month", query("AmazonEFS", r, usage="IATimedStorage-ByteHrs"))
        )
    notes = ["provisioned throughput is not priced yet"] if node.props["throughput_mode"] == "provisioned" else []
    return NodeCharges(charges, notes=notes)
