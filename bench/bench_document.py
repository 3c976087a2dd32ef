#!/usr/bin/env python3
"""How long the document gate and the graph take on large designs, in process.

Generates a valid synthetic design of N nodes (VPCs of two AZs, three subnets per AZ, instances, load
balancers, databases, queues and their connections), then times `load()` (parse, migrate, validate) and
`build()` over repeated runs and prints medians. Run by hand:

    .venv/bin/python bench/bench_document.py [--nodes 2000] [--repeat 15]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from designer.document import load
from designer.graph import build


def synthetic_design(target: int) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []

    def add(id_: str, kind: str, parent: str | None, **props: Any) -> str:
        nodes.append({"id": id_, "kind": kind, "label": id_, "parent": parent, "props": props})
        return id_

    def link(source: str, target_: str, **props: Any) -> None:
        edges.append({"id": f"e{len(edges)}", "source": source, "target": target_, "props": props})

    queue = add("jobs", "aws.sqs.queue", None)
    users = add("users", "external.users", None)
    v = 0
    per_vpc = 21
    while len(nodes) + per_vpc <= target:
        vpc = add(f"vpc{v}", "aws.vpc.vpc", None, cidr=f"10.{v % 256}.0.0/16")
        tiers: dict[str, list[str]] = {"public": [], "private": [], "isolated": []}
        for a, zone in enumerate("ab"):
            az = add(f"vpc{v}-az{zone}", "aws.vpc.availability_zone", vpc, name=f"us-east-1{zone}")
            for t, tier in enumerate(tiers):
                subnet = add(
                    f"vpc{v}-{tier}-{zone}", "aws.vpc.subnet", az, cidr=f"10.{v % 256}.{a * 16 + t}.0/24", tier=tier
                )
                tiers[tier].append(subnet)
        alb = add(f"vpc{v}-alb", "aws.elb.application_load_balancer", vpc, subnets=tiers["public"])
        db = add(f"vpc{v}-db", "aws.rds.instance", vpc, subnets=tiers["isolated"], multi_az=True)
        link(users, alb)
        for i in range(10):
            subnet = tiers["private"][i % 2]
            web = add(f"vpc{v}-web{i}", "aws.ec2.instance", subnet, instance_type="m6i.large")
            link(alb, web, port=8080)
            link(web, db)
            link(web, queue, access="write")
        v += 1
    return {
        "type": "aws-architecture-design",
        "version": 1,
        "name": "Synthetic",
        "region": "us-east-1",
        "nodes": nodes,
        "edges": edges,
    }


def median_ms(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    design = synthetic_design(args.nodes)
    text = json.dumps(design).encode()
    result = load(text)
    assert result.ok, [p.line() for p in result.errors][:5]
    document = result.document
    assert document is not None
    n, e = len(document.nodes), len(document.edges)
    load_ms = median_ms(lambda: load(text), args.repeat)
    build_ms = median_ms(lambda: build(document), args.repeat)
    print(f"design: {n} nodes, {e} edges, {len(text) / 1024:.0f} KiB of JSON")
    print(f"load() (parse + validate), median of {args.repeat}: {load_ms:.1f} ms")
    print(f"build() (graph),           median of {args.repeat}: {build_ms:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
