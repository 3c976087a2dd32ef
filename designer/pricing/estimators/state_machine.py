"""Step Functions state machine: state transitions for a standard workflow; requests and GB-seconds of
duration for an express one.

Source: https://aws.amazon.com/step-functions/pricing/ (standard: per 1,000 state transitions; express: per
million requests and per GB-second). Usage types are **unverified** against a live file (see selection.py).
"""

from __future__ import annotations

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.stepfunctions.state_machine",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    u, r = node.usage, node.region
    executions = dec(u["monthly_executions"])
    if node.props["workflow_type"] == "STANDARD":
        transitions = executions * dec(u["transitions_per_execution"])
        return NodeCharges(
            [Charge("State transitions", transitions, "transitions", query("AmazonStates", r, usage="StateTransition"))]
        )
    gb_seconds = executions * dec(u["average_duration_ms"]) / 1000 * dec(u["memory_mb"]) / 1024
    return NodeCharges(
        [
            Charge(
                "Express requests", executions, "requests", query("AmazonStates", r, usage="ExpressWorkflow-Requests")
            ),
            Charge(
                "Express duration",
                gb_seconds,
                "GB-seconds",
                query("AmazonStates", r, usage="ExpressWorkflow-GB-Second"),
            ),
        ]
    )
