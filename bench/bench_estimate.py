#!/usr/bin/env python3
"""How long estimating a design takes: in process, and through the API and a real Celery worker.

Designs are bench/bench_document.py's synthetic ones (VPCs with an ALB, a Multi-AZ RDS database, ten
m6i.large instances and a shared queue), topped up with instances to exactly N nodes. Prices are the bundled
snapshot (data/prices/bundled/).

In process, `estimate(build(document), PricingSettings(), source)` is timed (median of --repeat runs) with
three sources: a MemoryPriceSource filled through `read_offer` from every bundled offer file (as the pricing
tests do), and the database-backed DbPriceSource (SQLite in a temporary VAR_DIR, migrated and loaded with
`manage.py refresh_prices --bundled`), cold (a new source per estimate, as the worker does) and warm (one source
reused, its query cache full).

Through the API, the same temporary database serves `manage.py runserver` and `celery -A config worker --pool
solo` on a queue of its own (Redis from REDIS_URL, default redis://127.0.0.1:6379/0, started here if nothing
answers there). A user and token are created and a design is saved through the API; then each run saves a
changed revision (PUT, not timed, so no cached estimate can answer) and times POST
/api/designs/<id>/estimates/ (202 with a status URL) plus polling that URL every 20 ms until its status is
"done". The first estimate (the worker's imports) is reported apart and left out of the median. The servers
run with DEBUG=1, as in development.

Bars: a 1,000-node design in at most 200 ms median in process; a 100-node design through the API and a worker
in at most 1 s median. Run by hand:

    .venv/bin/python bench/bench_estimate.py [--nodes 1000] [--small-nodes 100] [--repeat 15] [--api-runs 15]
        [--skip-api]
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import io
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_document import synthetic_design  # noqa: E402

from designer.document import DesignDocument, load  # noqa: E402
from designer.graph import build  # noqa: E402
from designer.pricing.book import MemoryPriceSource, PriceSource  # noqa: E402
from designer.pricing.charges import PricingSettings  # noqa: E402
from designer.pricing.estimate import Estimate, estimate  # noqa: E402
from designer.pricing.offer_file import read_offer  # noqa: E402
from designer.pricing.selection import GLOBAL_REGION  # noqa: E402

OFFERS = ROOT / "data" / "prices" / "bundled" / "offers" / "v1.0" / "aws"
BAR_IN_PROCESS_MS = 200
BAR_API_MS = 1000
POLL_SECONDS = 0.02


def design_of(nodes: int) -> dict[str, Any]:
    """bench_document's synthetic design, with instances added to the last VPC until it has exactly `nodes`."""
    design = synthetic_design(nodes)
    last = max(int(n["id"][3:].split("-")[0]) for n in design["nodes"] if n["kind"] == "aws.vpc.vpc")
    extra = 0
    while len(design["nodes"]) < nodes:
        web = f"vpc{last}-extra{extra}"
        subnet = f"vpc{last}-private-{'ab'[extra % 2]}"
        props = {"instance_type": "m6i.large"}
        design["nodes"].append({"id": web, "kind": "aws.ec2.instance", "label": web, "parent": subnet, "props": props})
        for source, target, edge in ((f"vpc{last}-alb", web, {"port": 8080}), (web, f"vpc{last}-db", {})):
            design["edges"].append(
                {"id": f"e{len(design['edges'])}", "source": source, "target": target, "props": edge}
            )
        extra += 1
    return design


def document_of(design: dict[str, Any]) -> DesignDocument:
    result = load(json.dumps(design).encode())
    assert result.document is not None, [p.line() for p in result.errors][:5]
    return result.document


def bundled_book() -> MemoryPriceSource:
    """Every bundled offer file read through read_offer: <offer>/<version>/<region>/index.json, and
    <offer>/<version>/index.json for the worldwide offers (tests/pricing/price_books.py does the same)."""
    source = MemoryPriceSource()
    files = [(p, p.parts[-2]) for p in sorted(OFFERS.glob("*/*/*/index.json")) if p.parts[-3] != "current"]
    files += [(p, GLOBAL_REGION) for p in sorted(OFFERS.glob("*/*/index.json")) if p.parts[-2] != "current"]
    for path, region in files:
        meta, records = read_offer(path, region=region)
        source.add(meta.offer_code, region, list(records), meta.publication_date)
    return source


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def summary(result: Estimate) -> str:
    return f"{len(result.lines):,} cost lines, {len(result.unpriced)} unpriced, ${result.total_monthly:,.2f}/month"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


# -- in process -----------------------------------------------------------------------------------------


def setup_django(var_dir: Path, queue: str) -> None:
    """Django on a fresh SQLite database in `var_dir`, migrated and loaded with the bundled prices. The
    environment set here is what the web server and the worker inherit."""
    os.environ.update(
        {
            "VAR_DIR": str(var_dir),
            "DATABASE_URL": f"sqlite:///{var_dir / 'db.sqlite3'}",
            "DEBUG": "1",
            "CELERY_QUEUE": queue,
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("refresh_prices", bundled=True, stdout=io.StringIO())
    settings.DEBUG = False  # in this process only: no query log while timing


def in_process(designs: dict[int, DesignDocument], repeat: int) -> dict[str, dict[int, float]]:
    from designer.services.prices import DbPriceSource

    start = time.perf_counter()
    book = bundled_book()
    print(f"bundled snapshot read into memory through read_offer in {time.perf_counter() - start:.2f} s")
    settings = PricingSettings()
    warm = DbPriceSource()
    sources: dict[str, Callable[[], PriceSource]] = {
        "MemoryPriceSource": lambda: book,
        "DbPriceSource, cold": DbPriceSource,
        "DbPriceSource, warm": lambda: warm,
    }
    results: dict[str, dict[int, float]] = {}
    for name, source in sources.items():
        results[name] = {}
        for nodes, document in designs.items():

            def run(document: DesignDocument = document, source: Callable[[], PriceSource] = source) -> Estimate:
                return estimate(build(document), settings, source())

            first = run()  # not timed; it fills the warm source's cache
            ms = median_ms(run, repeat)
            results[name][nodes] = ms
            print(f"  {name:<20} {nodes:>5} nodes: {ms:7.1f} ms median of {repeat}  ({summary(first)})")
    return results


# -- through the API and a worker -----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def process(command: list[str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A subprocess with the current environment, stopped (by its own id) on the way out."""
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy(), stdout=out, stderr=subprocess.STDOUT)
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def redis_running(var_dir: Path) -> Iterator[str]:
    """REDIS_URL if a Redis answers there; otherwise a redis-server started here on a free port."""
    import redis

    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
        yield url
        return
    except redis.RedisError:
        pass
    if shutil.which("redis-server") is None:
        raise SystemExit(f"no Redis answers at {url} and redis-server is not installed")
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    with process(command, var_dir / "redis.log"):
        url = f"redis://127.0.0.1:{port}/0"
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis.from_url(url).ping()
                break
            except redis.RedisError:
                if time.monotonic() > deadline:
                    raise SystemExit(f"redis-server did not start; see {var_dir / 'redis.log'}") from None
                time.sleep(0.1)
        print(f"started redis-server on port {port}")
        yield url


def wait_for(
    what: str, ready: Callable[[], bool], proc: subprocess.Popen[bytes], log: Path, seconds: float = 60
) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if proc.poll() is not None:
            raise SystemExit(f"{what} exited:\n{log.read_text()[-3000:]}")
        if time.monotonic() > deadline:
            raise SystemExit(f"{what} not ready within {seconds:.0f} s:\n{log.read_text()[-3000:]}")
        time.sleep(0.2)


def through_api(var_dir: Path, design: dict[str, Any], runs: int) -> list[float]:
    import requests
    from django.contrib.auth import get_user_model
    from django.db import connections
    from rest_framework.authtoken.models import Token

    from config.celery import app

    user = get_user_model().objects.create_user("bench", "bench@example.com", secrets.token_hex(16))
    token = Token.objects.create(user=user).key
    connections.close_all()  # the servers write to the SQLite file now
    queue = os.environ["CELERY_QUEUE"]
    worker_name = f"{queue}@localhost"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    http = requests.Session()
    http.headers["Authorization"] = f"Token {token}"
    web_log, worker_log = var_dir / "runserver.log", var_dir / "worker.log"
    web_command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    worker_command = [sys.executable, "-m", "celery", "-A", "config", "worker", "-n", worker_name]
    worker_command += ["--pool", "solo", "-l", "warning", "-Q", queue]
    with process(web_command, web_log) as web, process(worker_command, worker_log) as worker:

        def web_ready() -> bool:
            with contextlib.suppress(requests.ConnectionError):
                return http.get(f"{base}/api/me/", timeout=5).status_code == 200
            return False

        wait_for("runserver", web_ready, web, web_log)
        wait_for("the worker", lambda: bool(app.control.ping([worker_name], timeout=0.5)), worker, worker_log)

        created = http.post(f"{base}/api/designs/", json={"document": design}, timeout=30)
        created.raise_for_status()
        design_id = created.json()["id"]
        head = created.json()["revision"]["number"]
        print(f"  design {design_id}: {len(design['nodes'])} nodes, {len(design['edges'])} edges")
        times = []
        for run in range(runs + 1):
            changed = copy.deepcopy(design)
            changed["name"] = f"Synthetic, run {run}"
            web_node = next(n for n in changed["nodes"] if n["kind"] == "aws.ec2.instance")
            web_node["props"]["instance_type"] = ("m6i.large", "m6i.xlarge")[run % 2]
            saved = http.put(
                f"{base}/api/designs/{design_id}/", json={"document": changed, "base_revision": head}, timeout=30
            )
            saved.raise_for_status()
            head = saved.json()["revision"]["number"]
            start = time.perf_counter()
            asked = http.post(f"{base}/api/designs/{design_id}/estimates/", json={}, timeout=30)
            if asked.status_code == 404:  # the design exists, so the route does not
                raise SystemExit("POST /api/designs/<id>/estimates/ answered 404: the estimates endpoints are missing")
            if asked.status_code != 202:
                raise SystemExit(f"POST estimates answered {asked.status_code}: {asked.text[:1000]}")
            body = asked.json()
            note = " (already done when asked: a cached estimate answered)" if body["status"] == "done" else ""
            url = urljoin(base, urlparse(body["url"]).path)
            while body["status"] not in ("done", "failed"):
                time.sleep(POLL_SECONDS)
                polled = http.get(url, timeout=30)
                polled.raise_for_status()
                body = polled.json()
            elapsed = (time.perf_counter() - start) * 1000
            if body["status"] != "done":
                raise SystemExit(f"the estimate failed: {body.get('error')}")
            label = "first (not counted)" if run == 0 else f"run {run}"
            print(f"  {label:<20} {elapsed:7.0f} ms{note}", file=sys.stderr)
            if run:
                times.append(elapsed)
    with contextlib.suppress(Exception):
        import redis

        redis.Redis.from_url(os.environ["REDIS_URL"]).delete(f"_kombu.binding.{queue}")
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1000, help="the large design, in process (default 1000)")
    parser.add_argument("--small-nodes", type=int, default=100, help="the design sent through the API (default 100)")
    parser.add_argument("--repeat", type=int, default=15, help="in-process runs per measurement")
    parser.add_argument("--api-runs", type=int, default=15, help="estimates through the API")
    parser.add_argument("--skip-api", action="store_true", help="in process only; no server, worker or Redis")
    args = parser.parse_args()

    designs = {n: document_of(design_of(n)) for n in (args.nodes, args.small_nodes)}
    for document in designs.values():
        print(f"design: {len(document.nodes):,} nodes, {len(document.edges):,} edges")
    queue = f"bench-estimate-{os.getpid()}-{secrets.token_hex(3)}"
    var_dir = Path(tempfile.mkdtemp(prefix="bench-estimate-"))
    try:
        start = time.perf_counter()
        setup_django(var_dir, queue)
        print(f"temporary database migrated and loaded with the bundled prices in {time.perf_counter() - start:.1f} s")
        print("in process, estimate(build(document), PricingSettings(), source):")
        results = in_process(designs, args.repeat)
        api_times: list[float] = []
        if not args.skip_api:
            with redis_running(var_dir) as url:
                os.environ["REDIS_URL"] = url
                print(f"through the API and a worker (queue {queue}, Redis {url}):")
                api_times = through_api(var_dir, design_of(args.small_nodes), args.api_runs)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)

    print()
    ok = True
    for name, by_size in results.items():
        ms = by_size[args.nodes]
        passed = ms <= BAR_IN_PROCESS_MS
        ok &= passed
        bar = f"(bar <= {BAR_IN_PROCESS_MS} ms): {verdict(passed)}"
        print(f"{args.nodes:,} nodes in process, {name}: {ms:.1f} ms median {bar}")
    if api_times:
        ms = statistics.median(api_times)
        passed = ms <= BAR_API_MS
        ok &= passed
        spread = f"min {min(api_times):.0f}, max {max(api_times):.0f}"
        print(
            f"{args.small_nodes} nodes through the API and a worker: {ms:.0f} ms median of {len(api_times)} "
            f"({spread}) (bar <= {BAR_API_MS} ms): {verdict(passed)}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
