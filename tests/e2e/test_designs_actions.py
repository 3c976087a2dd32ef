"""End to end in a real Chromium: start a design from an example (it opens in the editor), then, back on the
designs page, rename a design, duplicate it and delete the copy once the page has asked."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from designer.models import Design
from designer.services.demo import seed_demo
from tests.conftest import example
from tests.e2e.pages import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def row_of(page: Any, name: str) -> Any:
    table = page.get_by_role("table", name="Your designs")
    return table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=name, exact=True))


def test_a_design_started_from_an_example_opens_in_the_editor(
    page: Any, live_server: Any, django_user_model: Any
) -> None:
    django_user_model.objects.create_user("erin", password="erin-secret-password")
    log_in(page, live_server.url, "erin", "erin-secret-password")
    expect(page.get_by_text("You have no designs yet")).to_be_visible()

    page.get_by_label("Start from").select_option(label="Serverless event-driven app")
    expect(page.get_by_label("Region")).to_have_value("us-east-1")
    page.get_by_label("Design name").fill("Orders pipeline")
    page.get_by_role("button", name="Create design").click()

    expect(page.get_by_role("heading", name="Orders pipeline")).to_be_visible()
    design = Design.objects.get(owner__username="erin")
    expect(page).to_have_url(f"{live_server.url}/designs/{design.pk}/")
    source = example("serverless-event-driven")
    assert design.name == "Orders pipeline" and design.region == "us-east-1"
    assert design.node_count == len(source["nodes"]) and design.edge_count == len(source["edges"])

    page.go_back()
    expect(row_of(page, "Orders pipeline")).to_have_count(1)


def test_a_design_is_renamed_duplicated_and_its_copy_deleted(page: Any, live_server: Any) -> None:
    seed_demo()
    log_in(page, live_server.url)

    # Rename: Escape puts the name back, Enter saves.
    page.get_by_role("button", name="Rename Three-tier web app").click()
    field = page.get_by_role("textbox", name="New name for Three-tier web app")
    expect(field).to_be_focused()
    field.fill("Scratch")
    field.press("Escape")
    expect(row_of(page, "Three-tier web app")).to_have_count(1)
    page.get_by_role("button", name="Rename Three-tier web app").click()
    field.fill("Web shop")
    field.press("Enter")
    expect(row_of(page, "Web shop")).to_have_count(1)
    expect(page.get_by_role("status").filter(has_text="Renamed")).to_have_text(
        "Renamed “Three-tier web app” to “Web shop”."
    )
    renamed = Design.objects.get(name="Web shop")
    assert renamed.head is not None and renamed.head.number == 2

    # Duplicate: the copy is at the top of the list; the original is unchanged.
    page.get_by_role("button", name="Duplicate Web shop").click()
    rows = page.get_by_role("table", name="Your designs").get_by_role("row")
    expect(rows.nth(1).get_by_role("rowheader")).to_have_text("Copy of Web shop")
    expect(page.get_by_text("4 designs in all")).to_be_visible()
    copy = Design.objects.get(name="Copy of Web shop")
    assert copy.head is not None and copy.head.document["nodes"] == renamed.head.document["nodes"]

    # Delete, after the page has asked: Cancel keeps it, Delete removes it.
    page.get_by_role("button", name="Delete Copy of Web shop").click()
    dialog = page.get_by_role("dialog", name="Delete this design?")
    expect(dialog).to_contain_text("“Copy of Web shop” and all its revisions will be deleted")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_have_count(0)
    expect(row_of(page, "Copy of Web shop")).to_have_count(1)

    page.get_by_role("button", name="Delete Copy of Web shop").click()
    dialog.get_by_role("button", name="Delete").click()
    expect(row_of(page, "Copy of Web shop")).to_have_count(0)
    expect(page.get_by_text("3 designs in all")).to_be_visible()
    assert not Design.objects.filter(name="Copy of Web shop").exists()
    assert Design.objects.filter(name="Web shop").exists()
