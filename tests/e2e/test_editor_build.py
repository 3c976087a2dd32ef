"""End to end in a real Chromium: build the three-tier example in the editor from an empty design with the mouse
alone (palette drags, handle drags), see what a refused drop says, save, reload, and find the design intact."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from designer.models import Design
from designer.services.catalog import sync_catalog
from designer.services.designs import create_design
from tests.e2e.pages import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def palette_item(page: Any, label: str) -> Any:
    return page.get_by_role("navigation", name="Components").get_by_role("button", name=f"Add {label}", exact=True)


def drop(page: Any, label: str, x: float, y: float) -> None:
    """Drag the palette's `label` onto the canvas at (x, y) from the canvas's top-left corner (the view starts at
    zoom 1 with the design's origin there)."""
    palette_item(page, label).drag_to(page.locator(".react-flow__pane"), target_position={"x": x, "y": y})


def node(page: Any, node_id: str) -> Any:
    return page.get_by_test_id(f"node-{node_id}")


def connect(page: Any, source: str, target: str) -> None:
    """Drag from the source node's right handle onto the target node."""
    handle = page.locator(f".react-flow__node[data-id='{source}'] .react-flow__handle.source")
    handle.drag_to(page.locator(f".react-flow__node[data-id='{target}'] .react-flow__handle.target"))


def saved(page: Any) -> None:
    expect(page.get_by_role("status").filter(has_text="All changes saved")).to_be_visible(timeout=15_000)


@pytest.fixture
def empty_design(live_server: Any) -> Design:
    sync_catalog()  # the palette: an earlier transactional test may have emptied the table a migration filled
    user = get_user_model().objects.create_user("demo", password="demo")
    design, _ = create_design(owner=user, name="Built by hand", region="us-east-1")
    return design


def test_the_three_tier_design_is_built_with_the_mouse_and_survives_a_reload(
    page: Any, live_server: Any, empty_design: Design
) -> None:
    page.set_viewport_size({"width": 1700, "height": 1100})
    log_in(page, live_server.url)
    page.goto(f"{live_server.url}/designs/{empty_design.pk}/")
    expect(page.get_by_role("heading", name="Built by hand")).to_be_visible()

    # A server cannot sit on the canvas itself: refused, with the reason.
    drop(page, "EC2 instance", 200, 200)
    expect(page.get_by_role("alert")).to_contain_text("An EC2 instance must be placed inside a subnet")

    drop(page, "VPC", 420, 60)  # the box's top-left at (40, 30), 760 x 540
    drop(page, "Availability Zone", 420, 110)  # zone a at the VPC's top
    drop(page, "Availability Zone", 420, 340)  # zone b under it
    drop(page, "Subnet", 250, 160)  # public and private in each zone
    drop(page, "Subnet", 600, 160)
    drop(page, "Subnet", 250, 390)
    drop(page, "Subnet", 600, 390)
    drop(page, "Application Load Balancer", 200, 215)  # in the first subnet
    drop(page, "RDS database", 560, 215)  # in the second
    drop(page, "ECS cluster", 1000, 120)  # beside the VPC, on the canvas
    drop(page, "ECS service", 1000, 170)  # in the cluster

    document = lambda: Design.objects.get(pk=empty_design.pk).head.document  # noqa: E731
    saved(page)
    nodes = {n["id"]: n for n in document()["nodes"]}
    kinds = sorted(n["kind"] for n in nodes.values())
    assert kinds == sorted(
        ["aws.vpc.vpc", *["aws.vpc.availability_zone"] * 2, *["aws.vpc.subnet"] * 4]
        + ["aws.elb.application_load_balancer", "aws.rds.instance", "aws.ecs.cluster", "aws.ecs.service"]
    )
    parent = {n["id"]: n.get("parent") for n in nodes.values()}
    assert parent["vpc-1"] is None and parent["ecs-cluster-1"] is None
    assert parent["availability-zone-1"] == parent["availability-zone-2"] == "vpc-1"
    assert {parent[f"subnet-{i}"] for i in (1, 2)} == {"availability-zone-1"}
    assert {parent[f"subnet-{i}"] for i in (3, 4)} == {"availability-zone-2"}
    assert parent["application-load-balancer-1"] == "subnet-1"
    assert parent["rds-instance-1"] == "subnet-2"
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

    before = document()
    page.reload()
    expect(node(page, "rds-instance-1")).to_be_visible()
    expect(page.locator(".react-flow__node")).to_have_count(11)
    expect(page.locator(".react-flow__edge")).to_have_count(2)
    assert document() == before, "opening the design changes nothing"
