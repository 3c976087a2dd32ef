"""An automatic layout for a design that has none (an imported template): traffic flows left to right, each
container is sized around its children.

Every node gets a column from its connections (the longest chain of edges leading to it), a container the
earliest column among what it holds, but never left of what connects to the container itself (a transit
gateway attached to a VPC stands left of it). Inside each container, children stand in those columns, stacked
top to bottom in document order. Zones stack as rows of their VPC, and a zone's subnets go left to right:
public, private, isolated. Positions are relative to the parent, as the document stores them.
"""

from __future__ import annotations

from typing import Any

Json = Any

LEAF = (120.0, 90.0)
GAP_X, GAP_Y = 60.0, 40.0
PAD, TOP = 30.0, 50.0  # inside a container: the sides, and the band for its title
_TIERS = {"public": 0, "private": 1, "isolated": 2}


def _ranks(nodes: list[dict[str, Json]], edges: list[dict[str, Json]]) -> dict[str, int]:
    """The longest chain of edges leading to each node (a cycle is cut where it closes)."""
    incoming: dict[str, list[str]] = {n["id"]: [] for n in nodes}
    for edge in edges:
        if edge["source"] in incoming and edge["target"] in incoming and edge["source"] != edge["target"]:
            incoming[edge["target"]].append(edge["source"])
    rank: dict[str, int] = {}
    visiting: set[str] = set()
    for start in incoming:
        if start in rank:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            node_id, i = stack.pop()
            if i == 0:
                visiting.add(node_id)
            sources = incoming[node_id]
            if i < len(sources):
                stack.append((node_id, i + 1))
                source = sources[i]
                if source not in rank and source not in visiting:
                    stack.append((source, 0))
                continue
            visiting.discard(node_id)
            rank[node_id] = max((rank[s] + 1 for s in sources if s in rank), default=0)
    return rank


def layout(document: dict[str, Json]) -> None:
    nodes: list[dict[str, Json]] = document["nodes"]
    by_id = {n["id"]: n for n in nodes}
    children: dict[str | None, list[dict[str, Json]]] = {}
    for node in nodes:
        parent = node.get("parent")
        children.setdefault(parent if parent in by_id else None, []).append(node)
    rank = _ranks(nodes, document.get("edges") or [])

    def column(node: dict[str, Json]) -> int:
        own = rank.get(node["id"], 0)
        inside = children.get(node["id"])
        return max(own, min(column(c) for c in inside)) if inside else own

    sizes: dict[str, tuple[float, float]] = {}

    def arrange(items: list[dict[str, Json]], key: Any) -> tuple[float, float]:
        """Place `items` in columns by `key`; returns the width and height they take."""
        columns: dict[Any, list[dict[str, Json]]] = {}
        for item in items:
            columns.setdefault(key(item), []).append(item)
        x = 0.0
        height = 0.0
        for _, members in sorted(columns.items(), key=lambda kv: kv[0]):
            width = max(sizes[m["id"]][0] for m in members)
            y = 0.0
            for member in members:
                member["position"] = {"x": x, "y": y}
                y += sizes[member["id"]][1] + GAP_Y
            height = max(height, y - GAP_Y)
            x += width + GAP_X
        return max(x - GAP_X, 0.0), height

    def size(node: dict[str, Json]) -> tuple[float, float]:
        inside = children.get(node["id"], [])
        for child in inside:
            sizes[child["id"]] = size(child)
        if not inside:
            node.pop("size", None)
            return LEAF
        if node["kind"] == "aws.vpc.availability_zone":
            width, height = arrange(
                inside, lambda c: (_TIERS.get(str((c.get("props") or {}).get("tier")), 3), column(c))
            )
        elif node["kind"] == "aws.vpc.vpc" and any(c["kind"] == "aws.vpc.availability_zone" for c in inside):
            zones = [c for c in inside if c["kind"] == "aws.vpc.availability_zone"]
            widest = max(sizes[z["id"]][0] for z in zones)
            for zone in zones:  # zones as rows of one width
                sizes[zone["id"]] = (widest, sizes[zone["id"]][1])
                zone["size"] = {"width": widest, "height": sizes[zone["id"]][1]}
            zone_width, zone_height = arrange(zones, lambda c: 0)
            others = [c for c in inside if c["kind"] != "aws.vpc.availability_zone"]
            width, height = zone_width, zone_height
            if others:
                other_width, other_height = arrange(others, column)
                for other in others:
                    other["position"]["x"] += zone_width + GAP_X
                width, height = zone_width + GAP_X + other_width, max(zone_height, other_height)
        else:
            width, height = arrange(inside, column)
        for child in inside:
            child["position"] = {"x": child["position"]["x"] + PAD, "y": child["position"]["y"] + TOP}
        box = (width + 2 * PAD, height + TOP + PAD)
        node["size"] = {"width": box[0], "height": box[1]}
        return box

    roots = children.get(None, [])
    for root in roots:
        sizes[root["id"]] = size(root)
    arrange(roots, column)
