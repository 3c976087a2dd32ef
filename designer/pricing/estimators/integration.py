"""Application integration priced per request: API Gateway, SQS, SNS, EventBridge, Step Functions.

Sources: https://aws.amazon.com/api-gateway/pricing/ (HTTP and REST APIs, tiered per month),
https://aws.amazon.com/sqs/pricing/ (per request, 64 KB chunks), https://aws.amazon.com/sns/pricing/,
https://aws.amazon.com/eventbridge/pricing/ (custom events), https://aws.amazon.com/step-functions/pricing/
(standard: state transitions; express: requests and GB-seconds). Account-wide free tiers are not subtracted
per resource. Usage types are **unverified** against a live file (see selection.py).
"""

from __future__ import annotations

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = (
    "aws.apigateway.api",
    "aws.sqs.queue",
    "aws.sns.topic",
    "aws.eventbridge.event_bus",
    "aws.stepfunctions.state_machine",
)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    u, p, r = node.usage, node.props, node.region
    if node.kind == "aws.apigateway.api":
        http = p["api_type"] == "HTTP"
        usage = "ApiGatewayHttpRequest" if http else "ApiGatewayRequest"
        return NodeCharges(
            [
                Charge(
                    f"{p['api_type']} API requests",
                    dec(u["monthly_requests"]),
                    "requests",
                    query("AmazonApiGateway", r, usage=usage),
                )
            ]
        )
    if node.kind == "aws.sqs.queue":
        fifo = p["queue_type"] == "fifo"
        return NodeCharges(
            [
                Charge(
                    f"Requests ({'FIFO' if fifo else 'standard'})",
                    dec(u["monthly_requests"]),
                    "requests",
                    query("AWSQueueService", r, usage="Requests-FIFO-RBP" if fifo else "Requests-RBP"),
                )
            ]
        )
    if node.kind == "aws.sns.topic":
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
    if node.kind == "aws.eventbridge.event_bus":
        return NodeCharges(
            [
                Charge(
                    "Custom events published",
                    dec(u["monthly_custom_events"]),
                    "events",
                    query("AWSEvents", r, usage="Event-64K-Chunks"),
                )
            ]
        )
    executions = dec(u["monthly_executions"])
    if p["workflow_type"] == "STANDARD":
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
