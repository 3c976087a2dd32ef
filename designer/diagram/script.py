"""script(graph, options) -> a standalone Python script ("diagram as code") that draws the `auto` layout.

The script uses only the `diagrams` library and the standard library. Run anywhere (`python diagram.py`), it
writes `<design name>.png` in the current directory: the picture auto.py builds, statement for statement.

What it writes, and why:

- Every icon node is a `diagrams` class whose icon file is exactly the catalog kind's icon
  (`from diagrams.aws.compute import EC2`). The map icon file -> class is built once, by scanning diagrams'
  provider packages with pkgutil and inspect (`diagrams_classes`). A kind whose icon no class draws would
  fall back to `diagrams.custom.Custom` with the icon's path in diagrams' resources folder
  (`RESOURCES / "aws/..."`). The script works that path out when it runs, the same way `diagrams` finds its
  own icons, so the script does not depend on this server's paths. Today every catalog kind has a class
  (`fallback_kinds()` is empty), so the fallback is only a safety net.
- Boxes are `with Cluster(...)` blocks nested like the design. A box's first argument is the design's id of
  the box, and its title is `graph_attr`'s `label`. `diagrams` names a cluster's subgraph `cluster_<label>`,
  and Graphviz merges subgraphs with the same name, so two zones both titled `us-east-1a` would become one
  box. auto.py fixes this by setting `cluster.dot.name` after creating the cluster, which reaches into
  diagrams' Graphviz object. Using the id as the label gives the same names (`cluster_<id>`, which the
  `lhead`/`ltail` of arrows to boxes refer to) through diagrams' public API only, and the script keeps one
  `with Cluster(...)` line per box. A `graph_attr` label replaces the label `diagrams` sets.
- Box titles keep auto.py's small icons. They are Graphviz HTML labels built by a `title()` helper in the
  script from paths relative to diagrams' resources folder, so the script carries no absolute paths. If the
  installed `diagrams` lacks an image, the title is shown as text only.
- Styles (colours, dashed borders, fonts, spacing) come from auto.py's own constants and `_cluster_attrs`,
  so the two pictures cannot drift apart. They appear once as named dicts (`REGION_BOX`, `PUBLIC_SUBNET_BOX`).
- Node and arrow labels are `labels.node_label` (with costs) and `labels.arrows`. Arrows that reach a box end
  at an invisible point inside it, as in auto.py. A zone's subnets are tied side by side by invisible edges.
  These use `Edge` (so `dir`/font attributes differ from auto.py's raw `dot.edge`), but such edges draw
  nothing and Graphviz lays them out the same.
- Graphviz reads backslashes in a plain label as escapes (`\\n` a line break, `\\N` the node's name, and a final
  `\\` swallows the closing quote, a syntax error), so the script doubles them in node and arrow labels and in
  the diagram's name (`dot_text`): `C:\\data` is drawn as written. HTML labels (titles) take them literally.
- Readable and deterministic: imports grouped and sorted as isort/ruff would, variables named after node labels
  (made into identifiers and kept unique), every string written by `repr()` (double-quoted when that is the
  same string), and no dependence on set or hash order. Design text reaches comments only after newlines and
  other control characters have been replaced with spaces.
"""

from __future__ import annotations

import builtins
import importlib
import inspect
import keyword
import pkgutil
import re
import string
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

import diagrams

from ..graph import ArchitectureGraph, GraphNode
from . import auto, labels
from .labels import dot_text
from .render import RenderOptions, subtitle
from .style import ICONS, MUTED, TEXT, box, icon_path, relative_icon

GENERATOR = "AWS Architecture Designer"
FALLBACK = "diagrams.custom.Custom"
_WIDTH = 100  # generated lines longer than this are split, black-style
_INDENT = "    "

# Names the script itself defines or imports besides the node classes: node variables never take them.
_RESERVED = frozenset(
    {
        *("html", "Path", "diagrams", "Cluster", "Diagram", "Edge", "Node", "Custom", "RESOURCES", "GRAPH"),
        *("NODES", "EDGES", "BOX", "title", "heading", "anchor", "escaped"),
    }
)
# Builtins a variable never shadows: the script's helpers call str(), so a node named "str" must not rebind it.
_BUILTINS = frozenset(dir(builtins))


@cache
def diagrams_classes() -> dict[str, str]:
    """Icon file (relative to diagrams' resources folder, e.g. `aws/compute/ec2.png`) -> the dotted path of the
    `diagrams` class that draws it (`diagrams.aws.compute.EC2`), from every provider package and module.

    When several classes draw one icon (diagrams' aliases such as `ALB` for `ElbApplicationLoadBalancer` are
    the same class; a few distinct classes share a file), the class of the module named like the icon's folder
    wins, then the shorter module path, then the name: the choice does not depend on import order."""
    found: dict[str, list[tuple[int, int, str, str]]] = {}
    for info in sorted(pkgutil.walk_packages(diagrams.__path__, "diagrams."), key=lambda i: i.name):
        if info.name.count(".") == 1 and not info.ispkg:  # diagrams.cli and other tools, not providers
            continue
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # pragma: no cover - an optional provider dependency missing
            continue
        for member, cls in inspect.getmembers(module, inspect.isclass):
            if member.startswith("_") or cls.__module__ != module.__name__ or not issubclass(cls, diagrams.Node):
                continue
            folder, icon = getattr(cls, "_icon_dir", None), getattr(cls, "_icon", None)
            if not isinstance(folder, str) or not isinstance(icon, str) or not folder.startswith("resources/"):
                continue
            name = cls.__name__ if getattr(module, cls.__name__, None) is cls else member
            relative = f"{folder.removeprefix('resources/')}/{icon}"
            home = 0 if info.name == "diagrams." + folder.removeprefix("resources/").replace("/", ".") else 1
            found.setdefault(relative, []).append((home, info.name.count("."), info.name, name))
    return {icon: f"{min(c)[2]}.{min(c)[3]}" for icon, c in sorted(found.items())}


def kind_icon(kind: str) -> str:
    """The icon auto.py draws for `kind`, relative to diagrams' resources folder."""
    return Path(icon_path(kind)).relative_to(ICONS).as_posix()


def node_class(kind: str) -> str:
    """The dotted path of the `diagrams` class drawing `kind`'s icon, or FALLBACK (`diagrams.custom.Custom`)."""
    return diagrams_classes().get(kind_icon(kind), FALLBACK)


def fallback_kinds(kinds: Iterable[str]) -> list[str]:
    """The kinds among `kinds` that no `diagrams` class draws, which the script draws with `Custom`."""
    return sorted(k for k in kinds if node_class(k) == FALLBACK)


def literal(value: str) -> str:
    """`repr(value)`, with double quotes when that writes the same string (ruff's and black's style)."""
    text = repr(value)
    if text.startswith("'") and '"' not in value:
        text = f'"{text[1:-1]}"'
    return text


def _comment(text: str) -> str:
    """Design text made safe for a `#` comment: one line, printable characters only."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def _identifier(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    name = re.sub(r"[^0-9a-zA-Z]+", "_", ascii_text).strip("_").lower()
    if not name:
        return "node"
    return f"n_{name}" if name[0].isdigit() else name


def filename(name: str) -> str:
    """The picture's file name (without `.png`) from the design's name: `three-tier-web-app`."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "diagram"


def _dict(values: Mapping[str, str], spread: str | None = None, indent: str = "") -> str:
    """A dict display, on one line when it fits, else one item per line."""
    items = ([f"**{spread}"] if spread else []) + [f"{literal(k)}: {literal(v)}" for k, v in values.items()]
    one_line = "{" + ", ".join(items) + "}"
    if len(indent) + len(one_line) <= _WIDTH:
        return one_line
    return "{\n" + "".join(f"{indent}{_INDENT}{item},\n" for item in items) + indent + "}"


def _call(indent: str, head: str, args: list[str], tail: str = "") -> list[str]:
    """`head(args)tail` on one line when it fits, else one argument per line."""
    line = f"{indent}{head}({', '.join(args)}){tail}"
    if len(line) <= _WIDTH:
        return [line]
    return [f"{indent}{head}(", *(f"{indent}{_INDENT}{a}," for a in args), f"{indent}){tail}"]


_ESCAPED = '''
def escaped(text: str) -> str:
    """Text drawn as written inside a Graphviz HTML label (which would read a backslash as an escape)."""
    return html.escape(text).replace("\\\\", "\\\\\\\\")
'''

_HEADING = '''
def heading(text: str, subtitle: str = "") -> str:
    """The picture's title, a Graphviz HTML label: the design's name, and under it its region and cost."""
    label = f'<FONT POINT-SIZE="20"><B>{escaped(text)}</B></FONT>'
    if subtitle:
        label += f'<BR/><FONT POINT-SIZE="13" COLOR="${muted}">{escaped(subtitle)}</FONT>'
    return f"<{label}>"
'''

_TITLE = '''
def title(text: str, icon: str = "") -> str:
    """A box's title, a Graphviz HTML label: its small icon (one of diagrams' own images), then its text."""
    cells = f'<TD ALIGN="LEFT" BALIGN="LEFT"><FONT COLOR="${text}">{escaped(text)}</FONT></TD>'
    if icon and (RESOURCES / icon).is_file():
        src = html.escape(str(RESOURCES / icon))
        cells = f'<TD FIXEDSIZE="TRUE" WIDTH="20" HEIGHT="20"><IMG SRC="{src}" SCALE="TRUE"/></TD>{cells}'
    return f'<<TABLE BORDER="0" CELLSPACING="4" CELLPADDING="0"><TR>{cells}<TD WIDTH="1"></TD></TR></TABLE>>'
'''

_ANCHOR = '''
def anchor(box_id: str) -> Node:
    """An invisible point inside a box: arrows to or from the box end there (and are cut at its border)."""
    return Node("", nodeid=f"{box_id}__box", shape="point", style="invis", width="0.01", height="0.01")
'''


class _Writer:
    """Writes the body first (learning which imports, styles and helpers it needs), then the header."""

    def __init__(self, graph: ArchitectureGraph, options: RenderOptions) -> None:
        self.graph = graph
        self.options = options
        self.anchors = auto.anchored(graph)
        self.taken: set[str] = set(_RESERVED)
        self.variables: dict[str, str] = {}  # node id -> variable
        self.imports: dict[str, set[str]] = {"diagrams": {"Diagram"}}
        self.styles: dict[tuple[tuple[str, str], ...], str] = {}  # a box's attributes -> constant name
        self.helpers: set[str] = set()
        self.resources = False

    def variable(self, node: GraphNode) -> str:
        base = _identifier(node.label)
        if keyword.iskeyword(base) or keyword.issoftkeyword(base) or base in _BUILTINS:
            base += "_"
        name, n = base, 2
        while name in self.taken:
            name, n = f"{base}_{n}", n + 1
        self.taken.add(name)
        self.variables[node.id] = name
        return name

    def use(self, dotted: str) -> str:
        module, name = dotted.rsplit(".", 1)
        self.imports.setdefault(module, set()).add(name)
        self.taken.add(name)
        return name

    def style(self, node: GraphNode) -> str:
        attrs = {k: v for k, v in auto._cluster_attrs(node).items() if k != "label"}
        key = tuple(attrs.items())
        if key not in self.styles:
            spec_name = f"{node.props.get('tier')} subnet" if node.kind == "aws.vpc.subnet" else node.spec.label
            base = _identifier(spec_name).upper() + "_BOX"
            name, n = base, 2
            while name in self.styles.values():
                name, n = f"{base}_{n}", n + 1
            self.styles[key] = name
        return self.styles[key]

    # The body: the Diagram block.

    def body(self) -> list[str]:
        graph, options = self.graph, self.options
        name = options.title or graph.name
        graph_attr = f'{{**GRAPH, "label": heading({literal(name)}, {literal(subtitle(graph, options))})}}'
        lines = _call(
            "",
            "with Diagram",
            [
                literal(dot_text(name)),
                f"filename={literal(filename(graph.name))}",
                'direction="LR"',
                'curvestyle="curved"',
                'outformat="png"',
                "show=False",
                f"graph_attr={graph_attr}",
                "node_attr=NODES",
                "edge_attr=EDGES",
            ],
            ":",
        )
        for root in graph.roots:
            lines += self.visit(graph.node(root), _INDENT)
        if not graph.roots:
            lines.append(f"{_INDENT}pass")  # an empty design: the title alone, and still a valid `with` block
        lines += self.side_by_side()
        lines += self.arrows()
        return lines

    def visit(self, node: GraphNode, indent: str) -> list[str]:
        if not node.spec.container:
            return [f"{indent}{self.variable(node)} = {self.icon_node(node)}"]
        self.use("diagrams.Cluster")
        self.helpers.add("title")
        style = box(node.kind, node.props.get("tier"))
        title_args = [literal(labels.container_label(node))]
        if style.icon is not None and relative_icon(style.icon) is not None:
            title_args.append(literal(style.icon))
        graph_attr = f'{{**{self.style(node)}, "label": title({", ".join(title_args)})}}'
        inner, block = indent + _INDENT, []
        if node.id in self.anchors:
            self.use("diagrams.Node")
            self.helpers.add("anchor")
            block.append(f"{inner}{self.variable(node)} = anchor({literal(node.id)})")
        for child in self.graph.children(node.id):
            block += self.visit(child, inner)
        head = _call(indent, "with Cluster", [literal(node.id), f"graph_attr={graph_attr}"], ":")
        return ["", *head, *(block or [f"{inner}pass"])]

    def icon_node(self, node: GraphNode) -> str:
        text = labels.node_label(node, self.options.costs.get(node.id))
        label, height = literal(dot_text(text)), f"height={literal(auto.node_height(text))}"
        dotted = node_class(node.kind)
        cls = self.use(dotted)
        if dotted == FALLBACK:
            self.resources = True
            icon = f"str(RESOURCES / {literal(kind_icon(node.kind))})"
            return f"{cls}({label}, {icon}, nodeid={literal(node.id)}, {height})"
        return f"{cls}({label}, nodeid={literal(node.id)}, {height})"

    def side_by_side(self) -> list[str]:
        """auto.py's invisible edges shaping the layout: each zone's subnets left to right (public, private,
        isolated), and many alike nodes folded into a grid."""
        lines = []
        for source, target, weight in auto.hints(self.graph):
            self.use("diagrams.Edge")
            edge = f'Edge(style="invis", weight="{weight}")'
            lines.append(f"{_INDENT}{self.variables[source]} >> {edge} >> {self.variables[target]}")
        if lines:
            lines[:0] = [
                "",
                f"{_INDENT}# Invisible edges: each zone's subnets side by side, many alike nodes in a grid.",
            ]
        return lines

    def arrows(self) -> list[str]:
        lines = []
        for arrow in labels.arrows(self.graph):
            source, target = self.graph.node(arrow.source), self.graph.node(arrow.target)
            args = [f"label={literal(dot_text(arrow.label))}"] if arrow.label else []
            if arrow.both_ways:
                args.append("reverse=True")
            if source.spec.container:
                args.append(f"ltail={literal(f'cluster_{source.id}')}")
            if target.spec.container:
                args.append(f"lhead={literal(f'cluster_{target.id}')}")
            if arrow.dashed:
                args.append('style="dashed"')
            self.use("diagrams.Edge")
            lines += _call(_INDENT, f"{self.variables[source.id]} >> Edge", args, f" >> {self.variables[target.id]}")
        if lines:
            lines[:0] = ["", f"{_INDENT}# Connections."]
        return lines

    # The header: comment, imports, constants, helpers.

    def header(self) -> list[str]:
        name = _comment(self.graph.name) or "Untitled design"
        out = filename(self.graph.name)
        lines = [
            f"# {name}",
            f"# The design's diagram (auto layout) as code, generated by {GENERATOR}.",
            "#",
            "# Needs the `diagrams` package (pip install diagrams) and Graphviz. `python <this file>` writes",
            f"# {out}.png in the current directory.",
        ]
        if "title" in self.helpers:
            lines += [
                "#",
                "# Each box is a `with Cluster(...)` block. Its first argument is the design's id for the box:",
                "# diagrams names a cluster's Graphviz subgraph after that argument, and Graphviz merges subgraphs",
                "# of one name, so two boxes titled alike (two zones called us-east-1a) would become one box. The",
                "# title the picture shows is the `label` in graph_attr.",
            ]
        stdlib = ["import html"]
        if "title" in self.helpers or self.resources:
            stdlib.append("from pathlib import Path")
        lines += ["", *stdlib, ""]
        if "title" in self.helpers or self.resources:
            lines.append("import diagrams")
        for module in sorted(self.imports, key=lambda m: (m.split("."), m)):
            names = sorted(self.imports[module], key=_isort_key)
            lines += _import(module, names)
        lines.append("")
        if "title" in self.helpers or self.resources:
            lines += [
                "# diagrams' own images, where the icons come from: found from the installed package, like diagrams",
                "# finds them, so this script does not depend on the machine that wrote it.",
                'RESOURCES = Path(diagrams.__file__).resolve().parent.parent / "resources"',
            ]
        graph_attrs = {**auto.GRAPH_ATTRS, "dpi": str(self.options.dpi)}
        lines += [
            f"GRAPH = {_dict(graph_attrs)}",
            f"NODES = {_dict(auto.NODE_ATTRS)}",
            f"EDGES = {_dict(auto.EDGE_ATTRS)}",
        ]
        lines += self.style_constants()
        helpers = {"escaped": _ESCAPED, "heading": _HEADING, "title": _TITLE, "anchor": _ANCHOR}
        for helper in ("escaped", "heading", "title", "anchor"):
            if helper in ("escaped", "heading") or helper in self.helpers:
                text = string.Template(helpers[helper]).substitute(muted=MUTED, text=TEXT)
                lines += ["", *text.splitlines()]
        return [*lines, "", ""]

    def style_constants(self) -> list[str]:
        styles = [(dict(key), name) for key, name in self.styles.items()]
        if not styles:
            return []
        if len(styles) == 1:
            return [f"{styles[0][1]} = {_dict(styles[0][0])}"]
        first = styles[0][0]
        common = {k: v for k, v in first.items() if all(s.get(k) == v for s, _ in styles)}
        lines = [f"BOX = {_dict(common)}"]
        for attrs, name in styles:
            own = {k: v for k, v in attrs.items() if k not in common}
            lines.append(f"{name} = {_dict(own, spread='BOX')}")
        return lines


def _isort_key(name: str) -> tuple[int, str]:
    """isort's (and ruff's) order of imported names: CONSTANTS, then Classes, then the rest."""
    if name.isupper() and len(name) > 1:
        kind = 0
    elif name[:1].isupper():
        kind = 1
    else:
        kind = 2
    return kind, name.lower()


def _import(module: str, names: list[str]) -> list[str]:
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= _WIDTH:
        return [line]
    return [f"from {module} import (", *(f"{_INDENT}{n}," for n in names), ")"]


def script(graph: ArchitectureGraph, options: RenderOptions) -> str:
    """The standalone `diagrams` script drawing the design's `auto` layout."""
    writer = _Writer(graph, options)
    body = writer.body()
    return "\n".join([*writer.header(), *body]) + "\n"
