"""What many rules ask of the graph: a node's subnet tier, its zones, a prop change as a fix."""

from __future__ import annotations

from typing import Any

from ...graph import SUBNET, ArchitectureGraph, GraphNode
from ..model import Change, Fix

DATABASES = ("aws.rds.instance", "aws.rds.aurora_cluster")
CACHES = ("aws.elasticache.cluster",)


def tiers(graph: ArchitectureGraph, node: GraphNode) -> set[str]:
    """The tiers (public, private, isolated) of the subnets `node` sits in or is placed in."""
    return {str(graph.node(s).props.get("tier")) for s in node.subnets if s in graph.nodes}


def subnets_in_az(graph: ArchitectureGraph, vpc: str | None, az: str | None, tier: str) -> list[GraphNode]:
    """The subnets of tier `tier` in VPC `vpc`, in the AZ box `az` when given."""
    return [
        s for s in graph.of_kind(SUBNET) if s.vpc == vpc and s.props.get("tier") == tier and (az is None or s.az == az)
    ]


def set_props(title: str, node: str, **values: Any) -> Fix:
    """A fix that sets each of `values` on node `node`'s properties."""
    return Fix(title, tuple(Change("set", node=node, field=f"props.{k}", value=v) for k, v in values.items()))


def name(node: GraphNode) -> str:
    return f"“{node.label or node.id}”"
