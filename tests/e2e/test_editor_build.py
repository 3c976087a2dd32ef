"""End to end in a real Chromium, with a real Celery worker: build the three-tier example in the editor from an empty
design with the mouse alone (palette drags, handle drags), see what a refused drop says, set the database's
instance class, see a monthly cost appear, save, reload and find the design intact, then download its
CloudFormation template (cfn-lint finds nothing) and its PNG diagram (a valid image)."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cfnlint.api import ManualArgs, lint_by_config
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from designer.models import Design
from designer.services.catalog import sync_catalog
from designer.services.designs import create_design
from tests.e2e.pages import log_in
from tests.workers import running_worker, worker_database_url

pytestmark = [pytest.mark.e2e, pytest.mark.worker, pytest.mark.django_db(transaction=True)]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def worker_media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("editor-worker-media")


@pytest.fixture(scope="module")
def worker(django_db_setup: Any, django_db_blocker: Any, worker_media: Path) -> Iterator[str]:
    """A worker on this test run's queue (the one the web side sends to), for estimates and diagrams."""
    with django_db_blocker.unblock():
        database_url = worker_database_url()
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    with running_worker(f"editor-{os.getpid()}@localhost", database_url, queue, worker_media) as name:
        yield name


def palette_item(page: Any, label: str) -> Any:
    return page.get_by_role("navigation", name="Components").get_by_role("button", name=f"Add {label}", exact=True)


def drop(page: Any, label: str, x: float, y: float) -> None:
    """Drag the palette's `label` onto the canvas at (x, y) from the canvas's top-left corner (the view starts at
    zoom 1 with the design's origin there)."""
    palette_item(page, label).drag_to(page.locator(".react-flow__pane"), target_position={"x": x, "y": y})


def node(page: Any, node_id: str) -> Any:
    return page.get_by_test_id(f"node-{node_id}")


def connect(page: Any, source: str, target: str) -> None:
    """Drag from the source node's right handle onto the target node (anywhere on it)."""
    handle = page.locator(f".react-flow__node[data-id='{source}'] .react-flow__handle.source")
    box = page.locator(f".react-flow__node[data-id='{target}']").bounding_box()
    start = handle.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 30, steps=12)
    page.mouse.up()


def saved(page: Any) -> None:
    expect(page.get_by_role("status").filter(has_text="All changes saved")).to_be_visible(timeout=15_000)


@pytest.fixture
def empty_design(live_server: Any, worker: str, worker_media: Path, settings: Any) -> Design:
    sync_catalog()  # the palette: an earlier transactional test may have emptied the table a migration filled
    call_command("refresh_prices", "--bundled", stdout=io.StringIO())
    settings.MEDIA_ROOT = worker_media  # diagrams are read from where the worker stores them
    user = get_user_model().objects.create_user("demo", password="demo")
    design, _ = create_design(owner=user, name="Built by hand", region="us-east-1")
    return design


def test_the_three_tier_design_is_built_with_the_mouse_and_survives_a_reload(
    page: Any, live_server: Any, empty_design: Design, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": 1700, "height": 1100})
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/designs/{empty_design.pk}/")
    expect(page.get_by_role("heading", name="Built by hand")).to_be_visible()

    # A server cannot sit on the canvas itself: refused, with the reason.
    drop(page, "EC2 instance", 200, 200)
    expect(page.get_by_role("alert")).to_contain_text("An EC2 instance must be placed inside a subnet")

    drop(page, "VPC", 420, 60)  # the box's top-left at (40, 30), 760 x 720
    drop(page, "Availability Zone", 420, 110)  # zone a at the VPC's top
    drop(page, "Availability Zone", 420, 340)  # zone b under it
    drop(page, "Subnet", 250, 160)  # public and private in each zone
    drop(page, "Subnet", 600, 160)
    drop(page, "Subnet", 250, 390)
    drop(page, "Subnet", 600, 390)
    drop(page, "ECS cluster", 300, 600)  # in the VPC, under the zones
    drop(page, "ECS service", 300, 650)  # in the cluster
    # In the VPC beside the cluster: each takes a subnet in each zone, as AWS wants for both.
    drop(page, "Application Load Balancer", 560, 640)
    drop(page, "RDS database", 720, 640)

    document = lambda: Design.objects.get(pk=empty_design.pk).head.document  # noqa: E731
    saved(page)
    nodes = {n["id"]: n for n in document()["nodes"]}
    kinds = sorted(n["kind"] for n in nodes.values())
    assert kinds == sorted(
        ["aws.vpc.vpc", *["aws.vpc.availability_zone"] * 2, *["aws.vpc.subnet"] * 4]
        + ["aws.elb.application_load_balancer", "aws.rds.instance", "aws.ecs.cluster", "aws.ecs.service"]
    )
    parent = {n["id"]: n.get("parent") for n in nodes.values()}
    assert parent["vpc-1"] is None and parent["ecs-cluster-1"] == "vpc-1"
    assert parent["availability-zone-1"] == parent["availability-zone-2"] == "vpc-1"
    assert {parent[f"subnet-{i}"] for i in (1, 2)} == {"availability-zone-1"}
    assert {parent[f"subnet-{i}"] for i in (3, 4)} == {"availability-zone-2"}
    assert parent["application-load-balancer-1"] == parent["rds-instance-1"] == "vpc-1"
    assert nodes["application-load-balancer-1"]["props"]["subnets"] == ["subnet-1", "subnet-3"]
    assert nodes["rds-instance-1"]["props"]["subnets"] == ["subnet-1", "subnet-3"]
    assert nodes["service-1"]["props"]["subnets"] == ["subnet-1", "subnet-3"]
    assert parent["service-1"] == "ecs-cluster-1"
    assert len({nodes[f"subnet-{i}"]["props"]["cidr"] for i in range(1, 5)}) == 4

    connect(page, "application-load-balancer-1", "service-1")
    connect(page, "service-1", "rds-instance-1")
    # The catalog has no connection from a database to a load balancer: refused, with the reason.
    connect(page, "rds-instance-1", "application-load-balancer-1")
    expect(page.get_by_role("alert")).to_contain_text("cannot connect to")
    saved(page)
    edges = {(e["source"], e["target"]) for e in document()["edges"]}
    assert edges == {
        ("application-load-balancer-1", "service-1"),
        ("service-1", "rds-instance-1"),
    }

    # The database's instance class, chosen in the Inspector's searchable list from the keyboard.
    node(page, "rds-instance-1").get_by_text("RDS database 1").click()  # its name: clear of the lines into it
    inspector = page.get_by_role("tabpanel")
    page.get_by_role("tab", name="Inspector").click()
    klass = inspector.get_by_role("combobox", name="Instance class")
    klass.fill("db.r6g.large")
    klass.press("Enter")
    saved(page)
    assert {n["id"]: n for n in document()["nodes"]}["rds-instance-1"]["props"]["instance_class"] == "db.r6g.large"

    # The worker estimates the saved revision; the total is more than nothing, and the database wears its cost.
    page.get_by_role("tab", name="Cost").click()
    total = page.get_by_test_id("cost-total")
    expect(total).to_have_text(re.compile(r"\$[1-9][\d,]*\.\d\d"), timeout=60_000)
    expect(node(page, "rds-instance-1").locator(".cost-badge")).to_contain_text("$")

    before = document()
    page.reload()
    expect(node(page, "rds-instance-1")).to_be_visible()
    expect(page.locator(".react-flow__node")).to_have_count(11)
    expect(page.locator(".react-flow__edge")).to_have_count(2)
    assert document() == before, "opening the design changes nothing"

    # Downloads: the template lints clean, the diagram is a PNG.
    page.get_by_role("tab", name="Export").click()
    with page.expect_download() as template_download:
        page.get_by_role("link", name="YAML", exact=True).click()
    template = tmp_path / "template.yaml"
    template_download.value.save_as(template)
    findings = lint_by_config(ManualArgs(templates=[str(template)]))
    assert [f"{m.rule.id} {m.message}" for m in findings if m.rule.id[0] in "EW"] == []
    panel = page.get_by_role("tabpanel")
    panel.get_by_label("Format", exact=True).select_option(label="PNG image")
    with page.expect_download(timeout=90_000) as png_download:
        panel.get_by_role("button", name=re.compile("Download diagram")).click()
    assert Path(png_download.value.path()).read_bytes().startswith(PNG_SIGNATURE)
