"""Direct Connect: port-hours at the connection's speed (dedicated or hosted) and data transfer out.

Source: https://aws.amazon.com/directconnect/pricing/ (port-hours by speed and connection type; data transfer
out per GB by location). Usage types PortUsage:<speed> and DataXfer-Out:dc.1 are **unverified** against a
live file (see selection.py).
"""

from __future__ import annotations

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.directconnect.connection",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    p = node.props
    kind = "dedicated" if p["connection_type"] == "dedicated" else "hosted"
    return NodeCharges(
        [
            Charge(
                f"Port hours ({p['bandwidth']} {kind})",
                ctx.node_hours(node),
                "hours",
                query("AWSDirectConnect", node.region, usage=f"PortUsage:{p['bandwidth']}", connectionType=kind),
            ),
            Charge(
                "Data transfer out",
                dec(node.usage["data_transfer_out_gb"]),
                "GB",
                query("AWSDirectConnect", node.region, usage="DataXfer-Out:dc.1"),
            ),
        ]
    )
