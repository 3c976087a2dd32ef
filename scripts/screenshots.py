#!/usr/bin/env python3
"""Screenshots of the main screens for the README, in Debian's Chromium: the designs page, and the editor with the
three-tier example in each side panel (Inspector, Cost, Problems, Review, Export, History), the Share dialog and
the shortcuts help.

It runs what `make run` runs, on a fresh SQLite database in a temporary folder: `manage.py runserver` and a Celery
worker (so the Cost panel shows a real estimate), with the demo user and designs and the bundled prices. Build
the frontend first (`make run`, or `npm run build` in frontend/).

Run: .venv/bin/python scripts/screenshots.py   (writes docs/images/screen-*.png)
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_estimate import free_port, process, redis_running, setup_django, wait_for  # noqa: E402

from scripts.chromium import CHROMIUM, FLAGS  # noqa: E402

IMAGES = ROOT / "docs" / "images"


def shoot(page: Any, name: str) -> None:
    path = IMAGES / f"screen-{name}.png"
    page.screenshot(path=str(path))
    print(path.relative_to(ROOT))


def main() -> int:
    if not (ROOT / "frontend" / "dist" / "index.html").is_file():
        raise SystemExit("build the frontend first: make run, or npm run build in frontend/")
    var_dir = Path(tempfile.mkdtemp(prefix="screenshots-"))
    queue = f"screenshots-{free_port()}"
    with redis_running(var_dir) as redis_url:
        os.environ["REDIS_URL"] = redis_url
        setup_django(var_dir, queue)
        from django.core.management import call_command
        from django.db import connections

        from config.celery import app
        from designer.models import Design

        call_command("seed_demo")
        three_tier = Design.objects.get(owner__username="demo", name="Three-tier web app")
        connections.close_all()

        import requests

        port = free_port()
        base = f"http://127.0.0.1:{port}"
        web_log, worker_log = var_dir / "runserver.log", var_dir / "worker.log"
        web = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
        worker = [sys.executable, "-m", "celery", "-A", "config", "worker", "-n", f"{queue}@localhost"]
        worker += ["--pool", "solo", "-l", "warning", "-Q", queue]
        with process(web, web_log) as web_proc, process(worker, worker_log) as worker_proc:

            def web_ready() -> bool:
                with contextlib.suppress(requests.ConnectionError):
                    return requests.get(f"{base}/accounts/login/", timeout=5).status_code == 200
                return False

            wait_for("runserver", web_ready, web_proc, web_log)
            name = f"{queue}@localhost"
            wait_for("the worker", lambda: bool(app.control.ping([name], timeout=0.5)), worker_proc, worker_log)
            take(base, str(three_tier.pk))
    return 0


def take(base: str, design_id: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    IMAGES.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1600, "height": 960})
        page.goto(base + "/")
        page.get_by_label("Username").fill("demo")
        page.get_by_label("Password").fill("demo")
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("heading", name="Your designs")).to_be_visible()
        page.wait_for_timeout(500)
        shoot(page, "designs")

        page.goto(f"{base}/designs/{design_id}/")
        expect(page.locator(".react-flow__node")).not_to_have_count(0)
        page.get_by_role("tab", name="Cost").click()
        expect(page.get_by_test_id("cost-total")).to_be_visible(timeout=60_000)
        page.wait_for_timeout(800)
        shoot(page, "editor-cost")

        page.get_by_test_id("node-db").get_by_text("orders-db").click()
        page.get_by_role("tab", name="Inspector").click()
        page.wait_for_timeout(500)
        shoot(page, "editor-inspector")

        page.get_by_role("tab", name="Problems").click()
        page.wait_for_timeout(1500)
        shoot(page, "editor-problems")

        page.get_by_role("tab", name="Review").click()
        page.wait_for_timeout(800)
        shoot(page, "editor-review")

        page.get_by_role("tab", name="Export").click()
        page.wait_for_timeout(300)
        shoot(page, "editor-export")

        page.get_by_role("tab", name="History").click()
        page.wait_for_timeout(800)
        shoot(page, "editor-history")

        page.get_by_role("button", name="Share").click()
        expect(page.get_by_role("dialog")).to_be_visible()
        page.wait_for_timeout(800)
        shoot(page, "editor-share")
        page.keyboard.press("Escape")

        page.get_by_role("button", name="Shortcuts").click()
        page.wait_for_timeout(300)
        shoot(page, "editor-shortcuts")
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
