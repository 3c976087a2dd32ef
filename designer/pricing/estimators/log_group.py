"""CloudWatch log group: logs ingested and logs stored.

Source: https://aws.amazon.com/cloudwatch/pricing/ (Logs: per GB ingested, standard class; per GB-month
archived). Usage types DataProcessing-Bytes and TimedStorage-ByteHrs are **unverified** against a live file
(see selection.py).
"""

from __future__ import annotations

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.cloudwatch.log_group",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    u, r = node.usage, node.region
    return NodeCharges(
        [
            Charge(
                "Logs ingested", dec(u["ingested_gb"]), "GB", query("AmazonCloudWatch", r, usage="DataProcessing-Bytes")
            ),
            Charge(
                "Logs stored",
                dec(u["stored_gb"]),
                "GB-month",
                query("AmazonCloudWatch", r, usage="TimedStorage-ByteHrs"),
            ),
        ]
    )
