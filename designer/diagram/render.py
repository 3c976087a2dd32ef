"""render(graph, options) -> the diagram file's bytes: PNG, SVG or PDF through Graphviz, a draw.io file, or a
Python script using `diagrams` that draws the same picture.

Graphviz runs as a subprocess in a temporary directory that is always removed, with a time limit, so a
pathological design fails with a clear error instead of hanging a worker.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from graphviz import Digraph

from ..graph import ArchitectureGraph
from . import auto, canvas
from .labels import money

Format = Literal["png", "svg", "pdf", "drawio", "py"]
Layout = Literal["auto", "canvas"]
FORMATS: dict[str, tuple[str, str]] = {  # format -> (file extension, content type)
    "png": ("png", "image/png"),
    "svg": ("svg", "image/svg+xml"),
    "pdf": ("pdf", "application/pdf"),
    "drawio": ("drawio", "application/vnd.jgraph.mxfile"),
    "py": ("py", "text/x-python"),
}
LAYOUTS = ("auto", "canvas")
GRAPHVIZ_SECONDS = 120


class RenderFailed(RuntimeError):
    """Graphviz failed or ran out of time; the message says which."""


@dataclass(frozen=True)
class RenderOptions:
    format: Format = "png"
    layout: Layout = "auto"
    dpi: int = 96
    title: str | None = None
    costs: dict[str, Decimal] = field(default_factory=dict)  # node id -> monthly cost, when an estimate exists
    total: Decimal | None = None
    timeout: float = GRAPHVIZ_SECONDS


def subtitle(graph: ArchitectureGraph, options: RenderOptions) -> str:
    parts = [graph.region]
    if options.total is not None:
        parts.append(f"estimated {money(options.total)} per month")
    return " · ".join(parts)


def graphviz_source(graph: ArchitectureGraph, options: RenderOptions) -> tuple[Digraph, str]:
    """The Graphviz graph of the picture and the engine that lays it out (dot for auto, neato for canvas)."""
    title = options.title or graph.name
    if options.layout == "canvas":
        return canvas.build(graph, title, subtitle(graph, options), options.costs, options.dpi), "neato"
    return auto.build(graph, title, subtitle(graph, options), options.costs, options.dpi), "dot"


def run_graphviz(source: str, engine: str, fmt: str, timeout: float) -> bytes:
    """Graphviz on `source`, in a temporary directory removed afterwards, within `timeout` seconds."""
    args = [engine, f"-T{fmt}", "-o", "out"]
    if engine == "neato":
        args.insert(1, "-n2")  # positions are given in points; keep them
    with tempfile.TemporaryDirectory(prefix="diagram-") as tmp:
        (Path(tmp) / "diagram.gv").write_text(source)
        try:
            done = subprocess.run([*args, "diagram.gv"], cwd=tmp, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise RenderFailed(f"Graphviz took longer than {timeout:g} s and was stopped") from None
        except FileNotFoundError:
            raise RenderFailed(f"Graphviz ({engine}) is not installed") from None
        out = Path(tmp) / "out"
        if done.returncode != 0 or not out.is_file():
            errors = done.stderr.decode(errors="replace").strip().splitlines()
            raise RenderFailed(f"Graphviz failed: {errors[-1] if errors else f'exit {done.returncode}'}")
        return out.read_bytes()


def render(graph: ArchitectureGraph, options: RenderOptions) -> bytes:
    if options.format == "drawio":
        from .drawio import drawio

        text: str = drawio(graph, options)
        return text.encode()
    if options.format == "py":
        from .script import script

        code: str = script(graph, options)
        return code.encode()
    dot, engine = graphviz_source(graph, options)
    return run_graphviz(dot.source, engine, options.format, options.timeout)
