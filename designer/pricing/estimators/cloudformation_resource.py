"""A resource imported from a template that the catalog has no kind for: shown as not priced, naming its type,
so the total never pretends to cover it."""

from __future__ import annotations

from ...graph import GraphNode
from ..charges import Context, NodeCharges

KINDS = ("aws.cloudformation.resource",)


def estimate(node: GraphNode, ctx: Context) -> NodeCharges:
    return NodeCharges(not_priced=f"{node.props['type']} resources are not priced by the designer")
