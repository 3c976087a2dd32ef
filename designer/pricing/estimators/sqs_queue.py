"""SQS queue: requests (each 64 KB chunk of a message is a request), standard or FIFO.

Source: https://aws.amazon.com/sqs/pricing/ (per million requests after the account-wide free tier, which is
not subtracted per queue). Usage types Requests-RBP and Requests-FIFO-RBP are **unverified** against a live
file (see selection.py).
"""

from __future__ import annotations

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.sqs.queue",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    fifo = node.props["queue_type"] == "fifo"
    return NodeCharges(
        [
            Charge(
                f"Requests ({'FIFO' if fifo else 'standard'})",
                dec(node.usage["monthly_requests"]),
                "requests",
                query("AWSQueueService", node.region, usage="Requests-FIFO-RBP" if fifo else "Requests-RBP"),
            )
        ]
    )
