"""The draw.io export: a design as a draw.io file whose cells are the design's nodes, nested in their containers'
groups, joined by one edge per arrow, drawn with draw.io's AWS shapes, and the same bytes every time.

Checked on the three examples, a 100-node synthetic design (bench/bench_estimate.py) and a design holding every
catalog kind and every connection the catalog allows.
"""

from __future__ import annotations

import hashlib
import importlib.util
import xml.etree.ElementTree as ET
from collections import Counter
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from designer.catalog import CATALOG
from designer.diagram import drawio
from designer.diagram.canvas import boxes
from designer.diagram.labels import arrows, container_label, node_label
from designer.diagram.render import RenderOptions, render
from designer.graph import ArchitectureGraph, GraphNode, build
from tests.cloudformation.designs import every_connection_document, every_connection_nodes
from tests.diagram.hash_seeds import digests_per_seed
from tests.engines.design_builders import EXAMPLES, doc, edge, graph, loaded, node

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_NAMES = [p.stem for p in sorted(EXAMPLES.glob("*.json"))]
DESIGNS = [*EXAMPLE_NAMES, "synthetic-100", "every-kind"]
Box = tuple[float, float, float, float]


def synthetic(nodes: int) -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("bench_estimate", ROOT / "bench" / "bench_estimate.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    design: dict[str, Any] = bench.design_of(nodes)
    return design


def every_kind() -> ArchitectureGraph:
    """One node of every catalog kind (the CloudFormation tests' every-connection design, plus the generic
    resource it leaves out) and an edge for every connection the catalog allows."""
    generic = node("generic", "aws.cloudformation.resource", type="AWS::CloudFormation::WaitConditionHandle")
    return graph(*every_connection_nodes(), generic, edges=every_connection_document()["edges"], name="Every kind")


@cache
def design(name: str) -> ArchitectureGraph:
    if name == "synthetic-100":
        return build(loaded(synthetic(100)))
    if name == "every-kind":
        return every_kind()
    return build(loaded((EXAMPLES / f"{name}.json").read_bytes()))


def exported(g: ArchitectureGraph, **options: Any) -> bytes:
    return render(g, RenderOptions(format="drawio", **options))


def cells(data: bytes) -> dict[str, ET.Element]:
    """The file's cells by id (failing on a duplicate id)."""
    found = list(ET.fromstring(data).iter("mxCell"))
    ids = Counter(c.get("id") for c in found)
    assert [i for i, n in ids.items() if n > 1] == []
    return {str(c.get("id")): c for c in found}


def style_of(cell: ET.Element) -> dict[str, str]:
    pairs = (item.split("=", 1) for item in str(cell.get("style", "")).split(";") if "=" in item)
    return {key: value for key, value in pairs}


def geometry_of(cell: ET.Element) -> Box:
    geometry = cell.find("mxGeometry")
    assert geometry is not None
    return tuple(float(geometry.get(a, "0")) for a in ("x", "y", "width", "height"))  # type: ignore[return-value]


def is_container(n: GraphNode) -> bool:
    return n.spec.container or bool(n.children)


def cell_of(found: dict[str, ET.Element], node_id: str) -> ET.Element:
    return found[drawio.cell_id(node_id)]


# -- structure ----------------------------------------------------------------------------------------------


def test_the_designs_cover_every_catalog_kind() -> None:
    assert set(CATALOG.kinds) - {n.kind for n in design("every-kind").nodes.values()} == set()
    assert len(design("synthetic-100").nodes) == 100


@pytest.mark.parametrize("name", DESIGNS)
def test_the_file_is_one_draw_io_diagram_of_uncompressed_cells(name: str) -> None:
    data = exported(design(name))
    root = ET.fromstring(data)
    assert root.tag == "mxfile"
    [diagram] = root.findall("diagram")
    assert diagram.find("mxGraphModel") is not None, "a compressed diagram holds text instead of a model"
    found = cells(data)
    assert found["0"].get("parent") is None
    assert found["1"].get("parent") == "0"


@pytest.mark.parametrize("name", DESIGNS)
def test_every_node_has_exactly_one_cell_parented_as_in_the_design(name: str) -> None:
    g = design(name)
    found = cells(exported(g))
    vertices = {i for i, c in found.items() if c.get("vertex") == "1"}
    assert vertices == {drawio.cell_id(n) for n in g.nodes} | {"title", "subtitle"}
    for n in g.nodes.values():
        parent = "1" if n.parent is None else drawio.cell_id(n.parent)
        assert cell_of(found, n.id).get("parent") == parent, n.id


@pytest.mark.parametrize("name", DESIGNS)
def test_every_container_is_a_group_and_every_other_node_an_icon(name: str) -> None:
    g = design(name)
    found = cells(exported(g))
    for n in g.nodes.values():
        style = style_of(cell_of(found, n.id))
        if is_container(n):
            assert style.get("container") == "1", n.id
            assert cell_of(found, n.id).get("value") == container_label(n)
        else:
            assert "container" not in style, n.id
            assert style["verticalLabelPosition"] == "bottom"
            assert cell_of(found, n.id).get("value") == node_label(n)
    containers = [n for n in g.nodes.values() if is_container(n)]
    assert containers or name == "serverless-event-driven"


@pytest.mark.parametrize("name", DESIGNS)
def test_every_arrow_is_one_edge_between_the_cells_of_its_nodes(name: str) -> None:
    g = design(name)
    found = cells(exported(g))
    edges = [c for c in found.values() if c.get("edge") == "1"]
    drawn = [
        (
            c.get("source"),
            c.get("target"),
            c.get("value"),
            style_of(c).get("dashed") == "1",
            "startArrow" in style_of(c),
        )
        for c in edges
    ]
    expected = [(drawio.cell_id(a.source), drawio.cell_id(a.target), a.label, a.dashed, a.both_ways) for a in arrows(g)]
    assert Counter(drawn) == Counter(expected)
    assert all(c.get("parent") == "1" for c in edges)
    assert len(edges) > 0


def test_two_connections_between_the_same_nodes_are_one_edge_with_arrow_heads_at_both_ends() -> None:
    g = graph(
        node("fn", "aws.lambda.function"),
        node("queue", "aws.sqs.queue"),
        edges=[edge("send", "fn", "queue"), edge("poll", "queue", "fn")],
    )
    [cell] = [c for c in cells(exported(g)).values() if c.get("edge") == "1"]
    assert {cell.get("source"), cell.get("target")} == {"n:fn", "n:queue"}
    assert style_of(cell)["startArrow"] == "block"


# -- shapes -------------------------------------------------------------------------------------------------


def test_every_catalog_kind_is_drawn_with_a_shape_of_its_own_not_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    g = design("every-kind")
    found = cells(exported(g))
    seen: dict[tuple[str | None, ...], str] = {}
    for n in g.nodes.values():
        drawn = cell_of(found, n.id).get("style")
        with monkeypatch.context() as without_an_entry:
            without_an_entry.delitem(drawio.SHAPES, n.kind)
            fallback = drawio.style(n)
        assert drawn != fallback, n.kind
        style = style_of(cell_of(found, n.id))
        if not is_container(n):
            assert style["shape"].startswith("mxgraph.aws4."), n.kind
            assert style.get("resIcon") != "mxgraph.aws4.general", n.kind
            signature = (style.get("shape"), style.get("resIcon"), style.get("fillColor"))
            assert seen.setdefault(signature, n.kind) == n.kind, f"{n.kind} is drawn like {seen[signature]}"


def test_a_kind_without_a_shape_is_drawn_as_the_generic_aws_resource(monkeypatch: pytest.MonkeyPatch) -> None:
    g = graph(node("bucket", "aws.s3.bucket"), node("vpc", "aws.vpc.vpc"))
    monkeypatch.delitem(drawio.SHAPES, "aws.s3.bucket")
    monkeypatch.delitem(drawio.SHAPES, "aws.vpc.vpc")
    found = cells(exported(g))
    assert style_of(found["n:bucket"])["resIcon"] == "mxgraph.aws4.general"
    vpc = style_of(found["n:vpc"])
    assert vpc["container"] == "1"
    assert "grIcon" not in vpc


def test_subnets_are_coloured_by_tier() -> None:
    found = cells(exported(design("three-tier-web-app")))
    colours = {
        tier: style_of(cell_of(found, n.id))["fontColor"]
        for n in design("three-tier-web-app").of_kind("aws.vpc.subnet")
        for tier in [n.props["tier"]]
    }
    assert len(set(colours.values())) == len(colours) == 3


# -- geometry -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", DESIGNS)
def test_every_child_fits_inside_its_container(name: str) -> None:
    g = design(name)
    found = cells(exported(g))
    for n in g.nodes.values():
        x, y, width, height = geometry_of(cell_of(found, n.id))
        assert width > 0 and height > 0, n.id
        if n.parent is None:
            continue
        *_, parent_width, parent_height = geometry_of(cell_of(found, n.parent))
        assert x >= 0 and x + width <= parent_width, f"{n.id} sticks out of {n.parent} sideways"
        assert y >= 0 and y + height <= parent_height, f"{n.id} sticks out of {n.parent} at the top or bottom"


@pytest.mark.parametrize("name", DESIGNS)
def test_cells_sit_where_the_canvas_puts_their_nodes(name: str) -> None:
    """Geometry is relative to the parent cell; added up, it gives the canvas's boxes (icons centred at the top
    of their node's box)."""
    g = design(name)
    found = cells(exported(g))
    placed = boxes(g)

    def absolute(node_id: str) -> tuple[float, float]:
        x, y, *_ = geometry_of(cell_of(found, node_id))
        parent = g.node(node_id).parent
        if parent is None:
            return x, y
        px, py = absolute(parent)
        return px + x, py + y

    for n in g.nodes.values():
        left, top, width, height = placed[n.id]
        x, y = absolute(n.id)
        _, _, w, h = geometry_of(cell_of(found, n.id))
        if is_container(n):
            assert (x, y, w, h) == pytest.approx((left, top, width, height), abs=0.05), n.id
        else:
            assert (w, h) == (drawio.ICON, drawio.ICON)
            assert (x + w / 2, y) == pytest.approx((left + width / 2, top), abs=0.05), n.id


def test_the_title_sits_above_the_picture() -> None:
    g = design("three-tier-web-app")
    found = cells(exported(g))
    _, title_top, _, title_height = geometry_of(found["title"])
    _, subtitle_top, _, subtitle_height = geometry_of(found["subtitle"])
    top = min(geometry_of(cell_of(found, r))[1] for r in g.roots)
    assert title_top + title_height <= subtitle_top
    assert subtitle_top + subtitle_height <= top


# -- text ---------------------------------------------------------------------------------------------------

HOSTILE = "<b>&amp; \"c\" 'd' ]]>"


def test_labels_with_markup_characters_come_back_as_the_same_text() -> None:
    g = graph(
        node("vpc", "aws.vpc.vpc", label=f"{HOSTILE} é 数据", cidr="10.0.0.0/16"),
        node("fn", "aws.lambda.function", label=HOSTILE),
        node("queue", "aws.sqs.queue", label="bell\x07 and\nnewline"),
        edges=[edge("e", "fn", "queue", label='<send> & "ack"')],
        name=f"{HOSTILE} design",
    )
    data = exported(g)
    assert b"&lt;b&gt;&amp;amp; &quot;c&quot;" in data
    found = cells(data)
    assert found["n:fn"].get("value") == node_label(g.node("fn"))
    assert found["n:fn"].get("value", "").replace("\n", " ").startswith(HOSTILE)  # long labels wrap at spaces
    assert found["n:vpc"].get("value") == f"{HOSTILE} é 数据 · 10.0.0.0/16"
    assert found["n:queue"].get("value") == node_label(g.node("queue")).replace("\x07", "")
    [arrow] = [c for c in found.values() if c.get("edge") == "1"]
    assert arrow.get("value") == '<send> & "ack"'
    assert found["title"].get("value") == f"{HOSTILE} design"
    assert all(style_of(c).get("html") == "0" for c in found.values() if c.get("style"))


@pytest.mark.parametrize("name", DESIGNS)
def test_the_same_design_gives_the_same_bytes(name: str) -> None:
    first = exported(design(name))
    if name in EXAMPLE_NAMES:
        again = exported(build(loaded((EXAMPLES / f"{name}.json").read_bytes())))
    else:
        again = exported(design(name))
    assert first == again


def test_the_bytes_do_not_depend_on_the_process_hash_seed() -> None:
    digests = digests_per_seed("drawio", sorted(EXAMPLES.glob("*.json")))
    here = [hashlib.sha256(exported(design(p))).hexdigest() for p in EXAMPLE_NAMES]
    assert digests[0] == digests[1] == here


# -- estimates ----------------------------------------------------------------------------------------------


def test_costs_appear_in_labels_and_the_total_under_the_title() -> None:
    g = design("three-tier-web-app")
    costs = {"web": Decimal("1234.5"), "vpc": Decimal("64.8")}
    found = cells(exported(g, costs=costs, total=Decimal("98765.432")))
    assert found["n:web"].get("value", "").endswith("\n$1,234.50/month")
    assert found["n:vpc"].get("value") == f"{container_label(g.node('vpc'))}\n$64.80/month"
    assert found["n:db"].get("value") == node_label(g.node("db"))
    assert found["title"].get("value") == "Three-tier web app"
    assert found["subtitle"].get("value") == "us-east-1 · estimated $98,765.43 per month"


def test_without_an_estimate_nothing_says_a_price() -> None:
    data = exported(design("three-tier-web-app"))
    assert b"$" not in data
    assert cells(data)["subtitle"].get("value") == "us-east-1"


def test_a_title_given_in_the_options_replaces_the_design_name() -> None:
    data = exported(design("three-tier-web-app"), title="Checkout, v2")
    assert cells(data)["title"].get("value") == "Checkout, v2"
    assert [d.get("name") for d in ET.fromstring(data).iter("diagram")] == ["Checkout, v2"]


def test_an_empty_design_is_still_a_valid_file() -> None:
    found = cells(exported(build(loaded(doc(name="Nothing yet")))))
    assert {i for i, c in found.items() if c.get("vertex") == "1"} == {"title", "subtitle"}
