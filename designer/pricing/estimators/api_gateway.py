"""API Gateway: requests to an HTTP or a REST API.

Source: https://aws.amazon.com/api-gateway/pricing/ (HTTP APIs per million, first 300 million; REST APIs per
million, first 333 million; tiers beyond the sourced first one are reported as not priced). Usage types
ApiGatewayHttpRequest and ApiGatewayRequest are **unverified** against a live file (see selection.py).
"""

from __future__ import annotations

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.apigateway.api",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    api_type = node.props["api_type"]
    usage = "ApiGatewayHttpRequest" if api_type == "HTTP" else "ApiGatewayRequest"
    return NodeCharges(
        [
            Charge(
                f"{api_type} API requests",
                dec(node.usage["monthly_requests"]),
                "requests",
                query("AmazonApiGateway", node.region, usage=usage),
            )
        ]
    )
