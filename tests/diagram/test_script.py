"""The "diagram as code" export: a standalone Python script using `diagrams` that draws the design's auto layout.

The scripts are run for real, each in a fresh interpreter (`python -I`, so nothing of this project is importable)
in an empty directory, and must write their PNG there. The wrapper they run under only saves the Graphviz
source `diagrams` renders from, which is then compared with the auto layout's own (render.py): same boxes
holding the same nodes, same labels and icons, same arrows.
"""

from __future__ import annotations

import ast
import builtins
import hashlib
import importlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import diagrams
import pytest

from designer.catalog import CATALOG
from designer.diagram import script as scripts
from designer.diagram.labels import arrows, container_label, dot_text, node_label
from designer.diagram.render import RenderOptions, graphviz_source, render
from designer.diagram.script import FALLBACK, fallback_kinds, filename, kind_icon, node_class
from designer.graph import ArchitectureGraph, build
from tests.cloudformation.designs import every_connection_document, every_connection_nodes
from tests.diagram.hash_seeds import digests_per_seed
from tests.engines.design_builders import EXAMPLES, doc, edge, graph, loaded, node

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_NAMES = [p.stem for p in sorted(EXAMPLES.glob("*.json"))]
DESIGNS = [*EXAMPLE_NAMES, "synthetic-100", "every-kind", "hostile", "backslashes"]
RUN_SECONDS = 60
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# Runs the script given as the first argument as `python <script>` would, saving the Graphviz source each
# Diagram renders from as <filename>.gv beside its picture (diagrams deletes its own copy after rendering).
WRAPPER = """
import runpy
import sys

import diagrams

_render = diagrams.Diagram.render


def render(self):
    with open(self.filename + ".gv", "w", encoding="utf-8") as out:
        out.write(self.dot.source)
    _render(self)


diagrams.Diagram.render = render
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""

# Design text that breaks generated code when written carelessly: quotes of both kinds, newlines, control
# characters, non-ASCII text, markup, format strings, and names that are Python keywords, builtins the script
# calls (`str`, before any box calls title()) or the script's own names.
HOSTILE_LABELS = [
    "str",
    "html",
    "class",
    "match",
    "title",
    'He said "hi" & it\'s <b>',
    "two\nlines",
    "tab\there\x01",
    "数据库 ✓ café",
    "🚀",
    "a-b",
    "a b",
    "'''",
    '"""',
    "{x} %s",
]
# Backslashes, which Graphviz reads as escapes: one that ends a label, and ones that read as \n and \N.
BACKSLASH_LABELS = ["C:\\new\\table\\", "q\\", "\\N and \\G", "\\"]


def hostile(labels: list[str], text: str) -> ArchitectureGraph:
    """`labels` on Lambda functions at the top level, in the region and in a subnet (the first one before any
    box), chained by arrows labelled alike, one arrow into an Auto Scaling group and one out of it; the boxes and
    the design's name say `text`."""
    nodes = [
        node("region", "aws.region", label=f"Region {text}", region="us-east-1"),
        node("vpc", "aws.vpc.vpc", "region", label=f"vpc {text}", cidr="10.0.0.0/16"),
        node("az", "aws.vpc.availability_zone", "vpc", label=f"zone {text}"),
        node("subnet", "aws.vpc.subnet", "az", label=f"subnet {text}", cidr="10.0.0.0/24"),
        node("asg", "aws.autoscaling.group", "vpc", label=f"group {text}", subnets=["subnet"]),
        node("queue", "aws.sqs.queue", "region", label=f"queue {text}"),
    ]
    parents = [None, "region", "subnet"]
    nodes[:0] = [
        node(f"n{i}", "aws.lambda.function", parents[i % len(parents)], label=label) for i, label in enumerate(labels)
    ]
    edges = [edge(f"e{i}", f"n{i}", f"n{i + 1}", label=labels[-1 - i]) for i in range(len(labels) - 1)]
    edges += [edge("into-group", "n0", "asg", label=text), edge("out-of-group", "asg", "queue", label=text)]
    return graph(*nodes, edges=edges, name=f"Hostile {text}")


def synthetic(nodes: int) -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("bench_estimate", ROOT / "bench" / "bench_estimate.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    design: dict[str, Any] = bench.design_of(nodes)
    return design


def every_kind() -> ArchitectureGraph:
    """One node of every catalog kind and an edge for every connection the catalog allows."""
    generic = node("generic", "aws.cloudformation.resource", type="AWS::CloudFormation::WaitConditionHandle")
    return graph(*every_connection_nodes(), generic, edges=every_connection_document()["edges"], name="Every kind")


@cache
def design(name: str) -> ArchitectureGraph:
    if name == "synthetic-100":
        return build(loaded(synthetic(100)))
    if name == "every-kind":
        return every_kind()
    if name == "hostile":
        return hostile(HOSTILE_LABELS, '"design"\nraise SystemExit(3)\n# <&> 数据')
    if name == "backslashes":
        return hostile(BACKSLASH_LABELS, "\\ C:\\new \\")
    return build(loaded((EXAMPLES / f"{name}.json").read_bytes()))


@cache
def code_of(name: str) -> str:
    return render(design(name), RenderOptions(format="py")).decode()


# -- running a script ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    files: dict[str, bytes]  # what the script left in its directory, besides itself and the saved source
    source: str  # the Graphviz source diagrams rendered the picture from


def run(code: str, directory: Path) -> Run:
    (directory / "diagram.py").write_text(code, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-I", "-c", WRAPPER, "diagram.py"],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=RUN_SECONDS,
    )
    assert done.returncode == 0, done.stderr
    [saved] = directory.glob("*.gv")
    files = {p.name: p.read_bytes() for p in directory.iterdir() if p.name != "diagram.py" and p.suffix != ".gv"}
    return Run(files, saved.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Each design's script, run once for the whole module."""
    runs: dict[str, Run] = {}

    def get(name: str) -> Run:
        if name not in runs:
            runs[name] = run(code_of(name), tmp_path_factory.mktemp(name))
        return runs[name]

    return get


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@dataclass(frozen=True)
class Picture:
    """What Graphviz reads from a source: its title, boxes (name -> label and the nodes inside, nested ones
    included), nodes (name -> label and icon file) and visible arrows."""

    title: str
    boxes: dict[str, tuple[str, frozenset[str]]]
    nodes: dict[str, tuple[str, str | None]]
    arrows: Counter[tuple[str, ...]]
    texts: dict[str, list[str]]  # the lines of text drawn for the title (""), a box, a node or an arrow ("a->b")


def _texts(item: dict[str, Any]) -> list[str]:
    return [op["text"] for op in item.get("_ldraw_", []) if op.get("op") == "T"]


def picture(source: str) -> Picture:
    done = subprocess.run(["dot", "-Tjson"], input=source, capture_output=True, text=True, timeout=RUN_SECONDS)
    assert done.returncode == 0, done.stderr
    parsed = json.loads(done.stdout, strict=False)  # labels may hold control characters
    objects = parsed["objects"]
    count = parsed.get("_subgraph_cnt", 0)
    names = {o["_gvid"]: o["name"] for o in objects[count:]}
    boxes = {
        o["name"]: (o.get("label", ""), frozenset(names[i] for i in o.get("nodes", [])))
        for o in objects[:count]
        if o["name"].startswith("cluster")
    }
    nodes = {o["name"]: (o.get("label", ""), o.get("image")) for o in objects[count:]}
    arrows = Counter(
        tuple(
            [names[e["tail"]], names[e["head"]]] + [e.get(a, "") for a in ("label", "style", "dir", "lhead", "ltail")]
        )
        for e in parsed.get("edges", [])
        if e.get("style") != "invis"
    )
    texts = {o["name"]: _texts(o) for o in objects}
    texts |= {f"{names[e['tail']]}->{names[e['head']]}": _texts(e) for e in parsed.get("edges", [])}
    texts[""] = _texts(parsed)
    return Picture(parsed.get("label", ""), boxes, nodes, arrows, texts)


def auto_picture(g: ArchitectureGraph) -> Picture:
    dot, engine = graphviz_source(g, RenderOptions(format="png"))
    assert engine == "dot"
    return picture(dot.source)


# -- the code -----------------------------------------------------------------------------------------------


def test_the_designs_cover_every_catalog_kind() -> None:
    assert set(CATALOG.kinds) - {n.kind for n in design("every-kind").nodes.values()} == set()
    assert len(design("synthetic-100").nodes) == 100


@pytest.mark.parametrize("name", DESIGNS)
def test_the_script_compiles(name: str) -> None:
    compile(code_of(name), f"{name}.py", "exec", dont_inherit=True)


@pytest.mark.parametrize("name", DESIGNS)
def test_the_script_imports_only_diagrams_and_the_standard_library(name: str) -> None:
    modules = set()
    for statement in ast.walk(ast.parse(code_of(name))):
        if isinstance(statement, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in statement.names}
        elif isinstance(statement, ast.ImportFrom):
            modules.add(str(statement.module).split(".")[0])
    assert modules - {"diagrams"} <= set(sys.stdlib_module_names)


@pytest.mark.parametrize("name", DESIGNS)
def test_the_script_holds_no_path_of_this_machine(name: str) -> None:
    code = code_of(name)
    here = {ROOT, Path(sys.prefix), Path(sys.base_prefix), Path(diagrams.__file__).resolve().parents[1]}
    here |= {Path.home(), Path(tempfile.gettempdir())}
    for path in here:
        assert str(path) not in code
    for constant in ast.walk(ast.parse(code)):
        if isinstance(constant, ast.Constant) and isinstance(constant.value, str):
            assert not (os.path.isabs(constant.value) and Path(constant.value).exists()), constant.value


@pytest.mark.parametrize("name", DESIGNS)
def test_the_same_design_gives_the_same_script(name: str) -> None:
    again = design(name) if name not in EXAMPLE_NAMES else build(loaded((EXAMPLES / f"{name}.json").read_bytes()))
    assert render(again, RenderOptions(format="py")).decode() == code_of(name)


def test_the_script_does_not_depend_on_the_process_hash_seed() -> None:
    digests = digests_per_seed("py", sorted(EXAMPLES.glob("*.json")))
    here = [hashlib.sha256(code_of(name).encode()).hexdigest() for name in EXAMPLE_NAMES]
    assert digests[0] == digests[1] == here


def test_design_text_never_escapes_its_string_or_comment() -> None:
    tree = ast.parse(code_of("hostile"))
    assert not any(isinstance(n, ast.Raise) for n in ast.walk(tree))
    strings = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    assert 'Hostile "design"\nraise SystemExit(3)\n# <&> 数据' in strings
    g = design("hostile")
    assert {dot_text(node_label(n)) for n in g.nodes.values() if not n.spec.container} <= strings
    assert code_of("hostile").splitlines()[0] == '# Hostile "design" raise SystemExit(3) # <&> 数据'


def test_node_variables_shadow_no_builtin_keyword_or_name_of_the_script() -> None:
    tree = ast.parse(code_of("hostile"))
    [diagram] = [statement for statement in tree.body if isinstance(statement, ast.With)]
    assigned = [
        target.id
        for statement in ast.walk(diagram)
        if isinstance(statement, ast.Assign)
        for target in statement.targets
        if isinstance(target, ast.Name)
    ]
    defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    imported = {
        a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom | ast.Import) for a in n.names
    }
    assert len(assigned) == len(set(assigned)) >= len(HOSTILE_LABELS)
    assert set(assigned) & (set(dir(builtins)) | defined | imported) == set()


# -- every kind ---------------------------------------------------------------------------------------------


def test_every_catalog_kind_is_drawn_by_a_class_of_diagrams() -> None:
    assert fallback_kinds(CATALOG.kinds) == []


def test_each_icon_node_is_an_imported_diagrams_class_drawing_its_kinds_icon() -> None:
    g = design("every-kind")
    tree = ast.parse(code_of("every-kind"))
    imported = {
        alias.asname or alias.name: f"{statement.module}.{alias.name}"
        for statement in ast.walk(tree)
        if isinstance(statement, ast.ImportFrom)
        for alias in statement.names
    }
    drawn_by = {}
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name):
            for keyword in call.keywords:
                if keyword.arg == "nodeid" and isinstance(keyword.value, ast.Constant):
                    drawn_by[keyword.value.value] = call.func.id
    leaves = [n for n in g.nodes.values() if not n.spec.container]
    assert {n.kind for n in leaves} == {k for k, spec in CATALOG.kinds.items() if not spec.container}
    for n in leaves:
        dotted = imported[drawn_by[n.id]]
        assert dotted == node_class(n.kind) != FALLBACK, n.kind
        module, name = dotted.rsplit(".", 1)
        cls = getattr(importlib.import_module(module), name)
        assert f"{cls._icon_dir}/{cls._icon}" == f"resources/{kind_icon(n.kind)}", n.kind
    assert "Custom" not in imported


# -- running it ---------------------------------------------------------------------------------------------

# Run and compared with the auto layout. "backslashes" is run on its own below: auto.py hands Graphviz its labels
# as they are, so a label ending in a backslash is a syntax error there.
RUN = [*EXAMPLE_NAMES, "every-kind", "hostile"]


@pytest.mark.parametrize("name", RUN)
def test_the_script_runs_and_writes_its_png_in_the_current_directory(ran: Any, name: str) -> None:
    done = ran(name)
    expected = f"{filename(design(name).name)}.png"
    assert f"# {expected} in the current directory." in code_of(name)
    assert set(done.files) == {expected}
    width, height = png_size(done.files[expected])
    assert width > 0 and height > 0


@pytest.mark.parametrize("name", RUN)
def test_the_script_draws_the_auto_layouts_boxes_nodes_and_arrows(ran: Any, name: str) -> None:
    g = design(name)
    drawn, auto = picture(ran(name).source), auto_picture(g)
    assert drawn.title == auto.title
    assert drawn.boxes == auto.boxes
    assert drawn.nodes == auto.nodes
    assert drawn.arrows == auto.arrows
    containers = {f"cluster_{n.id}" for n in g.nodes.values() if n.spec.container}
    assert set(drawn.boxes) == containers
    icons = {n.id for n in g.nodes.values() if not n.spec.container}
    assert icons <= set(drawn.nodes)
    for node_id in icons:
        image = drawn.nodes[node_id][1]
        assert image is not None and Path(image).is_file()
        assert Path(image).as_posix().endswith(kind_icon(g.node(node_id).kind))


def test_costs_and_the_total_reach_the_picture() -> None:
    g = design("three-tier-web-app")
    options = RenderOptions(format="py", costs={"web": Decimal("1234.5"), "db": Decimal("0.1")}, total=Decimal("99"))
    tree = ast.parse(render(g, options).decode())
    strings = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    assert node_label(g.node("web"), Decimal("1234.5")).endswith("\n$1,234.50/month")
    assert node_label(g.node("web"), Decimal("1234.5")) in strings
    assert node_label(g.node("db"), Decimal("0.1")) in strings
    assert "us-east-1 · estimated $99.00 per month" in strings
    assert "/month" not in render(g, RenderOptions(format="py")).decode()


def test_a_kind_no_diagrams_class_draws_falls_back_to_its_icon_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The safety net for a kind added to the catalog before diagrams has a class for its icon."""
    monkeypatch.setattr(scripts, "diagrams_classes", dict)
    g = design("serverless-event-driven")
    kinds = {n.kind for n in g.nodes.values()}
    assert fallback_kinds(kinds) == sorted(kinds)
    code = render(g, RenderOptions(format="py")).decode()
    assert "from diagrams.custom import Custom" in code
    done = run(code, tmp_path)
    png_size(done.files[f"{filename(g.name)}.png"])
    drawn, auto = picture(done.source), auto_picture(g)
    assert {k: v[0] for k, v in drawn.nodes.items()} == {k: v[0] for k, v in auto.nodes.items()}
    for n in g.nodes.values():
        if not n.spec.container:
            image = drawn.nodes[n.id][1]
            assert image is not None and Path(image).is_file()
            assert Path(image).as_posix().endswith(kind_icon(n.kind))


def test_an_empty_design_still_runs(tmp_path: Path) -> None:
    g = build(loaded(doc(name="Nothing yet")))
    done = run(render(g, RenderOptions(format="py")).decode(), tmp_path)
    assert set(done.files) == {"nothing-yet.png"}


def test_backslashes_are_drawn_as_written(ran: Any) -> None:
    g = design("backslashes")
    done = ran("backslashes")
    png_size(done.files[f"{filename(g.name)}.png"])
    texts = picture(done.source).texts
    assert texts[""] == [g.name, "us-east-1"]
    for n in g.nodes.values():
        if n.spec.container:
            assert texts[f"cluster_{n.id}"] == [container_label(n)], n.id
        else:
            assert texts[n.id] == node_label(n).split("\n"), n.id

    def end(node_id: str) -> str:
        return f"{node_id}__box" if g.node(node_id).spec.container else node_id

    for arrow in arrows(g):
        assert texts[f"{end(arrow.source)}->{end(arrow.target)}"] == arrow.label.split("\n")
