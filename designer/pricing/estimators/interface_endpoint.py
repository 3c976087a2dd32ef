"""Interface VPC endpoint (PrivateLink): an endpoint-hour per AZ it has network interfaces in, and the data it
processes.

Source: https://aws.amazon.com/privatelink/pricing/ (per VPC endpoint per AZ-hour; per GB processed). Usage
types VpcEndpoint-Hours and VpcEndpoint-Bytes are **unverified** against a live file (see selection.py).
"""

from __future__ import annotations

from decimal import Decimal

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.vpc.interface_endpoint",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    azs = Decimal(max(1, len(node.azs)))
    return NodeCharges(
        [
            Charge(
                f"Endpoint hours ({azs} AZ{'s' if azs > 1 else ''})",
                ctx.node_hours(node) * azs,
                "hours",
                query("AmazonVPC", node.region, usage="VpcEndpoint-Hours"),
            ),
            Charge(
                "Data processed",
                dec(node.usage["data_processed_gb"]),
                "GB",
                query("AmazonVPC", node.region, usage="VpcEndpoint-Bytes"),
            ),
        ]
    )
