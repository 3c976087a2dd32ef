"""CloudFront distribution: data transfer out to viewers (tiered) and HTTPS requests, priced by edge
geography, not by origin region.

Source: https://aws.amazon.com/cloudfront/pricing/; FORMAT.md section 4 "CloudFront". The United States edge
is used: price classes 100, 200 and All all include it. The offer has no per-region files; its prices live
under the region "global".
"""

from __future__ import annotations

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query
from ..selection import GLOBAL_REGION

KINDS = ("aws.cloudfront.distribution",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    u = node.usage
    return NodeCharges(
        [
            Charge(
                "Data transfer out to viewers (United States edge)",
                dec(u["data_transfer_out_gb"]),
                "GB",
                query(
                    "AmazonCloudFront",
                    GLOBAL_REGION,
                    family="Data Transfer",
                    usage="DataTransfer-Out-Bytes",
                    transferType="CloudFront Outbound",
                    fromLocation="United States",
                ),
            ),
            Charge(
                "HTTPS requests",
                dec(u["https_requests"]),
                "requests",
                query("AmazonCloudFront", GLOBAL_REGION, usage="Requests-Tier2-HTTPS", fromLocation="United States"),
            ),
        ]
    )
