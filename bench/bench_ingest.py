#!/usr/bin/env python3
"""How fast, and in how much memory, a regional EC2 offer file is ingested, next to a bare ijson pass over it.

On the synthetic AmazonEC2 us-east-1 file of bench/gen_offer_file.py (written first if missing), each of these
runs in a fresh subprocess, so that its peak RSS (getrusage's ru_maxrss, reported by the child itself) is its
own; the rounds are interleaved so that a noisy machine slows them alike, and the file is read once beforehand
so that every run reads it from the page cache:

- `ijson.parse`: `for _ in ijson.parse(f): pass`, the bar's yardstick, and a bare `ijson.kvitems(f,
  "products")` pass for reference;
- `read_offer()`: `designer.pricing.offer_file.read_offer(path, region="us-east-1")` with every record consumed;
- `ingest()`: the same records stored through `designer.services.prices.ingest` (Django with DATABASE_URL from
  the environment, else SQLite in a temporary VAR_DIR; migrations are run first and not timed). The snapshot is
  stored under the region "bench-us-east-1" and deleted afterwards, so a real database keeps its prices.
  Django's DEBUG query log is off during the run, as in production (`--django-debug` keeps it);
- `json.load()` of the whole file, to show what streaming saves (several GB; `--skip-json-load` leaves it out).

Prints the median time and throughput of each, the largest peak RSS, the speed ratio ingest / bare ijson
(throughput over throughput) and PASS or FAIL against the bars: peak RSS of ingest at most 250 MB (read as
250 x 10^6 bytes, the stricter reading) and a ratio of at least 0.5. Sizes are in MiB. Run by hand:

    .venv/bin/python bench/bench_ingest.py [--path /tmp/aws-designer-bench/AmazonEC2-us-east-1.json] [--repeat 3]
        [--skip-json-load]

One measurement alone, for profiling: `.venv/bin/python -m cProfile -s cumtime bench/bench_ingest.py --child
read-offer --path FILE`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from gen_offer_file import DEFAULT_OUT, MIB, write_offer_file  # noqa: E402

BAR_RSS_BYTES = 250 * 10**6
BAR_RATIO = 0.5
BENCH_REGION = "bench-us-east-1"
KINDS = {
    "ijson-parse": "bare ijson.parse",
    "ijson-kvitems": 'bare ijson.kvitems("products")',
    "read-offer": "read_offer(), every record",
    "ingest": "ingest() into the database",
    "json-load": "json.load(), whole file",
}


# -- the measurements, each run in its own process --------------------------------------------------------


def peak_rss() -> int:
    """This process's peak resident set size so far, in bytes (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def measure(kind: str, path: Path, django_debug: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if kind == "ingest":
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        settings.DEBUG = django_debug  # the query log keeps every statement while DEBUG is on
        out["database"] = connection.vendor
    baseline = peak_rss()
    start = time.perf_counter()
    if kind == "ijson-parse":
        import ijson

        with path.open("rb") as f:
            for _ in ijson.parse(f):
                pass
    elif kind == "ijson-kvitems":
        import ijson

        with path.open("rb") as f:
            out["products"] = sum(1 for _ in ijson.kvitems(f, "products"))
    elif kind == "read-offer":
        from designer.pricing.offer_file import read_offer

        meta, records = read_offer(path, region="us-east-1")
        skus: set[str] = set()
        count = 0
        for record in records:
            skus.add(record.sku)
            count += 1
        out["records"], out["skus"] = count, len(skus)
    elif kind == "ingest":
        from dataclasses import replace

        from designer.models import PriceSnapshot
        from designer.pricing.offer_file import read_offer
        from designer.services.prices import ingest

        meta, records = read_offer(path, region="us-east-1")
        snapshot = ingest(replace(meta, region=BENCH_REGION), records, source="bench")
        out["records"] = snapshot.item_count
    elif kind == "json-load":
        with path.open("rb") as f:
            data = json.load(f)
        out["products"] = len(data["products"])
    else:
        raise SystemExit(f"unknown measurement {kind}")
    out["seconds"] = time.perf_counter() - start
    out["peak_rss"], out["baseline_rss"] = peak_rss(), baseline
    if kind == "ingest":
        PriceSnapshot.objects.filter(service_code=meta.offer_code, region=BENCH_REGION).delete()
    return out


def run_child(kind: str, path: Path, django_debug: bool) -> dict[str, Any]:
    """One measurement in a fresh interpreter. This parent stays small, which matters: Linux carries a
    process's peak RSS across execve, so a child's ru_maxrss is at least its parent's RSS at fork."""
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings"}
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as var_dir:
        env["VAR_DIR"] = var_dir  # SQLite (unless DATABASE_URL is set), downloads and static files go here
        command = [sys.executable, __file__, "--child", kind, "--path", str(path)]
        if django_debug:
            command.append("--django-debug")
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# -- the report -----------------------------------------------------------------------------------------


def mib(n: float) -> str:
    return f"{n / MIB:,.0f}"


def available_memory() -> int:
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT_OUT, help=f"the offer file (default {DEFAULT_OUT})")
    parser.add_argument("--size-mib", type=float, default=520, help="size of the file to write if it is missing")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-json-load", action="store_true", help="leave out json.load (it needs several GB)")
    parser.add_argument("--django-debug", action="store_true", help="keep Django's DEBUG query log during ingest")
    parser.add_argument("--child", choices=KINDS, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        print(json.dumps(measure(args.child, args.path, args.django_debug)))
        return 0

    path: Path = args.path
    if not path.exists():
        print(f"writing {path} ({args.size_mib:g} MiB) ...", file=sys.stderr)
        write_offer_file(path, int(args.size_mib * MIB), seed=2026)
    size = path.stat().st_size
    kinds = [k for k in KINDS if not (k == "json-load" and args.skip_json_load)]
    notes = []
    if args.skip_json_load:
        notes.append("json.load: skipped (--skip-json-load)")
    elif available_memory() < 10 * size:
        kinds.remove("json-load")
        notes.append(f"json.load: skipped, only {available_memory() / 2**30:.1f} GiB available (it needs ~8x the file)")

    with path.open("rb") as f:  # into the page cache, so that no run pays for the disk
        while f.read(8 * MIB):
            pass

    runs: dict[str, list[dict[str, Any]]] = {k: [] for k in kinds}
    for round_ in range(args.repeat):
        for kind in kinds:
            result = run_child(kind, path, args.django_debug)
            runs[kind].append(result)
            print(
                f"  round {round_ + 1}: {kind:<14} {result['seconds']:7.1f} s, peak RSS {mib(result['peak_rss'])} MiB",
                file=sys.stderr,
            )

    database = runs.get("ingest", [{}])[0].get("database", "?")
    print(f"file: {path}, {size / MIB:,.1f} MiB ({size:,} bytes); median of {args.repeat} runs each")
    print(f"{'':<34} {'median':>9} {'MiB/s':>7} {'peak RSS':>12} {'before the run':>16}")
    medians = {}
    for kind in kinds:
        seconds = statistics.median(r["seconds"] for r in runs[kind])
        medians[kind] = seconds
        rss = max(r["peak_rss"] for r in runs[kind])
        before = max(r["baseline_rss"] for r in runs[kind])
        label = KINDS[kind] if kind != "ingest" else f"ingest() into {database}"
        print(f"{label:<34} {seconds:8.1f}s {size / MIB / seconds:7.1f} {mib(rss):>8} MiB {mib(before):>12} MiB")
    if "ijson-kvitems" in runs:
        print(f"products in the file: {runs['ijson-kvitems'][0]['products']:,}")
    if "read-offer" in runs:
        r = runs["read-offer"][0]
        print(f"kept by read_offer: {r['skus']:,} SKUs, {r['records']:,} price records")
    for note in notes:
        print(note)

    verdicts = []
    bare = medians["ijson-parse"]
    if "read-offer" in medians:
        print(f"speed ratio read_offer / bare ijson: {bare / medians['read-offer']:.2f}")
    if "ingest" in medians:
        ratio = bare / medians["ingest"]
        rss = max(r["peak_rss"] for r in runs["ingest"])
        ok_ratio, ok_rss = ratio >= BAR_RATIO, rss <= BAR_RSS_BYTES
        print(f"speed ratio ingest / bare ijson: {ratio:.2f} (bar >= {BAR_RATIO}): {'PASS' if ok_ratio else 'FAIL'}")
        verdict = "PASS" if ok_rss else "FAIL"
        print(f"peak RSS of ingest: {mib(rss)} MiB = {rss / 10**6:,.0f} MB (bar <= 250 MB): {verdict}")
        verdicts += [ok_ratio, ok_rss]
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
