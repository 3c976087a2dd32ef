"""The draw.io export: a design as an uncompressed draw.io file (mxGraph XML) that opens in diagrams.net drawn with
draw.io's own AWS shapes, and can be edited there from the first click.

What goes in the file:

- every container (Region, VPC, Availability Zone, subnet, ECS cluster, Auto Scaling group) is a draw.io group
  (`container=1`) and every node inside it a child cell (`parent` = the container's cell), its geometry relative
  to the container, as the design stores positions: moving a VPC in draw.io moves everything in it;
- every other node is its kind's AWS icon, 78×78, with its label under it (`verticalLabelPosition=bottom`),
  centred at the top of the 120×90 box the designer gives a node;
- every connection is one edge cell between two node cells (connections between the same two nodes merged, as
  in the other formats: `labels.arrows`), dashed where the connection is not traffic, arrow heads at both ends
  when it goes both ways, and parented to the layer (cell "1") so it may join nodes of different containers;
- a title above the picture: the design's name, its region and, with an estimate, the monthly total.

Labels are the ones every format shows (`labels.node_label`, `labels.container_label`: a node's name, its key
configuration and, with an estimate, its monthly cost), as plain text (`html=0`, lines broken by `&#xa;`), so no
character of a label is ever read as markup. Positions and sizes come from `canvas.boxes()`: the design's own
when it was arranged, the automatic layout's when it never was. Cell ids derive from node ids and nothing varies
between runs, so the same design always gives the same bytes.

The shapes: draw.io draws an AWS service as `shape=mxgraph.aws4.resourceIcon;resIcon=mxgraph.aws4.<service>`
(the white glyph on its category's colour), an AWS resource as the bare glyph `shape=mxgraph.aws4.<resource>`
in its category's colour, and a group as `shape=mxgraph.aws4.group;grIcon=mxgraph.aws4.group_<name>` (the
Auto Scaling group as `groupCenter`, its icon at the top centre). The names, colours and group styles below are
the ones draw.io's "AWS" shape library puts on the canvas: jgraph/drawio, src/main/webapp/js/diagramly/sidebar/
Sidebar-AWS4.js (the palette entries) and src/main/webapp/shapes/mxAWS4.js (how resourceIcon, group and
groupCenter draw their icon stencils from src/main/webapp/stencils/aws4.xml).

Every catalog kind has its entry in `SHAPES`; none falls back to `FALLBACK` (the generic "General" AWS resource
tile), which is only for a kind added to the catalog later. Where draw.io has no shape of the kind's own, the
nearest one stands in, as draw.io's palette itself does:

- Availability Zone: a dashed blue rectangle without an icon, draw.io's "Availability Zone" group;
- subnets: draw.io's "Public subnet" / "Private subnet" groups (the `group_security_group` padlock icon) in
  style.py's tier colours (public green, private teal-blue, isolated grey);
- ECS cluster: draw.io has no ECS cluster group; a `group` with the ECS service glyph as its icon, in orange;
- security group: draw.io draws security groups only as a group box; a leaf here is the padlock glyph of that
  group (`group_security_group`) in the security group's red.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ..graph import ArchitectureGraph, GraphNode
from . import labels
from .canvas import boxes
from .render import RenderOptions, subtitle
from .style import EDGE, MUTED, TEXT, box

Form = Literal["tile", "glyph", "group", "group_center", "box"]
GROUPS: frozenset[Form] = frozenset({"group", "group_center", "box"})

ICON = 78.0  # draw.io's AWS icons are 78×78
TITLE_HEIGHT = 56.0
TITLE_GAP = 24.0


@dataclass(frozen=True)
class Shape:
    """How draw.io draws one kind.

    `form`: a service `tile` (resourceIcon: the white glyph on a square of `colour`), a resource `glyph` (the
    stencil alone, filled with `colour`), an AWS `group` (its icon in the top-left corner), a `group_center`
    (its icon at the top centre) or a plain `box`. `stencil` is the mxgraph.aws4 stencil's name (resIcon for a
    tile, the shape for a glyph, grIcon for a group). For groups `colour` is the title's; border and fill are
    style.py's, so every format draws a container in the same colours.
    """

    form: Form
    stencil: str | None
    colour: str


# AWS category colours, as draw.io's AWS palette fills them.
_COMPUTE = "#ED7100"
_NETWORK = "#8C4FFF"
_INTEGRATION = "#E7157B"
_MANAGEMENT = "#E7157B"
_DATABASE = "#C925D1"
_STORAGE = "#7AA116"
_SECURITY = "#DD344C"
_GENERAL = "#232F3D"

SHAPES: dict[str, Shape] = {
    # Containers
    "aws.region": Shape("group", "group_region", "#147EBA"),
    "aws.vpc.vpc": Shape("group", "group_vpc2", "#8C4FFF"),
    "aws.vpc.availability_zone": Shape("box", None, "#147EBA"),
    "aws.vpc.subnet": Shape("group", "group_security_group", "#147EBA"),  # colours by tier: _SUBNET_TITLES
    "aws.ecs.cluster": Shape("group", "ecs", "#D86613"),
    "aws.autoscaling.group": Shape("group_center", "group_auto_scaling_group", "#D86613"),
    # Networking & content delivery
    "aws.vpc.internet_gateway": Shape("glyph", "internet_gateway", _NETWORK),
    "aws.vpc.nat_gateway": Shape("glyph", "nat_gateway", _NETWORK),
    "aws.vpc.security_group": Shape("glyph", "group_security_group", "#DD3522"),
    "aws.vpc.network_acl": Shape("glyph", "network_access_control_list", _NETWORK),
    "aws.elb.application_load_balancer": Shape("glyph", "application_load_balancer", _NETWORK),
    "aws.elb.network_load_balancer": Shape("glyph", "network_load_balancer", _NETWORK),
    "aws.vpc.gateway_endpoint": Shape("glyph", "endpoints", _NETWORK),
    "aws.vpc.interface_endpoint": Shape("tile", "vpc_privatelink", _NETWORK),
    "aws.ec2.transit_gateway": Shape("tile", "transit_gateway", _NETWORK),
    "aws.vpc.vpn_connection": Shape("tile", "site_to_site_vpn", _NETWORK),
    "aws.directconnect.connection": Shape("tile", "direct_connect", _NETWORK),
    "aws.route53.hosted_zone": Shape("glyph", "hosted_zone", _NETWORK),
    "aws.route53resolver.endpoint": Shape("glyph", "route_53_resolver", _NETWORK),
    "aws.cloudfront.distribution": Shape("tile", "cloudfront", _NETWORK),
    # Compute & containers
    "aws.ec2.instance": Shape("tile", "ec2", _COMPUTE),
    "aws.ecs.service": Shape("glyph", "ecs_service", _COMPUTE),
    "aws.eks.cluster": Shape("tile", "eks", _COMPUTE),
    "aws.lambda.function": Shape("glyph", "lambda_function", _COMPUTE),
    # Storage
    "aws.ebs.volume": Shape("glyph", "volume", _STORAGE),
    "aws.s3.bucket": Shape("glyph", "bucket", _STORAGE),
    "aws.efs.file_system": Shape("tile", "elastic_file_system", _STORAGE),
    # Database
    "aws.rds.instance": Shape("tile", "rds", _DATABASE),
    "aws.rds.aurora_cluster": Shape("tile", "aurora", _DATABASE),
    "aws.dynamodb.table": Shape("tile", "dynamodb", _DATABASE),
    "aws.elasticache.cluster": Shape("tile", "elasticache", _DATABASE),
    "aws.dms.replication_instance": Shape("tile", "database_migration_service", _DATABASE),
    # Application integration
    "aws.apigateway.api": Shape("tile", "api_gateway", _INTEGRATION),
    "aws.sqs.queue": Shape("tile", "sqs", _INTEGRATION),
    "aws.sns.topic": Shape("tile", "sns", _INTEGRATION),
    "aws.eventbridge.event_bus": Shape("glyph", "eventbridge_custom_event_bus_resource", _INTEGRATION),
    "aws.eventbridge.rule": Shape("glyph", "rule_3", _INTEGRATION),
    "aws.stepfunctions.state_machine": Shape("tile", "step_functions", _INTEGRATION),
    # Security, identity & compliance
    "aws.iam.role": Shape("glyph", "role", _SECURITY),
    "aws.kms.key": Shape("tile", "key_management_service", _SECURITY),
    "aws.secretsmanager.secret": Shape("tile", "secrets_manager", _SECURITY),
    # Management & governance
    "aws.cloudwatch.log_group": Shape("glyph", "cloudwatch_logs", _MANAGEMENT),
    "aws.cloudformation.resource": Shape("tile", "cloudformation", _MANAGEMENT),
    # Outside AWS
    "external.users": Shape("glyph", "users", _GENERAL),
    "external.datacenter": Shape("glyph", "corporate_data_center", _GENERAL),
}

FALLBACK = Shape("tile", "general", _GENERAL)  # a kind without an entry: the generic AWS resource tile
FALLBACK_GROUP = Shape("box", None, "#5A6C86")  # a container without an entry: draw.io's dashed generic group

_SUBNET_TITLES = {"public": "#248814", "private": "#147EBA", "isolated": "#5A6C86"}

_LEAF_BASE = (
    "sketch=0;outlineConnect=0;fontColor={text};gradientColor=none;dashed=0;verticalLabelPosition=bottom;"
    "verticalAlign=top;align=center;html=0;fontSize=12;fontStyle=0;aspect=fixed;"
)
_GROUP_BASE = (
    "outlineConnect=0;gradientColor=none;html=0;fontSize=12;fontStyle=0;container=1;pointerEvents=0;"
    "collapsible=0;recursiveResize=0;"
)


def is_container(node: GraphNode) -> bool:
    return node.spec.container or bool(node.children)


def shape_of(node: GraphNode) -> Shape:
    """The node's entry in SHAPES, or the fallback that fits its role (an icon, or a group for a container)."""
    shape = SHAPES.get(node.kind)
    if is_container(node):
        return shape if shape is not None and shape.form in GROUPS else FALLBACK_GROUP
    return shape if shape is not None and shape.form not in GROUPS else FALLBACK


def style(node: GraphNode) -> str:
    """The draw.io style of a node's cell."""
    shape = shape_of(node)
    if shape.form == "tile":
        return (
            _LEAF_BASE.format(text=TEXT)
            + f"fillColor={shape.colour};strokeColor=#ffffff;shape=mxgraph.aws4.resourceIcon;"
            + f"resIcon=mxgraph.aws4.{shape.stencil};"
        )
    if shape.form == "glyph":
        return (
            _LEAF_BASE.format(text=TEXT)
            + f"fillColor={shape.colour};strokeColor=none;pointerEvents=1;shape=mxgraph.aws4.{shape.stencil};"
        )
    tier = str(node.props.get("tier") or "private")
    colours = box(node.kind, tier)
    title = _SUBNET_TITLES.get(tier, shape.colour) if node.kind == "aws.vpc.subnet" else shape.colour
    common = (
        f"strokeColor={colours.pen};fillColor={colours.fill};fontColor={title};dashed={int(colours.dashed)};"
        "verticalAlign=top;"
    )
    if shape.form == "group":
        return (
            _GROUP_BASE
            + f"shape=mxgraph.aws4.group;grIcon=mxgraph.aws4.{shape.stencil};"
            + common
            + ("align=left;spacingLeft=30;")
        )
    if shape.form == "group_center":
        return (
            _GROUP_BASE
            + f"shape=mxgraph.aws4.groupCenter;grIcon=mxgraph.aws4.{shape.stencil};grStroke=1;"
            + (common + "align=center;spacingTop=25;")
        )
    return _GROUP_BASE + common + "align=left;spacingLeft=8;"


EDGE_STYLE = (
    "edgeStyle=orthogonalEdgeStyle;rounded=1;html=0;endArrow=block;endFill=1;strokeColor={pen};strokeWidth=1.5;"
    "fontSize=11;fontColor={text};labelBackgroundColor=#FFFFFF;"
)
TITLE_STYLE = "text;html=0;align=left;verticalAlign=top;fontSize=18;fontStyle=1;fontColor={text};"
SUBTITLE_STYLE = "text;html=0;align=left;verticalAlign=top;fontSize=13;fontStyle=0;fontColor={muted};"


# -- text and ids -------------------------------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOT_ID = re.compile(r"[^A-Za-z0-9_.:-]")


def _text(value: str) -> str:
    """A label as XML can hold it: characters XML 1.0 forbids dropped (the rest ElementTree escapes)."""
    return _NOT_XML.sub("", value)


def cell_id(node_id: str) -> str:
    """A node's cell id: `n:` and the node id, any character outside [A-Za-z0-9_.:-] written as `%` and six hex
    digits (so two ids never meet). Design ids never have one; the prefix keeps node cells clear of draw.io's
    "0" and "1" and of the title's and the edges' cells."""
    return "n:" + _NOT_ID.sub(lambda m: f"%{ord(m.group()):06X}", node_id)


def _num(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


# -- the file -----------------------------------------------------------------------------------------------


def node_text(node: GraphNode, costs: dict[str, Decimal]) -> str:
    """What a node's cell says: a container its name and range, any other node its name and key configuration;
    either with its monthly cost when the estimate has one."""
    cost = costs.get(node.id)
    if is_container(node):
        text = labels.container_label(node)
        return text if cost is None else f"{text}\n{labels.money(cost)}/month"
    return labels.node_label(node, cost)


def geometry(graph: ArchitectureGraph) -> dict[str, tuple[float, float, float, float]]:
    """Every node's cell geometry (x, y, width, height), relative to its parent's cell as draw.io wants it (and as
    the design stores positions); an icon 78×78, centred at the top of its node's box."""
    placed = boxes(graph)
    out: dict[str, tuple[float, float, float, float]] = {}
    for node in graph.nodes.values():
        left, top, width, height = placed[node.id]
        if node.parent is not None:
            left -= placed[node.parent][0]
            top -= placed[node.parent][1]
        if is_container(node):
            out[node.id] = (left, top, width, height)
        else:
            out[node.id] = (left + (width - ICON) / 2, top, ICON, ICON)
    return out


def _cell(root: ET.Element, cell: str, /, **attrs: str) -> ET.Element:
    return ET.SubElement(root, "mxCell", {"id": cell, **attrs})


def _geometry(cell: ET.Element, x: float, y: float, width: float, height: float) -> None:
    ET.SubElement(
        cell, "mxGeometry", {"x": _num(x), "y": _num(y), "width": _num(width), "height": _num(height), "as": "geometry"}
    )


def drawio(graph: ArchitectureGraph, options: RenderOptions) -> str:
    """The design as a draw.io file's text."""
    title = options.title or graph.name
    placed = boxes(graph)
    geometries = geometry(graph)
    roots = [placed[r] for r in graph.roots]
    left = min((b[0] for b in roots), default=0.0)
    top = min((b[1] for b in roots), default=0.0)
    right = max((b[0] + b[2] for b in roots), default=left + 400)
    bottom = max((b[1] + b[3] for b in roots), default=top + 300)

    mxfile = ET.Element("mxfile", {"host": "aws-architecture-designer"})
    diagram = ET.SubElement(mxfile, "diagram", {"id": "design", "name": _text(title)})
    model = ET.SubElement(
        diagram,
        "mxGraphModel",
        {
            "grid": "1",
            "gridSize": "10",
            "guides": "1",
            "tooltips": "1",
            "connect": "1",
            "arrows": "1",
            "fold": "1",
            "page": "1",
            "pageScale": "1",
            "pageWidth": _num(max(right - left + 80, 850)),
            "pageHeight": _num(max(bottom - top + TITLE_HEIGHT + TITLE_GAP + 80, 1100)),
            "math": "0",
            "shadow": "0",
        },
    )
    root = ET.SubElement(model, "root")
    _cell(root, "0")
    _cell(root, "1", parent="0")

    heading = _cell(root, "title", value=_text(title), style=TITLE_STYLE.format(text=TEXT), vertex="1", parent="1")
    title_top = top - TITLE_HEIGHT - TITLE_GAP
    _geometry(heading, left, title_top, max(len(title) * 11.0, 200.0), 28)
    below = subtitle(graph, options)
    under = _cell(
        root, "subtitle", value=_text(below), style=SUBTITLE_STYLE.format(muted=MUTED), vertex="1", parent="1"
    )
    _geometry(under, left, title_top + 28, max(len(below) * 8.0, 200.0), 22)

    def visit(node: GraphNode) -> None:
        parent = "1" if node.parent is None else cell_id(node.parent)
        cell = _cell(
            root,
            cell_id(node.id),
            value=_text(node_text(node, options.costs)),
            style=style(node),
            vertex="1",
            parent=parent,
        )
        _geometry(cell, *geometries[node.id])
        for child in graph.children(node.id):
            visit(child)

    for root_id in graph.roots:
        visit(graph.node(root_id))

    for i, arrow in enumerate(labels.arrows(graph)):
        edge_style = EDGE_STYLE.format(pen=EDGE, text=MUTED)
        if arrow.both_ways:
            edge_style += "startArrow=block;startFill=1;"
        if arrow.dashed:
            edge_style += "dashed=1;"
        edge = _cell(
            root,
            f"e:{i}",
            value=_text(arrow.label),
            style=edge_style,
            edge="1",
            parent="1",
            source=cell_id(arrow.source),
            target=cell_id(arrow.target),
        )
        ET.SubElement(edge, "mxGeometry", {"relative": "1", "as": "geometry"})

    ET.indent(mxfile, space="  ")
    return ET.tostring(mxfile, encoding="unicode") + "\n"
