"""Transit Gateway: an attachment-hour for each VPC, VPN and Direct Connect attached to it (its attachment
connections), and the data it processes.

Source: https://aws.amazon.com/transit-gateway/pricing/ (per attachment-hour; per GB processed). Usage types
TransitGateway-Hours and TransitGateway-Bytes are **unverified** against a live file (see selection.py).
"""

from __future__ import annotations

from decimal import Decimal

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.ec2.transit_gateway",)

ATTACHING = {"aws.vpc.vpc", "aws.vpc.vpn_connection", "aws.directconnect.connection"}


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    attached = {
        e.target if e.source == node.id else e.source
        for e in ctx.graph.edges
        if node.id in (e.source, e.target) and e.meaning == "attachment"
    }
    attachments = Decimal(sum(1 for n in attached if ctx.graph.node(n).kind in ATTACHING))
    charges = []
    if attachments:
        charges.append(
            Charge(
                f"Attachment hours ({attachments} attachments)",
                ctx.node_hours(node) * attachments,
                "hours",
                query("AmazonVPC", node.region, usage="TransitGateway-Hours"),
            )
        )
    charges.append(
        Charge(
            "Data processed",
            dec(node.usage["data_processed_gb"]),
            "GB",
            query("AmazonVPC", node.region, usage="TransitGateway-Bytes"),
        )
    )
    return NodeCharges(charges)
