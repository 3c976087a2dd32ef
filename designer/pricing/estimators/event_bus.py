"""EventBridge event bus: custom events published to it (events from AWS services on the default bus are
free; rules cost nothing, so they are listed as free).

Source: https://aws.amazon.com/eventbridge/pricing/ (per million custom events; each 64 KB chunk is an
event). Usage type Event-64K-Chunks is **unverified** against a live file (see selection.py).
"""

from __future__ import annotations

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.eventbridge.event_bus",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    return NodeCharges(
        [
            Charge(
                "Custom events published",
                dec(node.usage["monthly_custom_events"]),
                "events",
                query("AWSEvents", node.region, usage="Event-64K-Chunks"),
            )
        ]
    )
