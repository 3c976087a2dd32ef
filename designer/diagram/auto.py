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
    return type(name, (Node,), {"_provider": "aws", "_type": "designer", "_icon_dir": str(relative.parent),
                                "_icon": relative.name})  # fmt: skip


def title_label(title: str, subtitle: str = "") -> str:
    text = f'<FONT POINT-SIZE="20"><B>{html.escape(title)}</B></FONT>'
    if subtitle:
        text += f'<BR/><FONT POINT-SIZE="13" COLOR="{MUTED}">{html.escape(subtitle)}</FONT>'
    return f"<{text}>"


def cluster_label(node: GraphNode, width: int | None = None) -> str:
    """An HTML-like title: the group's small icon, then its name and range."""
    style = box(node.kind, node.props.get("tier"))
    text = html.escape(labels.container_label(node))
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
        "margin": "16",
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
# diagrams' own node box (1.4 in wide, icon above, label below), in our font.
NODE_ATTRS = {"fontname": FONT, "fontsize": "12", "fontcolor": TEXT}
EDGE_ATTRS = {"color": EDGE, "fontname": FONT, "fontsize": "11", "fontcolor": MUTED, "arrowsize": "0.7",
              "penwidth": "1.2"}  # fmt: skip


_TIERS = {"public": 0, "private": 1, "isolated": 2}


def _subnets_side_by_side(graph: ArchitectureGraph, diagram: Diagram, nodes: dict[str, Node]) -> None:
    """A zone's subnets left to right (public, private, isolated), as AWS draws them, instead of the column
    Graphviz stacks unconnected neighbours in: invisible edges between their anchor points."""
    for zone in graph.of_kind("aws.vpc.availability_zone"):
        subnets = sorted(
            (c for c in graph.children(zone.id) if c.kind == "aws.vpc.subnet"),
            key=lambda s: _TIERS.get(str(s.props["tier"]), 3),
        )
        for left, right in itertools.pairwise(subnets):
            diagram.dot.edge(nodes[left.id].nodeid, nodes[right.id].nodeid, style="invis", weight="5")


def build(graph: ArchitectureGraph, title: str, subtitle: str, costs: dict[str, Decimal], dpi: int) -> Digraph:
    """The Graphviz graph of the `auto` layout (the `diagrams` Diagram's own)."""
    anchors = {e.source for e in graph.edges} | {e.target for e in graph.edges}
    nodes: dict[str, Node] = {}
    with _Diagram(
        name=title,
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
                    if node.id in anchors or not node.children or node.kind == "aws.vpc.subnet":
                        # Connections to a container meet it at an invisible point inside its box.
                        nodes[node.id] = Node("", nodeid=f"{node.id}__box", shape="point", style="invis",
                                              width="0.01", height="0.01")  # fmt: skip
                    for child in graph.children(node.id):
                        visit(child)
                return
            nodes[node.id] = _icon_class(node.kind)(labels.node_label(node, costs.get(node.id)), nodeid=node.id)

        for root in graph.roots:
            visit(graph.node(root))
        _subnets_side_by_side(graph, diagram, nodes)
        for arrow in labels.arrows(graph):
            source, target = graph.node(arrow.source), graph.node(arrow.target)
            attrs: dict[str, str] = {}
            if source.spec.container:
                attrs["ltail"] = f"cluster_{source.id}"
            if target.spec.container:
                attrs["lhead"] = f"cluster_{target.id}"
            if arrow.dashed:
                attrs["style"] = "dashed"
            edge = Edge(label=arrow.label, forward=True, reverse=arrow.both_ways, **attrs)
            diagram.connect(nodes[arrow.source], nodes[arrow.target], edge)
    dot: Digraph = diagram.dot
    return dot
