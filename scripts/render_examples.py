#!/usr/bin/env python3
"""Render the example designs (examples/*.json) in both layouts into docs/images/, as the README shows them.

Run: .venv/bin/python scripts/render_examples.py   (writes docs/images/<example>-<layout>.png)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from designer.diagram.render import LAYOUTS, RenderOptions, render  # noqa: E402
from designer.document import load_or_raise  # noqa: E402
from designer.graph import build  # noqa: E402

IMAGES = ROOT / "docs" / "images"


def main() -> int:
    IMAGES.mkdir(parents=True, exist_ok=True)
    for example in sorted((ROOT / "examples").glob("*.json")):
        graph = build(load_or_raise(json.loads(example.read_text())))
        for layout in LAYOUTS:
            out = IMAGES / f"{example.stem}-{layout}.png"
            out.write_bytes(render(graph, RenderOptions(format="png", layout=layout, dpi=72)))  # type: ignore[arg-type]
            print(out.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
