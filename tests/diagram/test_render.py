"""The pictures: the Graphviz source of both layouts read back through Graphviz itself (`-Tjson0` gives every
cluster with its nodes, every node with its attributes and position, every edge with its ends), and the files
of every format checked for what they are.

- auto: clusters nested as the design's containers, every node and every connection present, each kind drawn
  with its own AWS icon from `diagrams`, every box inside its parent's and every label inside its box;
- canvas: every container a box at the size the user gave it, holding its children, connection labels clear
  of icons and of each other;
- the three examples, the design with every connection and a 100-node design in png, svg, pdf, drawio and py.
"""

from __future__ import annotations

import html
import json
import struct
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from bench.bench_estimate import design_of, document_of
from designer.catalog import CATALOG
from designer.diagram import canvas, labels
from designer.diagram.render import FORMATS, RenderFailed, RenderOptions, graphviz_source, render, run_graphviz
from designer.diagram.style import ICONS, icon_path
from designer.graph import ArchitectureGraph, build
from tests.cloudformation.designs import every_connection, every_connection_nodes, examples
from tests.engines.design_builders import graph, node

LAYOUTS = ("auto", "canvas")
EXAMPLES = examples()
CHAR = 6.6  # a label character's width at 12 pt Helvetica, in points (as canvas.py estimates it)

# A few kinds and the icon file a person would pick for them, so the mapping is checked against something
# other than itself.
KNOWN_ICONS = {
    "aws.ec2.instance": "aws/compute/ec2.png",
    "aws.lambda.function": "aws/compute/lambda.png",
    "aws.s3.bucket": "aws/storage/simple-storage-service-s3-bucket.png",
    "aws.dynamodb.table": "aws/database/dynamodb-table.png",
    "aws.rds.aurora_cluster": "aws/database/aurora.png",
    "aws.elb.application_load_balancer": "aws/network/elb-application-load-balancer.png",
    "aws.sqs.queue": "aws/integration/simple-queue-service-sqs-queue.png",
    "aws.vpc.nat_gateway": "aws/network/nat-gateway.png",
}


def big() -> ArchitectureGraph:
    return build(document_of(design_of(100)))


def laid_out(g: ArchitectureGraph, layout: str, **options: Any) -> dict[str, Any]:
    dot, engine = graphviz_source(g, RenderOptions(layout=layout, **options))  # type: ignore[arg-type]
    return json.loads(run_graphviz(dot.source, engine, "json0", 60))  # type: ignore[no-any-return]


def objects(out: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """Clusters and nodes by name."""
    clusters = {o["name"]: o for o in out["objects"] if "nodes" in o or o["name"].startswith("cluster_")}
    nodes = {o["name"]: o for o in out["objects"] if o["name"] not in clusters}
    return clusters, nodes


def bb(text: str) -> tuple[float, float, float, float]:
    left, bottom, right, top = (float(v) for v in text.split(","))
    return left, bottom, right, top


def node_extent(o: dict[str, Any]) -> tuple[float, float, float, float]:
    """A node's box and its label, whichever is wider (labels may be wider than their icon), in points."""
    x, y = (float(v) for v in o["pos"].split(","))
    width, height = float(o["width"]) * 72, float(o["height"]) * 72
    text = o.get("label", "")
    if not text.startswith("<"):
        width = max(width, max(len(line) for line in lines(text)) * CHAR)
    return x - width / 2, y - height / 2, x + width / 2, y + height / 2


def inside(inner: tuple[float, float, float, float], outer: tuple[float, float, float, float]) -> bool:
    slack = 1.0
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def drawn_id(g: ArchitectureGraph, node_id: str) -> str:
    return f"{node_id}__box" if g.node(node_id).spec.container else node_id


def check_auto(g: ArchitectureGraph) -> None:
    out = laid_out(g, "auto")
    clusters, nodes = objects(out)
    by_gvid = {o["_gvid"]: o for o in out["objects"]}
    containers = [n for n in g.nodes.values() if n.spec.container]
    leaves = [n for n in g.nodes.values() if not n.spec.container]

    # Every container is a cluster named after its id, nested as in the design.
    assert {f"cluster_{n.id}" for n in containers} == set(clusters)
    for n in containers:
        children = {by_gvid[i]["name"] for i in clusters[f"cluster_{n.id}"].get("subgraphs", [])}
        assert children == {f"cluster_{c.id}" for c in g.children(n.id) if c.spec.container}, n.id
        if n.parent:
            assert inside(bb(clusters[f"cluster_{n.id}"]["bb"]), bb(clusters[f"cluster_{n.parent}"]["bb"])), n.id

    # Every leaf is drawn once, with its kind's icon, inside its own box and that box's ancestors only.
    for leaf in leaves:
        o = nodes[leaf.id]
        assert o["image"] == icon_path(leaf.kind), leaf.id
        assert Path(o["image"]).is_relative_to(ICONS), "the icon comes from diagrams' resources"
        members = {name for name, c in clusters.items() if by_gvid_index(out, o) in c.get("nodes", [])}
        assert members == {f"cluster_{a.id}" for a in g.ancestors(leaf.id)}, leaf.id
        if leaf.parent:
            assert inside(node_extent(o), bb(clusters[f"cluster_{leaf.parent}"]["bb"])), f"{leaf.id}'s label"

    # Readable: no two icons with their labels overlap, and no connection's label covers one or another label.
    extents = [node_extent(nodes[leaf.id]) for leaf in leaves]
    texts = [edge_label_extent(e) for e in out["edges"] if e.get("label") and "lp" in e]
    for i, extent in enumerate(extents):
        assert not any(overlap(extent, other) for other in extents[i + 1 :]), leaves[i].id
    for i, text in enumerate(texts):
        assert not any(overlap(text, extent) for extent in extents), text
        assert not any(overlap(text, other) for other in texts[i + 1 :]), text

    # Every connection is an arrow between the right two nodes, saying what it carries.
    drawn = {(by_gvid[e["tail"]]["name"], by_gvid[e["head"]]["name"]): e for e in out["edges"] if "label" in e}
    visible = [e for e in out["edges"] if e.get("style") != "invis"]
    arrows = labels.arrows(g)
    assert len(visible) == len(arrows)
    for arrow in arrows:
        key = (drawn_id(g, arrow.source), drawn_id(g, arrow.target))
        assert key in drawn, arrow
        assert lines(drawn[key]["label"]) == arrow.label.split("\n")


def edge_label_extent(edge: dict[str, Any]) -> tuple[float, float, float, float]:
    """Where a connection's label is drawn, its size estimated for 11 pt Helvetica."""
    x, y = (float(v) for v in edge["lp"].split(","))
    text = lines(edge["label"])
    width, height = max(len(line) for line in text) * CHAR * 11 / 12, len(text) * 13
    return x - width / 2, y - height / 2, x + width / 2, y + height / 2


def lines(text: str) -> list[str]:
    """A label's lines, whether Graphviz kept its line breaks or its escapes."""
    return text.replace("\\n", "\n").split("\n")


def by_gvid_index(out: dict[str, Any], o: dict[str, Any]) -> int:
    return int(o["_gvid"])


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_auto_layout_of_the_examples(name: str) -> None:
    check_auto(EXAMPLES[name])


def test_auto_layout_of_every_kind_and_connection() -> None:
    g = every_connection()
    assert {n.kind for n in g.nodes.values()} == set(CATALOG.kinds) - {"aws.cloudformation.resource"}
    check_auto(g)


def test_auto_layout_of_a_hundred_nodes() -> None:
    check_auto(big())


def test_every_kind_has_an_icon_of_its_own() -> None:
    paths = {kind: icon_path(kind) for kind, spec in CATALOG.kinds.items() if not spec.container}
    for kind, path in paths.items():
        assert Path(path).is_file(), kind
        assert not path.endswith("aws/general/general.png") or kind.startswith("aws.cloudformation"), kind
    for kind, relative in KNOWN_ICONS.items():
        assert paths[kind] == str(ICONS / relative), kind
    assert len(set(paths.values())) >= len(paths) * 0.85, "most kinds have their own icon"


def test_auto_clusters_with_the_same_title_stay_apart() -> None:
    g = graph(
        node("vpc-1", "aws.vpc.vpc", cidr="10.0.0.0/16", label="vpc"),
        node("vpc-2", "aws.vpc.vpc", cidr="10.1.0.0/16", label="vpc"),
        node("az-1", "aws.vpc.availability_zone", "vpc-1", name="us-east-1a"),
        node("az-2", "aws.vpc.availability_zone", "vpc-2", name="us-east-1a"),
    )
    clusters, _ = objects(laid_out(g, "auto"))
    assert {"cluster_vpc-1", "cluster_vpc-2", "cluster_az-1", "cluster_az-2"} <= set(clusters)


def test_subnet_tiers_are_told_apart_by_colour() -> None:
    g = EXAMPLES["three-tier-web-app"]
    clusters, _ = objects(laid_out(g, "auto"))
    colours: dict[str, set[tuple[str, str]]] = {}
    for subnet in g.of_kind("aws.vpc.subnet"):
        cluster = clusters[f"cluster_{subnet.id}"]
        colours.setdefault(str(subnet.props["tier"]), set()).add((cluster["pencolor"], cluster["bgcolor"]))
    assert set(colours) == {"public", "private", "isolated"}
    assert all(len(c) == 1 for c in colours.values()), colours
    assert len({next(iter(c)) for c in colours.values()}) == 3, "public, private and isolated differ"


def test_labels_say_the_key_configuration_and_costs() -> None:
    g = EXAMPLES["three-tier-web-app"]
    _, nodes = objects(laid_out(g, "auto", costs={"db": Decimal("1234.5")}, total=Decimal("2000")))
    assert lines(nodes["db"]["label"]) == [
        "orders-db",
        "Aurora PostgreSQL",
        "db.r6g.large × 2",
        "$1,234.50/month",
    ]
    assert "web-alb" in nodes["alb"]["label"] and "HTTPS:443" in nodes["alb"]["label"]
    dot, _ = graphviz_source(g, RenderOptions(total=Decimal("2000")))
    assert "estimated $2,000.00 per month" in dot.source
    assert "Three-tier web app" in dot.source


def test_a_resolver_endpoint_says_its_direction_unless_its_name_already_does() -> None:
    subnets = ["private-a", "private-b"]
    g = graph(
        *[n for n in every_connection_nodes() if n["id"] in ("region", "vpc", "az-a", "az-b", *subnets)],
        node("out", "aws.route53resolver.endpoint", "vpc", label="corp-dns", subnets=subnets, direction="OUTBOUND"),
        node("in", "aws.route53resolver.endpoint", "vpc", label="Inbound DNS", subnets=subnets),
    )
    assert labels.node_label(g.node("out")) == "corp-dns\noutbound endpoint"
    assert labels.node_label(g.node("in")) == "Inbound DNS"


# -- canvas ---------------------------------------------------------------------------------------------------


def check_canvas(g: ArchitectureGraph, *, strict_labels: bool = True) -> None:
    out = laid_out(g, "canvas")
    _, nodes = objects(out)
    placed = canvas.boxes(g)
    top = max(b[1] + b[3] for b in placed.values())

    def extent(name: str) -> tuple[float, float, float, float]:
        x, y = (float(v) for v in nodes[name]["pos"].split(","))
        w, h = float(nodes[name]["width"]) * 72, float(nodes[name]["height"]) * 72
        return x - w / 2, y - h / 2, x + w / 2, y + h / 2

    shift: tuple[float, float] | None = None  # Graphviz moves the whole drawing to its margin
    for n in g.nodes.values():
        o = nodes[n.id]
        if n.spec.container:
            left, y, w, h = placed[n.id]
            # Drawn at exactly the size and place the design gives it (Graphviz's y grows upward).
            assert float(o["width"]) * 72 == pytest.approx(w, abs=0.5), n.id
            assert float(o["height"]) * 72 == pytest.approx(h, abs=0.5), n.id
            x_c, y_c = (float(v) for v in o["pos"].split(","))
            moved = (x_c - (left + w / 2), y_c - (top - y - h / 2))
            shift = shift or moved
            assert moved == (pytest.approx(shift[0], abs=0.5), pytest.approx(shift[1], abs=0.5)), n.id
            for child in g.children(n.id):
                assert inside(extent(child.id), extent(n.id)), f"{child.id} in {n.id}"
        else:
            assert icon_path(n.kind) in o["label"], n.id
    # Every connection is an edge; every label a text of its own, clear of the icons and the other labels.
    by_gvid = {o["_gvid"]: o for o in out["objects"]}
    ends = {(by_gvid[e["tail"]]["name"], by_gvid[e["head"]]["name"]) for e in out["edges"]}
    arrows = labels.arrows(g)
    assert ends == {(a.source, a.target) for a in arrows}
    texts = [o for name, o in nodes.items() if name.startswith("__label")]
    assert sorted(o["label"] for o in texts) == sorted(label_markup(a.label) for a in arrows if a.label), (
        "each label once"
    )
    if strict_labels:
        icons = [(*extent(n.id), n.id) for n in g.nodes.values() if not n.spec.container]
        rects = [label_extent(o) for o in texts]
        assert shift is not None or not any(n.spec.container for n in g.nodes.values())
        sx, sy = shift or (0.0, 0.0)
        titles = []
        for n in g.nodes.values():
            if n.spec.container:
                x, y, w, h = canvas._title_extent(n, placed[n.id])
                titles.append((x + sx, top - y - h + sy, x + w + sx, top - y + sy, n.id))
        for i, rect in enumerate(rects):
            assert not [icon for icon in icons if overlap(rect, icon)], (texts[i]["label"], rect)
            assert not [t for t in titles if overlap(rect, t)], (texts[i]["label"], rect)
            assert not any(overlap(rect, other) for other in rects[i + 1 :]), texts[i]["label"]


def label_markup(text: str) -> str:
    return canvas._edge_label(text)[1:-1] if canvas._edge_label(text).startswith("<") else canvas._edge_label(text)


def label_extent(o: dict[str, Any]) -> tuple[float, float, float, float]:
    x, y = (float(v) for v in o["pos"].split(","))
    w, h = float(o["width"]) * 72, float(o["height"]) * 72
    return x - w / 2 + 2, y - h / 2 + 2, x + w / 2 - 2, y + h / 2 - 2


def overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_canvas_layout_of_the_examples(name: str) -> None:
    check_canvas(EXAMPLES[name])


def test_canvas_layout_of_a_design_never_arranged() -> None:
    g = big()
    assert all(n.position == (0.0, 0.0) for n in g.nodes.values())
    check_canvas(g)


def test_canvas_title_sits_above_the_picture() -> None:
    g = EXAMPLES["serverless-event-driven"]
    _, nodes = objects(laid_out(g, "canvas"))
    title_bottom = float(nodes["__title"]["pos"].split(",")[1]) - float(nodes["__title"]["height"]) * 36
    highest = max(float(o["pos"].split(",")[1]) + float(o["height"]) * 36 for n, o in nodes.items() if n != "__title")
    assert title_bottom > highest


# -- files ----------------------------------------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def check_file(fmt: str, data: bytes, g: ArchitectureGraph) -> None:
    if fmt == "png":
        width, height = png_size(data)
        assert 300 <= width <= 20_000 and 200 <= height <= 20_000, (width, height)
    elif fmt == "svg":
        root = ET.fromstring(data)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        text = data.decode()
        for n in g.nodes.values():
            if not n.spec.container:
                first = labels.node_label(n).split("\n")[0]
                assert html.escape(first).replace("-", "&#45;") in text, first
    elif fmt == "pdf":
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    elif fmt == "drawio":
        root = ET.fromstring(data)
        ids = {c.get("id") for c in root.iter("mxCell")}
        assert len(ids) >= len(g.nodes) + len(labels.arrows(g))
    else:
        compile(data, "diagram.py", "exec")
        assert b"from diagrams import" in data


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_examples_render_in_every_format(name: str, fmt: str, layout: str) -> None:
    g = EXAMPLES[name]
    check_file(fmt, render(g, RenderOptions(format=fmt, layout=layout)), g)  # type: ignore[arg-type]


def test_png_resolution_follows_the_dpi_option() -> None:
    g = EXAMPLES["serverless-event-driven"]
    low = png_size(render(g, RenderOptions(format="png", dpi=72)))
    high = png_size(render(g, RenderOptions(format="png", dpi=144)))
    assert high[0] == pytest.approx(low[0] * 2, rel=0.02) and high[1] == pytest.approx(low[1] * 2, rel=0.02)


def test_a_hundred_nodes_render_to_a_sensible_png() -> None:
    width, height = png_size(render(big(), RenderOptions(format="png")))
    assert width * height < 80_000_000, (width, height)


def test_hostile_labels_are_drawn_as_text() -> None:
    g = graph(node("x", "aws.s3.bucket", label='<b>"&quot;\\N</b>'), node("y", "aws.sqs.queue", label="a\\lb\\"))
    for layout in LAYOUTS:
        svg = render(g, RenderOptions(format="svg", layout=layout)).decode()  # type: ignore[arg-type]
        assert ">&lt;b&gt;&quot;&amp;quot;\\N&lt;/b&gt;<" in svg, layout
        assert ">a\\lb\\<" in svg, layout


def test_graphviz_time_limit_gives_a_clear_error() -> None:
    g = big()
    with pytest.raises(RenderFailed, match=r"longer than 0\.001 s"):
        render(g, RenderOptions(format="png", timeout=0.001))


def test_graphviz_failure_names_the_reason() -> None:
    with pytest.raises(RenderFailed, match="Graphviz failed"):
        run_graphviz("digraph { a -> ", "dot", "png", 10)
