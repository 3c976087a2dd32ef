"""Lambda function: requests and duration in GB-seconds (tiered: x86 6 B / 15 B, Arm 7.5 B / 18.75 B GB-s a
month), x86 or Arm. The account-wide free tier is not subtracted per function (REFERENCE-PRICES.md 7).

Selection (FORMAT.md section 4 "Lambda"): usage Request / Lambda-GB-Second, with "-ARM" for Arm. Source:
https://aws.amazon.com/lambda/pricing/.
"""

from __future__ import annotations

from decimal import Decimal

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.lambda.function",)


def gb_seconds(requests: Decimal, duration_ms: Decimal, memory_mb: Decimal) -> Decimal:
    return requests * duration_ms / 1000 * memory_mb / 1024


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    u, p = node.usage, node.props
    arm = p["architecture"] == "arm64"
    suffix = "-ARM" if arm else ""
    requests = dec(u["monthly_requests"])
    seconds = gb_seconds(requests, dec(u["average_duration_ms"]), dec(p["memory_mb"]))
    arch = "Arm" if arm else "x86"
    return NodeCharges(
        [
            Charge(
                f"Requests ({arch})",
                requests,
                "requests",
                query("AWSLambda", node.region, family="Serverless", usage=f"Request{suffix}"),
            ),
            Charge(
                f"Duration ({arch}, {p['memory_mb']} MB)",
                seconds,
                "GB-seconds",
                query("AWSLambda", node.region, family="Serverless", usage=f"Lambda-GB-Second{suffix}"),
            ),
        ]
    )
