"""What an export of each example design hashes to when rendered in fresh processes with different hash seeds:
a plain module (not a test) that the draw.io and script tests share."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = """
import hashlib, sys
from designer.diagram.render import RenderOptions, render
from designer.document import load_or_raise
from designer.graph import build
for path in sys.argv[2:]:
    graph = build(load_or_raise(open(path, 'rb').read()))
    print(hashlib.sha256(render(graph, RenderOptions(format=sys.argv[1]))).hexdigest())
"""


def digests_per_seed(fmt: str, paths: list[Path], seeds: tuple[str, ...] = ("1", "2")) -> list[list[str]]:
    """For each seed, the SHA-256 of the `fmt` export of each file in `paths`, rendered in a new process."""
    out = []
    for seed in seeds:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", PROGRAM, fmt, *map(str, paths)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        out.append(done.stdout.split())
    return out
