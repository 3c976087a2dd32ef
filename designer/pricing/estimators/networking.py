"""Networking services priced per hour and per GB: interface VPC endpoints, Transit Gateway, Site-to-Site
VPN and Direct Connect.

Sources: https://aws.amazon.com/privatelink/pricing/ (per endpoint per AZ-hour, per GB processed),
https://aws.amazon.com/transit-gateway/pricing/ (per attachment-hour, per GB processed),
https://aws.amazon.com/vpn/pricing/ (per connection-hour), https://aws.amazon.com/directconnect/pricing/
(port-hours by speed, data transfer out). Usage types are **unverified** against a live file (see
selection.py).
"""

from __future__ import annotations

from decimal import Decimal

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query
from ._common import data_transfer_out

KINDS = (
    "aws.vpc.interface_endpoint",
    "aws.ec2.transit_gateway",
    "aws.vpc.vpn_connection",
    "aws.directconnect.connection",
)

_ATTACHING = {"aws.vpc.vpc", "aws.vpc.vpn_connection", "aws.directconnect.connection"}


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    hours = ctx.node_hours(node)
    r = node.region
    if node.kind == "aws.vpc.interface_endpoint":
        azs = Decimal(max(1, len(node.azs)))
        return NodeCharges(
            [
                Charge(
                    f"Endpoint hours ({azs} AZ{'s' if azs > 1 else ''})",
                    hours * azs,
                    "hours",
                    query("AmazonVPC", r, usage="VpcEndpoint-Hours"),
                ),
                Charge(
                    "Data processed",
                    dec(node.usage["data_processed_gb"]),
                    "GB",
                    query("AmazonVPC", r, usage="VpcEndpoint-Bytes"),
                ),
            ]
        )
    if node.kind == "aws.ec2.transit_gateway":
        attached = {
            e.target if e.source == node.id else e.source
            for e in ctx.graph.edges
            if node.id in (e.source, e.target) and e.meaning == "attachment"
        }
        attachments = Decimal(sum(1 for n in attached if ctx.graph.node(n).kind in _ATTACHING))
        charges = [
            Charge(
                "Data processed",
                dec(node.usage["data_processed_gb"]),
                "GB",
                query("AmazonVPC", r, usage="TransitGateway-Bytes"),
            )
        ]
        if attachments:
            charges.insert(
                0,
                Charge(
                    f"Attachment hours ({attachments} attachments)",
                    hours * attachments,
                    "hours",
                    query("AmazonVPC", r, usage="TransitGateway-Hours"),
                ),
            )
        return NodeCharges(charges)
    if node.kind == "aws.vpc.vpn_connection":
        return NodeCharges(
            [
                Charge("VPN connection hours", hours, "hours", query("AmazonVPC", r, usage="VPN-Usage-Hours:ipsec.1")),
                data_transfer_out(r, dec(node.usage["data_transfer_out_gb"]), "Data transfer out over the VPN"),
            ]
        )
    p = node.props
    kind = "dedicated" if p["connection_type"] == "dedicated" else "hosted"
    return NodeCharges(
        [
            Charge(
                f"Port hours ({p['bandwidth']} {kind})",
                hours,
                "hours",
                query("AWSDirectConnect", r, usage=f"PortUsage:{p['bandwidth']}", connectionType=kind),
            ),
            Charge(
                "Data transfer out",
                dec(node.usage["data_transfer_out_gb"]),
                "GB",
                query("AWSDirectConnect", r, usage="DataXfer-Out:dc.1"),
            ),
        ]
    )
