"""Global and edge services: CloudFront (data transfer out to viewers, tiered, and HTTPS requests, priced
by edge geography, not origin region) and Route 53 (hosted zones and queries).

Sources: https://aws.amazon.com/cloudfront/pricing/ (the United States edge is used: price classes 100,
200 and All all include it; FORMAT.md section 4 "CloudFront"), https://aws.amazon.com/route53/pricing/.
These offers have no per-region files; their prices live under the region "global".
"""

from __future__ import annotations

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query
from ..selection import GLOBAL_REGION

KINDS = ("aws.cloudfront.distribution", "aws.route53.hosted_zone")


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    u = node.usage
    if node.kind == "aws.cloudfront.distribution":
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
                    query(
                        "AmazonCloudFront", GLOBAL_REGION, usage="Requests-Tier2-HTTPS", fromLocation="United States"
                    ),
                ),
            ]
        )
    return NodeCharges(
        [
            Charge("Hosted zone", dec(1), "zone-months", query("AmazonRoute53", GLOBAL_REGION, usage="HostedZone")),
            Charge(
                "Standard queries",
                dec(u["monthly_queries"]),
                "queries",
                query("AmazonRoute53", GLOBAL_REGION, usage="DNS-Queries"),
            ),
        ]
    )
