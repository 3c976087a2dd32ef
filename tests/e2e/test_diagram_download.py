"""End to end in a real Chromium, with a real Celery worker: download a design's diagram from the designs page, as
a PNG and as a draw.io file. (A failed render's message is checked in DiagramDownload.test.tsx: a stored revision
never changes, so a real one cannot be made to fail here.)"""

from __future__ import annotations

import os
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from playwright.sync_api import expect

from designer import tasks
from designer.models import Design, DiagramRender
from designer.services.demo import seed_demo
from tests.e2e.pages import log_in
from tests.workers import running_worker, worker_database_url

pytestmark = [pytest.mark.e2e, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Rendering the three-tier example takes a few seconds; a worker's first render also imports the diagram code.
RENDER_WAIT_MS = 90_000


@pytest.fixture(scope="module")
def worker_media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("e2e-worker-media")


@pytest.fixture(scope="module")
def render_queue() -> str:
    """A queue of this module's own: a worker of another test run (or of `make run`) on the same Redis, consuming
    the default queue with another database, must not take these renders."""
    return f"aws-designer-e2e-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def worker(django_db_setup: Any, django_db_blocker: Any, worker_media: Path, render_queue: str) -> Iterator[str]:
    """A `celery worker` process on the test database, storing diagrams under `worker_media`."""
    with django_db_blocker.unblock():
        database_url = worker_database_url()
    with running_worker(f"e2e-{os.getpid()}@localhost", database_url, render_queue, worker_media) as name:
        yield name


@pytest.fixture
def renders(worker: str, worker_media: Path, render_queue: str, settings: Any, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Diagrams asked for through the live server are rendered by `worker`, and their files read from where it
    stores them. The web side sends to its configured default queue; the task is sent to ours instead."""
    settings.MEDIA_ROOT = worker_media
    task = tasks.render_diagram
    on_queue = SimpleNamespace(delay=lambda *args: task.apply_async(args, queue=render_queue))
    # designer.services.diagrams imports the task when it queues a render, so it finds this one.
    monkeypatch.setattr(tasks, "render_diagram", on_queue)
    return worker_media


def diagram_menu(page: Any, name: str) -> Any:
    """The row's diagram menu, opened."""
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=name, exact=True))
    summary = row.get_by_text("Diagram", exact=True)
    expect(summary).to_have_accessible_name(f"Diagram options for {name}")
    summary.click()
    return row


def download_diagram(page: Any, name: str, fmt: str, layout: str) -> Any:
    row = diagram_menu(page, name)
    row.get_by_label("Format", exact=True).select_option(label=fmt)
    row.get_by_label("Layout", exact=True).select_option(label=layout)
    done = row.get_by_role("status").filter(has_text="Done: the download has started.")
    with page.expect_download(timeout=RENDER_WAIT_MS) as download_info:
        row.get_by_role("button", name=f"Download diagram of {name}").click()
        expect(row.get_by_role("status")).to_have_text("Rendering…")
        # Done or failed, whichever comes first: a failure is reported at once, with its message.
        alert = row.get_by_role("alert")
        expect(done.or_(alert)).to_be_visible(timeout=RENDER_WAIT_MS)
        assert alert.count() == 0, alert.all_inner_texts()
    download = download_info.value
    assert download.failure() is None
    # Still on the designs page: the download did not navigate away.
    expect(page.get_by_role("heading", name="Your designs")).to_be_visible()
    return download


def test_a_png_of_the_design_is_rendered_by_the_worker_and_downloaded(
    page: Any, live_server: Any, renders: Path
) -> None:
    seed_demo()
    log_in(page, live_server.url)
    design = Design.objects.get(owner__username="demo", name="Three-tier web app")
    assert design.head is not None

    download = download_diagram(page, "Three-tier web app", "PNG image", "Automatic")

    assert download.suggested_filename == f"three-tier-web-app-r{design.head.number}-auto.png"
    data = Path(download.path()).read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    run = DiagramRender.objects.get(revision=design.head)
    assert (run.status, run.format, run.layout, run.error) == (DiagramRender.DONE, "png", "auto", "")
    assert run.size == len(data) and (renders / run.file.name).read_bytes() == data


def test_a_drawio_file_of_the_design_holds_a_cell_for_each_component(
    page: Any, live_server: Any, renders: Path
) -> None:
    seed_demo()
    log_in(page, live_server.url)
    design = Design.objects.get(owner__username="demo", name="Three-tier web app")
    assert design.head is not None

    download = download_diagram(page, "Three-tier web app", "draw.io file", "As on the canvas")

    assert download.suggested_filename == f"three-tier-web-app-r{design.head.number}-canvas.drawio"
    mxfile = ET.fromstring(Path(download.path()).read_bytes())
    assert mxfile.tag == "mxfile"
    cells = mxfile.findall(".//mxGraphModel/root/mxCell")
    node_cells = {c.get("id") for c in cells if c.get("vertex") == "1" and str(c.get("id")).startswith("n:")}
    assert node_cells == {f"n:{node['id']}" for node in design.head.document["nodes"]}
    edges = [c for c in cells if c.get("edge") == "1"]
    assert edges and all({e.get("source"), e.get("target")} <= node_cells for e in edges)
