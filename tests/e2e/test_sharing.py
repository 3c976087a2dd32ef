"""End to end in a real Chromium, with a real Celery worker for the estimate: three browsers around one design. Its
owner shares it from the editor's Share dialog with a second user as a viewer and makes a share link; the viewer
finds it under "Shared with me" and opens it read-only (nothing they do changes it, and the API refuses their save);
an anonymous visitor holding the link views it, sees its cost and downloads its CloudFormation template; once the
owner revokes the link, its page and the design's API answer that visitor 404."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from playwright.sync_api import expect

from designer.models import Design, Revision, Share, ShareLink
from designer.services.catalog import sync_catalog
from designer.services.designs import create_design
from designer.services.examples import get_example
from tests.e2e.pages import log_in
from tests.workers import running_worker, worker_database_url

pytestmark = [pytest.mark.e2e, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

NAME = "Three-tier web app"


@pytest.fixture(scope="module")
def worker(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A worker on this test run's queue (the one the web side sends to): it estimates the design's cost."""
    with django_db_blocker.unblock():
        database_url = worker_database_url()
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    media = tmp_path_factory.mktemp("sharing-worker-media")
    with running_worker(f"sharing-{os.getpid()}@localhost", database_url, queue, media) as name:
        yield name


@pytest.fixture
def design(live_server: Any, worker: str) -> Design:
    """Alice's three-tier design (one revision), priced with the bundled prices; Bob has an account too."""
    sync_catalog()  # the palette: an earlier transactional test may have emptied the table a migration filled
    call_command("refresh_prices", "--bundled", stdout=io.StringIO())
    users = get_user_model().objects
    alice = users.create_user("alice", "alice@example.com", "alice-password")
    users.create_user("bob", "bob@example.com", "bob-password")
    created, _ = create_design(owner=alice, document=get_example("three-tier-web-app").path.read_bytes())
    return created


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[[], Any]]:
    """Opens another browser of its own (its own cookies and session), closed after the test."""
    contexts: list[Any] = []

    def open_page() -> Any:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def share_dialog(page: Any) -> Any:
    """The editor's Share dialog, opened from the toolbar."""
    page.get_by_role("button", name="Share", exact=True).click()
    dialog = page.get_by_role("dialog", name=f"Share “{NAME}”")
    expect(dialog).to_be_visible()
    return dialog


def api(page: Any, method: str, path: str, body: Any = None) -> dict[str, Any]:
    """A call to the API from the page, as its own code makes them (the session cookie, and the CSRF cookie in the
    header): its status and body."""
    answer: dict[str, Any] = page.evaluate(
        """async ([method, path, body]) => {
            const csrf = document.cookie.split("; ").find((c) => c.startsWith("csrftoken="))?.split("=")[1] ?? "";
            const response = await fetch(path, {
                method,
                credentials: "same-origin",
                headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, Accept: "application/json" },
                body: body === null ? undefined : JSON.stringify(body),
            });
            return { status: response.status, body: await response.json().catch(() => null) };
        }""",
        [method, path, body],
    )
    return answer


def test_a_design_is_shared_with_a_viewer_and_by_a_link_that_stops_working_once_revoked(
    page: Any, new_page: Callable[[], Any], live_server: Any, design: Design, tmp_path: Path
) -> None:
    base = live_server.url
    owner, viewer, visitor = page, new_page(), new_page()

    # The owner shares the design from the editor: with Bob (by his email) as a viewer, and by a new link.
    log_in(owner, base, "alice", "alice-password")
    owner.goto(f"{base}/designs/{design.pk}/")
    expect(owner.get_by_test_id("node-db")).to_be_visible()
    dialog = share_dialog(owner)
    expect(dialog).to_contain_text("Not shared with anyone yet")
    form = dialog.get_by_role("form", name="Share with someone")
    form.get_by_label("Username or email").fill("bob@example.com")
    form.get_by_label("Role", exact=True).select_option(label="Viewer")
    form.get_by_role("button", name="Share", exact=True).click()
    expect(form.get_by_role("status")).to_have_text("Shared with bob as viewer.")
    expect(dialog.get_by_role("list", name="Shared with")).to_contain_text("bob")
    expect(dialog.get_by_label("Role of bob")).to_have_value("viewer")

    dialog.get_by_role("button", name="Create link").click()
    url = dialog.get_by_role("textbox", name="New link").input_value()
    assert re.fullmatch(re.escape(base) + r"/s/[\w-]+/", url), url
    expect(dialog.get_by_role("list", name="Links")).to_contain_text("Active")
    assert list(Share.objects.filter(design=design).values_list("user__username", "role")) == [("bob", "viewer")]
    assert ShareLink.objects.filter(design=design, revoked_at=None).count() == 1
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).not_to_be_visible()

    # Bob finds it under "Shared with me", Alice's, as a viewer.
    log_in(viewer, base, "bob", "bob-password")
    shared = viewer.get_by_role("region", name="Shared with me")
    row = shared.get_by_role("row").filter(has=viewer.get_by_role("rowheader", name=NAME, exact=True))
    expect(row).to_contain_text("alice")
    expect(row.locator(".role-badge")).to_have_text("Viewer")
    expect(viewer.get_by_role("region", name="Your designs")).to_contain_text("You have no designs yet")

    # He opens it: read-only, without a palette or a Save (or Share) button, the Inspector's fields disabled.
    writes: list[str] = []
    viewer.on("request", lambda r: writes.append(f"{r.method} {r.url}") if r.method in ("PUT", "PATCH") else None)
    row.get_by_role("link", name=NAME, exact=True).click()
    expect(viewer).to_have_url(f"{base}/designs/{design.pk}/")
    expect(viewer.get_by_role("note")).to_have_text("Read only: you can view this design, not change it")
    expect(viewer.get_by_test_id("node-db")).to_be_visible()
    expect(viewer.get_by_role("navigation", name="Components")).to_have_count(0)
    toolbar = viewer.locator("header.toolbar")
    expect(toolbar.get_by_role("button", name="Save")).to_have_count(0)
    expect(toolbar.get_by_role("button", name="Share", exact=True)).to_have_count(0)
    viewer.get_by_test_id("node-db").get_by_text("orders-db", exact=True).click()
    viewer.get_by_role("tab", name="Inspector").click()
    name_field = viewer.get_by_role("tabpanel").get_by_label("Name", exact=True)
    expect(name_field).to_have_value("orders-db")
    expect(name_field).to_be_disabled()

    # Deleting the selected node (the focus back on the canvas), or saving, changes nothing.
    viewer.get_by_test_id("node-db").get_by_text("orders-db", exact=True).click()
    viewer.keyboard.press("Delete")
    viewer.keyboard.press("Control+s")
    viewer.wait_for_timeout(2_500)  # longer than the autosave's pause after a change (1.5 s)
    expect(viewer.get_by_test_id("node-db")).to_be_visible()
    assert writes == []

    # A save sent from his browser all the same is refused.
    sent = api(viewer, "GET", f"/api/designs/{design.pk}/")
    assert sent["status"] == 200 and sent["body"]["role"] == "viewer"
    taken = {"document": {**sent["body"]["document"], "name": "Taken over"}, "base_revision": 1}
    refused = api(viewer, "PUT", f"/api/designs/{design.pk}/", taken)
    assert refused["status"] == 403, refused
    assert refused["body"]["detail"] == "You can view this design but not change it."
    assert list(Revision.objects.filter(design=design).values_list("number", flat=True)) == [1]
    assert Design.objects.get(pk=design.pk).name == NAME

    # An anonymous visitor opens the link: the design, read-only, with no detour to the login page.
    opened = visitor.goto(url)
    assert opened is not None and opened.status == 200
    expect(visitor.get_by_role("note")).to_have_text("Shared by link: read only")
    expect(visitor.get_by_role("heading", name=NAME)).to_be_visible()
    expect(visitor.get_by_test_id("node-db")).to_be_visible()
    expect(visitor).to_have_url(url)
    expect(visitor.get_by_role("navigation", name="Components")).to_have_count(0)

    # The worker estimates it for them, at the bundled prices.
    visitor.get_by_role("tab", name="Cost").click()
    expect(visitor.get_by_test_id("cost-total")).to_have_text(re.compile(r"\$[1-9][\d,]*\.\d\d"), timeout=60_000)

    # They download its CloudFormation template.
    visitor.get_by_role("tab", name="Export").click()
    with visitor.expect_download() as template_download:
        visitor.get_by_role("link", name="YAML", exact=True).click()
    template = tmp_path / "template.yaml"
    template_download.value.save_as(template)
    text = template.read_text(encoding="utf-8")
    assert text.startswith('AWSTemplateFormatVersion: "2010-09-09"\n'), text[:200]
    assert "\nResources:\n" in text and "AWS::RDS::DBCluster" in text
    # Their session reads the design through the API (and only reads it).
    held = api(visitor, "GET", f"/api/designs/{design.pk}/")
    assert held["status"] == 200 and held["body"]["role"] == "viewer"
    taken = {"document": {**held["body"]["document"], "name": "Taken over"}, "base_revision": 1}
    assert api(visitor, "PUT", f"/api/designs/{design.pk}/", taken)["status"] == 403
    assert Revision.objects.filter(design=design).count() == 1

    # The owner revokes the link; it stays listed, revoked.
    dialog = share_dialog(owner)
    links = dialog.get_by_role("list", name="Links")
    links.get_by_role("button", name=re.compile(r"^Revoke the link created ")).click()
    expect(links).to_contain_text("Revoked")
    expect(links.get_by_role("button", name=re.compile("^Revoke"))).to_have_count(0)
    assert ShareLink.objects.get(design=design).revoked_at is not None

    # The visitor's link page is now a 404, and so is the design in the API, for the session that opened it.
    reopened = visitor.goto(url)
    assert reopened is not None and reopened.status == 404
    for path in (f"/api/designs/{design.pk}/", f"/api/designs/{design.pk}/revisions/"):
        assert api(visitor, "GET", path)["status"] == 404, path
    # Bob, whose share was not touched, still views it.
    assert api(viewer, "GET", f"/api/designs/{design.pk}/")["status"] == 200
