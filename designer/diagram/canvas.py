"""The `canvas` layout: the picture as the user arranged it, every node where they put it and every container
box as they sized it.

Graphviz's `neato -n2` keeps given positions but knows nothing of clusters, so containers are drawn as boxes
of their own: a node per container, exactly the container's size, placed under its children (nodes are drawn
in the order they are written: outermost containers first, icons last), with its title in the top-left corner.
Connections are straight lines, clipped at the boxes and icons they join. A design that was never arranged
(no positions, say a document written by hand) gets the automatic arrangement an imported template gets.
"""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

from graphviz import Digraph

from ..cloudformation.layout import LEAF, layout
from ..graph import ArchitectureGraph, GraphNode
from . import labels
from .auto import EDGE_ATTRS, title_label
from .style import FONT, TEXT, box, icon_path, relative_icon

Box = tuple[float, float, float, float]  # left, top, width, height in canvas pixels (y grows downward)
ICON = 56
PAD = 24


def _arranged(graph: ArchitectureGraph) -> bool:
    return any(n.position != (0.0, 0.0) for n in graph.nodes.values())


def _positions(graph: ArchitectureGraph) -> dict[str, tuple[tuple[float, float], tuple[float, float] | None]]:
    """Each node's position relative to its parent and its size, as drawn, or as the automatic layout puts it."""
    if _arranged(graph):
        return {n.id: (n.position, n.size) for n in graph.nodes.values()}
    document: dict[str, Any] = {
        "nodes": [
            {"id": n.id, "kind": n.kind, "parent": n.parent, "props": dict(n.props)} for n in graph.nodes.values()
        ],
        "edges": [{"source": e.source, "target": e.target} for e in graph.edges],
    }
    layout(document)
    out: dict[str, tuple[tuple[float, float], tuple[float, float] | None]] = {}
    for n in document["nodes"]:
        size = n.get("size")
        out[n["id"]] = ((n["position"]["x"], n["position"]["y"]), (size["width"], size["height"]) if size else None)
    return out


def boxes(graph: ArchitectureGraph) -> dict[str, Box]:
    """Every node's box in absolute canvas pixels. A container without a size is drawn around its children."""
    placed = _positions(graph)
    out: dict[str, Box] = {}

    def visit(node: GraphNode, origin: tuple[float, float]) -> None:
        (x, y), size = placed[node.id]
        left, top = origin[0] + x, origin[1] + y
        for child in graph.children(node.id):
            visit(child, (left, top))
        if size is not None:
            out[node.id] = (left, top, size[0], size[1])
        elif node.children:
            inner = [out[c] for c in node.children]
            right = max(b[0] + b[2] for b in inner) + PAD
            bottom = max(b[1] + b[3] for b in inner) + PAD
            out[node.id] = (left, top, max(right - left, LEAF[0]), max(bottom - top, LEAF[1]))
        else:
            out[node.id] = (left, top, LEAF[0], LEAF[1])

    for root in graph.roots:
        visit(graph.node(root), (0.0, 0.0))
    return out


def _leaf_label(node: GraphNode, cost: Decimal | None) -> str:
    lines = labels.node_label(node, cost).split("\n")
    text = "<BR/>".join(labels.html_text(line) for line in lines)
    icon = html.escape(icon_path(node.kind))
    return (
        f'<<TABLE BORDER="0" CELLSPACING="2" CELLPADDING="0"><TR><TD FIXEDSIZE="TRUE" WIDTH="{ICON}" '
        f'HEIGHT="{ICON}"><IMG SRC="{icon}" SCALE="TRUE"/></TD></TR><TR><TD>{text}</TD></TR></TABLE>>'
    )


def fitted_title(text: str, width: float) -> list[str]:
    """A box's title in lines that fit its width: broken at its separators (`name · tier · range`), and a part
    still too long cut short with an ellipsis, so a narrow box's title never runs over its neighbours."""
    room = max(int(width // NODE_CHAR), 4)
    lines: list[str] = []
    for part in text.split(labels.SEP):
        if lines and len(lines[-1]) + len(labels.SEP) + len(part) <= room:
            lines[-1] += labels.SEP + part
        else:
            lines.append(part)
    return [line if len(line) <= room else line[: room - 1] + "…" for line in lines]


def _container_label(node: GraphNode, width: float) -> str:
    style = box(node.kind, node.props.get("tier"))
    icon = relative_icon(style.icon)
    room = width - 16 - (24 if icon is not None else 0)  # the box's padding and the icon's cell
    title = fitted_title(labels.container_label(node), room)
    text = "<BR/>".join(labels.html_text(line) for line in title)
    cells = f'<TD ALIGN="LEFT" BALIGN="LEFT"><FONT COLOR="{TEXT}">{text}</FONT></TD>'
    if icon is not None:
        cells = (
            f'<TD FIXEDSIZE="TRUE" WIDTH="20" HEIGHT="20"><IMG SRC="{html.escape(icon)}" SCALE="TRUE"/></TD>' + cells
        )
    return (
        f'<<TABLE BORDER="0" CELLSPACING="4" CELLPADDING="2" WIDTH="{max(int(width) - 8, 40)}" FIXEDSIZE="FALSE">'
        f'<TR>{cells}<TD WIDTH="1" ALIGN="LEFT"></TD></TR></TABLE>>'
    )


def _edge_label(text: str) -> str:
    """On a white ground: straight lines cross boxes and other lines, and the text must stay readable."""
    if not text:
        return ""
    lines = "<BR/>".join(labels.html_text(line) for line in text.split("\n"))
    return f'<<TABLE BORDER="0" CELLPADDING="1" CELLSPACING="0" BGCOLOR="#FFFFFF"><TR><TD>{lines}</TD></TR></TABLE>>'


def build(graph: ArchitectureGraph, title: str, subtitle: str, costs: dict[str, Decimal], dpi: int) -> Digraph:
    placed = boxes(graph)
    bottom = max((b[1] + b[3] for b in placed.values()), default=0.0)
    left = min((b[0] for b in placed.values()), default=0.0)
    dot = Digraph("canvas")
    dot.attr(
        "graph",
        splines="line",
        outputorder="nodesfirst",
        pad="0.4",
        dpi=str(dpi),
        fontname=FONT,
        fontcolor=TEXT,
    )
    # No minimum size: a label or an icon takes exactly the room its text and image need.
    dot.attr("node", fontname=FONT, fontsize="12", fontcolor=TEXT, margin="0", width="0", height="0")
    dot.attr("edge", **EDGE_ATTRS)

    def pos(x: float, y: float) -> str:
        return f"{x:.1f},{bottom - y:.1f}!"  # Graphviz's y grows upward

    dot.node("__title", label=title_label(title, subtitle), shape="plaintext", pos=pos(left + 180, -48))
    containers = sorted((n for n in graph.nodes.values() if n.spec.container), key=lambda n: n.depth)
    for node in containers:
        x, y, w, h = placed[node.id]
        style = box(node.kind, node.props.get("tier"))
        dot.node(
            node.id,
            label=_container_label(node, w),
            shape="box",
            style="rounded,filled,dashed" if style.dashed else "rounded,filled",
            color=style.pen,
            fillcolor=style.fill,
            penwidth="1.6",
            fixedsize="true",
            width=f"{w / 72:.3f}",
            height=f"{h / 72:.3f}",
            labelloc="t",
            pos=pos(x + w / 2, y + h / 2),
        )
    # Connection labels keep clear of icons, of each other and of the boxes' titles.
    occupied: list[Box] = [_title_extent(node, placed[node.id]) for node in containers]
    for node in graph.nodes.values():
        if node.spec.container:
            continue
        x, y, w, h = placed[node.id]
        dot.node(node.id, label=_leaf_label(node, costs.get(node.id)), shape="none", pos=pos(x + w / 2, y + h / 2))
        occupied.append(_leaf_extent(node, placed[node.id], costs.get(node.id)))
    for i, arrow in enumerate(labels.arrows(graph)):
        dot.edge(
            arrow.source,
            arrow.target,
            style="dashed" if arrow.dashed else "solid",
            dir="both" if arrow.both_ways else "forward",
        )
        if arrow.label:
            segment = _visible(placed[arrow.source], placed[arrow.target])
            cx, cy = _place_label(arrow.label, segment, occupied)
            dot.node(f"__label{i}", label=_edge_label(arrow.label), shape="plaintext", pos=pos(cx, cy))
    return dot


# -- where connection labels go -----------------------------------------------------------------------------
# Straight lines between boxes the user placed run close to icons and to each other, and Graphviz puts an edge's
# label at its middle whatever is there. Each label is placed beside its line instead, at the first spot along
# it that covers no icon and no other label.

CHAR, LINE = 6.6, 15.0  # the size of a label's character and line, 11 pt Helvetica, in canvas pixels
NODE_CHAR, NODE_LINE = 7.2, 16.0  # the same for a node's label, 12 pt


def _leaf_extent(node: GraphNode, placed: Box, cost: Decimal | None) -> Box:
    x, y, w, h = placed
    text = labels.node_label(node, cost).split("\n")
    width = max(ICON, max(len(line) for line in text) * NODE_CHAR)
    height = ICON + len(text) * NODE_LINE
    cx, cy = x + w / 2, y + h / 2
    return (cx - width / 2, cy - height / 2, width, height)


def _title_extent(node: GraphNode, placed: Box) -> Box:
    x, y, w, _ = placed
    icon = 24 if relative_icon(box(node.kind, node.props.get("tier")).icon) is not None else 0
    title = fitted_title(labels.container_label(node), w - 16 - icon)
    return (x + 4, y + 2, icon + 8 + max(len(line) for line in title) * NODE_CHAR, len(title) * NODE_LINE + 8)


def _clip(box_: Box, inside: tuple[float, float], outside: tuple[float, float]) -> tuple[float, float]:
    """Where the line from `inside` (a box's centre) towards `outside` leaves the box."""
    x, y, w, h = box_
    (x0, y0), (x1, y1) = inside, outside
    t = 1.0
    for edge, d, lo in ((x, x1 - x0, x0), (x + w, x1 - x0, x0), (y, y1 - y0, y0), (y + h, y1 - y0, y0)):
        if d:
            hit = (edge - lo) / d
            if 0 < hit < t:
                t = hit
    return x0 + (x1 - x0) * t, y0 + (y1 - y0) * t


def _centre(b: Box) -> tuple[float, float]:
    return b[0] + b[2] / 2, b[1] + b[3] / 2


def _visible(source: Box, target: Box) -> tuple[tuple[float, float], tuple[float, float]]:
    a, b = _centre(source), _centre(target)
    return _clip(source, a, b), _clip(target, b, a)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _place_label(
    text: str, segment: tuple[tuple[float, float], tuple[float, float]], occupied: list[Box]
) -> tuple[float, float]:
    lines = text.split("\n")
    width, height = max(len(line) for line in lines) * CHAR + 6, len(lines) * LINE + 2
    (x0, y0), (x1, y1) = segment
    length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1.0)
    nx, ny = -(y1 - y0) / length, (x1 - x0) / length  # the normal: beside the line, not on it
    beside = abs(nx) * width / 2 + abs(ny) * height / 2 + 4
    best: tuple[float, float] | None = None
    for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
        for side in (1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6):
            cx = x0 + (x1 - x0) * t + nx * beside * side
            cy = y0 + (y1 - y0) * t + ny * beside * side
            rect = (cx - width / 2, cy - height / 2, width, height)
            if not any(_overlaps(rect, other) for other in occupied):
                occupied.append(rect)
                return cx, cy
            best = best or (cx, cy)
    assert best is not None
    occupied.append((best[0] - width / 2, best[1] - height / 2, width, height))
    return best
