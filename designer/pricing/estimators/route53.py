"""Route 53 hosted zone: the zone per month and its standard queries.

Source: https://aws.amazon.com/route53/pricing/ (per hosted zone per month, first 25 zones; per million
standard queries, first billion). The offer is worldwide; its prices live under the region "global".
Usage types HostedZone and DNS-Queries are **unverified** against a live file (see selection.py).
"""

from __future__ import annotations

from decimal import Decimal

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query
from ..selection import GLOBAL_REGION

KINDS = ("aws.route53.hosted_zone",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    return NodeCharges(
        [
            Charge("Hosted zone", Decimal(1), "zone-months", query("AmazonRoute53", GLOBAL_REGION, usage="HostedZone")),
            Charge(
                "Standard queries",
                dec(node.usage["monthly_queries"]),
                "queries",
                query("AmazonRoute53", GLOBAL_REGION, usage="DNS-Queries"),
            ),
        ]
    )
