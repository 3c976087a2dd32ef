"""Secrets Manager secret: the secret per month, and its API calls.

Source: https://aws.amazon.com/secrets-manager/pricing/ (per secret-month; per 10,000 API calls). Usage types
are **unverified** against a live file (see selection.py).
"""

from __future__ import annotations

from decimal import Decimal

from ...graph import GraphNode
from ..charges import Charge, Context, NodeCharges, dec, query

KINDS = ("aws.secretsmanager.secret",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    r = node.region
    return NodeCharges(
        [
            Charge(
                "Secret", Decimal(1), "secret-months", query("AWSSecretsManager", r, usage="AWSSecretsManager-Secrets")
            ),
            Charge(
                "API calls",
                dec(node.usage["monthly_api_calls"]),
                "calls",
                query("AWSSecretsManager", r, usage="AWSSecretsManager-APIRequest"),
            ),
        ]
    )
