"""KMS key: the customer managed key per month, and its API requests.

Source: https://aws.amazon.com/kms/pricing/ ($1 per key-month; per 10,000 requests). Usage types KMS-Keys and
KMS-Requests are **unverified** against a live file (see selection.py).
"""

from __future__ import annotations

from decimal import Decimal

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.kms.key",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    return NodeCharges(
        [
            Charge("Key", Decimal(1), "key-months", query("awskms", node.region, usage="KMS-Keys")),
            Charge(
                "Requests",
                dec(node.usage["monthly_requests"]),
                "requests",
                query("awskms", node.region, usage="KMS-Requests"),
            ),
        ]
    )
