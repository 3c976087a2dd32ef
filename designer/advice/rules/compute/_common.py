"""What the compute, security, edge and integration rules share: the zones a fleet could spread to, ids for the
nodes and edges a fix adds, and where such a node goes."""

from __future__ import annotations

from typing import Any

from ....graph import AZ, SUBNET, ArchitectureGraph, GraphNode
from ...model import Change, Fix
from .._helpers import name


def spread_fix(graph: ArchitectureGraph, node: GraphNode) -> Fix | None:
    """A fix that adds to the `subnets` of `node` (a subnet-placed node whose subnets are all in one AZ box) one
    subnet of the same tier in each other AZ box of its VPC; None when the VPC has no such subnet."""
    if node.vpc is None or len(node.azs) != 1 or not node.subnets:
        return None
    tier = graph.node(node.subnets[0]).props.get("tier")
    added: list[str] = []
    zones = [z for z in graph.children(node.vpc) if z.kind == AZ and z.id != node.azs[0]]
    for zone in zones:
        match = next((s for s in graph.children(zone.id) if s.kind == SUBNET and s.props.get("tier") == tier), None)
        if match is not None:
            added.append(match.id)
    if not added:
        return None
    subnets = [*node.props.get("subnets", ()), *added]
    where = ", ".join(name(graph.node(s)) for s in added)
    return Fix(f"Spread it to {where}", (Change("set", node.id, "props.subnets", subnets),))


def zone_name(graph: ArchitectureGraph, az: str) -> str:
    """The AZ box `az` as a message names it: its zone name when it has one, else its label."""
    zone = graph.zones.get(az)
    return f"“{zone.name}”" if zone is not None and zone.name else name(graph.node(az))


def new_id(graph: ArchitectureGraph, base: str, *taken: str) -> str:
    """An id no node or edge of `graph` has (nor any of `taken`): `base`, else `base-2`, `base-3`..."""
    used = {*graph.nodes, *(e.id for e in graph.edges), *taken}
    base = base[:56]
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def node_beside(beside: GraphNode, node_id: str, kind: str, label: str, **props: Any) -> dict[str, Any]:
    """A new node of `kind` in the same container as `beside` (a Region box, or the design itself), drawn below it."""
    x, y = beside.position
    return {
        "id": node_id,
        "kind": kind,
        "label": label,
        "parent": beside.parent,
        "props": props,
        "usage": {},
        "position": {"x": x, "y": y + 120},
    }
