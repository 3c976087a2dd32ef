"""The `auto` layout: the design as a `diagrams` picture that Graphviz (dot) lays out, traffic left to right.

Containers become clusters nested as in the design (Region > VPC > AZ > subnet, ECS cluster, Auto Scaling
group), each titled with a small icon, its name and range; every other node is its kind's AWS icon with a label
under it; every connection an arrow saying what it carries. Two fixes to `diagrams`' habits: a cluster is named
after its node's id (it names clusters after their labels, so two zones called us-east-1a would merge), and
the picture is rendered by our own call with a time limit (see render.py) rather than on leaving the context.
"""

from __future__ import annotations

import html
import itertools
import math
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from diagrams import Cluster, Diagram, Edge, Node
from graphviz import Digraph

from ..graph import ArchitectureGraph, GraphNode
from . import labels
from .style import EDGE, FONT, ICONS, MUTED, TEXT, box, icon_path, relative_icon


class _Diagram(Diagram):  # type: ignore[misc]
    """A `diagrams.Diagram` that only builds the graph: render.py runs Graphviz itself."""

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        from diagrams import setdiagram

        setdiagram(None)


@cache
def _icon_class(kind: str) -> type[Node]:
    """A `diagrams` node class drawing `kind`'s icon (what diagrams.aws.compute.EC2 and its peers are)."""
    relative = Path(icon_path(kind)).relative_to(ICONS.parent)
    name = "".join(part.title() for part in kind.replace(".", "_").split("_"))
    attrs = {
        "_provider": "aws",
        "_type": "designer",
        "_icon_dir": str(relative.parent),
        "_icon": relative.name,
        "_height": NODE_HEIGHT,
    }
    return type(name, (Node,), attrs)


def title_label(title: str, subtitle: str = "") -> str:
    text = f'<FONT POINT-SIZE="20"><B>{labels.html_text(title)}</B></FONT>'
    if subtitle:
        text += f'<BR/><FONT POINT-SIZE="13" COLOR="{MUTED}">{labels.html_text(subtitle)}</FONT>'
    return f"<{text}>"


def cluster_label(node: GraphNode, width: int | None = None) -> str:
    """An HTML-like title: the group's small icon, then its name and range."""
    style = box(node.kind, node.props.get("tier"))
    text = labels.html_text(labels.container_label(node))
    icon = relative_icon(style.icon)
    table_width = f' WIDTH="{width}"' if width else ""
    cells = f'<TD ALIGN="LEFT" BALIGN="LEFT"><FONT COLOR="{TEXT}">{text}</FONT></TD>'
    if icon is not None:
        cells = (
            f'<TD FIXEDSIZE="TRUE" WIDTH="20" HEIGHT="20"><IMG SRC="{html.escape(icon)}" SCALE="TRUE"/></TD>' + cells
        )
    return (
        f'<<TABLE BORDER="0" CELLSPACING="4" CELLPADDING="0"{table_width}><TR>{cells}<TD WIDTH="1"></TD></TR></TABLE>>'
    )


def _cluster_attrs(node: GraphNode) -> dict[str, str]:
    style = box(node.kind, node.props.get("tier"))
    return {
        "label": cluster_label(node),
        "labeljust": "l",
        "labelloc": "t",
        "pencolor": style.pen,
        "bgcolor": style.fill,
        "style": "dashed,rounded" if style.dashed else "rounded",
        "penwidth": "1.6",
        "fontname": FONT,
        "fontsize": "13",
        "margin": "22",
    }


GRAPH_ATTRS = {
    "pad": "0.4",
    "nodesep": "0.55",
    "ranksep": "1.1",
    "splines": "spline",
    "compound": "true",
    "fontname": FONT,
    "fontcolor": TEXT,
    "labelloc": "t",
    "newrank": "true",
}
# diagrams' node box (icon above, label below), narrower than its 1.4 in, in our font, the icon at the top so
# the box is only as tall as its label needs (see node_height). A label may be wider than the box (fixedsize):
# clusters' margins leave room for it.
ICON_SIZE = 1.1
LINE_HEIGHT = 0.19
NODE_HEIGHT = 1.5
NODE_ATTRS = {"fontname": FONT, "fontsize": "12", "fontcolor": TEXT, "width": str(ICON_SIZE), "imagepos": "tc"}
EDGE_ATTRS = {
    "color": EDGE,
    "fontname": FONT,
    "fontsize": "11",
    "fontcolor": MUTED,
    "arrowsize": "0.7",
    "penwidth": "1.2",
}


# The invisible point inside a box where arrows to the box meet it.
ANCHOR = {"shape": "point", "style": "invis", "width": "0.01", "height": "0.01"}
_TIERS = {"public": 0, "private": 1, "isolated": 2}


def _inside(graph: ArchitectureGraph, container: GraphNode) -> set[str]:
    return {n.id for n in graph.descendants(container.id)} | {container.id}


Hint = tuple[str, str, str]  # an invisible edge: from, to (design node ids) and its weight


def _left_of(graph: ArchitectureGraph, drawn: set[str], left: GraphNode, right: GraphNode) -> list[Hint]:
    """Put the box `right` after the box `left` (to its right, traffic flowing left to right): invisible edges
    from the last nodes of `left` (those none of its other nodes follow) to the first nodes of `right`. Only
    drawn nodes take part: the anchor points of boxes and the icons."""
    before, after = _inside(graph, left) & drawn, _inside(graph, right) & drawn
    inner = [(e.source, e.target) for e in graph.edges]
    sinks = {n for n in before if not any(s == n and t in before for s, t in inner)}
    sources = {n for n in after if not any(t == n and s in after for s, t in inner)}
    out = [(source, target, "0") for source in sorted(sinks) for target in sorted(sources)]
    if left.id in drawn and right.id in drawn:  # their anchors level with each other
        out.append((left.id, right.id, "5"))
    return out


def _subnets_side_by_side(graph: ArchitectureGraph, drawn: set[str]) -> list[Hint]:
    """A zone's subnets left to right (public, private, isolated), as AWS draws them, instead of the column
    Graphviz stacks unconnected neighbours in."""
    out = []
    for zone in graph.of_kind("aws.vpc.availability_zone"):
        subnets = sorted(
            (c for c in graph.children(zone.id) if c.kind == "aws.vpc.subnet"),
            key=lambda s: _TIERS.get(str(s.props["tier"]), 3),
        )
        for left, right in itertools.pairwise(subnets):
            out += _left_of(graph, drawn, left, right)
    return out


def _replicas_in_a_grid(graph: ArchitectureGraph) -> list[Hint]:
    """Many alike nodes in one container (ten web servers behind a load balancer, all reaching one database)
    share a rank, and Graphviz stacks a rank in one long column; invisible edges fold such a run into a grid of
    about as many columns as rows, so a large design stays close to a screen's shape."""
    connected: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for node in graph.nodes.values():
        if not node.spec.container:
            sources = frozenset(e.source for e in graph.edges if e.target == node.id)
            targets = frozenset(e.target for e in graph.edges if e.source == node.id)
            connected[node.id] = (sources, targets)
    out = []
    for container in graph.nodes.values():
        groups: dict[tuple[str, frozenset[str], frozenset[str]], list[str]] = {}
        for child in container.children:
            if child in connected:
                groups.setdefault((graph.node(child).kind, *connected[child]), []).append(child)
        for alike in groups.values():
            if len(alike) < 5:
                continue
            rows = math.ceil(math.sqrt(len(alike)))
            out += [(alike[i], alike[i + rows], "1") for i in range(len(alike) - rows)]
    return out


def anchored(graph: ArchitectureGraph) -> set[str]:
    """The containers that get an invisible point inside their box: where connections to the box meet it, and
    what keeps an empty box (and every subnet) in its place."""
    ends = {e.source for e in graph.edges} | {e.target for e in graph.edges}
    return {
        n.id
        for n in graph.nodes.values()
        if n.spec.container and (n.id in ends or not n.children or n.kind == "aws.vpc.subnet")
    }


def hints(graph: ArchitectureGraph) -> list[Hint]:
    """The invisible edges that shape the layout (see the functions above), between drawn nodes: icons and the
    anchors of `anchored` boxes."""
    drawn = {n.id for n in graph.nodes.values() if not n.spec.container} | anchored(graph)
    return _subnets_side_by_side(graph, drawn) + _replicas_in_a_grid(graph)


def node_height(label: str) -> str:
    """A node's height in inches: its icon at the top (`imagepos`), then one line of text per label line."""
    return f"{ICON_SIZE + 0.08 + LINE_HEIGHT * (label.count(chr(10)) + 1):.2f}"


def build(graph: ArchitectureGraph, title: str, subtitle: str, costs: dict[str, Decimal], dpi: int) -> Digraph:
    """The Graphviz graph of the `auto` layout (the `diagrams` Diagram's own)."""
    anchors = anchored(graph)
    nodes: dict[str, Node] = {}
    with _Diagram(
        name=labels.dot_text(title),
        filename="diagram",
        direction="LR",
        curvestyle="curved",
        show=False,
        graph_attr={**GRAPH_ATTRS, "label": title_label(title, subtitle), "dpi": str(dpi)},
        node_attr=NODE_ATTRS,
        edge_attr=EDGE_ATTRS,
    ) as diagram:
        diagram.dot.graph_attr["splines"] = GRAPH_ATTRS["splines"]

        def visit(node: GraphNode) -> None:
            if node.spec.container:
                cluster = Cluster(node.label, graph_attr=_cluster_attrs(node))
                cluster.dot.name = f"cluster_{node.id}"
                with cluster:
                    if node.id in anchors:
                        nodes[node.id] = Node("", nodeid=f"{node.id}__box", **ANCHOR)
                    for child in graph.children(node.id):
                        visit(child)
                return
            label = labels.node_label(node, costs.get(node.id))
            nodes[node.id] = _icon_class(node.kind)(labels.dot_text(label), nodeid=node.id, height=node_height(label))

        for root in graph.roots:
            visit(graph.node(root))
        for tail, head, weight in hints(graph):
            diagram.dot.edge(nodes[tail].nodeid, nodes[head].nodeid, style="invis", weight=weight)
        for arrow in labels.arrows(graph):
            source, target = graph.node(arrow.source), graph.node(arrow.target)
            attrs: dict[str, str] = {}
            if source.spec.container:
                attrs["ltail"] = f"cluster_{source.id}"
            if target.spec.container:
                attrs["lhead"] = f"cluster_{target.id}"
            if arrow.dashed:
                attrs["style"] = "dashed"
            edge = Edge(label=labels.dot_text(arrow.label), forward=True, reverse=arrow.both_ways, **attrs)
            diagram.connect(nodes[arrow.source], nodes[arrow.target], edge)
    dot: Digraph = diagram.dot
    return dot
