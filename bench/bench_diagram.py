#!/usr/bin/env python3
"""How long a diagram takes, against the issue's bars, side by side with a hand-written `diagrams` program.

- The renderer: bench_estimate's synthetic design of N nodes (100 by default), from its document to PNG bytes
  written to a file: load() and build() (as the worker does with a revision), the auto layout through
  `diagrams`, Graphviz in its temporary directory. Bar: no more than 5 s median.
- The baseline: bench/handwritten_diagram.py, the same picture written by hand with `diagrams` and rendered
  by `diagrams` itself. Bar: the renderer takes no more than 1.2 times as long.
- For the record: the canvas layout to PNG, the other formats, and the size of each PNG.

The two are run alternately in one process, after one warm-up each (imports, Graphviz's caches).

Run by hand:  .venv/bin/python bench/bench_diagram.py [--nodes 100] [--repeat 7]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import struct
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DEBUG", "1")

from bench_estimate import design_of  # noqa: E402
from handwritten_diagram import draw  # noqa: E402

from designer.diagram.render import FORMATS, RenderOptions, graphviz_source, render  # noqa: E402
from designer.document import load_or_raise  # noqa: E402
from designer.graph import build  # noqa: E402


def png_size(data: bytes) -> str:
    width, height = struct.unpack(">II", data[16:24])
    return f"{width} x {height} px"


def cpu() -> float:
    """CPU seconds of this process and of the Graphviz processes it has waited for: steadier than wall time on
    a shared machine."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def timed_both(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds."""
    wall, used = time.perf_counter(), cpu()
    fn()
    return time.perf_counter() - wall, cpu() - used


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    text = json.dumps(design_of(args.nodes))
    document = json.loads(text)
    work = Path(tempfile.mkdtemp(prefix="bench-diagram-"))

    def ours(layout: str = "auto", fmt: str = "png") -> bytes:
        graph = build(load_or_raise(document))
        data = render(graph, RenderOptions(format=fmt, layout=layout))  # type: ignore[arg-type]
        (work / f"ours.{FORMATS[fmt][0]}").write_bytes(data)
        return data

    def handwritten() -> bytes:
        return draw(work, args.nodes).read_bytes()

    ours_png, theirs_png = ours(), handwritten()  # warm-up
    g = build(load_or_raise(document))
    print(f"design: {len(g.nodes)} nodes, {len(g.edges)} connections")
    print(f"PNG at 96 dpi: renderer {png_size(ours_png)}, hand-written {png_size(theirs_png)}")
    mine: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    for _ in range(args.repeat):
        mine.append(timed_both(ours))
        theirs.append(timed_both(handwritten))
    ours_wall, theirs_wall = (statistics.median(t[0] for t in runs) for runs in (mine, theirs))
    ours_cpu, theirs_cpu = (statistics.median(t[1] for t in runs) for runs in (mine, theirs))
    print(f"auto layout to PNG, median of {args.repeat}: renderer {ours_wall:.2f} s (bar 5 s), CPU {ours_cpu:.2f} s")
    print(f"hand-written diagrams program, median of {args.repeat}: {theirs_wall:.2f} s, CPU {theirs_cpu:.2f} s")
    print(f"renderer / hand-written: {ours_wall / theirs_wall:.2f}x wall, {ours_cpu / theirs_cpu:.2f}x CPU (bar 1.2x)")
    print(f"  renderer runs (wall):     {', '.join(f'{t[0]:.2f}' for t in mine)}")
    print(f"  hand-written runs (wall): {', '.join(f'{t[0]:.2f}' for t in theirs)}")
    source = statistics.median(
        timed(lambda: graphviz_source(build(load_or_raise(document)), RenderOptions())[0].source)
        for _ in range(args.repeat)
    )
    print(f"  of which load(), build() and the DOT source, median of {args.repeat}: {source * 1000:.0f} ms")
    canvas_png = ours("canvas")
    canvas = statistics.median(timed(lambda: ours("canvas")) for _ in range(args.repeat))
    print(f"canvas layout to PNG, median of {args.repeat}: {canvas:.2f} s ({png_size(canvas_png)})")
    for fmt in ("svg", "pdf", "drawio", "py"):
        median = statistics.median(timed(lambda fmt=fmt: ours("auto", fmt)) for _ in range(3))  # type: ignore[misc]
        print(f"auto layout to {fmt}, median of 3: {median:.2f} s")
    for leftover in work.iterdir():
        leftover.unlink()
    work.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
