"""Debian's Chromium as every browser-driving program here launches it (the end-to-end tests, bench/bench_editor.py,
scripts/screenshots.py): no downloaded browsers, headless, nothing reaching the network by itself."""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
