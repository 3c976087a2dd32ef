#!/usr/bin/env python3
"""Regenerate designer/catalog/data/ec2_instance_types.json from the EC2 price facts in data/aws-facts/.

The catalog only needs the names (the palette's instance-type choices); prices stay with the pricing engine.
Run: python scripts/gen_instance_types.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "aws-facts" / "ec2-ondemand-linux-us-east-1.json"
TARGET = ROOT / "designer" / "catalog" / "data" / "ec2_instance_types.json"

_SIZE_ORDER = ["nano", "micro", "small", "medium", "large", "xlarge"]


def sort_key(name: str) -> tuple[str, int, int, str]:
    family, _, size = name.partition(".")
    if size in _SIZE_ORDER:
        return (family, 0, _SIZE_ORDER.index(size), size)
    multiple = re.match(r"(\d+)xlarge$", size)
    if multiple:
        return (family, 1, int(multiple.group(1)), size)
    return (family, 2, 0, size)  # metal, metal-24xl, ...


def main() -> int:
    facts = json.loads(SOURCE.read_text())
    names = sorted(facts["prices"], key=sort_key)
    out = {
        "_generated": f"by scripts/gen_instance_types.py from {SOURCE.relative_to(ROOT)}; do not edit",
        "source": facts["source"],
        "as_of": facts["as_of"],
        "instance_types": names,
    }
    TARGET.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {len(names)} instance types to {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
