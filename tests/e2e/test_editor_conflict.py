"""End to end in a real Chromium: two browsers edit the same design. A save that started from an older revision
than the newest is refused; the editor says who saved what, and the user either loads the newer revision (their
own change is dropped) or saves theirs over it deliberately."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from designer.models import Design
from designer.services.catalog import sync_catalog
from designer.services.designs import create_design
from designer.services.examples import get_example
from tests.e2e.pages import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def design(live_server: Any) -> Design:
    sync_catalog()  # the palette: an earlier transactional test may have emptied the table a migration filled
    user = get_user_model().objects.create_user("demo", password="demo")
    created, _ = create_design(owner=user, document=get_example("three-tier-web-app").path.read_bytes())
    return created


@pytest.fixture
def other_page(browser: Any) -> Iterator[Any]:
    """A second browser (its own cookies and session): the same user at another desk."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def open_editor(page: Any, base: str, design: Design) -> None:
    log_in(page, base)
    page.goto(f"{base}/designs/{design.pk}/")
    expect(page.get_by_test_id("node-db")).to_be_visible()
    saved(page)


def saved(page: Any) -> None:
    expect(page.get_by_role("status").filter(has_text="All changes saved")).to_be_visible(timeout=15_000)


def rename(page: Any, node_id: str, current: str, label: str) -> None:
    """Select the node on the canvas (by its name) and change its name in the Inspector."""
    page.get_by_test_id(f"node-{node_id}").get_by_text(current, exact=True).click()
    page.get_by_role("tab", name="Inspector").click()
    field = page.get_by_role("tabpanel").get_by_label("Name", exact=True)
    field.fill(label)
    field.press("Enter")
    expect(page.get_by_test_id(f"node-{node_id}")).to_contain_text(label)


def conflict(page: Any, number: int) -> Any:
    notice = page.get_by_role("alert").filter(has_text=f"saved revision {number} while you were editing")
    expect(notice).to_be_visible(timeout=15_000)
    expect(page.get_by_role("status").filter(has_text="Not saved: a newer revision exists")).to_be_visible()
    return notice


def head(design: Design) -> Any:
    return Design.objects.get(pk=design.pk).head


def labels(document: dict[str, Any]) -> dict[str, str]:
    return {n["id"]: n.get("label", "") for n in document["nodes"]}


def test_a_stale_save_is_refused_then_loaded_or_saved_over(
    page: Any, other_page: Any, live_server: Any, design: Design
) -> None:
    alice, bob = page, other_page
    open_editor(alice, live_server.url, design)
    open_editor(bob, live_server.url, design)  # both start from revision 1

    # Alice saves first: revision 2.
    rename(alice, "db", "orders-db", "orders-db-alice")
    saved(alice)
    assert head(design).number == 2

    # Bob, still on revision 1, changes something else: his save is refused, and he is told what revision 2 did.
    rename(bob, "secret", "app-config", "config-bob")
    notice = conflict(bob, 2)
    expect(notice).to_contain_text("Demo saved revision 2 while you were editing")
    expect(notice).to_contain_text("orders-db-alice")
    assert head(design).number == 2
    assert labels(head(design).document)["secret"] == "app-config"

    # He loads it: Alice's change is on his canvas, his own is gone, and nothing is left to save.
    notice.get_by_role("button", name="Load their revision").click()
    expect(notice).not_to_be_visible()
    expect(bob.get_by_test_id("node-db")).to_contain_text("orders-db-alice")
    expect(bob.get_by_test_id("node-secret")).not_to_contain_text("config-bob")
    saved(bob)
    assert head(design).number == 2

    # Second round: Bob saves from revision 2 (revision 3); Alice, still on revision 2, then runs into it.
    rename(bob, "assets", "static-assets", "assets-bob")
    saved(bob)
    assert head(design).number == 3
    rename(alice, "logs", "app-logs", "logs-alice")
    notice = conflict(alice, 3)
    expect(notice).to_contain_text("assets-bob")

    # She saves hers over it, deliberately: the newest revision is her canvas (without Bob's rename).
    notice.get_by_role("button", name="Save mine over it").click()
    expect(notice).not_to_be_visible()
    saved(alice)
    newest = head(design)
    assert newest.number == 4
    names = labels(newest.document)
    assert names["logs"] == "logs-alice"
    assert names["db"] == "orders-db-alice"
    assert names["assets"] == "static-assets"
