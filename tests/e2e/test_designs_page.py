"""End to end in a real Chromium: log in as the demo user, see the example designs, create one (which opens in the
editor), delete one."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from designer.models import Design
from designer.services.demo import seed_demo
from tests.e2e.pages import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_demo_user_sees_the_examples_and_creates_a_design(page: Any, live_server: Any) -> None:
    seed_demo()
    log_in(page, live_server.url)
    table = page.get_by_role("table", name="Your designs")
    for name in ("Three-tier web app", "Serverless event-driven app", "Hybrid connectivity"):
        expect(table.get_by_text(name, exact=True)).to_be_visible()

    page.get_by_label("Design name").fill("Checkout service")
    page.get_by_label("Region").select_option("eu-west-1")
    page.get_by_role("button", name="Create design").click()
    # A new design opens in the editor.
    expect(page.get_by_role("heading", name="Checkout service")).to_be_visible()

    design = Design.objects.get(name="Checkout service")
    expect(page).to_have_url(f"{live_server.url}/designs/{design.pk}/")
    assert design.owner.username == "demo" and design.region == "eu-west-1"
    assert design.head is not None and design.head.number == 1

    page.goto(live_server.url + "/")
    expect(table.get_by_text("Checkout service", exact=True)).to_be_visible()


def test_a_design_is_deleted_after_confirmation(page: Any, live_server: Any) -> None:
    seed_demo()
    log_in(page, live_server.url)
    page.get_by_role("button", name="Delete Hybrid connectivity").click()
    page.get_by_role("dialog", name="Delete this design?").get_by_role("button", name="Delete").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    table = page.get_by_role("table", name="Your designs")
    expect(table.get_by_text("Hybrid connectivity", exact=True)).to_have_count(0)
    assert not Design.objects.filter(name="Hybrid connectivity").exists()
    assert Design.objects.filter(owner__username="demo").count() == 2


def test_logging_out_returns_to_the_login_page(page: Any, live_server: Any) -> None:
    seed_demo()
    log_in(page, live_server.url)
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    page.goto(live_server.url + "/")
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
