"""What the proposers share: a node's instance count, and a change of its properties as a fix."""

from __future__ import annotations

from typing import Any

from ...graph import GraphNode
from ..model import Change, Fix


def instances(node: GraphNode) -> int:
    """How many instances a node stands for (an EC2 instance's count, a group's desired capacity, a service's
    tasks, a cache's nodes), for 'per instance' figures."""
    for key in ("count", "desired_capacity", "desired_count", "nodes"):
        value = node.props.get(key)
        if isinstance(value, int) and value > 0:
            return value
    return 1


def set_props(title: str, node: str, **values: Any) -> Fix:
    return Fix(title, tuple(Change("set", node=node, field=f"props.{k}", value=v) for k, v in values.items()))


def label(node: GraphNode) -> str:
    return f"“{node.label or node.id}”"


def offered(node: GraphNode, field: str, value: str) -> bool:
    """Whether the catalog offers `value` for the node's `field` (for a list, as one of its items)."""
    for spec in node.spec.props:
        if spec.name == field:
            options = spec.items.options if spec.type == "list" and spec.items is not None else spec.options
            return value in options
    return False
