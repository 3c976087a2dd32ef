#!/usr/bin/env python3
"""How fast the browser editor opens a large design and how smoothly it drags, in Debian's Chromium (Playwright).

- Opening: bench_estimate's synthetic design of N nodes (300 by default), saved through the service as any
  design is; the time from navigating to /designs/<id>/ until every node is on the canvas (`performance.now()`
  in the page, which counts from the navigation's start). Bar: no more than 2 s median.
- Dragging: a server dragged across the canvas with the mouse (60 moves), the page's frames timed with
  requestAnimationFrame meanwhile: the median and the 95th percentile frame interval, and how long the drag
  took. 16.7 ms is 60 frames a second; the drag stays responsive while frames stay well under 100 ms.

Everything runs against a fresh SQLite database in a temporary folder and `manage.py runserver` on a free port,
with the built frontend (`make run` or `npm run build` in frontend/ first).

Run by hand:  .venv/bin/python bench/bench_editor.py [--nodes 300] [--repeat 7]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_estimate import design_of, free_port, process, setup_django, wait_for  # noqa: E402

from scripts.chromium import CHROMIUM, FLAGS  # noqa: E402

FRAMES = """() => {
  window.__frames = [];
  const tick = (t) => { window.__frames.push(t); if (window.__recording) requestAnimationFrame(tick); };
  window.__recording = true;
  requestAnimationFrame(tick);
}"""


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=2)
        return True
    except OSError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    if not (ROOT / "frontend" / "dist" / "index.html").is_file():
        raise SystemExit("build the frontend first: make run, or npm run build in frontend/")

    var_dir = Path(tempfile.mkdtemp(prefix="bench-editor-"))
    setup_django(var_dir, queue=f"bench-editor-{free_port()}")
    from django.contrib.auth import get_user_model

    from designer.services.designs import create_design

    user = get_user_model().objects.create_user("bench", password="bench-password")
    document = design_of(args.nodes)
    design, _ = create_design(owner=user, document=document, message="bench")
    count = len(document["nodes"])
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    log = var_dir / "runserver.log"
    with process(command, log) as web:
        wait_for("runserver", lambda: answers(base + "/accounts/login/"), web, log)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
            context = browser.new_context(viewport={"width": 1600, "height": 1000})
            page = context.new_page()
            page.goto(base + "/accounts/login/")
            page.get_by_label("Username").fill("bench")
            page.get_by_label("Password").fill("bench-password")
            page.get_by_role("button", name="Log in").click()
            page.get_by_role("heading", name="Your designs").wait_for()

            editor = f"{base}/designs/{design.pk}/"
            opened: list[float] = []
            for run in range(args.repeat + 1):
                page.goto("about:blank")
                page.goto(editor)
                page.wait_for_function(
                    f"document.querySelectorAll('.react-flow__node').length === {count}", polling="raf", timeout=60_000
                )
                ms = float(page.evaluate("performance.now()"))
                if run:  # the first opening fills the browser's caches: not counted
                    opened.append(ms)
            print(f"design: {count} nodes, {len(document['edges'])} connections")
            print(
                f"opening the editor until every node is drawn, median of {args.repeat}: "
                f"{statistics.median(opened):.0f} ms (bar 2000 ms); runs: {', '.join(f'{t:.0f}' for t in opened)}"
            )

            drags: list[dict[str, Any]] = []
            for _ in range(3):
                node = page.locator(".react-flow__node-aws").nth(5)
                box = node.bounding_box()
                assert box is not None
                x, y = box["x"] + box["width"] / 2, box["y"] + 20
                page.evaluate(FRAMES)
                start = time.perf_counter()
                page.mouse.move(x, y)
                page.mouse.down()
                page.mouse.move(x + 300, y + 120, steps=60)
                page.mouse.up()
                took = (time.perf_counter() - start) * 1000
                page.evaluate("window.__recording = false")
                frames = page.evaluate("window.__frames")
                gaps = [b - a for a, b in itertools.pairwise(frames)]
                drags.append(
                    {"took": took, "median": statistics.median(gaps), "p95": percentile(gaps, 0.95), "max": max(gaps)}
                )
                page.keyboard.press("Control+z")
            print(
                "dragging a server 60 steps, three drags: "
                + "; ".join(
                    f"{d['took']:.0f} ms, frames median {d['median']:.1f} ms, p95 {d['p95']:.1f} ms, "
                    f"max {d['max']:.0f} ms"
                    for d in drags
                )
            )
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
