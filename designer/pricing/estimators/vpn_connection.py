"""Site-to-Site VPN: connection-hours and the data sent out over it (billed as data transfer out).

Source: https://aws.amazon.com/vpn/pricing/ (per Site-to-Site VPN connection-hour; data transfer out at EC2
rates). Usage type VPN-Usage-Hours:ipsec.1 is **unverified** against a live file (see selection.py).
"""

from __future__ import annotations

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query
from ._common import data_transfer_out

KINDS = ("aws.vpc.vpn_connection",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    return NodeCharges(
        [
            Charge(
                "VPN connection hours",
                ctx.node_hours(node),
                "hours",
                query("AmazonVPC", node.region, usage="VPN-Usage-Hours:ipsec.1"),
            ),
            data_transfer_out(node.region, dec(node.usage["data_transfer_out_gb"]), "Data transfer out over the VPN"),
        ]
    )
