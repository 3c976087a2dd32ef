"""SNS topic: publishes, and deliveries to HTTP/S and email endpoints (deliveries to SQS and Lambda are free).

Source: https://aws.amazon.com/sns/pricing/ (per million requests; per million HTTP/S notifications; per
100,000 email notifications). Usage types are **unverified** against a live file (see selection.py).
"""

from __future__ import annotations

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.sns.topic",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    u, r = node.usage, node.region
    charges = [
        Charge("Publishes", dec(u["monthly_publishes"]), "requests", query("AmazonSNS", r, usage="Requests-Tier1"))
    ]
    if dec(u["monthly_http_deliveries"]):
        charges.append(
            Charge(
                "HTTP/S deliveries",
                dec(u["monthly_http_deliveries"]),
                "deliveries",
                query("AmazonSNS", r, usage="DeliveryAttempts-HTTP"),
            )
        )
    if dec(u["monthly_email_deliveries"]):
        charges.append(
            Charge(
                "Email deliveries",
                dec(u["monthly_email_deliveries"]),
                "deliveries",
                query("AmazonSNS", r, usage="DeliveryAttempts-SMTP"),
            )
        )
    return NodeCharges(charges)
