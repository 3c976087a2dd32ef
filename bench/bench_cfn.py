#!/usr/bin/env python3
"""How long CloudFormation export and import take, in process, against the issue's bars.

- Export: bench_estimate's synthetic 1,000-node design (VPCs with load balancers, instances, databases and a
  shared queue) through export() alone and through export() plus writing YAML, as the download does.
  Bar: no more than 500 ms median.
- Import: the largest template of the corpus (tests/fixtures/cfn-corpus/) through import_template(), which
  parses, builds, validates and lays out the design. Bar: no more than 1 s median.

Run by hand:  .venv/bin/python bench/bench_cfn.py [--nodes 1000] [--repeat 15]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DEBUG", "1")

from bench_estimate import design_of  # noqa: E402

from designer.cloudformation.export import export  # noqa: E402
from designer.cloudformation.importer import import_template  # noqa: E402
from designer.cloudformation.yaml_io import dump_json, dump_yaml  # noqa: E402
from designer.document import load  # noqa: E402
from designer.graph import build  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "cfn-corpus"
BAR_EXPORT_MS = 500
BAR_IMPORT_MS = 1000


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm up (imports, caches)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def verdict(value: float, bar: float) -> str:
    return f"{'within' if value <= bar else 'OVER'} the {bar:.0f} ms bar ({value / bar:.2f} of it)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    result = load(json.dumps(design_of(args.nodes)).encode())
    assert result.document is not None, [p.line() for p in result.errors][:5]
    graph = build(result.document)
    template = export(graph)
    text = dump_yaml(template)
    print(
        f"export: {len(graph.nodes):,} nodes, {len(graph.edges):,} edges -> {len(template['Resources']):,} resources, "
        f"{len(text) / 1e6:.1f} MB of YAML"
    )
    export_ms = median_ms(lambda: export(graph), args.repeat)
    yaml_ms = median_ms(lambda: dump_yaml(export(graph)), args.repeat)
    json_ms = median_ms(lambda: dump_json(export(graph)), args.repeat)
    print(
        f"  export() to a template, median of {args.repeat}:   {export_ms:7.1f} ms  {verdict(export_ms, BAR_EXPORT_MS)}"
    )
    print(f"  export() and YAML text, median of {args.repeat}:   {yaml_ms:7.1f} ms  {verdict(yaml_ms, BAR_EXPORT_MS)}")
    print(f"  export() and JSON text, median of {args.repeat}:   {json_ms:7.1f} ms  {verdict(json_ms, BAR_EXPORT_MS)}")

    largest = max((p for p in CORPUS.iterdir() if p.suffix in (".yaml", ".json")), key=lambda p: p.stat().st_size)
    source = largest.read_bytes()
    imported = import_template(source)
    print(
        f"import: {largest.name} ({len(source) / 1024:.1f} KiB, {imported.report.resources} resources) -> "
        f"{imported.report.nodes} nodes, {imported.report.edges} connections"
    )
    import_ms = median_ms(lambda: import_template(source), args.repeat)
    print(f"  import_template(), median of {args.repeat}: {import_ms:7.1f} ms  {verdict(import_ms, BAR_IMPORT_MS)}")
    every = [p for p in sorted(CORPUS.iterdir()) if p.suffix in (".yaml", ".json")]
    corpus_ms = median_ms(lambda: [import_template(p.read_bytes()) for p in every], max(3, args.repeat // 3))
    print(f"  all {len(every)} corpus templates, median: {corpus_ms:7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
